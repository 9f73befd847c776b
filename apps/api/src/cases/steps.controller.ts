import { Body, Param, Req, Res } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CompleteCheckpointDto, RecordApprovalDto } from '@app/case-requests';
import { CaseIdPipe } from '@app/platform';
import { commandContextFrom } from '../http/request-context';
import { CaseCommand, CaseCommandController } from './case-command.decorators';
import { CaseRunner } from './case-runner';

const STEP = { name: 'step', description: "A step id of the case's workflow (its `steps`)", example: 'due-diligence' };

/**
 * The generic steps a workflow document adds without code: one route per kind of step. The
 * case's workflow says which steps exist and when; the caller's identity is who recorded it.
 */
@CaseCommandController('workflow steps')
export class StepsController {
  constructor(private readonly runner: CaseRunner) {}

  @CaseCommand('checkpoints/:step', "Complete a checkpoint step of the case's workflow with an outcome and notes")
  @ApiParam(STEP)
  checkpoint(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('step') step: string,
    @Body() body: CompleteCheckpointDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const by = commandContextFrom(request, this.runner.clock).actor.id;
    const command = { type: 'CompleteCheckpoint' as const, on: this.runner.on(request), step, outcome: body.outcome, notes: body.notes, by };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('approvals/:step', 'Give or refuse an approval step; refused when the approver recorded what it approves')
  @ApiParam({ ...STEP, example: 'director-approval' })
  approval(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('step') step: string,
    @Body() body: RecordApprovalDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const by = commandContextFrom(request, this.runner.clock).actor.id;
    const command = { type: 'RecordApproval' as const, on: this.runner.on(request), step, decision: body.decision, notes: body.notes, by };
    return this.runner.run(caseId, command, request, response);
  }
}
