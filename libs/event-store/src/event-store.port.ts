/**
 * The event store port. Every adapter (PostgreSQL, embedded PGlite, KurrentDB)
 * implements it and passes the same contract suite (libs/event-store/test).
 */

export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface Actor {
  readonly id: string;
  readonly role: string;
  readonly locality?: string;
}

export interface EventMetadata {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  /** Business date-time the event speaks of (ISO 8601 with offset). */
  readonly occurredAt: string;
}

/** What a caller hands to `appendToStream`. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly schemaVersion?: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/** A stored event, as read back. */
export interface StoredEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly globalPosition: number;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata & { readonly recordedAt: string };
  /** Hash of the previous event of this stream (null for revision 0). */
  readonly previousHash: string | null;
  /** Hash over previousHash, revision and this event's canonical content. */
  readonly hash: string;
}

export interface AppendOptions {
  readonly expected: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event of the append. */
  readonly nextRevision: number;
  /** Global position of the last event of the append. */
  readonly lastPosition: number;
  /** True when every event id was already stored: nothing new was written. */
  readonly duplicate: boolean;
  /**
   * The events as stored, when the store had them at hand from the write itself (a
   * one-event append on PostgreSQL or PGlite): a command answers with them without
   * reading them back. Absent otherwise: read them from the stream.
   */
  readonly stored?: readonly StoredEvent[];
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive). */
  readonly from?: number;
  /** Last revision to read (inclusive). */
  readonly to?: number;
}

export interface ReadAllOptions {
  /** Read the events after this global position (0 or absent: from the start). */
  readonly after?: number;
  readonly limit?: number;
}

export interface SubscribeOptions {
  /** Deliver the events after this global position (0 or absent: from the start). */
  readonly after?: number;
  readonly batchSize?: number;
  /** Called once per event, in global order; the next event waits for it. */
  readonly handler: (event: StoredEvent) => Promise<void> | void;
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves when the subscription has stopped (no handler call after this). */
  stop(): Promise<void>;
  /** Global position of the last event delivered. */
  readonly position: number;
  /** Resolves once the subscriber has delivered everything stored up to now. */
  caughtUp(): Promise<void>;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
}

export interface MultiAppendOptions {
  /** Called after each stream's events are written, before the transaction commits (fault injection in tests). */
  readonly afterStream?: (index: number) => Promise<void> | void;
}

export type StoreKind = 'pglite' | 'postgres' | 'kurrentdb';

export interface EventStore {
  readonly kind: StoreKind;
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams in one transaction: every stream moves, or none does (a
   * wrong expected revision on any refuses all). Only stores with multi-stream transactions
   * (PostgreSQL, PGlite) offer it.
   */
  appendToStreams?(appends: readonly StreamAppend[], options?: MultiAppendOptions): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Events in global order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  subscribe(options: SubscribeOptions): Subscription;
  /** Current revision of a stream, or -1 when it has no events. */
  streamRevision(streamId: string): Promise<number>;
  /** The streams whose id begins with `prefix`, in the order they were first written. */
  streamIds(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
