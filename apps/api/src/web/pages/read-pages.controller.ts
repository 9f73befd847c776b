import { Controller, Get, type OnModuleInit, Param, Query, Req, Res, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { callerOf, Roles } from '@app/auth';
import { CaseIdPipe, ProblemDetailsFilter, strictValidationPipe } from '@app/platform';
import { AuditController } from '../../audit/audit.controller';
import { AsOfQueryDto } from '../../audit/audit-query.dto';
import { AuditLogController } from '../../read-models/audit-log/audit-log.controller';
import { AuditLogQueryDto } from '../../read-models/audit-log/audit-log.dto';
import { DeadlinesController } from '../../read-models/deadlines/deadlines.controller';
import { DeadlinesQueryDto } from '../../read-models/deadlines/deadlines.dto';
import { OutcomesController } from '../../read-models/outcomes/outcomes.controller';
import { OutcomesQueryDto } from '../../read-models/outcomes/outcomes.dto';
import { PipelineController } from '../../read-models/pipeline/pipeline.controller';
import { PipelineQueryDto } from '../../read-models/pipeline/pipeline.dto';
import { ragChartSvg } from '../charts/rag-chart';
import { WebPage } from '../views/page';
import { FilterOptionsSource, selectItems } from './filter-options';
import { pipelineBoard } from './pipeline-board.presenter';

const problems = new ProblemDetailsFilter();

/** A GET form leaves blank filters as empty strings: absent, for the API's query DTO. */
const filled = (query: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '' && value !== undefined));

/**
 * The read pages: each asks the API's own query handler, with the query checked by the API's
 * own DTO, under the same roles (a CSP user's locality forced by the access guard).
 */
@ApiExcludeController()
@Controller('app')
export class ReadPagesController implements OnModuleInit {
  private readonly pipe = strictValidationPipe();
  private pipeline!: PipelineController;
  private outcomes!: OutcomesController;
  private deadlines!: DeadlinesController;
  private auditLog!: AuditLogController;
  private audit!: AuditController;

  constructor(
    private readonly modules: ModuleRef,
    private readonly page: WebPage,
    private readonly options: FilterOptionsSource,
  ) {}

  onModuleInit(): void {
    const get = <T>(type: Type<T>): T => this.modules.get(type, { strict: false });
    [this.pipeline, this.outcomes, this.deadlines, this.auditLog, this.audit] = [get(PipelineController), get(OutcomesController), get(DeadlinesController), get(AuditLogController), get(AuditController)];
  }

  private async query<T>(raw: Record<string, unknown>, dto: Type<T>): Promise<T> {
    return (await this.pipe.transform(filled(raw), { type: 'query', metatype: dto })) as T;
  }

  /** A refused filter is shown on the page it came from, as the error summary. */
  private async render(request: Request, response: Response, template: string, title: string, load: () => Promise<Record<string, unknown>>, base: Record<string, unknown> = {}) {
    try {
      return this.page.html(request, response, template, { title, filters: filled(request.query as Record<string, unknown>), ...base, ...(await load()) });
    } catch (error) {
      const problem = problems.toProblem(error);
      if (problem.status !== 400 && problem.status !== 422) throw error;
      return this.page.html(request, response, template, { title, problem, filters: filled(request.query as Record<string, unknown>), ...base }, problem.status);
    }
  }

  /** The board: every case the filters select, by mechanism and by stage of its workflow. */
  @Get('pipeline')
  @Roles('opcc-staff', 'csp:own-locality', 'auditor', 'admin')
  async pipelinePage(@Query() raw: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const options = await this.options.of(raw.financialYear);
    return this.render(request, response, 'pages/pipeline.njk', 'Pipeline', async () => {
      const result = await this.pipeline.list(await this.query({ limit: '500', ...raw }, PipelineQueryDto));
      return { result, board: pipelineBoard(result.items, options.names) };
    }, { names: options.names, select: this.selects(options, raw) });
  }

