import {
  BACKWARDS, END, excludeSystemEvents, jsonEvent, KurrentDBClient, NO_STREAM, START, streamNameFilter, StreamNotFoundError,
  WrongExpectedVersionError, type AllStreamResolvedEvent, type AllStreamSubscription, type JSONType, type ReadPosition,
  type ReadStreamOptions as ClientReadOptions, type RecordedEvent,
} from '@kurrent/kurrentdb-client';
import { chainHash, contentHash } from '../event-hash';
import { EventIdConflict, InvalidEvent, WrongExpectedRevision } from '../event-store.errors';
import type {
  AppendOptions, AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, StoredEvent,
  SubscribeOptions, Subscription,
} from '../event-store.port';
import { prepareEvents, validateStreamId, type PreparedEvent } from '../event-validation';

/** Our keys in each event's KurrentDB metadata, beside the caller's (which must not use them). */
type ChainKeys = { schemaVersion?: number; previousHash?: string | null; hash?: string };
/** 'any' / 'stream_exists' appends lose only to a concurrent writer: they re-read and try again, this often. */
const MAX_ATTEMPTS = 10;
const RESUBSCRIBE_MS = 500;

/**
 * The event store on KurrentDB. Every append is pinned to the revision just read (NO_STREAM or that
 * revision, never ANY or STREAM_EXISTS), so a concurrent writer makes it fail rather than fork the
 * stream's hash chain.
 *
 * globalPosition is the event's commit position. Since EventStoreDB 20 an append writes no commit
 * record: each event is its own committed prepare, so commit = prepare = its own log position, distinct
 * per event and in $all order. Only legacy explicit transactions (never written here) share a commit
 * position. Positions are byte offsets in the log, assumed below 2^53 (8 PiB); positionOf checks it.
 */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb' as const;
  private readonly now: () => Date;

  constructor(private readonly client: KurrentDBClient, options: { now?: () => Date } = {}) {
    this.now = options.now ?? (() => new Date());
  }

  static connect(connectionString: string, options?: { now?: () => Date }): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], { expected }: AppendOptions): Promise<AppendResult> {
    const prepared = prepareEvents(streamId, events, this.now().toISOString());
    const wanted = normaliseExpected(expected);
    refuseReserved(prepared);
    for (let attempt = 1; ; attempt++) {
      // Streams here are short (one case each): reading all of it also finds a retried append's ids.
      const stored = await this.readRecorded(streamId, {});
      const duplicate = duplicateOf(streamId, stored, prepared);
      if (duplicate) return duplicate;
      const last = stored.at(-1);
      const actual = last ? Number(last.revision) : -1;
      if (!satisfies(wanted, actual)) throw new WrongExpectedRevision(streamId, expected, actual);
      try {
        return await this.write(streamId, prepared, last);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const current = typeof error.actualState === 'bigint' ? Number(error.actualState) : -1;
        const retry = (wanted === 'any' || wanted === 'stream_exists') && attempt < MAX_ATTEMPTS;
        if (!retry) throw new WrongExpectedRevision(streamId, expected, current);
        await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 10));
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    validateStreamId(streamId);
    const from = options.from ?? 0;
    const to = options.to ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isInteger(from)) throw new InvalidEvent('from', 'must be a revision (integer)');
    if (!Number.isInteger(to)) throw new InvalidEvent('to', 'must be a revision (integer)');
    if (to < Math.max(from, 0)) return [];
    const start = BigInt(Math.max(from, 0));
    const stored = await this.readRecorded(streamId, { fromRevision: start, maxCount: BigInt(to) - start + 1n });
    return stored.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const limit = options.limit ?? 1000;
    if (!Number.isInteger(after) || after < 0) throw new InvalidEvent('after', 'must be a global position (integer ≥ 0)');
    if (!Number.isInteger(limit) || limit < 1) throw new InvalidEvent('limit', 'must be a positive integer');
    const out: StoredEvent[] = [];
    // A forward read of $all includes the event at its start position: read one more and skip it.
    const read = this.client.readAll({ fromPosition: toReadPosition(after), maxCount: limit + 1, filter: excludeSystemEvents() });
    for await (const stored of userEvents(read)) {
      if (stored.globalPosition > after && out.push(stored) === limit) break;
    }
    return out;
  }

  /** Position of the last non-system event of $all (0 when there is none). */
  async headPosition(): Promise<number> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: excludeSystemEvents() });
    for await (const stored of userEvents(read)) return stored.globalPosition;
    return 0;
  }

  subscribe(options: SubscribeOptions): Subscription {
    return new KurrentDbSubscription(this.client, options, () => this.headPosition());
  }

  async streamRevision(streamId: string): Promise<number> {
    validateStreamId(streamId);
    const [last] = await this.readRecorded(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last ? Number(last.revision) : -1;
  }

  async streamIds(prefix: string): Promise<string[]> {
    if (typeof prefix !== 'string' || prefix.length === 0) throw new InvalidEvent('prefix', 'must be a non-empty stream id prefix');
    const ids: string[] = [];
    for await (const { event } of this.client.readAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [prefix] }) })) {
      if (event && event.revision === 0n) ids.push(event.streamId);
    }
    return ids;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async write(streamId: string, prepared: readonly PreparedEvent[], last?: RecordedEvent): Promise<AppendResult> {
    let previousHash = (last?.metadata as ChainKeys | undefined)?.hash ?? null;
    let revision = last ? Number(last.revision) : -1;
    const payload = prepared.map((event) => {
      revision += 1;
      const hash = chainHash(previousHash, revision, contentHash({ ...event, streamId }));
      const metadata = { ...event.metadata, schemaVersion: event.schemaVersion, previousHash, hash };
      previousHash = hash;
      // Store the parse of the canonical text that was hashed, so stored data and hash agree.
      return jsonEvent({ id: event.id, type: event.type, data: JSON.parse(event.dataJson) as JSONType, metadata });
    });
    const result = await this.client.appendToStream(streamId, payload, { streamState: last?.revision ?? NO_STREAM });
    // An append's reported position is not reliably its last event's: read that event back.
    const [written] = await this.readRecorded(streamId, { fromRevision: result.nextExpectedRevision, maxCount: 1 });
    if (!written) throw new Error(`KurrentDB acknowledged an append to "${streamId}" it cannot read back`);
    return { nextRevision: Number(result.nextExpectedRevision), lastPosition: positionOf(written), duplicate: false };
  }

  private async readRecorded(streamId: string, options: ClientReadOptions): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(streamId, options)) if (event) out.push(event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }
}

