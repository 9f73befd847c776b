import { Body, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GrantSingleProviderDispensationDto, IssueTenderDto, SelectProviderDto } from '@app/case-requests';
import { CaseIdPipe } from '@app/platform';
import { CaseCommand, CaseCommandController } from './case-command.decorators';
import { CaseRunner } from './case-runner';

/** Direct commissioning (6.2a): an open tender, or a single-provider dispensation with its reason. */
@CaseCommandController('direct commissioning')
export class DirectController {
  constructor(private readonly runner: CaseRunner) {}

  @CaseCommand('tender', 'Issue an open tender for a proposed direct commission')
  issueTender(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: IssueTenderDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'IssueTender' as const, on: this.runner.on(request), reference: body.reference, closesOn: body.closesOn };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('provider-selection', "Select the provider from the tender's bids")
  selectProvider(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: SelectProviderDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'SelectProvider' as const, on: this.runner.on(request), provider: body.provider, bidsReceived: body.bidsReceived };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('single-provider-dispensation', 'Grant a single-provider dispensation, recording why only that provider can deliver')
  grantDispensation(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Body() body: GrantSingleProviderDispensationDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'GrantSingleProviderDispensation' as const, on: this.runner.on(request), provider: body.provider, reason: body.reason };
    return this.runner.run(caseId, command, request, response);
  }
}
