import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { businessDateOf, conditionInWords, DomainError, formatPence, formatUkDate } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Clock } from '@app/platform';
import { actualsOfCase, caseSchedule } from '@app/projections/actuals';
import { actualsUpToDate } from './actuals-read-model';
import { textTable } from './text-table';
import { businessDateOption, caseIdOption } from './usage';

interface Options {
  case?: string;
  on?: string;
  json?: boolean;
}

type Schedule = ReturnType<typeof caseSchedule>;

function claimsOf(instalment: Schedule['instalments'][number]): string {
  if (instalment.claims.length === 0) return 'none';
  return instalment.claims
    .map((c) => `${c.claimId} ${formatPence(c.pence)} ${c.status}${c.approvedBy.length ? ` (approved by ${c.approvedBy.join(', ')})` : ''}${c.paymentRef ? ` ${c.paymentRef}` : ''}`)
    .join('; ');
}

function stateOf(instalment: Schedule['instalments'][number]): string {
  const withheld = instalment.withheldFor.length ? ` (${instalment.withheldFor.join(', ')})` : '';
  return `${instalment.status}${withheld}${instalment.carriedTo ? `, carried to ${instalment.carriedTo}` : ''}`;
}

function scheduleText(s: Schedule): string {
  const rows = s.instalments.map((i) => [i.id, formatUkDate(i.dueOn), formatPence(i.pence), conditionInWords(i.condition), stateOf(i), formatPence(i.paidPence), claimsOf(i)]);
  return [
    `${s.caseId} ${s.title}${s.provider ? ` — ${s.provider}` : ''}, ${formatPence(s.valuePence)}; ${s.basis === 'default' ? 'the default schedule (quarterly in arrears)' : 'schedule set by staff'}, as on ${formatUkDate(s.on)}`,
    textTable(['Instalment', 'Due', 'Amount', 'Paid once', 'State', 'Paid', 'Claims'], rows, [2, 5]),
    `Scheduled ${s.formatted.scheduled}; paid ${s.formatted.paid}; approved, unpaid ${s.formatted.approvedUnpaid}; withheld ${s.formatted.withheld}; remaining ${s.formatted.remaining}`,
  ].join('\n');
}

@Command({
  name: 'payments',
  description:
    "A case's payment schedule from the actuals read model, as GET /cases/{id}/payments has it: each instalment's due date, " +
    'amount, condition, state on the date, claims and what was paid.',
})
export class PaymentsCommand extends CommandRunner {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_: string[], options: Options): Promise<void> {
    const caseId = caseIdOption(options.case);
    const on = businessDateOption(options.on, '--on') ?? businessDateOf(this.clock.now());
    await actualsUpToDate(this.db, this.store);
    const doc = await actualsOfCase(this.db, caseId);
    if (!doc) throw new DomainError('NOT_FOUND', `No case ${caseId}`);
    if (!doc.payments) throw new DomainError('NO_SCHEDULE', `Case ${caseId} has no payment schedule yet`);
    const schedule = caseSchedule(doc, on);
    process.stdout.write(options.json ? `${JSON.stringify(schedule, null, 2)}\n` : `${scheduleText(schedule)}\n`);
  }

  @Option({ flags: '--case <caseId>', description: 'the case, e.g. 2016-17-B05 (required)' })
  parseCase(value: string): string {
    return value;
  }

  @Option({ flags: '--on <date>', description: 'the business date states, due and forecast are judged on (YYYY-MM-DD; default today, Europe/London)' })
  parseOn(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'the schedule as the API returns it (pence, states, claims)' })
  parseJson(): boolean {
    return true;
  }
}
