import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { businessDateOf, daysBetween, formatUkDate } from '@app/domain';
import { Clock } from '@app/platform';
import { findDeadlines } from '@app/projections/deadlines';
import { DeadlinesQueryDto } from './deadlines.dto';

const EXAMPLE = {
  items: [
    {
      key: '2016-17-B51:plf-meeting',
      caseId: '2016-17-B51',
      financialYear: '2016-17',
      caseTitle: 'Blaby PLF',
      kind: 'plf-meeting',
      label: 'PLF meeting to be held',
      dueOn: '2016-02-29',
      dueOnFormatted: '29 Feb 2016',
      remindersFormatted: '28, 14, 7, 1 and 0 days before; escalated if missed',
      daysUntilDue: 48,
      status: 'open',
      openedOn: '2015-10-23',
      metOn: null,
      missedOn: null,
      cancelledOn: null,
      concerns: 'csp',
      locality: 'blaby',
      provider: null,
      remindDaysBefore: [28, 14, 7, 1, 0],
      escalate: true,
      escalateTo: 'opcc-lead',
      moves: [],
    },
  ],
  total: 9,
  limit: 50,
  offset: 0,
  today: '2016-01-12',
};

const BAD_REQUEST = {
  type: 'https://commissioning-ledger.org.uk/problems/validation-failed',
  title: 'Validation failed',
  status: 400,
  code: 'VALIDATION_FAILED',
  detail: 'dueBefore: dueBefore must be a real date written YYYY-MM-DD (Europe/London business date)',
  errors: [{ field: 'dueBefore', reason: 'dueBefore must be a real date written YYYY-MM-DD (Europe/London business date)' }],
};

/** A CSP user's query is held to its own locality by the access guard. */
@ApiTags('deadlines')
@Roles('opcc-staff', 'csp:own-locality', 'auditor', 'admin')
@Controller('deadlines')
export class DeadlinesController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Deadlines by due day: PLF meetings, performance reports, contract ends',
    description:
      "From the deadlines read model, derived from each case's workflow version (its `deadlines` data: what opens, meets and " +
      'cancels each kind, who is told, reminder offsets). status: open, met, met-late (met after its day or after DeadlineMissed), ' +
      "missed (DeadlineMissed recorded; still open to be met), cancelled. daysUntilDue counts from today's business date (negative: past).",
  })
  @ApiOkResponse({ description: 'A page of deadlines ordered by due day, then key', content: { 'application/json': { example: EXAMPLE } } })
  @ApiBadRequestResponse({ description: 'A malformed filter, named (problem+json)', content: { 'application/problem+json': { example: BAD_REQUEST } } })
  async list(@Query() query: DeadlinesQueryDto) {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const today = businessDateOf(this.clock.now());
    const { items, total } = await findDeadlines(this.db, { ...query, limit, offset });
    return {
      items: items.map((d) => ({ ...d, dueOnFormatted: formatUkDate(d.dueOn), remindersFormatted: remindersText(d), daysUntilDue: daysBetween(today, d.dueOn) })),
      total,
      limit,
      offset,
      today,
    };
  }
}

/** "28, 14, 7, 1 and 0 days before; escalated if missed": the reminders the scheduler sends for the row. */
function remindersText(d: { remindDaysBefore: readonly number[]; escalate?: boolean }): string {
  const days = [...new Set(d.remindDaysBefore)].sort((a, b) => b - a).map(String);
  const list = days.length === 0 ? 'no reminders' : `${days.length === 1 ? days[0] : `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}`} day${days.length === 1 && days[0] === '1' ? '' : 's'} before`;
  return `${list}; ${d.escalate === false ? 'not escalated' : 'escalated if missed'}`;
}
