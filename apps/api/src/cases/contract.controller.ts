import { Body, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AgreePerformanceMeasuresDto,
  AgreeRemedialActionDto,
  AwardContractDto,
  CloseContractDto,
  ReportPerformanceDto,
  TerminateContractDto,
  toContractTerms,
  toMeasure,
  VaryContractDto,
} from '@app/case-requests';
import { CaseIdPipe } from '@app/platform';
import { CaseCommand, CaseCommandController } from './case-command.decorators';
import { CaseRunner } from './case-runner';

/**
 * Contracts and agreements (6.3), for every mechanism: the award (within the budget, and for
 * a PLF case within the allocation and the lines not excluded), performance against the
 * measures, under-achievement, variation, closure and termination.
 */
@CaseCommandController('contracts')
export class ContractController {
  constructor(private readonly runner: CaseRunner) {}

  @CaseCommand('award', "Award the contract or agreement; commits its value to the year's budget (BUDGET_EXCEEDED otherwise)")
  award(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: AwardContractDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'AwardContract' as const, on: this.runner.on(request), contract: toContractTerms(body.contract) };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('performance-measures', "Agree the contract's performance measures (replacing the current set)")
  agreeMeasures(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Body() body: AgreePerformanceMeasuresDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'AgreePerformanceMeasures' as const, on: this.runner.on(request), measures: body.measures.map(toMeasure) };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('performance-reports', 'Report performance on a measure for a period; rated red/amber/green, repeated reds flag under-achievement')
  report(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: ReportPerformanceDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = {
      type: 'ReportPerformance' as const,
      on: this.runner.on(request),
      measureId: body.measureId,
      period: body.period,
      actual: body.actual,
      commentary: body.commentary,
    };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('remedial-actions', 'Agree remedial action on flagged under-achievement, with a review date')
  agreeRemedialAction(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Body() body: AgreeRemedialActionDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'AgreeRemedialAction' as const, on: this.runner.on(request), action: body.action, reviewBy: body.reviewBy };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('variations', "Vary the contract's value or end date; the budget ledger moves by the difference")
  vary(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: VaryContractDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = {
      type: 'VaryContract' as const,
      on: this.runner.on(request),
      valuePence: body.valuePence,
      reason: body.reason,
      ...(body.endDate ? { endDate: body.endDate } : {}),
    };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('closure', 'Close the contract at its end')
  close(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: CloseContractDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.runner.run(caseId, { type: 'CloseContract', on: this.runner.on(request), notes: body.notes }, request, response);
  }

  @CaseCommand('termination', 'Terminate the contract early, with the reason')
  terminate(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: TerminateContractDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.runner.run(caseId, { type: 'TerminateContract', on: this.runner.on(request), reason: body.reason }, request, response);
  }
}
