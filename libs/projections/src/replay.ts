import type { SqlDatabase } from '@app/database';
import type { EventStore, StoredEvent } from '@app/event-store';
import { DocumentTable } from './document-table';
import { type Projection, tableOf } from './projection';

export interface ReplayReport {
  readonly projection: string;
  readonly events: number;
  readonly rows: number;
  /** Rows whose document differs between the live table and the rebuild (expected 0). */
  readonly differing: number;
  readonly swapped: boolean;
  readonly position: number;
}

export type ReplayProgress = (done: number, total: number) => void;

/**
 * Rebuilds a read model from the whole log into a fresh table while the live one keeps
 * serving, brings it to exactly the live checkpoint, compares the two row by row, and
 * swaps the rebuild in, all under the live checkpoint's lock so the live runner waits.
 */
export async function replayProjection(
  db: SqlDatabase,
  store: EventStore & { headPosition?: () => Promise<number> },
  projection: Projection,
  options: { swap?: boolean; batchSize?: number; onProgress?: ReplayProgress } = {},
): Promise<ReplayReport> {
  const live = new DocumentTable(tableOf(projection.name));
  const rebuild = new DocumentTable(tableOf(projection.name, '_rebuild'));
  const total = (await store.headPosition?.()) ?? 0;
  const docs = new Map<string, unknown>();
  const applied = new Set<number>();
  let after = 0;
  let count = 0;

  const applyUntil = async (target: number): Promise<void> => {
    while (target > 0 && !applied.has(target)) {
      const batch = await store.readAll({ after, limit: options.batchSize ?? 1000 });
      if (batch.length === 0) throw new Error(`the live checkpoint ${target} is not in the log`);
      for (const event of batch) {
        apply(projection, docs, event);
        applied.add(event.globalPosition);
        after = event.globalPosition;
        count += 1;
        if (event.globalPosition === target) break;
      }
      options.onProgress?.(count, Math.max(total, count));
    }
  };

  for (;;) {
    const target = await checkpointOf(db, projection.name);
    await applyUntil(target);
    const report = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ position: string }>(
        'select position from projection_checkpoints where projection = $1 for update',
        [projection.name],
      );
      if (Number(rows[0]?.position ?? 0) !== target) return undefined;
      await tx.query(`drop table if exists ${rebuild.table}`);
      await rebuild.create(tx);
      await rebuild.write(tx, docs);
      const { rows: diff } = await tx.query<{ n: string }>(
        `select count(*) as n from ${live.table} l full outer join ${rebuild.table} r using (key) where l.doc is distinct from r.doc`,
      );
      const differing = Number(diff[0].n);
      if (options.swap !== false) {
        await tx.query(`drop table ${live.table}`);
        await tx.query(`alter table ${rebuild.table} rename to ${live.table}`);
        await tx.query(`alter index ${rebuild.table}_pkey rename to ${live.table}_pkey`);
      } else {
        await tx.query(`drop table ${rebuild.table}`);
      }
      return { projection: projection.name, events: count, rows: docs.size, differing, swapped: options.swap !== false, position: target };
    });
    if (report) return report;
  }
}

function apply(projection: Projection, docs: Map<string, unknown>, event: StoredEvent): void {
  for (const key of projection.keysOf(event)) {
    const next = projection.evolve(docs.get(key), event, key, (other) => docs.get(other));
    if (next === undefined) docs.delete(key);
    else docs.set(key, next);
  }
}

async function checkpointOf(db: SqlDatabase, name: string): Promise<number> {
  const { rows } = await db.query<{ position: string }>('select position from projection_checkpoints where projection = $1', [name]);
  if (rows.length === 0) throw new Error(`Projection ${name} has never run: nothing to compare with`);
  return Number(rows[0].position);
}
