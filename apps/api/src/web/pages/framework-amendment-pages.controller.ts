import { Controller, Get, HttpException, Param, Post, Req, Res, SetMetadata, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ACCESS_RULE } from '@app/auth';
import { FrameworkService } from '@app/commissioning';
import { businessDateOf, DomainError } from '@app/domain';
import { Clock, FinancialYearPipe, ProblemDetailsFilter, strictValidationPipe } from '@app/platform';
import { FrameworkAmendmentsController } from '../../frameworks/amendments.controller';
import { AddBoardDto, AddLocalityDto, AddPriorityDto, ChangeBudgetDto, MergeLocalitiesDto } from '../../frameworks/amendments.dto';
import { AMENDMENT_FORMS, type AmendmentKind, isAmendmentKind } from '../forms/amendment-forms';
import { bodyOf, inputName } from '../forms/form-body';
import { WebPage } from '../views/page';
import { fieldId } from '../views/web-views';

const problems = new ProblemDetailsFilter();
const api = FrameworkAmendmentsController.prototype;
type Handler = (year: string, dto: unknown, request: Request, response: Response) => Promise<unknown>;

/** Each amendment's API route: its handler and DTO. */
const ROUTES: Record<AmendmentKind, { dto: Type; handler: keyof FrameworkAmendmentsController }> = {
  budget: { dto: ChangeBudgetDto, handler: 'changeBudget' },
  boards: { dto: AddBoardDto, handler: 'addBoard' },
  localities: { dto: AddLocalityDto, handler: 'addLocality' },
  'locality-mergers': { dto: MergeLocalitiesDto, handler: 'mergeLocalities' },
  priorities: { dto: AddPriorityDto, handler: 'addPriority' },
};
/** The API's rule for amending a framework (FRAMEWORK_CHANGE_ROLES), read from its routes: one copy of who may. */
const ChangesFrameworks = (): MethodDecorator => SetMetadata(ACCESS_RULE, Reflect.getMetadata(ACCESS_RULE, api.changeBudget) as unknown);
for (const { handler } of Object.values(ROUTES)) {
  if (JSON.stringify(Reflect.getMetadata(ACCESS_RULE, api[handler])) !== JSON.stringify(Reflect.getMetadata(ACCESS_RULE, api.changeBudget))) {
    throw new Error(`The amendment route ${handler} admits others than the budget change: give its page its own rule`);
  }
}

/** Changing a year's framework: one form per amendment, each through the API's own route handler. */
@ApiExcludeController()
@Controller('app/framework')
export class FrameworkAmendmentPagesController {
  private readonly pipe = strictValidationPipe();

  constructor(
    private readonly modules: ModuleRef,
    private readonly frameworks: FrameworkService,
    private readonly page: WebPage,
    private readonly clock: Clock,
  ) {}

  @Get(':year/amendments/:kind')
  @ChangesFrameworks()
  async form(@Param('year', FinancialYearPipe) year: string, @Param('kind') kind: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.page.html(request, response, 'pages/framework-amendment.njk', await this.formData(year, this.kindOf(kind), {}));
  }

  @Post(':year/amendments/:kind')
  @ChangesFrameworks()
  async amend(@Param('year', FinancialYearPipe) year: string, @Param('kind') kind: string, @Req() request: Request, @Res() response: Response) {
    const chosen = this.kindOf(kind);
    const posted = (request.body ?? {}) as Record<string, unknown>;
    try {
      const body = bodyOf((await this.formData(year, chosen, {})).fields, posted);
      const dto: unknown = await this.pipe.transform(body, { type: 'body', metatype: ROUTES[chosen].dto });
      // The business date and the request's fingerprint are read from the body, as the API reads them.
      request.body = body;
      const controller = this.modules.get(FrameworkAmendmentsController, { strict: false });
      await (controller[ROUTES[chosen].handler] as Handler).call(controller, year, dto, request, response);
    } catch (error) {
      const problem = problems.toProblem(error);
      // What the person typed was refused: the same form again, the problem as its error summary.
      if (!(error instanceof HttpException || error instanceof DomainError) || problem.status >= 500 || [401, 403, 404].includes(problem.status)) throw error;
      response.send(this.page.html(request, response, 'pages/framework-amendment.njk', await this.formData(year, chosen, { problem, values: posted }), problem.status));
      return;
    }
    const done = `${AMENDMENT_FORMS[chosen].title}: done`;
    response.redirect(303, `/app/framework?year=${encodeURIComponent(year)}&done=${encodeURIComponent(done)}#main-content`);
  }

  private kindOf(kind: string): AmendmentKind {
    if (!isAmendmentKind(kind)) throw new DomainError('NOT_FOUND', `No amendment ${kind}`);
    return kind;
  }

  private async formData(year: string, kind: AmendmentKind, extra: Record<string, unknown>) {
    const state = await this.frameworks.load(year);
    if (!state.definition) throw DomainError.field('NOT_FOUND', 'year', `no framework has been imported for ${year}`);
    const form = AMENDMENT_FORMS[kind];
    const fields = form.fields(state.definition, state).map((field) => ({ ...field, id: fieldId(field.name), input: inputName(field.name) }));
    const dateFields = fields.filter((f) => f.kind === 'date').map((f) => f.name);
    return { title: form.title, form, year, fields, dateFields, today: businessDateOf(this.clock.now()), values: {}, ...extra };
  }
}
