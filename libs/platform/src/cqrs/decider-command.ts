import { randomUUID } from 'node:crypto';
import { type Decider, type DomainEvent, DomainError, fold } from '@app/domain';
import { type EventStore, type NewEvent, type StoredEvent, WrongExpectedRevision } from '@app/event-store';
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

const asDomainEvent = <Event>(stored: StoredEvent): Event => ({ type: stored.type, data: stored.data }) as Event;

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
  const history = await store.readStream(streamId);
  const revision = history.length - 1;
  const replay = context.idempotencyKey ? findReplay(history, streamId, context) : undefined;
  if (replay) return { streamId, revision, events: replay, state: fold(decider, history.map(upcast)), replayed: true };
  if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
    throw new WrongExpectedRevision(streamId, context.expectedRevision, revision);
  }
  const state = fold(decider, history.map(upcast));
  const decided = decider.decide(command, state);
  if (decided.length === 0) return { streamId, revision, events: [], state, replayed: false };

  const newEvents: NewEvent[] = decided.map((event, index) => ({
    id: context.idempotencyKey ? nameBasedUuid(`${streamId}|${context.idempotencyKey}|${index}`) : randomUUID(),
    type: event.type,
    data: event.data,
    metadata: {
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      occurredAt: context.occurredAt,
      ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey, requestFingerprint: context.requestFingerprint } : {}),
    },
  }));
  const result = await store.appendToStream(streamId, newEvents, { expected: revision === -1 ? 'no_stream' : revision });
  const stored = await store.readStream(streamId, { from: revision + 1, to: result.nextRevision });
  return {
    streamId,
    revision: result.nextRevision,
    events: stored,
    state: decided.reduce(decider.evolve, state),
    replayed: result.duplicate,
  };
}

function findReplay(history: readonly StoredEvent[], streamId: string, context: CommandContext): StoredEvent[] | undefined {
  const firstId = nameBasedUuid(`${streamId}|${context.idempotencyKey}|0`);
  const start = history.findIndex((event) => event.id === firstId);
  if (start === -1) return undefined;
  const fingerprint = (history[start].metadata as { requestFingerprint?: string }).requestFingerprint;
  if (context.requestFingerprint && fingerprint && fingerprint !== context.requestFingerprint) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key "${context.idempotencyKey}" was already used for a different request on ${streamId}`,
    );
  }
  return history.filter((event) => (event.metadata as { idempotencyKey?: string }).idempotencyKey === context.idempotencyKey);
}
