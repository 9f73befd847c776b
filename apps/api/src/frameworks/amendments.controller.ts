import { applyDecorators, Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FrameworkRoles } from '@app/auth';
import { RunFrameworkCommand } from '@app/commissioning';
import type { FrameworkAmendment } from '@app/domain';
import { Clock, FinancialYearPipe } from '@app/platform';
import { respond } from '../http/outcome-response';
import { businessDateFor, commandContextFrom } from '../http/request-context';
import { AddBoardDto, AddLocalityDto, AddPriorityDto, ChangeBudgetDto, MergeLocalitiesDto } from './amendments.dto';

const problem = (example: object) => ({ 'application/problem+json': { example } });

/** POST /frameworks/:year/amendments/<path>: one amendment, by the roles FRAMEWORK_CHANGE_ROLES admits. */
function Amendment(path: string, summary: string, refusal: { code: string; field: string; reason: string }): MethodDecorator {
  return applyDecorators(
    Post(`:year/amendments/${path}`),
    FrameworkRoles('change'),
    HttpCode(201),
    ApiOperation({ summary, description: 'Recorded on the framework stream with its reason and business date; the same amendment again appends nothing.' }),
    ApiBadRequestResponse({ description: 'A field is malformed; `errors[]` names each. Nothing is appended.' }),
    ApiUnprocessableEntityResponse({
      description: 'The amendment would break what the framework already holds or has committed. Nothing is appended.',
      content: problem({ status: 422, code: refusal.code, detail: `${refusal.field}: ${refusal.reason}`, errors: [{ field: refusal.field, reason: refusal.reason }] }),
    }),
  );
}

/** Changes to a year's framework during the year: budget, boards, localities, priorities. */
@ApiTags('frameworks')
@Controller('frameworks')
export class FrameworkAmendmentsController {
  constructor(
    private readonly bus: CommandBus,
    private readonly clock: Clock,
  ) {}

  private async amend(year: string, request: Request, response: Response, command: FrameworkAmendment) {
    return respond(response, await this.bus.execute(new RunFrameworkCommand(year, command, commandContextFrom(request, this.clock))));
  }

  private common(request: Request, body: { reason: string }) {
    return { on: businessDateFor(request, this.clock), reason: body.reason };
  }

  @Amendment('budget', 'Change the total budget and/or the reserve', {
    code: 'BUDGET_BELOW_COMMITTED',
    field: 'totalBudgetPence',
    reason: '£3,000,000.00 cannot hold what is committed (£4,271,983.00), the pots left (£0.00) and a reserve of £339,017.00',
  })
  changeBudget(@Param('year', FinancialYearPipe) year: string, @Body() body: ChangeBudgetDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const amounts = { ...(body.totalBudgetPence !== undefined ? { totalBudgetPence: body.totalBudgetPence } : {}), ...(body.reservePence !== undefined ? { reservePence: body.reservePence } : {}) };
    return this.amend(year, request, response, { type: 'ChangeBudget', ...this.common(request, body), ...amounts });
  }

  @Amendment('boards', 'Add a board that co-commissions on the PCC’s behalf', { code: 'BOARD_EXISTS', field: 'board.code', reason: '"RRB" is already the Reducing Reoffending Board' })
  addBoard(@Param('year', FinancialYearPipe) year: string, @Body() body: AddBoardDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.amend(year, request, response, { type: 'AddBoard', ...this.common(request, body), board: { code: body.board.code, name: body.board.name } });
  }

  @Amendment('localities', 'Add a locality with its PLF allocation', { code: 'LOCALITY_EXISTS', field: 'locality.slug', reason: '"blaby" is already Blaby' })
  addLocality(@Param('year', FinancialYearPipe) year: string, @Body() body: AddLocalityDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { slug, name, plfAllocationPence, vliSharePercent, plfMeetingDeadline, geoCode } = body.locality;
    const locality = { slug, name, plfAllocationPence, vliSharePercent, ...(plfMeetingDeadline ? { plfMeetingDeadline } : {}), ...(geoCode ? { geoCode } : {}) };
    return this.amend(year, request, response, { type: 'AddLocality', ...this.common(request, body), locality });
  }

  @Amendment('locality-mergers', 'Merge a locality into another: its allocation and lines move there', {
    code: 'ALLOCATION_BELOW_COMMITTED',
    field: 'plfAllocationPence',
    reason: "£10,000.00 is less than the £65,300.00 the two localities' PLF cases already hold",
  })
  mergeLocalities(@Param('year', FinancialYearPipe) year: string, @Body() body: MergeLocalitiesDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const result = body.plfAllocationPence !== undefined ? { plfAllocationPence: body.plfAllocationPence } : {};
    return this.amend(year, request, response, { type: 'MergeLocalities', ...this.common(request, body), locality: body.locality, into: body.into, ...result });
  }

  @Amendment('priorities', 'Add a strategic priority to one of the framework’s themes', { code: 'PRIORITY_EXISTS', field: 'priority.code', reason: '"SP3" is already "Reducing reoffending"' })
  addPriority(@Param('year', FinancialYearPipe) year: string, @Body() body: AddPriorityDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { code, number, theme, title } = body.priority;
    return this.amend(year, request, response, { type: 'AddStrategicPriority', ...this.common(request, body), priority: { code, number, theme, title } });
  }
}
