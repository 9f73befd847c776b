import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '@app/auth';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { businessDateOf, DomainError } from '@app/domain';
import { CaseIdPipe, Clock, FinancialYearPipe } from '@app/platform';
import { actualsOfCase, actualsOfYear, caseSchedule, spendCsv, spendOver, yearActuals } from '@app/projections/actuals';
import { ActualsQueryDto } from './actuals-query.dto';
import { ACTUALS_EXAMPLE, SCHEDULE_EXAMPLE, SPEND_CSV_EXAMPLE, SPEND_EXAMPLE } from './payments.examples';

const YEAR = { name: 'year', description: 'Financial year, 1 April – 31 March', example: '2016-17' };

/** Actual spend beside the budget, from the actuals read model. */
@ApiTags('payments')
@Controller()
export class ActualsController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  private on(query: ActualsQueryDto): string {
    return query.on ?? businessDateOf(this.clock.now());
  }

  @Get('cases/:caseId/payments')
  @Roles('opcc-staff', 'csp:own-case', 'auditor', 'admin')
  @ApiOperation({ summary: "A case's payment schedule, each instalment's state and figures on a date, with its claims" })
  @ApiOkResponse({ content: { 'application/json': { example: SCHEDULE_EXAMPLE } } })
  async schedule(@Param('caseId', CaseIdPipe) caseId: string, @Query() query: ActualsQueryDto) {
    const doc = await actualsOfCase(this.db, caseId);
    if (!doc) throw new DomainError('NOT_FOUND', `No case ${caseId} (or the actuals read model has not caught up yet)`, { caseId });
    if (!doc.payments) throw new DomainError('NO_SCHEDULE', `Case ${caseId} has no payment schedule yet`, { caseId });
    return caseSchedule(doc, this.on(query));
  }

  @Get('frameworks/:year/actuals')
  @Roles('opcc-staff', 'auditor', 'admin')
  @ApiParam(YEAR)
  @ApiOperation({
    summary: "A year's actual spend against its commitments: paid, approved-unpaid, due, withheld, forecast and remaining, by theme, priority, mechanism, locality and provider",
    description:
      'paid + recovered + approvedUnpaid + withheld + due + forecast = scheduled (every case with a payment schedule), to the penny; ' +
      'remaining = scheduled − paid. due and forecast depend on `on` (default today). Integer pence; `formatted` as UK money.',
  })
  @ApiOkResponse({ content: { 'application/json': { example: ACTUALS_EXAMPLE } } })
  async actuals(@Param('year', FinancialYearPipe) year: string, @Query() query: ActualsQueryDto) {
    return yearActuals(year, await actualsOfYear(this.db, year), this.on(query));
  }

  @Get('frameworks/:year/spend.csv')
  @Roles('opcc-staff', 'auditor', 'admin')
  @ApiParam(YEAR)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Payments over £500 against the year’s commitments, by month, as a CSV download (RFC 4180)' })
  @ApiOkResponse({ content: { 'text/csv': { example: SPEND_CSV_EXAMPLE } } })
  async spendCsv(@Param('year', FinancialYearPipe) year: string, @Res({ passthrough: true }) response: Response) {
    return this.sendCsv(response, year);
  }

  @Get('frameworks/:year/spend')
  @Roles('opcc-staff', 'auditor', 'admin')
  @ApiParam(YEAR)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'Payments over £500 against the year’s commitments, by month (for the transparency lists)' })
  @ApiOkResponse({ content: { 'application/json': { example: SPEND_EXAMPLE }, 'text/csv': { example: SPEND_CSV_EXAMPLE } } })
  async spend(@Param('year', FinancialYearPipe) year: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    response.vary('Accept');
    if (request.accepts(['application/json', 'text/csv']) === 'text/csv') return this.sendCsv(response, year);
    return spendOver(year, await actualsOfYear(this.db, year));
  }

  private async sendCsv(response: Response, year: string): Promise<string> {
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="spend-over-500-${year}.csv"`);
    return spendCsv(spendOver(year, await actualsOfYear(this.db, year)));
  }
}
