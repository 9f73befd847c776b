/**
 * SqlEventStore against raw SQL baselines on a real PostgreSQL server, in a throw-away database.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:event-store -- --events 5000
 *
 * (a) appends/s: one-event appends to new streams (expected 'no_stream') vs an autocommit
 *     single-row INSERT of the same JSON into a plain table, at concurrency 1 and 16;
 * (b) readAll events/s over N events (pages walking `after`) vs a keyset SELECT of the
 *     same columns on the primary key.
 * Every phase is warmed up, repeated (store and raw alternately, order swapped each round)
 * and reported as the median. Progress goes to stderr; a table and, last, one JSON line to stdout.
 */
import { migrate, PgDatabase } from '@app/database';
import { SqlEventStore } from '@app/event-store';
import { parseBenchArgs, USAGE, type BenchArgs } from './lib/args';
import { createBenchDatabase, type BenchDatabase } from './lib/bench-database';
import {
  type AppendSamples,
  appendPhases,
  type Bench,
  CONCURRENCIES,
  RAW_TABLE,
  READ_ROWS_PER_SAMPLE,
  type ReadSamples,
  readPhases,
} from './lib/phases';
import { formatTable, rate, ratio, round3 } from './lib/report';
import { median, Progress, type Sample } from './lib/runner';

const GOALS = { append: 0.8, readAll: 0.5 } as const;

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write(
      'DATABASE_URL is not set. The bench needs a PostgreSQL server it may create a database on, e.g.\n' +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:event-store -- --events 5000\n',
    );
    return 2;
  }

  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) process.exit(130); // second signal: give up on cleaning up
    process.stderr.write(`\n${signal}: stopping, dropping the bench database…\n`);
    abort.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const progress = new Progress();
  let benchDb: BenchDatabase | undefined;
  let db: PgDatabase | undefined;
  try {
    benchDb = await createBenchDatabase(serverUrl);
    process.stderr.write(`bench database ${benchDb.name} created\n`);
    db = new PgDatabase(benchDb.url, { max: args.poolMax });
    await migrate(db);
    await db.exec(RAW_TABLE);
    const { rows } = await db.query<{ version: string; full: string }>(
      `select current_setting('server_version') as version, version() as full`,
    );
    const bench: Bench = { args, db, store: new SqlEventStore(db), progress, signal: abort.signal };

    const append = await appendPhases(bench);
    const read = await readPhases(bench);
    printReport(args, append, read, rows[0]);
    return 0;
  } catch (error) {
    progress.stop();
    process.stderr.write(`\nbench failed: ${abort.signal.aborted ? String(abort.signal.reason) : describe(error)}\n`);
    return abort.signal.aborted ? 130 : 1;
  } finally {
    progress.stop();
    await db?.close().catch(() => undefined);
    if (benchDb && !args.keepDatabase) {
      await benchDb
        .drop()
        .then(() => process.stderr.write(`bench database ${benchDb?.name} dropped\n`))
        .catch((error) => process.stderr.write(`could not drop ${benchDb?.name}: ${(error as Error).message}\n`));
    } else if (benchDb) {
      process.stderr.write(`bench database ${benchDb.name} kept (--keep-database)\n`);
    }
  }
}

function printReport(
  args: BenchArgs,
  append: AppendSamples,
  read: ReadSamples,
  server: { version: string; full: string },
): void {
  const perSecond = (samples: readonly Sample[]) => median(samples.map((s) => s.perSecond));
  const runs = (samples: readonly Sample[]) => samples.map((s) => rate(s.perSecond)).join(' / ');
  const rowsOut: string[][] = [];
  const walks = Math.max(1, Math.ceil(READ_ROWS_PER_SAMPLE / args.events));
  const json: Record<string, unknown> = {
    events: args.events,
    rounds: args.rounds,
    page_size: args.pageSize,
    readall_walks_per_sample: walks,
  };
  const goalsMet: Record<string, boolean> = {};

  for (const c of CONCURRENCIES) {
    const store = perSecond(append[c].store);
    const raw = perSecond(append[c].raw);
    const r = store / raw;
    goalsMet[`append_c${c}`] = r >= GOALS.append;
    Object.assign(json, {
      [`append_c${c}_store_per_s`]: round3(store),
      [`append_c${c}_raw_per_s`]: round3(raw),
      [`append_c${c}_ratio`]: round3(r),
    });
    rowsOut.push([
      `append 1 event, new stream`, String(c), rate(store), rate(raw), ratio(r), `≥ ${GOALS.append}`,
      r >= GOALS.append ? 'ok' : 'MISSED', runs(append[c].store), runs(append[c].raw),
    ]);
  }
  const store = perSecond(read.store);
  const raw = perSecond(read.raw);
  const logOrder = perSecond(read.raw_log_order);
  const r = store / raw;
  goalsMet.readall = r >= GOALS.readAll;
  Object.assign(json, {
    readall_store_per_s: round3(store),
    readall_raw_per_s: round3(raw),
    readall_ratio: round3(r),
    readall_raw_log_order_per_s: round3(logOrder),
  });
  rowsOut.push([
    `readAll, page ${args.pageSize}`, '1', rate(store), rate(raw), ratio(r), `≥ ${GOALS.readAll}`,
    r >= GOALS.readAll ? 'ok' : 'MISSED', runs(read.store), runs(read.raw),
  ]);
  rowsOut.push([
    `  (raw keyset on log-order index)`, '1', '', rate(logOrder), ratio(store / logOrder), '', '', '', runs(read.raw_log_order),
  ]);

  const headers = ['phase', 'conc.', 'store/s', 'raw/s', 'ratio', 'goal', '', 'store runs', 'raw runs'];
  process.stdout.write(
    `\nSqlEventStore vs raw SQL: ${args.events} events per run (readAll: ${walks} walks of ${args.events} per run), ` +
      `median of ${args.rounds} runs\n`,
  );
  process.stdout.write(`PostgreSQL ${server.version}, Node ${process.version}, pool max ${args.poolMax}\n\n`);
  process.stdout.write(`${formatTable(headers, rowsOut)}\n\n`);
  Object.assign(json, {
    goals_met: goalsMet,
    pool_max: args.poolMax,
    postgres_version: server.version,
    postgres_version_full: server.full,
    node_version: process.version,
  });
  process.stdout.write(`${JSON.stringify(json)}\n`);
}

/** A server or configuration error by its message (and SQLSTATE / errno code); anything else with its stack. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return `${error.message} (${code})`;
  return error.message.startsWith('DATABASE_URL') ? error.message : (error.stack ?? error.message);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
