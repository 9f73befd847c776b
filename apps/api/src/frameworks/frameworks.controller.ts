import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FrameworkRoles, Public, Roles } from '@app/auth';
import { FrameworkService, ImportFrameworkDocument, type ImportReport, RunFrameworkCommand } from '@app/commissioning';
import { FRAMEWORK_DOCUMENT_SCHEMA, sumPence, type WorkflowSlot } from '@app/domain';
import { formatPence } from '@app/domain';
import { Clock, FinancialYearPipe } from '@app/platform';
import { respond } from '../http/outcome-response';
import { businessDateFor, commandContextFrom } from '../http/request-context';
import { DrawOnReserveDto, OpenGrantRoundDto, PublishWorkflowVersionDto, SwitchGrantRoundsDto } from './framework.dto';
import { frameworkSchemaForOpenApi } from './framework-schema.openapi';
import { presentCommitment, presentFramework } from './framework.presenter';

@ApiTags('frameworks')
@Controller('frameworks')
export class FrameworksController {
  constructor(
    private readonly bus: CommandBus,
    private readonly frameworks: FrameworkService,
    private readonly clock: Clock,
  ) {}

  @Post('import')
  @FrameworkRoles('set-up')
  @ApiOperation({
    summary: "Import a year's framework document",
    description:
      'The body is a framework document (see infra/seed/framework-2016-17.json). Every subtotal is checked against its ' +
      'lines, a line\'s mechanism against its appendix, the period against its financial year, deadlines against the year, ' +
      'every date and locality; an unknown field is refused. Every refusal names its path and nothing is appended: the ' +
      'framework and all its cases are recorded in one transaction. Importing the same document again appends nothing. ' +
      'The document\'s JSON Schema: GET /frameworks/schema.json.',
  })
  @ApiBody({
    schema: {
      ...(frameworkSchemaForOpenApi() as object),
      externalDocs: { description: 'JSON Schema (2020-12) of the framework document', url: '/frameworks/schema.json' },
      example: { schema: 'commissioning-framework/v1', financialYear: '2016-17', '…': '…' },
    },
  })
  async import(@Body() document: Record<string, unknown>, @Req() request: Request): Promise<ImportReport> {
    return this.bus.execute(new ImportFrameworkDocument(document, commandContextFrom(request, this.clock)));
  }

  @Get('schema.json')
  @Public()
  @Header('Content-Type', 'application/schema+json')
  @ApiOperation({ summary: 'The JSON Schema (2020-12) of a framework document, as POST /frameworks/import checks it' })
  schema(): unknown {
    return FRAMEWORK_DOCUMENT_SCHEMA;
  }

  @Get(':year')
  @Roles('opcc-staff', 'auditor', 'admin')
  @ApiOperation({ summary: 'A framework: budget, themes, priorities, mechanisms, boards, localities, PLF deadline' })
  async get(@Param('year', FinancialYearPipe) year: string, @Res({ passthrough: true }) response: Response) {
    const state = await this.frameworks.load(year);
    response.setHeader('ETag', `"${state.revision}"`);
    return presentFramework(state);
  }

  @Get(':year/commitments')
  @Roles('opcc-staff', 'auditor', 'admin')
  @ApiOperation({ summary: 'Every line of the framework: Appendix B commitments and Appendix C allocations' })
  async commitments(@Param('year', FinancialYearPipe) year: string) {
    const state = await this.frameworks.load(year);
    const items = (state.definition?.commitments ?? []).map(presentCommitment);
    const totalPence = sumPence(items.map((i) => i.valuePence));
    return { financialYear: year, count: items.length, totalPence, total: formatPence(totalPence), items };
  }

  @Post(':year/reserve-draws')
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Draw on the commissioning reserve: its own recorded decision' })
  async drawOnReserve(
    @Param('year', FinancialYearPipe) year: string,
    @Body() body: DrawOnReserveDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'DrawOnReserve' as const, pence: body.pence, reason: body.reason, decisionRef: body.decisionRef, decidedOn: businessDateFor(request, this.clock) };
    return respond(response, await this.bus.execute(new RunFrameworkCommand(year, command, commandContextFrom(request, this.clock))));
  }

  @Post(':year/pcc-grant-rounds/switch')
  @Roles('opcc-staff', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn the opening of new PCC grant rounds on or off' })
  async switchGrantRounds(
    @Param('year', FinancialYearPipe) year: string,
    @Body() body: SwitchGrantRoundsDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'SwitchPccGrantRounds' as const, open: body.open, reason: body.reason };
    return respond(response, await this.bus.execute(new RunFrameworkCommand(year, command, commandContextFrom(request, this.clock))));
  }

  @Post(':year/pcc-grant-rounds')
  @Roles('opcc-staff', 'admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Open a PCC grant round (refused while the framework switch is off)' })
  async openGrantRound(
    @Param('year', FinancialYearPipe) year: string,
    @Body() body: OpenGrantRoundDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'OpenPccGrantRound' as const, roundId: body.roundId, title: body.title, opensOn: body.opensOn, closesOn: body.closesOn };
    return respond(response, await this.bus.execute(new RunFrameworkCommand(year, command, commandContextFrom(request, this.clock))));
  }

  @Post(':year/workflow-versions')
  @FrameworkRoles('change')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Publish a workflow version on the framework, and say which mechanisms\' new cases take it',
    description: 'Cases already open keep the version they opened under. A refused document appends nothing; `errors[]` names each path.',
  })
  async publishWorkflowVersion(
    @Param('year', FinancialYearPipe) year: string,
    @Body() body: PublishWorkflowVersionDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'PublishWorkflowVersion' as const, document: body.document, assignTo: body.assignTo as WorkflowSlot[], reason: body.reason };
    return respond(response, await this.bus.execute(new RunFrameworkCommand(year, command, commandContextFrom(request, this.clock))));
  }
}