type Head = () => Promise<number>;

/** Delivers $all in order, awaiting the handler; on failure resubscribes after the last event handled. */
class KurrentDbSubscription implements Subscription {
  private current: number;
  private stopped = false;
  private active: AllStreamSubscription | undefined;
  private wake: (() => void) | undefined;
  private waiters: Array<{ target: number; resolve: () => void }> = [];
  private readonly loop: Promise<void>;

  constructor(private readonly client: KurrentDBClient, private readonly options: SubscribeOptions, private readonly head: Head) {
    this.current = options.after ?? 0;
    this.loop = this.run();
  }

  get position(): number {
    return this.current;
  }

  async caughtUp(): Promise<void> {
    const target = await this.head();
    if (this.stopped || this.current >= target) return;
    await new Promise<void>((resolve) => this.waiters.push({ target, resolve }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // Destroying ends the loop's pending read even if the cancelled call never ends its stream.
    this.active?.destroy();
    await this.loop;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const from = { fromPosition: toReadPosition(this.current), filter: excludeSystemEvents() };
      const subscription = this.client.subscribeToAll(from, { highWaterMark: this.options.batchSize ?? 16 });
      this.active = subscription;
      // Errors reach the loop through the iterator; this keeps one raised after destroy() from crashing.
      subscription.on('error', () => undefined);
      try {
        for await (const stored of userEvents(subscription)) {
          if (this.stopped) break;
          // The server starts after the given position; this also guards a resubscription.
          if (stored.globalPosition <= this.current) continue;
          await this.options.handler(stored);
          this.current = stored.globalPosition;
          for (const waiter of this.waiters.filter(({ target }) => this.current >= target)) waiter.resolve();
          this.waiters = this.waiters.filter(({ target }) => this.current < target);
        }
      } catch (error) {
        if (!this.stopped) this.options.onError?.(error);
      } finally {
        this.active = undefined;
        subscription.destroy();
        void subscription.unsubscribe().catch(() => undefined);
      }
      if (!this.stopped) await this.sleep(RESUBSCRIBE_MS);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => { clearTimeout(timer); resolve(); };
    });
  }
}

