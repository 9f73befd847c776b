import type { StoredEvent } from '@app/event-store';
import { applyEvents, type Projection } from '@app/projections';

let position = 0;

/** A stored event for a projection spec: the envelope filled in, the business content given. */
export function stored(
  streamId: string,
  event: { type: string; data: unknown },
  meta: { occurredAt?: string; actor?: { id: string; role: string; locality?: string }; revision?: number } = {},
): StoredEvent {
  position += 1;
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    streamId,
    revision: meta.revision ?? 0,
    globalPosition: position,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: {
      actor: meta.actor ?? { id: 'officer.one', role: 'opcc-staff' },
      correlationId: 'c',
      causationId: 'c',
      occurredAt: meta.occurredAt ?? '2016-04-01T09:00:00+01:00',
      recordedAt: '2016-04-01T08:00:00.000Z',
    },
    previousHash: null,
    hash: 'h',
  };
}

/** given(events) → the documents the projection holds afterwards. */
export function given<Doc>(projection: Projection<Doc>, events: readonly StoredEvent[]) {
  const docs = applyEvents(projection, events);
  return {
    docs,
    then: (key: string) => docs.get(key),
  };
}
