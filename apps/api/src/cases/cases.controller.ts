import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '@app/auth';
import { RaiseProposalDto, ReceiveGrantApplicationDto, RequestCspPlanDto } from '@app/case-requests';
import { CaseService, FrameworkService, raiseProposal, receiveGrantApplication, requestCspPlan } from '@app/commissioning';
import { PersonalDataVault } from '@app/personal-data';
import { CaseIdPipe } from '@app/platform';
import { COMMAND_HEADERS } from '../http/api-headers';
import { openingSeed } from '../http/request-context';
import { presentCase } from './case.presenter';
import { CaseRunner } from './case-runner';

@ApiTags('cases')
@ApiHeader(COMMAND_HEADERS[1])
@Controller('cases')
export class CasesController {
  constructor(
    private readonly runner: CaseRunner,
    private readonly frameworks: FrameworkService,
    private readonly cases: CaseService,
    private readonly personalData: PersonalDataVault,
  ) {}

  @Post('proposals')
  @Roles('opcc-staff', 'admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Raise a proposal for direct commissioning or co-commissioning' })
  async raiseProposal(@Body() body: RaiseProposalDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = raiseProposal(await this.frameworks.load(body.financialYear), { ...body, caseIdSeed: openingSeed(request) }, this.runner.on(request));
    return this.runner.run(command.profile.caseId, command, request, response);
  }

  @Post('plf-plan-requests')
  @Roles('opcc-staff', 'admin')
  @HttpCode(201)
  @ApiOperation({ summary: "Request a CSP's plan for its Partnership Locality Fund allocation" })
  async requestCspPlan(@Body() body: RequestCspPlanDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const title = body.title;
    const command = requestCspPlan(await this.frameworks.load(body.financialYear), { ...body, title, caseIdSeed: openingSeed(request) }, this.runner.on(request));
    return this.runner.run(command.profile.caseId, command, request, response);
  }

  @Post('grant-applications')
  @Roles('opcc-staff', 'admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Receive a PCC grant application into an open round' })
  async receiveGrantApplication(@Body() body: ReceiveGrantApplicationDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = receiveGrantApplication(await this.frameworks.load(body.financialYear), { ...body, caseIdSeed: openingSeed(request) }, this.runner.on(request));
    return this.runner.run(command.profile.caseId, command, request, response);
  }

  @Get(':caseId')
  @Roles('opcc-staff', 'csp:own-case', 'auditor', 'admin')
  @ApiOperation({ summary: 'A case as it stands; the ETag is its revision, for If-Match' })
  async get(@Param('caseId', CaseIdPipe) caseId: string, @Res({ passthrough: true }) response: Response) {
    const state = await this.cases.get(caseId);
    response.setHeader('ETag', `"${state.revision}"`);
    // Personal fields are opened for the reader, or shown as erased.
    return this.personalData.reveal(presentCase(state));
  }

  @Get(':caseId/history')
  @Roles('opcc-staff', 'csp:own-case', 'auditor', 'admin')
  @ApiOperation({ summary: "Every event of the case, in order, with who, when and why" })
  async history(@Param('caseId', CaseIdPipe) caseId: string) {
    const events = await this.cases.history(caseId);
    return { caseId, count: events.length, items: await this.personalData.reveal(events) };
  }
}
