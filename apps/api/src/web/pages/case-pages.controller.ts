import { Controller, Get, HttpException, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { callerOf, commandForPath, Roles, RolesOfCommand } from '@app/auth';
import { CaseService } from '@app/commissioning';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { DocumentService, formatBytes } from '@app/documents';
import { businessDateOf, documentKindsFor, DomainError } from '@app/domain';
import { CaseIdPipe, Clock, ProblemDetailsFilter } from '@app/platform';
import { findDeadlines } from '@app/projections/deadlines';
import { actualsOfCase, caseSchedule } from '@app/projections/actuals';
import { loadOutcome, outcomeView } from '@app/projections/outcomes';
import { CASE_FORMS } from '../forms/case-forms';
import { CaseCommands } from '../forms/case-commands';
import { bodyOf } from '../forms/form-body';
import { WebPage } from '../views/page';
import { casePage, slugOf } from './case-page.presenter';
import { UPLOAD_PROBLEMS } from './document-pages.controller';
import { planPage, planBody } from './plan-page.presenter';

/** The plan page's parts as its headings name them, for the error summary. */
const PLAN_LABELS = { budgetLines: 'Budget breakdown', performanceFramework: 'Performance framework', on: 'Date of submission' };

const problems = new ProblemDetailsFilter();

/** The case page, its actions as forms, and the CSP's plan: each decided by the API's own rules. */
@ApiExcludeController()
@Controller('app/cases')
export class CasePagesController {
  constructor(
    private readonly cases: CaseService,
    private readonly commands: CaseCommands,
    private readonly page: WebPage,
    private readonly clock: Clock,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly documents: DocumentService,
  ) {}

  @Get(':caseId')
  @Roles('opcc-staff', 'csp:own-case', 'auditor', 'admin')
  async show(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Query('done') done: unknown,
    @Query('documentProblem') documentProblem: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const problem = UPLOAD_PROBLEMS.find((code) => code === documentProblem);
    const extra = { done: typeof done === 'string' ? done.slice(0, 200) : undefined, documentProblem: problem };
    return this.page.html(request, response, 'pages/case.njk', await this.caseData(caseId, request, extra), problem ? 400 : 200);
  }

  @Get(':caseId/plan')
  @Roles('opcc-staff', 'csp:own-case', 'admin')
  async plan(@Param('caseId', CaseIdPipe) caseId: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const state = await this.cases.get(caseId);
    return this.page.html(request, response, 'pages/plan.njk', { title: `Plan for ${state.profile.title}`, ...planPage(state, undefined, this.today()) });
  }

  /**
   * Every case command from a form, at its API path (meeting-held, checkpoints/due-diligence,
   * payments/claims/c-1/approval): the guard admits it by CASE_COMMAND_ACCESS, the API's handler runs it.
   */
  @Post(':caseId/*command')
  @RolesOfCommand('command')
  async act(@Param('caseId', CaseIdPipe) caseId: string, @Param('command') segments: string[], @Req() request: Request, @Res() response: Response) {
    const action = segments.join('/');
    const command = commandForPath(action);
    if (!command || !this.commands.has(command.path)) throw new DomainError('NOT_FOUND', `No command ${action}`);
    const form = CASE_FORMS[command.type];
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const isPlan = command.type === 'SubmitCspPlan';
    if (isPlan && posted.update !== undefined) return this.rerenderPlan(caseId, posted, undefined, request, response, 200);
    try {
      const body = isPlan ? planBody(posted) : bodyOf(form.fields, posted, form.lists);
      await this.commands.run(command.path, command.params, caseId, body, request, response);
    } catch (error) {
      const problem = problems.toProblem(error);
      // What the person typed was refused: the same page again, the problem as its error summary.
      if (!(error instanceof HttpException || error instanceof DomainError) || problem.status >= 500 || [401, 403, 404].includes(problem.status)) throw error;
      if (isPlan) return this.rerenderPlan(caseId, posted, problem, request, response, problem.status);
      const slug = slugOf(action);
      const dateFields = form.fields.filter((f) => f.kind === 'date').map((f) => f.name);
      const groupFields = form.fields.filter((f) => f.kind === 'checkboxes').map((f) => f.name);
      const fieldLabels = Object.fromEntries(form.fields.map((f) => [f.name, f.label]));
      const data = await this.caseData(caseId, request, { problem, openAction: slug, values: posted, errorPrefix: slug, dateFields, groupFields, fieldLabels });
      response.send(this.page.html(request, response, 'pages/case.njk', data, problem.status));
      return;
    }
    response.redirect(303, `/app/cases/${encodeURIComponent(caseId)}?done=${encodeURIComponent(`${form.title}: done`)}#main-content`);
  }

  private async rerenderPlan(caseId: string, posted: Record<string, unknown>, problem: unknown, request: Request, response: Response, status: number) {
    const state = await this.cases.get(caseId);
    response.send(this.page.html(request, response, 'pages/plan.njk', { title: `Plan for ${state.profile.title}`, problem, fieldLabels: PLAN_LABELS, ...planPage(state, posted, this.today()) }, status));
  }

  private today(): string {
    return businessDateOf(this.clock.now());
  }

  private async caseData(caseId: string, request: Request, extra: Record<string, unknown>) {
    const caller = callerOf(request);
    if (!caller) throw new Error('The case page is reached only through the access guard');
    const [state, history, deadlines, outcome, actuals] = await Promise.all([
      this.cases.get(caseId),
      this.cases.history(caseId),
      findDeadlines(this.db, { caseId, limit: 100 }),
      loadOutcome(this.db, caseId),
      actualsOfCase(this.db, caseId),
    ]);
    const today = this.today();
    return {
      title: state.profile.title,
      today,
      outcome: outcome ? outcomeView(outcome, today) : null,
      // The schedule as GET /cases/{caseId}/payments reads it: each instalment's state on today's date.
      schedule: actuals?.payments ? caseSchedule(actuals, today) : null,
      ...casePage(state, history, deadlines.items, caller),
      documentKinds: caller.role === 'auditor' ? [] : documentKindsFor(caller.role),
      documentMaxLabel: formatBytes(this.documents.settings.maxBytes),
      ...extra,
    };
  }
}
