import { type SqlDatabase, PgDatabase, PgliteDatabase } from '@app/database';
import { SqlEventStore } from '@app/event-store';
import { ProjectionRunner, READ_MODELS, replayProjections } from '@app/projections';

export interface PhaseResult {
  readonly phase: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly peakRssMb: number;
  readonly differing?: number;
}

export async function openBenchDb(target: string): Promise<SqlDatabase> {
  return target.startsWith('postgres') ? new PgDatabase(target, { max: 4 }) : PgliteDatabase.open(target);
}

/** The process's resident memory, sampled while `work` runs: its peak in MB. */
export async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
  const started = process.hrtime.bigint();
  try {
    const value = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, seconds, peakRssMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

/** The raw baseline: the same rows read in pages of 10,000 by the driver, JSON parsed, nothing else. */
async function rawRead(db: SqlDatabase): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const { rows } = await db.query<{ global_position: string; data: unknown; metadata: unknown }>(
      `select global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, previous_hash, hash
         from events where global_position > $1 order by global_position limit 10000`,
      [after],
    );
    if (rows.length === 0) return count;
    count += rows.length;
    after = Number(rows[rows.length - 1].global_position);
  }
}

/** One phase, run in a process of its own so its peak memory is its own. */
export async function runPhase(target: string, phase: string): Promise<PhaseResult> {
  const db = await openBenchDb(target);
  const store = new SqlEventStore(db);
  try {
    if (phase === 'raw') {
      const { value, seconds, peakRssMb } = await measured(() => rawRead(db));
      return { phase, events: value, seconds, eventsPerSecond: value / seconds, peakRssMb };
    }
    if (phase === 'catchup') {
      // From zero: every read model dropped, as on a first start.
      for (const p of READ_MODELS) await db.query(`drop table if exists rm_${p.name}`);
      await db.query('delete from projection_checkpoints');
      const runner = new ProjectionRunner(db, store, READ_MODELS);
      await runner.prepare();
      const head = await store.headPosition();
      const { seconds, peakRssMb } = await measured(() => runner.catchUp());
      return { phase, events: head, seconds, eventsPerSecond: head / seconds, peakRssMb };
    }
    const names = phase.slice('replay:'.length);
    const chosen = names === 'all' ? READ_MODELS : READ_MODELS.filter((p) => p.name === names);
    if (chosen.length === 0) throw new Error(`no read model ${names}`);
    const { value, seconds, peakRssMb } = await measured(() => replayProjections(db, store, chosen));
    const events = value[0].events;
    return { phase, events, seconds, eventsPerSecond: events / seconds, peakRssMb, differing: value.reduce((n, r) => n + r.differing, 0) };
  } finally {
    await db.close();
  }
}
