import { Controller, Get, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { callerOf, frameworkGrants, FrameworkRoles, type Grant, Roles } from '@app/auth';
import { AppConfig } from '@app/config';
import { documentChecksum, FrameworkService, ImportFrameworkDocument, type ImportReport } from '@app/commissioning';
import { DomainError, formatPence, readFrameworkImport, sumPence } from '@app/domain';
import { AcceptsBody, Clock, parseJsonField, ProblemDetailsFilter } from '@app/platform';
import { commitmentFilterOf, commitmentsCsv, matchesCommitment } from '../../frameworks/commitments.table';
import { presentCommitment, presentFramework } from '../../frameworks/framework.presenter';
import { commandContextFrom } from '../../http/request-context';
import { BudgetQuery } from '../../read-models/budget/budget.query';
import { AMENDMENT_FORMS } from '../forms/amendment-forms';
import { checkFormToken } from '../sessions/session.middleware';
import { webSessionOf } from '../sessions/web-session';
import { WebPage } from '../views/page';

const problems = new ProblemDetailsFilter();
/** The API's own limit for a framework document. */
const UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * A framework document from the form, checked at the input boundary as a JSON body would be
 * (UTF-8, depth, keys, text, amounts), or the problem naming why not; nothing is appended either way.
 */
const parseDocument = (bytes: Buffer): unknown => parseJsonField(bytes, 'document', 'is not a JSON framework document (see infra/seed/framework-2016-17.json)');

/** The figures of a document before anything is appended: what an import would record. */
function previewOf(document: unknown) {
  const { definition } = readFrameworkImport(document, documentChecksum(document));
  const lines = definition.commitments;
  const bySource = (source: string) => sumPence(lines.filter((l) => l.source === source).map((l) => l.valuePence));
  return {
    financialYear: definition.financialYear,
    title: definition.title,
    total: formatPence(definition.totalBudgetPence),
    commitments: { count: lines.filter((l) => l.source === 'appendix-b').length, total: formatPence(bySource('appendix-b')) },
    allocations: { count: lines.filter((l) => l.source === 'appendix-c').length, total: formatPence(bySource('appendix-c')) },
    reserve: formatPence(definition.reservePence),
    plf: { total: formatPence(definition.plf.totalPence), meetingDeadline: definition.plf.meetingDeadline },
    localities: definition.localities.map((l) => ({ name: l.name, allocation: formatPence(l.plfAllocationPence) })),
    themes: definition.themes.length,
    priorities: definition.strategicPriorities.length,
  };
}

/** The framework of a year, and importing one by upload: the preview first, then the API's own import command. */
@ApiExcludeController()
@Controller('app/framework')
export class FrameworkPagesController {
  constructor(
    private readonly frameworks: FrameworkService,
    private readonly budget: BudgetQuery,
    private readonly bus: CommandBus,
    private readonly page: WebPage,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('opcc-staff', 'auditor', 'admin')
  async show(@Query() query: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const years = await this.budget.years();
    const chosen = typeof query.year === 'string' && years.includes(query.year) ? query.year : years[0];
    const role = callerOf(request)?.role as Grant;
    const mayImport = frameworkGrants(this.config, 'set-up').includes(role);
    const mayChange = frameworkGrants(this.config, 'change').includes(role);
    const done = typeof query.done === 'string' ? query.done.slice(0, 200) : undefined;
    if (!chosen) return this.page.html(request, response, 'pages/framework.njk', { title: 'Framework', years, mayImport, done });
    const state = await this.frameworks.load(chosen);
    const filter = commitmentFilterOf(query);
    const all = (state.definition?.commitments ?? []).map(presentCommitment);
    const commitments = all.filter((line) => matchesCommitment(line, filter));
    const csvQuery = new URLSearchParams(Object.entries({ year: chosen, ...filter }).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    return this.page.html(request, response, 'pages/framework.njk', {
      title: `Framework ${chosen}`, years, year: chosen, framework: presentFramework(state), commitments, total: all.length, filter, csvQuery, mayImport,
      mayChange, amendments: Object.values(AMENDMENT_FORMS), done,
      shownPence: sumPence(commitments.map((line) => line.valuePence)),
    });
  }

  /** The commitments table as a download, with the page's filters. */
  @Get('commitments.csv')
  @Roles('opcc-staff', 'auditor', 'admin')
  async commitmentsCsv(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const years = await this.budget.years();
    const year = typeof query.year === 'string' && years.includes(query.year) ? query.year : undefined;
    if (!year) throw DomainError.field('NOT_FOUND', 'year', `no framework has been imported for ${String(query.year ?? 'that year')}`);
    const filter = commitmentFilterOf(query);
    const lines = ((await this.frameworks.load(year)).definition?.commitments ?? []).map(presentCommitment).filter((line) => matchesCommitment(line, filter));
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="commitments-${year}.csv"`);
    return commitmentsCsv(lines);
  }

  @Get('import')
  @FrameworkRoles('set-up')
  importForm(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.page.html(request, response, 'pages/framework-import.njk', { title: 'Import a framework document' });
  }

  /** Step 1: the uploaded document checked as the import would check it, and its figures shown; nothing appended. */
  @Post('import')
  @FrameworkRoles('set-up')
  @AcceptsBody('multipart/form-data')
  @UseInterceptors(FileInterceptor('document', { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 5 } }))
  preview(@UploadedFile() file: { buffer: Buffer } | undefined, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const session = webSessionOf(request);
    if (!session) throw new DomainError('SIGN_IN_NEEDED', 'Sign in again');
    checkFormToken(request.body, session);
    try {
      if (!file) throw DomainError.field('VALIDATION_FAILED', 'document', 'Select a framework document (a .json file)');
      const preview = previewOf(parseDocument(file.buffer));
      const text = file.buffer.toString('utf8');
      return this.page.html(request, response, 'pages/framework-preview.njk', { title: `Check the ${preview.financialYear} framework`, preview, documentText: text });
    } catch (error) {
      return this.refused(error, request, response);
    }
  }

  /** Step 2: the same document, confirmed, imported by the API's ImportFrameworkDocument command. */
  @Post('import/confirm')
  @FrameworkRoles('set-up')
  @AcceptsBody('multipart/form-data')
  // The document comes back as a form field of the preview, so it is multipart too: a form's urlencoded body is kept small.
  @UseInterceptors(FileInterceptor('none', { limits: { fieldSize: UPLOAD_LIMIT_BYTES, files: 0, fields: 5 } }))
  async confirm(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const session = webSessionOf(request);
    if (!session) throw new DomainError('SIGN_IN_NEEDED', 'Sign in again');
    checkFormToken(request.body, session);
    const text = (request.body as { document?: unknown }).document;
    try {
      const document = parseDocument(Buffer.from(typeof text === 'string' ? text : '', 'utf8'));
      const report: ImportReport = await this.bus.execute(new ImportFrameworkDocument(document, commandContextFrom(request, this.clock)));
      return this.page.html(request, response, 'pages/framework-imported.njk', { title: `Framework ${report.financialYear} imported`, report });
    } catch (error) {
      return this.refused(error, request, response);
    }
  }

  /** Every refusal against the line it names, on the upload page again. */
  private refused(error: unknown, request: Request, response: Response): string {
    const problem = problems.toProblem(error);
    if (problem.status >= 500 || [401, 403].includes(problem.status)) throw error;
    return this.page.html(request, response, 'pages/framework-import.njk', { title: 'Import a framework document', problem, refusals: problem.errors ?? [] }, problem.status);
  }
}
