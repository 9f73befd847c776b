import { Body, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RejectProposalDto, WithdrawProposalDto } from '@app/case-requests';
import { CaseIdPipe } from '@app/platform';
import { CaseCommand, CaseCommandController } from './case-command.decorators';
import { CaseRunner } from './case-runner';

/** Ending a case before award, whatever its mechanism: rejected by the OPCC, or withdrawn. */
@CaseCommandController('cases')
export class ProposalClosingController {
  constructor(private readonly runner: CaseRunner) {}

  @CaseCommand('rejection', 'Reject a case before award, with the reason')
  reject(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: RejectProposalDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.runner.run(caseId, { type: 'RejectProposal', on: this.runner.on(request), reason: body.reason }, request, response);
  }

  @CaseCommand('withdrawal', 'Withdraw a case before award, with the reason')
  withdraw(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: WithdrawProposalDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.runner.run(caseId, { type: 'WithdrawProposal', on: this.runner.on(request), reason: body.reason }, request, response);
  }
}