function normaliseExpected(expected: ExpectedRevision): ExpectedRevision {
  if (expected === 'no_stream' || expected === 'stream_exists' || expected === 'any') return expected;
  if (Number.isInteger(expected) && expected >= -1) return expected === -1 ? 'no_stream' : expected;
  throw new InvalidEvent('expected', "must be 'no_stream', 'stream_exists', 'any' or a revision (integer ≥ 0)");
}

function satisfies(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any' || expected === 'stream_exists') return expected === 'any' || actual >= 0;
  return actual === (expected === 'no_stream' ? -1 : expected);
}

/** A '$' type would be hidden as a system event; a reserved metadata key would be overwritten. */
function refuseReserved(prepared: readonly PreparedEvent[]): void {
  prepared.forEach((event, i) => {
    if (event.type.startsWith('$')) throw new InvalidEvent(`events[${i}].type`, "must not start with '$' (system events)");
    const clash = (['schemaVersion', 'previousHash', 'hash'] as const).find((key) => key in event.metadata);
    if (clash) throw new InvalidEvent(`events[${i}].metadata.${clash}`, 'is reserved by the event store');
  });
}

/**
 * All ids already in this stream: a retry, answered as the first attempt was. Only some: a conflict.
 * An id stored on another stream is NOT detected: KurrentDB has no global index of event ids (its own
 * idempotency check is per stream), and finding one would mean scanning $all.
 */
function duplicateOf(streamId: string, stored: readonly RecordedEvent[], prepared: readonly PreparedEvent[]) {
  const byId = new Map(stored.map((event) => [event.id.toLowerCase(), event]));
  const found = prepared.flatMap((event) => byId.get(event.id) ?? []);
  if (found.length === 0) return undefined;
  if (found.length < prepared.length) throw new EventIdConflict(streamId, found.map((event) => event.id.toLowerCase()));
  const last = found.reduce((a, b) => (b.revision > a.revision ? b : a));
  return { nextRevision: Number(last.revision), lastPosition: positionOf(last), duplicate: true };
}

/** Our events only: the server-side filter leaves out system events, and this makes sure of it. */
async function* userEvents(read: AsyncIterable<AllStreamResolvedEvent>): AsyncGenerator<StoredEvent> {
  for await (const { event } of read) if (event && !event.type.startsWith('$')) yield toStoredEvent(event);
}

function toReadPosition(after: number): ReadPosition {
  return after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
}

function positionOf(event: RecordedEvent): number {
  const commit = event.position?.commit;
  if (commit === undefined) throw new Error('KurrentDB returned no event position: server 22.6 or later is required');
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`Log position ${commit} does not fit a JS number`);
  return Number(commit);
}

function toStoredEvent(event: RecordedEvent): StoredEvent {
  const { schemaVersion, previousHash, hash, ...metadata } = (event.metadata ?? {}) as ChainKeys & Record<string, unknown>;
  return {
    id: event.id.toLowerCase(), streamId: event.streamId, revision: Number(event.revision), globalPosition: positionOf(event),
    type: event.type, schemaVersion: schemaVersion ?? 1, data: event.data, previousHash: previousHash ?? null, hash: hash ?? '',
    metadata: metadata as unknown as StoredEvent['metadata'],
  };
}
