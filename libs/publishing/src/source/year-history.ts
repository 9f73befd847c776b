import { type AsOf, asOfFilter, type AuditLog, walkLog } from '@app/audit';
import {
  amendedDefinition,
  type CaseEvent,
  caseDecider,
  DomainError,
  type FrameworkDefinition,
  type FrameworkEvent,
  type FrameworkImported,
  frameworkStreamId,
  isAmendment,
  type Locality,
  type OpenCase,
  upcastCase,
} from '@app/domain';
import type { StoredEvent } from '@app/event-store';

/** A case event as the publications see it: its id (release ids derive from it) and its two clocks. */
export interface LoggedCaseEvent {
  readonly id: string;
  readonly event: CaseEvent;
  /** Business date-time the event speaks of (ISO 8601 with offset). */
  readonly occurredAt: string;
  readonly recordedAt: string;
}

export interface PublishedCase {
  readonly caseId: string;
  readonly events: readonly LoggedCaseEvent[];
  /** The case folded by the domain's own evolve, as of the instant. */
  readonly state: OpenCase;
}

/** Everything a year's publications are made from: its framework and its cases, as of an instant or now. */
export interface YearHistory {
  readonly financialYear: string;
  /** The framework as amended up to the instant: priorities, boards and localities added, localities merged. */
  readonly definition: FrameworkDefinition;
  /** Localities merged into another since the import: earlier cases still name them, and they are still places. */
  readonly formerLocalities: readonly Locality[];
  readonly cases: readonly PublishedCase[];
  /** When the last event folded was recorded: the publications' date when no instant is asked for. */
  readonly lastRecordedAt: string;
  readonly asOf?: AsOf;
}

const isCaseStream = (streamId: string): boolean => streamId.startsWith('case-');

/**
 * One walk of the log in global order, through the audit's as-of filter when an instant is
 * given (each stream up to its first event after it), keeping the year's framework and the
 * cases whose opening profile is of that year.
 */
export async function readYear(log: AuditLog, financialYear: string, asOf?: AsOf, onEvent?: () => void): Promise<YearHistory> {
  const keep = asOf ? asOfFilter(asOf) : () => true;
  const frameworkStream = frameworkStreamId(financialYear);
  let definition: FrameworkDefinition | undefined;
  const formerLocalities: Locality[] = [];
  let lastRecordedAt = '';
  const streams = new Map<string, StoredEvent[]>();
  for await (const event of walkLog(log)) {
    onEvent?.();
    if (!keep(event)) continue;
    if (event.streamId === frameworkStream) {
      const e = event as unknown as FrameworkEvent;
      if (e.type === 'FrameworkImported' && !definition) definition = e.data as FrameworkImported['data'];
      else if (definition && isAmendment(e)) {
        if (e.type === 'LocalitiesMerged') formerLocalities.push(...definition.localities.filter((l) => l.slug === e.data.locality));
        definition = amendedDefinition(definition, e);
      }
      lastRecordedAt = later(lastRecordedAt, event.metadata.recordedAt);
    } else if (isCaseStream(event.streamId)) {
      const stream = streams.get(event.streamId) ?? [];
      stream.push(event);
      streams.set(event.streamId, stream);
    }
  }
  if (!definition) {
    const when = asOf ? ` as of ${asOf.at.toISOString()} (${asOf.basis})` : '';
    throw new DomainError('NOT_FOUND', `No framework had been imported for ${financialYear}${when}`, { financialYear });
  }
  const cases: PublishedCase[] = [];
  for (const stream of streams.values()) {
    const published = caseOf(stream);
    if (published?.state.profile.financialYear !== financialYear) continue;
    cases.push(published);
    lastRecordedAt = later(lastRecordedAt, stream[stream.length - 1].metadata.recordedAt);
  }
  cases.sort((a, b) => a.caseId.localeCompare(b.caseId, 'en'));
  return { financialYear, definition, formerLocalities, cases, lastRecordedAt, ...(asOf ? { asOf } : {}) };
}

function caseOf(stream: readonly StoredEvent[]): PublishedCase | undefined {
  const events = stream.map((stored) => ({
    id: stored.id,
    // Read as the current version reads it: an older event is upcast first.
    event: upcastCase(stored),
    occurredAt: stored.metadata.occurredAt,
    recordedAt: stored.metadata.recordedAt,
  }));
  const state = events.reduce((folded, logged) => caseDecider.evolve(folded, logged.event), caseDecider.initialState);
  if (state.status !== 'open') return undefined;
  return { caseId: state.profile.caseId, events, state };
}

const later = (a: string, b: string): string => (a === '' || Date.parse(b) > Date.parse(a) ? b : a);
