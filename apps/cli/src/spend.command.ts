import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { financialYearOf, formatUkDate } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { actualsOfYear, spendCsv, spendInMonths, spendOver } from '@app/projections/actuals';
import { actualsUpToDate } from './actuals-read-model';
import { textTable } from './text-table';
import { choiceOption, financialYearOption, UsageError } from './usage';

interface Options {
  year?: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
}

const FORMATS = ['table', 'csv', 'json'] as const;
type Spend = ReturnType<typeof spendOver>;

/** A month of the year asked (YYYY-MM), named by its option when it is not one. */
function monthOption(value: string | undefined, option: string, year: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new UsageError(`${option} must be a month written YYYY-MM, e.g. 2016-05 (not "${value}")`);
  if (financialYearOf(`${value}-01`) !== year) throw new UsageError(`${option} ${value} is not a month of the financial year ${year} (April to March)`);
  return value;
}

function spendText(spend: Spend): string {
  const head = `Payments over ${spend.threshold} against ${spend.financialYear}'s commitments, by month of payment:`;
  if (spend.months.length === 0) return `${head}\nnone`;
  const rows = spend.months.flatMap((m) => [
    ...m.items.map((i) => [m.month, formatUkDate(i.paidOn), i.ref ?? i.caseId, i.title, i.provider ?? '', i.paymentRef, i.amount]),
    ['', '', '', '', '', `${m.month} total`, m.total],
  ]);
  return `${head}\n${textTable(['Month', 'Paid', 'Reference', 'Title', 'Supplier', 'Payment ref', 'Amount'], rows, [6])}`;
}

const render = { table: spendText, csv: spendCsv, json: (spend: Spend) => `${JSON.stringify(spend, null, 2)}\n` } as const;

@Command({
  name: 'spend',
  description:
    "A year's payments over £500 by month, from the actuals read model: the list GET /frameworks/{year}/spend gives, " +
    'the same threshold. A table on stdout, or CSV/JSON (--format), to a file with --out.',
})
export class SpendCommand extends CommandRunner {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  async run(_: string[], options: Options): Promise<void> {
    const year = financialYearOption(options.year);
    const [from, to] = [monthOption(options.from, '--from', year), monthOption(options.to, '--to', year)];
    if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const format = choiceOption(options.format, '--format', FORMATS, options.out ? 'csv' : 'table');
    if (options.out && format === 'table') throw new UsageError('--out writes csv or json: give --format csv or --format json');
    await actualsUpToDate(this.db, this.store);
    const spend = spendInMonths(spendOver(year, await actualsOfYear(this.db, year)), from, to);
    const text = render[format](spend);
    if (!options.out) {
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      return;
    }
    const path = resolve(options.out);
    await writeFile(path, text, 'utf8');
    const count = spend.months.reduce((n, m) => n + m.items.length, 0);
    process.stdout.write(`Wrote ${count} payment(s) over ${spend.threshold} in ${spend.months.length} month(s) of ${year} to ${path} (${format})\n`);
  }

  @Option({ flags: '--year <year>', description: 'the financial year, e.g. 2016-17 (required)' })
  parseYear(value: string): string {
    return value;
  }

  @Option({ flags: '--from <month>', description: 'from this month of the year, YYYY-MM, inclusive' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <month>', description: 'to this month of the year, YYYY-MM, inclusive' })
  parseTo(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'table (default on stdout), csv (RFC 4180, as spend.csv) or json (as GET /frameworks/{year}/spend)' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '--out <file>', description: 'write the list to this file (csv unless --format json)' })
  parseOut(value: string): string {
    return value;
  }
}
