import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { businessDateOf } from '@app/domain';
import { Clock } from '@app/platform';
import { pipelineItem } from '@app/projections/pipeline';
import { PipelineQueryDto } from './pipeline.dto';
import { PipelineQuery } from './pipeline.query';

const EXAMPLE = {
  items: [
    {
      caseId: '2016-17-B51',
      financialYear: '2016-17',
      mechanism: 'plf',
      title: 'Blaby PLF',
      locality: 'blaby',
      workflow: { id: 'plf', version: 1 },
      stage: 'plan-requested',
      stageLabel: 'Plan requested from the CSP',
      phase: 'pre-award',
      stageSince: '2015-10-23',
      stageSinceFormatted: '23 Oct 2015',
      daysInStage: 81,
      openedOn: '2015-10-23',
      history: [{ stage: 'plan-requested', since: '2015-10-23', position: 52, event: 'CspPlanRequested' }],
    },
  ],
  total: 9,
  limit: 50,
  offset: 0,
  today: '2016-01-12',
  byMechanismAndStage: { plf: { 'plan-requested': 9 } },
};

const BAD_REQUEST = {
  type: 'https://commissioning-ledger.org.uk/problems/validation-failed',
  title: 'Validation failed',
  status: 400,
  code: 'VALIDATION_FAILED',
  detail: 'limit: limit must not be greater than 500',
  errors: [{ field: 'limit', reason: 'limit must not be greater than 500' }],
};

/** A CSP user's query is held to its own locality by the access guard. */
@ApiTags('pipeline')
@Roles('opcc-staff', 'csp:own-locality', 'auditor', 'admin')
@Controller('pipeline')
export class PipelineController {
  constructor(
    private readonly pipeline: PipelineQuery,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Cases by stage of their workflow, with how long each has waited there',
    description:
      'From the pipeline read model. daysInStage counts business days (calendar days, Europe/London) from stageSince to ' +
      "today's business date. byMechanismAndStage counts the whole filtered set, not just the page.",
  })
  @ApiOkResponse({ description: 'A page of cases in case id order', content: { 'application/json': { example: EXAMPLE } } })
  @ApiBadRequestResponse({ description: 'A malformed filter, named (problem+json)', content: { 'application/problem+json': { example: BAD_REQUEST } } })
  async list(@Query() query: PipelineQueryDto) {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const today = businessDateOf(this.clock.now());
    const found = await this.pipeline.find(query, { limit, offset });
    return {
      items: found.docs.map((doc) => pipelineItem(doc, today)),
      total: found.total,
      limit,
      offset,
      today,
      byMechanismAndStage: found.byMechanismAndStage,
    };
  }
}
