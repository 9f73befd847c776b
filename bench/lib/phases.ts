/** The measured phases: appends (store vs raw INSERT) and readAll walks (store vs raw SELECT). */
import type { PgDatabase } from '@app/database';
import type { NewEvent, SqlEventStore } from '@app/event-store';
import { EVENT_COLUMNS } from '@app/event-store/sql/event-row';
import type { BenchArgs } from './args';
import { grantApplicationSubmitted } from './payload';
import { type Progress, runConcurrent, type Sample, timed } from './runner';

export const CONCURRENCIES = [1, 16] as const;
/** Rows per timed readAll sample: the N-event walk is repeated until at least this many. */
export const READ_ROWS_PER_SAMPLE = 100_000;

export const RAW_TABLE = `create table bench_raw_events (
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

export type Variant = 'store' | 'raw';
export type ReadVariant = Variant | 'raw_log_order';

export interface Bench {
  readonly args: BenchArgs;
  readonly db: PgDatabase;
  readonly store: SqlEventStore;
  readonly progress: Progress;
  readonly signal: AbortSignal;
}

export type AppendSamples = Record<(typeof CONCURRENCIES)[number], Record<Variant, Sample[]>>;

export async function appendPhases(bench: Bench): Promise<AppendSamples> {
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
          // Prepared, as the store's own statements are: the comparison is like for like.
          return bench.db.query(RAW_INSERT, [
            event.id,
            streamId(i),
            event.type,
            JSON.stringify(event.data),
            JSON.stringify({ ...event.metadata, recordedAt }),
            recordedAt,
          ], 'bench_raw_insert');
        };
  bench.progress.start(label, total);
  try {
    return await runConcurrent(total, concurrency, op, { signal: bench.signal, onDone: () => bench.progress.add(1) });
  } finally {
    bench.progress.stop();
  }
}

export type ReadSamples = Record<ReadVariant, Sample[]>;

export async function readPhases(bench: Bench): Promise<ReadSamples> {
  const { events, rounds, pageSize } = bench.args;
  // Fresh statistics and hint bits, so neither reader pays for the appends' aftermath.
  await bench.db.exec('vacuum (analyze) events');
  await bench.db.exec('vacuum (analyze) bench_raw_events');
  const samples: ReadSamples = { store: [], raw: [], raw_log_order: [] };
  const warmup = Math.min(events, 2 * pageSize);
  const walks = Math.max(1, Math.ceil(READ_ROWS_PER_SAMPLE / events));
  for (let round = 0; round < rounds; round++) {
    const order: ReadVariant[] = round % 2 === 0 ? ['raw', 'store', 'raw_log_order'] : ['store', 'raw', 'raw_log_order'];
    for (const variant of order) {
      await readRun(bench, variant, warmup, 1, `warm-up readAll ${variant}`);
      samples[variant].push(await readRun(bench, variant, events, walks, `readAll ${variant} ${round + 1}/${rounds}`));
    }
  }
  return samples;
}

/**
 * Walks the log from the start, page by page, until `total` rows were read; `walks` times
 * (a walk over 5000 events takes only tens of milliseconds, too short to time on its own).
 */
async function readRun(bench: Bench, variant: ReadVariant, total: number, walks: number, label: string): Promise<Sample> {
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
  progress.start(label, total * walks);
  try {
    return await timed(async () => {
      let read = 0;
      for (let walk = 0; walk < walks; walk++) {
        const cursor = { position: 0, tx: '0' };
        let walked = 0;
        while (walked < total) {
          signal.throwIfAborted();
          const n = await page(cursor);
          if (n === 0) throw new Error(`${variant}: the log ended after ${walked} of ${total} events`);
          walked += n;
          progress.add(n);
        }
        read += walked;
      }
      return read;
    });
  } finally {
    progress.stop();
  }
}

