import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** Events per measured append run, and events walked per readAll run. */
  readonly events: number;
  /** Measured repetitions of every phase (the median is reported). */
  readonly rounds: number;
  readonly pageSize: number;
  /** Pool size shared by the store and the raw baseline (≥ 16). */
  readonly poolMax: number;
  readonly keepDatabase: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: DATABASE_URL=postgres://user@host:5432/db npm run bench:event-store -- [options]

Creates a throw-away database (cl_bench_<random>) on the server at DATABASE_URL,
migrates it, measures SqlEventStore against raw SQL baselines, and drops it.

Options:
  --events N      events per append run and per readAll walk (default 5000)
  --rounds R      measured repetitions per phase, median reported (default 3)
  --page-size P   readAll page size (default 1000)
  --pool-max M    pg pool size, at least 16 (default 20)
  --keep-database do not drop the bench database at the end (debugging)
  -h, --help      this text`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      events: { type: 'string', default: '5000' },
      rounds: { type: 'string', default: '3' },
      'page-size': { type: 'string', default: '1000' },
      'pool-max': { type: 'string', default: '20' },
      'keep-database': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return {
    events: positiveInt('--events', values.events, 1),
    rounds: positiveInt('--rounds', values.rounds, 1),
    pageSize: positiveInt('--page-size', values['page-size'], 1),
    poolMax: positiveInt('--pool-max', values['pool-max'], 16),
    keepDatabase: values['keep-database'] ?? false,
    help: values.help ?? false,
  };
}

function positiveInt(flag: string, raw: string | undefined, min: number): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${flag} must be an integer ≥ ${min} (got ${JSON.stringify(raw)})`);
  }
  return value;
}
