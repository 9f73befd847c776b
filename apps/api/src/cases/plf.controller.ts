import { Body, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ExcludeDuplicatePlanLinesDto, ExtendMeetingDeadlineDto, HoldCspMeetingDto, ScheduleCspMeetingDto, SubmitCspPlanDto, toMeasure } from '@app/case-requests';
import { CaseIdPipe } from '@app/platform';
import { CaseCommand, CaseCommandController } from './case-command.decorators';
import { CaseRunner } from './case-runner';

/**
 * Partnership Locality Fund (6.2c): the CSP's plan with its budget breakdown and performance
 * framework, the meeting by the framework's deadline, and exclusion of lines duplicating
 * existing provision. The agreement is awarded through POST /cases/{caseId}/award.
 */
@CaseCommandController('partnership locality fund')
export class PlfController {
  constructor(private readonly runner: CaseRunner) {}

  @CaseCommand('plan', "Submit (or resubmit) the CSP's plan: budget breakdown within the allocation, and performance framework")
  submitPlan(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: SubmitCspPlanDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = {
      type: 'SubmitCspPlan' as const,
      on: this.runner.on(request),
      budgetLines: body.budgetLines.map(({ id, description, pence }) => ({ id, description, pence })),
      performanceFramework: body.performanceFramework.map(toMeasure),
    };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('meeting', 'Schedule (or reschedule) the meeting with the CSP')
  scheduleMeeting(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: ScheduleCspMeetingDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'ScheduleCspMeeting' as const, on: this.runner.on(request), meetingOn: body.meetingOn };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('meeting-deadline-extension', "Extend this CSP's meeting deadline, with the reason")
  extendDeadline(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Body() body: ExtendMeetingDeadlineDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'ExtendMeetingDeadline' as const, on: this.runner.on(request), newDeadline: body.newDeadline, reason: body.reason };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('meeting-held', 'Record that the meeting was held on `on`; refused with DEADLINE_PASSED after the deadline')
  holdMeeting(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: HoldCspMeetingDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'HoldCspMeeting' as const, on: this.runner.on(request), notes: body.notes };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('duplicate-exclusions', 'Exclude plan lines that duplicate existing provision in the locality')
  excludeDuplicates(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Body() body: ExcludeDuplicatePlanLinesDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'ExcludeDuplicatePlanLines' as const, on: this.runner.on(request), lineIds: [...body.lineIds], reason: body.reason };
    return this.runner.run(caseId, command, request, response);
  }
}
