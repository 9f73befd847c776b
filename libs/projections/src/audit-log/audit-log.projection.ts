import { type BusinessDate, businessDateOf, type CaseProfile, isProfileChange, localityAfterChange } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { Projection } from '../projection';

/** One event of the log as an auditor filters it (key: the global position, zero-padded). */
export interface AuditEntry {
  readonly kind: 'event';
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly actor: { readonly id: string; readonly role: string; readonly locality: string | null };
  /** The locality of the case the event belongs to (null for framework and other events). */
  readonly locality: string | null;
  readonly caseId: string | null;
  readonly occurredAt: string;
  /** occurredAt as a Europe/London business date, for from/to filters. */
  readonly occurredOn: BusinessDate;
  readonly recordedAt: string;
  readonly correlationId: string;
  readonly causationId: string;
}

/** What the log says about a case that later events need: kept under "case:<caseId>". */
export interface AuditCase {
  readonly kind: 'case';
  readonly caseId: string;
  readonly locality: string | null;
}

export type AuditDoc = AuditEntry | AuditCase;

export const POSITION_DIGITS = 15;
export const entryKey = (position: number): string => String(position).padStart(POSITION_DIGITS, '0');
/** The largest entry key: case documents ("case:…") sort after every entry. */
export const LAST_ENTRY_KEY = '9'.repeat(POSITION_DIGITS);
export const caseKey = (caseId: string): string => `case:${caseId}`;

const CASE_STREAM = /^case-(.+)$/;
const caseIdOf = (event: StoredEvent): string | null => CASE_STREAM.exec(event.streamId)?.[1] ?? null;
const openingProfile = (event: StoredEvent): CaseProfile | undefined => (event.data as { profile?: CaseProfile } | null)?.profile;

function entryOf(event: StoredEvent, caseId: string | null, locality: string | null): AuditEntry {
  const { actor, occurredAt, recordedAt, correlationId, causationId } = event.metadata;
  return {
    kind: 'event',
    position: event.globalPosition,
    eventId: event.id,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    actor: { id: actor.id, role: actor.role, locality: actor.locality ?? null },
    locality,
    caseId,
    occurredAt,
    occurredOn: businessDateOf(new Date(occurredAt)),
    recordedAt,
    correlationId,
    causationId,
  };
}

/**
 * Every event of the log, in log order, with who, when and why. A case's locality comes
 * from its opening event's profile (moved by a locality merger), kept in a case document
 * this projection maintains; an entry carries the locality as it stood when its event happened.
 */
export const auditLogProjection: Projection<AuditDoc> = {
  name: 'audit_log',
  version: 1,
  keysOf(event) {
    const caseId = caseIdOf(event);
    // The case document first: the entry of an opening event reads the locality it records.
    const opens = caseId !== null && (openingProfile(event) !== undefined || isProfileChange(event));
    return opens ? [caseKey(caseId), entryKey(event.globalPosition)] : [entryKey(event.globalPosition)];
  },
  readsOf(event) {
    const caseId = caseIdOf(event);
    return caseId === null ? [] : [caseKey(caseId)];
  },
  // An entry is its own event's alone: nothing later changes or reads it.
  settled: (key) => !key.startsWith('case:'),
  evolve(doc, event, key, lookup) {
    const caseId = caseIdOf(event);
    if (key.startsWith('case:')) {
      // A case opens once; a locality merger moves it, and its entries from then on carry where it now stands.
      if (doc?.kind === 'case' && isProfileChange(event)) return { ...doc, locality: localityAfterChange(doc.locality, event) };
      if (doc) return doc;
      return { kind: 'case', caseId: caseId ?? key.slice('case:'.length), locality: openingProfile(event)?.locality ?? null };
    }
    const known = caseId === null ? undefined : lookup(caseKey(caseId));
    return entryOf(event, caseId, known?.kind === 'case' ? known.locality : null);
  },
};
