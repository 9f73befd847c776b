import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '@app/auth';
import { CaseIdPipe } from '@app/platform';
import { sendOutcomesCsv } from './outcomes.csv';
import { OutcomesQueryDto, RollupsQueryDto } from './outcomes.dto';
import { BAD_REQUEST, CSV_EXAMPLE, LIST_EXAMPLE, NOT_FOUND, RAG_OVER_TIME_EXAMPLE, ROLLUPS_EXAMPLE } from './outcomes.examples';
import { OutcomesQuery } from './outcomes.query';

const PERIODS =
  'Reporting periods follow the financial year and are labelled by the year it starts: quarterly 2016-Q1 (Apr–Jun 2016) … ' +
  '2016-Q4 (Jan–Mar 2017); monthly 2016-04 (a report written 2016-M01 is the same month); six-monthly 2016-H1/H2; annual 2016 ' +
  '(or 2016-FY). A measure is expected from the period containing the contract start (or its later agreement) to the contract ' +
  "end; a period's report is overdue once period end + the workflow's reportDueDaysAfterPeriod (14) has passed, against today's business date.";

const CSV_COLUMNS =
  'One row per measure (a contract without measures has one row with the measure columns empty): ' +
  'caseId,title,provider,measure,unit,target,direction,frequency,latestPeriod,latestActual,latestRag,overdue,underAchieving,valuePence,value (RFC 4180).';

@ApiTags('outcomes')
@Controller()
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesQuery) {}

  @Get('outcomes.csv')
  @Roles('opcc-staff', 'csp:own-locality', 'auditor', 'admin')
  @ApiOperation({ summary: 'The outcomes table as a CSV download, with the same filters', description: CSV_COLUMNS })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV', content: { 'text/csv': { example: CSV_EXAMPLE } } })
  @ApiBadRequestResponse(BAD_REQUEST)
  async csv(@Query() query: OutcomesQueryDto, @Res({ passthrough: true }) response: Response): Promise<string> {
    const { items } = await this.outcomes.list(query, { limit: query.limit, offset: query.offset });
    return sendOutcomesCsv(response, items, query.financialYear);
  }

  @Get('outcomes')
  @Roles('opcc-staff', 'csp:own-locality', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Contracts with their measures, report history, latest RAG, overdue reports and under-achievement',
    description: `From the outcomes read model. rag is the worst latest RAG of the measures. ${PERIODS}`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'A page in case id order; with `Accept: text/csv`, the CSV', content: { 'application/json': { example: LIST_EXAMPLE }, 'text/csv': { example: CSV_EXAMPLE } } })
  @ApiBadRequestResponse(BAD_REQUEST)
  async list(@Query() query: OutcomesQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    response.vary('Accept');
    if (request.accepts(['application/json', 'text/csv']) === 'text/csv') return this.csv(query, response);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { items, total, today } = await this.outcomes.list(query, { limit, offset });
    return { items, total, limit, offset, today };
  }

  // Totals over every locality: a CSP user's view cannot be cut out of them.
  @Get('outcomes/rollups')
  @Roles('opcc-staff', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Spend, contracts, measures and share of measures on target, per primary strategic priority and per theme',
    description:
      'onTarget counts measures whose latest report is green over measures with any report. A contract with two primary ' +
      'priorities (SP5/6) counts whole under each (sharedValuePence says how much); lines with none (PLF "Various") count as "unattributed".',
  })
  @ApiOkResponse({ description: 'Roll-ups', content: { 'application/json': { example: ROLLUPS_EXAMPLE } } })
  @ApiBadRequestResponse(BAD_REQUEST)
  rollups(@Query() query: RollupsQueryDto) {
    return this.outcomes.rollups(query.financialYear);
  }

  @Get('outcomes/rag-over-time')
  @Roles('opcc-staff', 'csp:own-locality', 'auditor', 'admin')
  @ApiOperation({
    summary: 'RAG over time: per reporting period, the reports rated red, amber and green, and the worst',
    description: `Across every contract the filters select (no paging), in time order. ${PERIODS}`,
  })
  @ApiOkResponse({ description: 'Periods in time order', content: { 'application/json': { example: RAG_OVER_TIME_EXAMPLE } } })
  @ApiBadRequestResponse(BAD_REQUEST)
  ragOverTime(@Query() query: OutcomesQueryDto) {
    return this.outcomes.ragOverTime(query);
  }

  @Get('outcomes/:caseId')
  @Roles('opcc-staff', 'csp:own-case', 'auditor', 'admin')
  @ApiOperation({ summary: "One contract's outcome monitoring", description: PERIODS })
  @ApiNotFoundResponse(NOT_FOUND)
  one(@Param('caseId', CaseIdPipe) caseId: string) {
    return this.outcomes.one(caseId);
  }
}
