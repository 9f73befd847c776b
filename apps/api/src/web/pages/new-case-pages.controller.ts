import { Controller, Get, HttpException, Param, Post, Query, Req, Res, SetMetadata, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ACCESS_RULE } from '@app/auth';
import { RaiseProposalDto, ReceiveGrantApplicationDto, RequestCspPlanDto } from '@app/case-requests';
import { FrameworkService } from '@app/commissioning';
import { businessDateOf, DomainError } from '@app/domain';
import { Clock, ProblemDetailsFilter, strictValidationPipe } from '@app/platform';
import { CasesController } from '../../cases/cases.controller';
import { BudgetQuery } from '../../read-models/budget/budget.query';
import { bodyOf, inputName } from '../forms/form-body';
import { isNewCaseKind, NEW_CASE_FORMS, type NewCaseKind } from '../forms/new-case-forms';
import { WebPage } from '../views/page';
import { fieldId } from '../views/web-views';

const problems = new ProblemDetailsFilter();
const api = CasesController.prototype;

/** Each kind's API route: its handler and DTO. The page admits whom the route admits (its own access rule). */
const ROUTES: Record<NewCaseKind, { dto: Type; handler: keyof CasesController }> = {
  proposal: { dto: RaiseProposalDto, handler: 'raiseProposal' },
  'plf-plan-request': { dto: RequestCspPlanDto, handler: 'requestCspPlan' },
  'grant-application': { dto: ReceiveGrantApplicationDto, handler: 'receiveGrantApplication' },
};
/** The API's rule for opening cases, read from its routes: one copy of who may. */
const OpensCases = (): MethodDecorator => SetMetadata(ACCESS_RULE, Reflect.getMetadata(ACCESS_RULE, api.raiseProposal) as unknown);
for (const { handler } of Object.values(ROUTES)) {
  if (JSON.stringify(Reflect.getMetadata(ACCESS_RULE, api[handler])) !== JSON.stringify(Reflect.getMetadata(ACCESS_RULE, api.raiseProposal))) {
    throw new Error(`POST /cases/${handler} admits others than the other opening routes: give its page its own rule`);
  }
}

/** New cases: a proposal, a CSP plan request, a grant application, each through the API's own opening route. */
@ApiExcludeController()
@Controller('app/cases/new')
export class NewCasePagesController {
  private readonly pipe = strictValidationPipe();

  constructor(
    private readonly modules: ModuleRef,
    private readonly frameworks: FrameworkService,
    private readonly budget: BudgetQuery,
    private readonly page: WebPage,
    private readonly clock: Clock,
  ) {}

  @Get()
  @OpensCases()
  start(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.page.html(request, response, 'pages/new-case-start.njk', { title: 'Open a new case', forms: Object.values(NEW_CASE_FORMS) });
  }

  @Get(':kind')
  @OpensCases()
  async form(@Param('kind') kind: string, @Query('year') year: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.page.html(request, response, 'pages/new-case.njk', await this.formData(this.kindOf(kind), typeof year === 'string' ? year : undefined, {}));
  }

  @Post(':kind')
  @OpensCases()
  async open(@Param('kind') kind: string, @Req() request: Request, @Res() response: Response) {
    const chosen = this.kindOf(kind);
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const year = typeof posted.financialYear === 'string' ? posted.financialYear : undefined;
    let caseId: string;
    try {
      const fields = (await this.formData(chosen, year, {})).fields;
      const body = bodyOf(fields, posted);
      const dto: unknown = await this.pipe.transform(body, { type: 'body', metatype: ROUTES[chosen].dto });
      // The business date and the request's fingerprint are read from the body, as the API reads them.
      request.body = body;
      const controller = this.modules.get(CasesController, { strict: false });
      const handle = controller[ROUTES[chosen].handler] as (dto: unknown, request: Request, response: Response) => Promise<{ caseId: string }>;
      caseId = (await handle.call(controller, dto, request, response)).caseId;
    } catch (error) {
      const problem = problems.toProblem(error);
      // What the person typed was refused: the same form again, the problem as its error summary.
      if (!(error instanceof HttpException || error instanceof DomainError) || problem.status >= 500 || [401, 403].includes(problem.status)) throw error;
      const data = await this.formData(chosen, year, { problem, values: posted });
      response.status(problem.status).send(this.page.html(request, response, 'pages/new-case.njk', data, problem.status));
      return;
    }
    response.redirect(303, `/app/cases/${encodeURIComponent(caseId)}?done=${encodeURIComponent(`${NEW_CASE_FORMS[chosen].title}: case ${caseId} opened`)}#main-content`);
  }

  private kindOf(kind: string): NewCaseKind {
    if (!isNewCaseKind(kind)) throw new DomainError('NOT_FOUND', `No kind of case ${kind}`);
    return kind;
  }

  private async formData(kind: NewCaseKind, year: string | undefined, extra: Record<string, unknown>) {
    const years = await this.budget.years();
    const chosen = year && years.includes(year) ? year : years[0];
    const framework = chosen ? (await this.frameworks.load(chosen).catch(() => undefined))?.definition ?? undefined : undefined;
    const form = NEW_CASE_FORMS[kind];
    const fields = form.fields(framework, years).map((field) => ({ ...field, id: fieldId(field.name), input: inputName(field.name) }));
    const dateFields = fields.filter((f) => f.kind === 'date').map((f) => f.name);
    return { title: form.title, form, fields, years, year: chosen, today: businessDateOf(this.clock.now()), dateFields, values: { financialYear: chosen }, ...extra };
  }
}
