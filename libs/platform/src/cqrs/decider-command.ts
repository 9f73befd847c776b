import { randomUUID } from 'node:crypto';
import { type Decider, type DomainEvent, DomainError, fold } from '@app/domain';
import { EventIdConflict, type EventStore, type NewEvent, type StoredEvent, WrongExpectedRevision } from '@app/event-store';
import type { CommandContext } from './command-context';
import { nameBasedUuid } from './deterministic-id';

export interface CommandOutcome<State> {
  readonly streamId: string;
  /** Revision after the command (-1: the stream still has no events). */
  readonly revision: number;
  readonly events: readonly StoredEvent[];
  readonly state: State;
  /** True when an earlier identical request (same Idempotency-Key) already did this. */
  readonly replayed: boolean;
}

export type Upcast<Event> = (stored: StoredEvent) => Event;

export const asDomainEvent = <Event>(stored: StoredEvent): Event => ({ type: stored.type, data: stored.data }) as Event;

export interface Loaded<State> {
  readonly history: readonly StoredEvent[];
  readonly revision: number;
  readonly state: State;
}

/** Reads a stream and folds it through `evolve`. */
export async function loadStream<Event extends DomainEvent, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
  upcast: Upcast<Event> = asDomainEvent,
): Promise<Loaded<State>> {
  const history = await store.readStream(streamId);
  return { history, revision: history.length - 1, state: fold(decider, history.map(upcast)) };
}

/** Events an earlier request with the same Idempotency-Key appended, or undefined. */
export function replayOf(loaded: Loaded<unknown>, streamId: string, context: CommandContext): StoredEvent[] | undefined {
  if (!context.idempotencyKey) return undefined;
  const firstId = nameBasedUuid(`${streamId}|${context.idempotencyKey}|0`);
  const first = loaded.history.find((event) => event.id === firstId);
  if (!first) return undefined;
  refuseOtherRequest(first, streamId, context);
  return loaded.history.filter((event) => (event.metadata as { idempotencyKey?: string }).idempotencyKey === context.idempotencyKey);
}

/**
 * A key is bound to the request that first used it (caller, method, path, body: see
 * requestFingerprint): the same key on another request is refused, never answered with
 * the first request's result.
 */
function refuseOtherRequest(first: StoredEvent, streamId: string, context: CommandContext): void {
  const fingerprint = (first.metadata as { requestFingerprint?: string }).requestFingerprint;
  if (context.requestFingerprint && fingerprint && fingerprint !== context.requestFingerprint) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key "${context.idempotencyKey}" was already used for a different request on ${streamId}; use a new key for a new request`,
    );
  }
}

/** `If-Match`: the caller must have seen the current revision. */
export function checkExpectedRevision(loaded: Loaded<unknown>, streamId: string, context: CommandContext): void {
  if (context.expectedRevision !== undefined && context.expectedRevision !== loaded.revision) {
    throw new WrongExpectedRevision(streamId, context.expectedRevision, loaded.revision);
  }
}

/** The decided events as the store takes them; ids are name-based under an Idempotency-Key. */
export function newEventsFor(streamId: string, decided: readonly DomainEvent[], context: CommandContext, schemaVersion?: number): NewEvent[] {
  return decided.map((event, index) => ({
    id: context.idempotencyKey ? nameBasedUuid(`${streamId}|${context.idempotencyKey}|${index}`) : randomUUID(),
    type: event.type,
    ...(schemaVersion ? { schemaVersion } : {}),
    data: event.data,
    metadata: {
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      occurredAt: context.occurredAt,
      ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
      ...(context.idempotencyKey && context.requestFingerprint ? { requestFingerprint: context.requestFingerprint } : {}),
    },
  }));
}

/** Appends decided events at the revision they were decided on. */
export async function appendDecided(
  store: EventStore,
  streamId: string,
  revision: number,
  decided: readonly DomainEvent[],
  context: CommandContext,
  schemaVersion?: number,
): Promise<{ revision: number; events: StoredEvent[]; duplicate: boolean }> {
  const newEvents = newEventsFor(streamId, decided, context, schemaVersion);
  let result;
  try {
    result = await store.appendToStream(streamId, newEvents, { expected: revision === -1 ? 'no_stream' : revision });
  } catch (error) {
    // A concurrent request with the same key won, having decided other events.
    if (error instanceof EventIdConflict && context.idempotencyKey) await refuseIfKeyTaken(store, streamId, context);
    throw error;
  }
  const events = result.stored?.length === newEvents.length ? [...result.stored] : await store.readStream(streamId, { from: result.nextRevision - newEvents.length + 1, to: result.nextRevision });
  // A concurrent request with the same key stored these first: it must have been this very request.
  if (result.duplicate && context.idempotencyKey && events[0]) refuseOtherRequest(events[0], streamId, context);
  return { revision: result.nextRevision, events, duplicate: result.duplicate };
}

async function refuseIfKeyTaken(store: EventStore, streamId: string, context: CommandContext): Promise<void> {
  const firstId = nameBasedUuid(`${streamId}|${context.idempotencyKey}|0`);
  const first = (await store.readStream(streamId)).find((event) => event.id === firstId);
  if (first) refuseOtherRequest(first, streamId, context);
}

/**
 * The command seam: load the stream, fold it through `evolve`, `decide`, append at the
 * revision that was read. A concurrent writer makes the append fail with
 * WrongExpectedRevision instead of both winning.
 */
export async function executeCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  context: CommandContext,
  upcast: Upcast<Event> = asDomainEvent,
): Promise<CommandOutcome<State>> {
  const loaded = await loadStream(store, decider, streamId, upcast);
  const replay = replayOf(loaded, streamId, context);
  if (replay) return { streamId, revision: loaded.revision, events: replay, state: loaded.state, replayed: true };
  checkExpectedRevision(loaded, streamId, context);
  const decided = decider.decide(command, loaded.state);
  if (decided.length === 0) return { streamId, revision: loaded.revision, events: [], state: loaded.state, replayed: false };
  const appended = await appendDecided(store, streamId, loaded.revision, decided, context);
  return {
    streamId,
    revision: appended.revision,
    events: appended.events,
    state: decided.reduce(decider.evolve, loaded.state),
    replayed: appended.duplicate,
  };
}

/** Runs `attempt` again when another writer got to the stream first (only when no If-Match pinned the revision). */
export async function retryOnConflict<T>(context: CommandContext, attempt: () => Promise<T>, times = 5): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      const retry = error instanceof WrongExpectedRevision && context.expectedRevision === undefined && tried < times;
      if (!retry) throw error;
    }
  }
}
