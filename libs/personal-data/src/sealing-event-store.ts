import { personalFieldsOf } from '@app/domain';
import type { AppendOptions, EventStore, NewEvent } from '@app/event-store';
import { sealedSubject, sealValue } from './sealed-value';
import type { SubjectKeys } from './subject-keys';

/**
 * The event store as the application sees it: personal fields (libs/domain says which) are
 * sealed under their subject's key before they reach the log, whichever adapter keeps it.
 * Everything else (reads, subscriptions, an adapter's own extras such as headPosition) is the
 * adapter's, untouched; the PersonalDataVault opens sealed fields for readers.
 */
export function sealingEventStore<Store extends EventStore>(inner: Store, keys: SubjectKeys): Store {
  const append = (streamId: string, events: readonly NewEvent[], options: AppendOptions) =>
    Promise.all(events.map((event) => sealEvent(event, keys))).then((sealed) => inner.appendToStream(streamId, sealed, options));
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'appendToStream') return append;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export async function sealEvent(event: NewEvent, keys: SubjectKeys): Promise<NewEvent> {
  const fields = personalFieldsOf(event.type, event.data);
  if (fields.length === 0) return event;
  // A JSON copy: event data is plain JSON (the store refuses anything else), and a copy made in this realm stays plain.
  const data = JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>;
  for (const field of fields) {
    const parent = field.path.slice(0, -1).reduce<Record<string, unknown>>((at, part) => at[part] as Record<string, unknown>, data);
    const name = field.path[field.path.length - 1];
    const value = parent[name];
    if (typeof value !== 'string' || sealedSubject(value)) continue;
    const { subjectId, key } = await keys.forRef(field.subjectRef);
    parent[name] = sealValue(subjectId, key, value);
  }
  return { ...event, data };
}
