import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '@app/auth';
import { FinancialYearPipe } from '@app/platform';
import { sendBudgetCsv } from './budget.csv';
import { BUDGET_CSV_EXAMPLE, BUDGET_EXAMPLE, NOT_FOUND_EXAMPLE } from './budget.examples';
import { BudgetQuery } from './budget.query';

const YEAR = { name: 'year', description: 'Financial year, 1 April – 31 March', example: '2016-17' };
const NOT_FOUND = { description: 'No framework for the year (problem+json)', content: { 'application/problem+json': { example: NOT_FOUND_EXAMPLE } } };
const DESCRIPTION =
  'From the budget read model. committed = everything the framework ledger holds for cases (Appendix B, Appendix C, ' +
  'awards since); allocated = the part held by lines still awaiting their award (PLF allocations, Appendix C); ' +
  'available = total − reserve − committed. Every breakdown but byLocality sums to committed; byLocality is the PLF ' +
  'split of Table 1. Appendix C lines count in byTheme under the themes the framework document infers from their ' +
  'linkage text; PLF lines have no theme and count as "various". A line with two primary priorities (SP5/6) counts ' +
  'whole under "SP5+SP6". Values are integer pence; `formatted` has them as UK money.';

@ApiTags('budget')
@Roles('opcc-staff', 'auditor', 'admin')
@Controller('frameworks')
export class BudgetController {
  constructor(private readonly budget: BudgetQuery) {}

  @Get(':year/budget.csv')
  @ApiOperation({ summary: "A year's budget breakdowns as a CSV download", description: 'Columns breakdown,key,pence,amount (RFC 4180).' })
  @ApiParam(YEAR)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per summary figure, then per breakdown and key', content: { 'text/csv': { example: BUDGET_CSV_EXAMPLE } } })
  @ApiNotFoundResponse(NOT_FOUND)
  async csv(@Param('year', FinancialYearPipe) year: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    return sendBudgetCsv(response, await this.budget.view(year));
  }

  @Get(':year/budget')
  @ApiOperation({ summary: "A year's budget: committed, allocated, available, reserve, by theme, mechanism, priority, locality, provider, reach", description: DESCRIPTION })
  @ApiParam(YEAR)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'The budget; with `Accept: text/csv`, the same as GET /frameworks/{year}/budget.csv',
    content: { 'application/json': { example: BUDGET_EXAMPLE }, 'text/csv': { example: BUDGET_CSV_EXAMPLE } },
  })
  @ApiNotFoundResponse(NOT_FOUND)
  async get(@Param('year', FinancialYearPipe) year: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const view = await this.budget.view(year);
    response.vary('Accept');
    return request.accepts(['application/json', 'text/csv']) === 'text/csv' ? sendBudgetCsv(response, view) : view;
  }
}
