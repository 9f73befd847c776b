import type { StoredEvent } from '@app/event-store';
import type { Projection } from './projection';

/**
 * One batch of a projection: the documents its events touch or read, loaded in one go,
 * each folded through all of its events in memory, and the changed ones written in one
 * go (undefined: removed).
 */
export async function foldBatch<Doc>(
  projection: Projection<Doc>,
  events: readonly StoredEvent[],
  load: (keys: string[]) => Promise<Map<string, unknown>>,
  write: (changed: ReadonlyMap<string, Doc | undefined>) => Promise<void>,
): Promise<void> {
  const keysByEvent = events.map((event) => projection.keysOf(event));
  const wanted = new Set<string>();
  events.forEach((event, i) => {
    for (const key of keysByEvent[i]) wanted.add(key);
    for (const key of projection.readsOf?.(event) ?? []) wanted.add(key);
  });
  if (wanted.size === 0) return;
  const docs = (await load([...wanted])) as Map<string, Doc>;
  const changed = new Map<string, Doc | undefined>();
  const lookup = (other: string) => docs.get(other);
  events.forEach((event, i) => {
    for (const key of keysByEvent[i]) {
      const next = projection.evolve(docs.get(key), event, key, lookup);
      if (next === undefined) docs.delete(key);
      else docs.set(key, next);
      changed.set(key, next);
    }
  });
  await write(changed);
}
