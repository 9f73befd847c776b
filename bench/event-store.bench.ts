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
import { SqlEventStore, type NewEvent } from '@app/event-store';
import { EVENT_COLUMNS } from '@app/event-store/sql/event-row';
import { parseBenchArgs, USAGE, type BenchArgs } from './lib/args';
import { createBenchDatabase, type BenchDatabase } from './lib/bench-database';
import { grantApplicationSubmitted } from './lib/payload';
import { formatTable, rate, ratio, round3 } from './lib/report';
import { median, Progress, runConcurrent, timed, type Sample } from './lib/runner';

const CONCURRENCIES = [1, 16] as const;
const GOALS = { append: 0.8, readAll: 0.5 } as const;

const RAW_TABLE = `create table bench_raw_events (
  id          bigint generated always as identity primary key,
  event_id    uuid not null,
  stream_id   text not null,
  type        text not null,
  data        jsonb not null,
  metadata    jsonb not null,
  recorded_at timestamptz not null
)`;
const RAW_INSERT = `insert into bench_raw_events (event_id, stream_id, type, data, metadata, recorded_at)
  values ($1, $2, $3, $4::jsonb, $5::jsonb, $6)`;
/** The same rows and columns as readAll, keyset on the primary key. */
const RAW_SELECT = `select ${EVENT_COLUMNS} from events where global_position > $1 order by global_position limit $2`;
/** Diagnostic: keyset on the log-order index, without readAll's cursor lookup and snapshot bound. */
const RAW_SELECT_LOG_ORDER = `select ${EVENT_COLUMNS}, events.transaction_id::text as tx from events
  where (transaction_id, global_position) > ($1::xid8, $2::bigint) order by transaction_id, global_position limit $3`;

type Variant = 'store' | 'raw';
type ReadVariant = Variant | 'raw_log_order';

interface Bench {
  readonly args: BenchArgs;
  readonly db: PgDatabase;
  readonly store: SqlEventStore;
  readonly progress: Progress;
  readonly signal: AbortSignal;
}

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
    process.stderr.write(`\nbench failed: ${abort.signal.aborted ? String(abort.signal.reason) : (error as Error).stack}\n`);
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

type AppendSamples = Record<(typeof CONCURRENCIES)[number], Record<Variant, Sample[]>>;

async function appendPhases(bench: Bench): Promise<AppendSamples> {
  const { events, rounds } = bench.args;
  const samples = { 1: { store: [], raw: [] }, 16: { store: [], raw: [] } } as AppendSamples;
  const warmup = Math.max(50, Math.min(500, Math.ceil(events / 10)));
  // Round-major, so that table growth and server drift spread over every phase; the order
  // of store and raw flips each round.
  for (let round = 0; round < rounds; round++) {
    for (const concurrency of CONCURRENCIES) {
      const order: Variant[] = round % 2 === 0 ? ['raw', 'store'] : ['store', 'raw'];
      for (const variant of order) {
        const tag = `r${round}-c${concurrency}-${variant}`;
        await appendRun(bench, variant, concurrency, warmup, `warm-${tag}`, `warm-up append ${variant} c${concurrency}`);
        const label = `append ${variant} c${concurrency} ${round + 1}/${rounds}`;
        samples[concurrency][variant].push(await appendRun(bench, variant, concurrency, events, tag, label));
      }
    }
  }
  return samples;
}

async function appendRun(
  bench: Bench,
  variant: Variant,
  concurrency: number,
  total: number,
  tag: string,
  label: string,
): Promise<Sample> {
  const events: NewEvent[] = Array.from({ length: total }, (_, i) => grantApplicationSubmitted(i));
  const streamId = (i: number) => `grant-application-${tag}-${i}`;
  const op =
    variant === 'store'
      ? (i: number) => bench.store.appendToStream(streamId(i), [events[i]], { expected: 'no_stream' })
      : (i: number) => {
          const event = events[i];
          const recordedAt = new Date().toISOString();
          return bench.db.query(RAW_INSERT, [
            event.id,
            streamId(i),
            event.type,
            JSON.stringify(event.data),
            JSON.stringify({ ...event.metadata, recordedAt }),
            recordedAt,
          ]);
        };
  bench.progress.start(label, total);
  try {
    return await runConcurrent(total, concurrency, op, { signal: bench.signal, onDone: () => bench.progress.add(1) });
  } finally {
    bench.progress.stop();
  }
}

type ReadSamples = Record<ReadVariant, Sample[]>;

async function readPhases(bench: Bench): Promise<ReadSamples> {
  const { events, rounds, pageSize } = bench.args;
  // Fresh statistics and hint bits, so neither reader pays for the appends' aftermath.
  await bench.db.exec('vacuum (analyze) events');
  await bench.db.exec('vacuum (analyze) bench_raw_events');
  const samples: ReadSamples = { store: [], raw: [], raw_log_order: [] };
  const warmup = Math.min(events, 2 * pageSize);
  for (let round = 0; round < rounds; round++) {
    const order: ReadVariant[] = round % 2 === 0 ? ['raw', 'store', 'raw_log_order'] : ['store', 'raw', 'raw_log_order'];
    for (const variant of order) {
      await readRun(bench, variant, warmup, `warm-up readAll ${variant}`);
      samples[variant].push(await readRun(bench, variant, events, `readAll ${variant} ${round + 1}/${rounds}`));
    }
  }
  return samples;
}

/** Walks the log from the start, page by page, until `total` rows were read. */
async function readRun(bench: Bench, variant: ReadVariant, total: number, label: string): Promise<Sample> {
  const { db, store, signal, progress } = bench;
  const limit = bench.args.pageSize;
  const page = async (cursor: { position: number; tx: string }): Promise<number> => {
    if (variant === 'store') {
      const events = await store.readAll({ after: cursor.position, limit });
      if (events.length > 0) cursor.position = events[events.length - 1].globalPosition;
      return events.length;
    }
    if (variant === 'raw') {
      const { rows } = await db.query<{ global_position: string }>(RAW_SELECT, [cursor.position, limit]);
      if (rows.length > 0) cursor.position = Number(rows[rows.length - 1].global_position);
      return rows.length;
    }
    const { rows } = await db.query<{ global_position: string; tx: string }>(RAW_SELECT_LOG_ORDER, [
      cursor.tx,
      cursor.position,
      limit,
    ]);
    if (rows.length > 0) {
      cursor.position = Number(rows[rows.length - 1].global_position);
      cursor.tx = rows[rows.length - 1].tx;
    }
    return rows.length;
  };
  progress.start(label, total);
  try {
    return await timed(async () => {
      const cursor = { position: 0, tx: '0' };
      let read = 0;
      while (read < total) {
        signal.throwIfAborted();
        const n = await page(cursor);
        if (n === 0) throw new Error(`${variant}: the log ended after ${read} of ${total} events`);
        read += n;
        progress.add(n);
      }
      return read;
    });
  } finally {
    progress.stop();
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
  const json: Record<string, unknown> = { events: args.events, rounds: args.rounds, page_size: args.pageSize };
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
  process.stdout.write(`\nSqlEventStore vs raw SQL: ${args.events} events per run, median of ${args.rounds}\n`);
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

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
