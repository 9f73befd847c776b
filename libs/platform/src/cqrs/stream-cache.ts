import { type Decider, type DomainEvent } from '@app/domain';
import type { EventStore, StoredEvent } from '@app/event-store';
import { asDomainEvent, type Loaded, type Upcast } from './decider-command';

interface Known<State> extends Loaded<State> {
  /** Hash of the last event folded: the next one read must chain to it. */
  readonly hash: string | null;
}

/**
 * Streams as last folded, kept for the next command on them: a load reads only the events
 * recorded after the revision it holds (usually none, one indexed read) and folds those,
 * where loading afresh reads and folds the whole stream. The log stays the truth: every
 * load asks the store for what is newer, a command's append is made at the revision loaded
 * (so a stream moved on by another process fails it and the command runs again), and a
 * stream whose next event does not chain to the one held is forgotten and read in full.
 * The most recently used streams are kept, up to `limits` (streams, and events held in
 * all: a stream's history is kept for the idempotency check, unless `history` is false,
 * for streams whose commands never look back at it — a year's budget ledger, thousands
 * of commitments long — and then `Loaded.history` is empty); states are never changed
 * in place.
 */
export class StreamCache<Event extends DomainEvent, State> {
  private readonly known = new Map<string, Known<State>>();
  private eventsHeld = 0;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    private readonly upcast: Upcast<Event> = asDomainEvent,
    private readonly limits: { readonly streams: number; readonly events: number; readonly history?: boolean } = { streams: 5_000, events: 100_000 },
  ) {}

  async load(streamId: string): Promise<Loaded<State>> {
    const known = this.known.get(streamId);
    const newer = await this.store.readStream(streamId, known ? { from: known.revision + 1 } : undefined);
    if (known && newer.length > 0 && newer[0].previousHash !== known.hash) {
      this.forget(streamId);
      return this.load(streamId);
    }
    const loaded = known ? this.advance(known, newer) : this.advance({ history: [], revision: -1, state: this.decider.initialState, hash: null }, newer);
    this.forget(streamId);
    if (loaded.revision >= 0) this.keep(streamId, loaded);
    return loaded;
  }

  /** After an append at a revision fails, or a stream is changed outside the log's order. */
  forget(streamId: string): void {
    const known = this.known.get(streamId);
    if (!known) return;
    this.known.delete(streamId);
    this.eventsHeld -= known.history.length;
  }

  /** Streams and events held just now. */
  get held(): { streams: number; events: number } {
    return { streams: this.known.size, events: this.eventsHeld };
  }

  private keep(streamId: string, loaded: Known<State>): void {
    this.known.set(streamId, loaded);
    this.eventsHeld += loaded.history.length;
    // The least recently used go first; the stream just loaded stays.
    while (this.known.size > 1 && (this.known.size > this.limits.streams || this.eventsHeld > this.limits.events)) {
      this.forget(this.known.keys().next().value as string);
    }
  }

  private advance(known: Known<State>, newer: readonly StoredEvent[]): Known<State> {
    if (newer.length === 0) return known;
    const last = newer[newer.length - 1];
    return {
      history: this.limits.history === false ? known.history : [...known.history, ...newer],
      revision: last.revision,
      state: newer.reduce((state, stored) => this.decider.evolve(state, this.upcast(stored)), known.state),
      hash: last.hash,
    };
  }
}

/**
 * Work on one key waits for the work on that key before it: commands on one stream in this
 * process run one after another instead of racing to append at the same revision, where
 * each loser reads, decides and tries again (and under load the retries outnumber the work).
 * Other processes are still held off by the append's expected revision.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work waiting or running. */
  get size(): number {
    return this.tails.size;
  }
}
