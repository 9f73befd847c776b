import type { SqlDatabase } from '@app/database';
import type { EventStore, StoredEvent } from '@app/event-store';
import { Rebuild, type ReplayReport } from './rebuild';

export type { ReplayReport } from './rebuild';
import type { Projection } from './projection';

export type ReplayProgress = (done: number, total: number) => void;

export interface ReplayOptions {
  readonly swap?: boolean;
  /** Events per read of the log. */
  readonly batchSize?: number;
  /** Documents a rebuild keeps in memory before it writes them to its table (memory stays bounded). */
  readonly maxDocsInMemory?: number;
  readonly onProgress?: ReplayProgress;
}

const PAGE = 10_000;

/** One read model rebuilt beside the live one, compared and swapped: see replayProjections. */
export async function replayProjection(
  db: SqlDatabase,
  store: EventStore & { headPosition?: () => Promise<number> },
  projection: Projection,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  const [report] = await replayProjections(db, store, [projection], options);
  return report;
}

/**
 * Rebuilds read models from one pass over the whole log into fresh tables while the live
 * ones keep serving. Each rebuild is brought to exactly its live checkpoint, compared
 * with the live table row by row and swapped in, under that checkpoint's lock so the
 * live runner waits. The log is read in pages from a cursor and never held whole; a
 * rebuild keeps at most `maxDocsInMemory` documents and writes the rest to its table.
 */
export async function replayProjections(
  db: SqlDatabase,
  store: EventStore & { headPosition?: () => Promise<number> },
  projections: readonly Projection[],
  options: ReplayOptions = {},
): Promise<ReplayReport[]> {
  const total = (await store.headPosition?.()) ?? 0;
  const rebuilds = projections.map((projection) => new Rebuild(db, projection, options.maxDocsInMemory));
  for (const rebuild of rebuilds) await rebuild.begin();
  const reports = new Map<string, ReplayReport>();
  const pending = () => rebuilds.filter((r) => !reports.has(r.projection.name));
  let cursor = 0;
  let count = 0;
  let buffer: StoredEvent[] = [];
  const pageSize = options.batchSize ?? PAGE;
  // The next page is read while the current one folds; an empty one is read again when needed, as the log may have grown.
  let ahead: Promise<StoredEvent[]> | undefined;
  const readAfter = (position: number) => store.readAll({ after: position, limit: pageSize });

  try {
    for (;;) {
      const targets = await checkpointsOf(db, pending().map((r) => r.projection.name));
      let moved = false;
      const due = pending().filter((rebuild) => targets.get(rebuild.projection.name) === cursor);
      // Their documents written side by side, each on a connection of its own, before each one's comparison and swap.
      const written = await Promise.allSettled(due.map((rebuild) => rebuild.writeOut()));
      const failed = written.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      for (const rebuild of due) {
        const report = await rebuild.finish(cursor, count, options.swap !== false);
        if (report) reports.set(rebuild.projection.name, report);
        else moved = true;
      }
      if (pending().length === 0) break;
      if (moved) continue; // a live checkpoint moved on while we looked: read where it is now
      if (buffer.length === 0) {
        buffer = (await ahead) ?? [];
        ahead = undefined;
        if (buffer.length === 0) buffer = await readAfter(cursor);
        if (buffer.length > 0) {
          ahead = readAfter(buffer[buffer.length - 1].globalPosition);
          ahead.catch(() => undefined); // its failure is met where it is awaited
        }
      }
      if (buffer.length === 0) throw new Error(`the live checkpoints ${[...targets.values()].join(', ')} are not in the log`);
      // Stop exactly at the next live checkpoint, so that rebuild can be compared there.
      const stops = new Set(pending().map((r) => targets.get(r.projection.name)));
      const at = buffer.findIndex((event) => stops.has(event.globalPosition));
      const page = at < 0 ? buffer : buffer.slice(0, at + 1);
      buffer = at < 0 ? [] : buffer.slice(at + 1);
      for (const rebuild of pending()) await rebuild.apply(page);
      cursor = page[page.length - 1].globalPosition;
      count += page.length;
      options.onProgress?.(count, Math.max(total, count));
    }
  } finally {
    await ahead?.catch(() => undefined); // no read left running when the caller closes the database
  }
  return projections.map((p) => reports.get(p.name) as ReplayReport);
}

async function checkpointsOf(db: SqlDatabase, names: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ projection: string; position: string }>(
    'select projection, position from projection_checkpoints where projection = any($1::text[])',
    [names],
  );
  const found = new Map(rows.map((row) => [row.projection, Number(row.position)]));
  const missing = names.find((name) => !found.has(name));
  if (missing) throw new Error(`Projection ${missing} has never run: nothing to compare with`);
  return found;
}
