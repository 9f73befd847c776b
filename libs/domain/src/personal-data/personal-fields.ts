/**
 * Where personal data sits in the log: for each event type, the fields that name or
 * reach a living person, and who that person is (the data subject). Each such field is
 * kept encrypted under its subject's own key, so erasing the key puts it beyond use.
 *
 * A subject's reference (`contact:<email>`) is how the key table finds the person; it is
 * never written to the log, only the key's random id is.
 */
export interface PersonalField {
  /** Path of a string field inside the event's data, e.g. ['contact', 'email']. */
  readonly path: readonly string[];
  /** The data subject's reference, e.g. contact:jo.bloggs@example.org. */
  readonly subjectRef: string;
}

export interface PersonalContact {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
}

const CONTACT_FIELDS = ['name', 'email', 'phone'] as const;

/** A contact is one subject, known by their email when there is one, else by name within the case. */
function contactFields(contact: unknown, at: readonly string[], scope: string): PersonalField[] {
  if (!contact || typeof contact !== 'object') return [];
  const record = contact as Record<string, unknown>;
  const email = typeof record.email === 'string' ? record.email.trim().toLowerCase() : '';
  const name = typeof record.name === 'string' ? record.name.trim().toLowerCase() : '';
  const subjectRef = email ? `contact:${email}` : `contact:${scope}:${name}`;
  return CONTACT_FIELDS.filter((field) => typeof record[field] === 'string' && record[field] !== '').map((field) => ({
    path: [...at, field],
    subjectRef,
  }));
}

type Finder = (data: Record<string, unknown>) => PersonalField[];

const caseScope = (data: Record<string, unknown>): string =>
  String((data.profile as { caseId?: unknown } | undefined)?.caseId ?? 'unknown-case');

/** The event types that carry personal data, and where. Everything else carries none. */
export const PERSONAL_FIELDS: Readonly<Partial<Record<string, Finder>>> = {
  GrantApplicationReceived: (data) => contactFields(data.contact, ['contact'], caseScope(data)),
};

/** The personal fields of one event (an empty list for nearly every event). */
export function personalFieldsOf(type: string, data: unknown): PersonalField[] {
  const finder = PERSONAL_FIELDS[type];
  return finder && data && typeof data === 'object' ? finder(data as Record<string, unknown>) : [];
}
