import {
  type AppendOptions,
  type AppendResult,
  chainHash,
  type EventStore,
  type NewEvent,
  prepareEvents,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type Subscription,
  WrongExpectedRevision,
} from '@app/event-store';

/** An appended event with the serialised forms the database copy needs. */
export interface FreshEvent {
  readonly event: StoredEvent;
  readonly contentHash: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/**
 * An event store in memory for generating a bench log with the product's own services:
 * the same validation, hashing and revision checks as the SQL store, none of its I/O.
 * `take()` hands over what was appended since the last call, to be copied into the real
 * database; `forget()` drops streams that will not be written again (a finished year).
 */
export class MemoryEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  private readonly streams = new Map<string, StoredEvent[]>();
  private fresh: FreshEvent[] = [];
  private position = 0;

  constructor(private readonly recordedAt: () => string = () => new Date().toISOString()) {}

  async appendToStream(streamId: string, events: readonly NewEvent[], { expected }: AppendOptions): Promise<AppendResult> {
    const prepared = prepareEvents(streamId, events, this.recordedAt());
    const stream = this.streams.get(streamId) ?? [];
    const revision = stream.length - 1;
    const ok = expected === 'any' || (expected === 'no_stream' ? revision === -1 : expected === 'stream_exists' ? revision >= 0 : expected === revision);
    if (!ok) throw new WrongExpectedRevision(streamId, expected, revision);
    let previous = stream.at(-1)?.hash ?? null;
    for (const event of prepared) {
      const next = stream.length;
      const hash = chainHash(previous, next, event.contentHash);
      this.position += 1;
      const stored: StoredEvent = {
        id: event.id,
        streamId,
        revision: next,
        globalPosition: this.position,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: JSON.parse(event.dataJson),
        metadata: JSON.parse(event.metadataJson),
        previousHash: previous,
        hash,
      };
      stream.push(stored);
      this.fresh.push({ event: stored, contentHash: event.contentHash, dataJson: event.dataJson, metadataJson: event.metadataJson });
      previous = hash;
    }
    this.streams.set(streamId, stream);
    return { nextRevision: stream.length - 1, lastPosition: this.position, duplicate: false };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const stream = this.streams.get(streamId) ?? [];
    return stream.slice(options.from ?? 0, (options.to ?? Number.MAX_SAFE_INTEGER) + 1);
  }

  async readAll(_options?: ReadAllOptions): Promise<StoredEvent[]> {
    throw new Error('the bench generator reads streams only');
  }

  subscribe(): Subscription {
    throw new Error('the bench generator does not subscribe');
  }

  async streamRevision(streamId: string): Promise<number> {
    return (this.streams.get(streamId)?.length ?? 0) - 1;
  }

  async streamIds(prefix: string): Promise<string[]> {
    return [...this.streams.keys()].filter((id) => id.startsWith(prefix));
  }

  /** Appended since the last take(). */
  get pendingCount(): number {
    return this.fresh.length;
  }

  take(): FreshEvent[] {
    const taken = this.fresh;
    this.fresh = [];
    return taken;
  }

  forget(prefixes: readonly string[]): void {
    for (const id of this.streams.keys()) if (prefixes.some((p) => id.startsWith(p))) this.streams.delete(id);
  }

  async close(): Promise<void> {}
}
