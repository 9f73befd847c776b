import type { StoredEvent } from '@app/event-store';

/**
 * A read model as documents keyed by string: pure functions say which documents an event
 * touches and how each changes. The runner owns all I/O.
 */
export interface Projection<Doc = unknown> {
  /** Table rm_<name>; lower-case letters and underscores. */
  readonly name: string;
  /** Bumped when evolve changes meaning: the read model is then rebuilt from the log. */
  readonly version: number;
  /** The keys of the documents this event changes (none: the event is not for this read model). */
  keysOf(event: StoredEvent): readonly string[];
  /** Other documents evolve may look at for this event (e.g. the case a later event belongs to). */
  readsOf?(event: StoredEvent): readonly string[];
  /**
   * The document after the event; undefined removes it. `lookup` reads another document as
   * it stands at this point of the log (only keys from keysOf or readsOf).
   */
  evolve(doc: Doc | undefined, event: StoredEvent, key: string, lookup: (key: string) => Doc | undefined): Doc | undefined;
  /**
   * True for a document no later event changes or reads once its own event is folded (an
   * audit entry): a rebuild writes it away at once instead of keeping it in memory.
   */
  settled?(key: string): boolean;
}

export const tableOf = (name: string, suffix = ''): string => {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error(`Invalid projection name ${name}`);
  return `rm_${name}${suffix}`;
};

/** Applies events to documents in memory: the same fold the runner does, for specs and replay. */
export function applyEvents<Doc>(projection: Projection<Doc>, events: readonly StoredEvent[], docs = new Map<string, Doc>()): Map<string, Doc> {
  for (const event of events) {
    for (const key of projection.keysOf(event)) {
      const next = projection.evolve(docs.get(key), event, key, (other) => docs.get(other));
      if (next === undefined) docs.delete(key);
      else docs.set(key, next);
    }
  }
  return docs;
}