  @Get('outcomes')
  @Roles('opcc-staff', 'csp:own-locality', 'auditor', 'admin')
  async outcomesPage(@Query() raw: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const options = await this.options.of(raw.financialYear);
    return this.render(request, response, 'pages/outcomes.njk', 'Outcomes', async () => {
      const query = await this.query({ limit: '200', ...raw }, OutcomesQueryDto);
      // Roll-ups total every locality: not for a CSP user, whose view is its own locality.
      const rollups = callerOf(request)?.role === 'csp' ? null : await this.outcomes.rollups({ financialYear: query.financialYear });
      const ragOverTime = await this.outcomes.ragOverTime(query);
      // The browser's Accept (text/html, */*) takes the API's JSON answer, not its CSV.
      return {
        result: await this.outcomes.list(query, request, response),
        rollups,
        ragOverTime,
        ragChart: ragOverTime.length > 0 ? ragChartSvg(ragOverTime) : null,
        csvQuery: new URLSearchParams(filled(raw) as Record<string, string>).toString(),
      };
    }, { names: options.names, select: this.selects(options, raw) });
  }

  /** The outcomes table as a download, with the page's filters. */
  @Get('outcomes.csv')
  @Roles('opcc-staff', 'csp:own-locality', 'auditor', 'admin')
  async outcomesCsv(@Query() raw: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    return this.outcomes.csv(await this.query(raw, OutcomesQueryDto), response);
  }

  /** The filter selects, each with the value asked chosen. */
  private selects(options: Awaited<ReturnType<FilterOptionsSource['of']>>, raw: Record<string, unknown>) {
    return {
      financialYear: selectItems(options.years.map((y) => ({ value: y, text: y })), raw.financialYear, 'Every year'),
      mechanism: selectItems(options.mechanisms, raw.mechanism),
      locality: selectItems(options.localities, raw.locality),
      theme: selectItems(options.themes, raw.theme),
      priority: selectItems(options.priorities, raw.priority),
      rag: selectItems(['red', 'amber', 'green'].map((r) => ({ value: r, text: r[0].toUpperCase() + r.slice(1) })), raw.rag),
    };
  }

  @Get('deadlines')
  @Roles('opcc-staff', 'csp:own-locality', 'auditor', 'admin')
  deadlinesPage(@Query() raw: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.render(request, response, 'pages/deadlines.njk', 'Deadlines', async () => ({ result: await this.deadlines.list(await this.query({ limit: '200', ...raw }, DeadlinesQueryDto)) }));
  }

  @Get('audit/log')
  @Roles('opcc-staff', 'auditor', 'admin')
  auditLogPage(@Query() raw: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.render(request, response, 'pages/audit-log.njk', 'Audit log', async () => ({ result: await this.auditLog.list(await this.query(raw, AuditLogQueryDto)) }));
  }

  @Get('audit/verify')
  @Roles('auditor', 'admin')
  verifyPage(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.render(request, response, 'pages/audit-verify.njk', 'Verify the log', async () => ({ report: await this.audit.verify() }));
  }

  @Get('audit/as-of')
  @Roles('auditor', 'admin')
  asOfForm(@Query('caseId') caseId: unknown, @Query('asOf') asOf: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    if (typeof caseId === 'string' && /^[\w-]{1,60}$/.test(caseId.trim())) {
      response.redirect(303, `/app/audit/cases/${encodeURIComponent(caseId.trim())}?asOf=${encodeURIComponent(typeof asOf === 'string' ? asOf : '')}&basis=occurred`);
      return '';
    }
    return this.page.html(request, response, 'pages/audit-as-of.njk', { title: 'A case as of a date and time', filters: {} });
  }

  @Get('audit/cases/:caseId')
  @Roles('auditor', 'admin')
  caseAsOfPage(@Param('caseId', CaseIdPipe) caseId: string, @Query() raw: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.render(request, response, 'pages/audit-as-of.njk', `Case ${caseId} as of a date and time`, async () => ({
      caseId,
      found: await this.audit.caseAsOf(caseId, await this.query(raw, AsOfQueryDto)),
    }));
  }
}
