import { Body, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AssessGrantApplicationDto, DeclineGrantDto } from '@app/case-requests';
import { CaseIdPipe } from '@app/platform';
import { CaseCommand, CaseCommandController } from './case-command.decorators';
import { CaseRunner } from './case-runner';

/** PCC Grant (6.2d): an application to an open round is assessed, then awarded (POST …/award) or declined. */
@CaseCommandController('pcc grant')
export class GrantController {
  constructor(private readonly runner: CaseRunner) {}

  @CaseCommand('assessment', 'Assess a grant application: score and recommendation')
  assess(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: AssessGrantApplicationDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = {
      type: 'AssessGrantApplication' as const,
      on: this.runner.on(request),
      score: body.score,
      recommendation: body.recommendation,
      notes: body.notes,
    };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('decline', 'Decline an assessed grant application, with the reason')
  decline(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: DeclineGrantDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'DeclineGrant' as const, on: this.runner.on(request), reason: body.reason };
    return this.runner.run(caseId, command, request, response);
  }
}
