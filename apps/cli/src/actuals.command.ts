import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { actualsAsOf, AUDIT_LOG, type AuditLog, parseAsOf } from '@app/audit';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { businessDateOf, formatPence, formatUkDate } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Clock } from '@app/platform';
import { actualsOfYear, type SpendFigures, yearActuals, type YearActuals } from '@app/projections/actuals';
import { actualsUpToDate } from './actuals-read-model';
import { textTable } from './text-table';
import { asUsage, businessDateOption, choiceOption, financialYearOption, UsageError } from './usage';

interface Options {
  year?: string;
  asOf?: string;
  basis?: string;
  on?: string;
  by?: string;
  json?: boolean;
}

const BY = ['theme', 'priority', 'mechanism', 'locality', 'provider'] as const;
type By = (typeof BY)[number];
const BREAKDOWN: Record<By, 'byTheme' | 'byPriority' | 'byMechanism' | 'byLocality' | 'byProvider'> = {
  theme: 'byTheme',
  priority: 'byPriority',
  mechanism: 'byMechanism',
  locality: 'byLocality',
  provider: 'byProvider',
};
const COLUMNS: ReadonlyArray<readonly [string, keyof SpendFigures]> = [
  ['Scheduled', 'scheduledPence'],
  ['Paid', 'paidPence'],
  ['Approved, unpaid', 'approvedUnpaidPence'],
  ['Withheld', 'withheldPence'],
  ['Due', 'duePence'],
  ['Forecast', 'forecastPence'],
  ['Remaining', 'remainingPence'],
];

function actualsText(actuals: YearActuals, by: By, stood: string): string {
  const row = (key: string, f: SpendFigures) => [key, ...COLUMNS.map(([, field]) => formatPence(f[field]))];
  const rows = [...Object.entries(actuals[BREAKDOWN[by]]).map(([key, f]) => row(key, f)), row('Total', actuals)];
  return [
    `Actual spend against ${actuals.financialYear}'s commitments (${actuals.caseCount} case(s) with a schedule), ${stood}, by ${by}:`,
    textTable([by.charAt(0).toUpperCase() + by.slice(1), ...COLUMNS.map(([head]) => head)], rows, COLUMNS.map((_, n) => n + 1)),
  ].join('\n');
}

@Command({
  name: 'actuals',
  description:
    "A year's actual spend against its commitments — scheduled, paid, approved-unpaid, withheld, due, forecast, remaining — by theme, priority, " +
    'mechanism, locality or provider: from the actuals read model as GET /frameworks/{year}/actuals, or with --as-of as the log stood then.',
})
export class ActualsCommand extends CommandRunner {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_: string[], options: Options): Promise<void> {
    const year = financialYearOption(options.year);
    const by = choiceOption(options.by, '--by', BY, 'theme');
    if (options.basis && !options.asOf) throw new UsageError('--basis is only meaningful with --as-of');
    if (options.on && options.asOf) throw new UsageError('--on and --as-of do not go together: --as-of judges due and forecast on its own date');
    const on = businessDateOption(options.on, '--on') ?? businessDateOf(this.clock.now());
    const asOf = options.asOf === undefined ? undefined : asUsage({ asOf: '--as-of', basis: '--basis' }, () => parseAsOf(options.asOf, options.basis));
    let actuals: YearActuals;
    let stood: string;
    if (asOf) {
      actuals = await actualsAsOf(this.log, year, asOf);
      stood = `as the ledger stood at the end of ${formatUkDate(actuals.on)}`;
    } else {
      await actualsUpToDate(this.db, this.store);
      actuals = yearActuals(year, await actualsOfYear(this.db, year), on);
      stood = `on ${formatUkDate(actuals.on)}`;
    }
    process.stdout.write(options.json ? `${JSON.stringify(actuals, null, 2)}\n` : `${actualsText(actuals, by, stood)}\n`);
  }

  @Option({ flags: '--year <year>', description: 'the financial year, e.g. 2016-17 (required)' })
  parseYear(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <date>', description: 'as the ledger stood then: a date (end of that day, Europe/London) or a date-time' })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({ flags: '--on <date>', description: 'the business date due and forecast are judged on (YYYY-MM-DD; default today, Europe/London)' })
  parseOn(value: string): string {
    return value;
  }

  @Option({ flags: '--basis <basis>', description: 'with --as-of: recorded (default; what the ledger had recorded) or occurred (business time)' })
  parseBasis(value: string): string {
    return value;
  }

  @Option({ flags: '--by <breakdown>', description: `one of ${BY.join(', ')} (default theme)` })
  parseBy(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'every breakdown, in pence, as the API returns it' })
  parseJson(): boolean {
    return true;
  }
}
