import { DomainError } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { type AuditLog, walkLog } from '../log/audit-log.port';
import { type AsOfBasis, parseBasis, parseInstant, timeOf } from '../as-of/as-of';

export interface ExportFilter {
  readonly stream?: string;
  readonly locality?: string;
  /** Inclusive bounds on the basis' clock. */
  readonly from?: Date;
  readonly to?: Date;
  readonly basis: AsOfBasis;
}

export interface RawExportFilter {
  readonly stream?: string;
  readonly locality?: string;
  readonly from?: string;
  readonly to?: string;
  readonly basis?: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Checks an export's filter at the edge; `from` and `to` dates cover whole Europe/London days. */
export function parseExportFilter(raw: RawExportFilter): ExportFilter {
  if (raw.stream !== undefined && (raw.stream.trim() === '' || raw.stream.length > 200)) {
    throw DomainError.field('VALIDATION_FAILED', 'stream', 'must be a stream id such as case-2016-17-B51');
  }
  // Empty (`?locality=`) is no filter, as on every list that takes one.
  const locality = raw.locality === '' ? undefined : raw.locality;
  if (locality !== undefined && !SLUG.test(locality)) {
    throw DomainError.field('VALIDATION_FAILED', 'locality', 'must be a locality slug such as blaby');
  }
  const from = raw.from ? parseInstant(raw.from, 'from', 'start') : undefined;
  const to = raw.to ? parseInstant(raw.to, 'to', 'end') : undefined;
  if (from && to && from > to) throw DomainError.field('VALIDATION_FAILED', 'to', 'must not be before from');
  return { stream: raw.stream, locality, from, to, basis: parseBasis(raw.basis) };
}

/**
 * Which events belong to a locality: those of cases whose profile (from the opening event)
 * names it, the framework ledger's entries for those cases (data.caseId), and anything a
 * user of that locality did. Fed in log order, so a case is known before its later events.
 */
export function localityMatcher(locality: string): (event: StoredEvent) => boolean {
  const streams = new Set<string>();
  const cases = new Set<string>();
  return (event) => {
    const data = (event.data ?? {}) as { profile?: { caseId?: string; locality?: string | null }; caseId?: unknown };
    if (data.profile?.locality === locality && event.streamId.startsWith('case-')) {
      streams.add(event.streamId);
      if (data.profile.caseId) cases.add(data.profile.caseId);
    }
    return (
      streams.has(event.streamId) ||
      (typeof data.caseId === 'string' && cases.has(data.caseId)) ||
      event.metadata.actor.locality === locality
    );
  };
}

export type ExportProgress = (done: number, total: number) => void;

/** The events the filter selects: one stream in revision order, or the whole log in global order. */
export async function* selectEvents(log: AuditLog, filter: ExportFilter, onProgress: ExportProgress = () => undefined): AsyncGenerator<StoredEvent> {
  const inLocality = filter.locality ? localityMatcher(filter.locality) : () => true;
  const from = filter.from?.getTime() ?? -Infinity;
  const to = filter.to?.getTime() ?? Infinity;
  const source: AsyncIterable<StoredEvent> = filter.stream ? streamOf(log, filter.stream) : walkLog(log);
  const total = filter.stream ? 0 : (await log.size()).events;
  let done = 0;
  for await (const event of source) {
    done += 1;
    if (done % 200 === 0) onProgress(done, Math.max(total, done));
    // The locality is learnt from every event, inside the date range or not.
    const local = inLocality(event);
    const at = timeOf(event, filter.basis);
    if (local && at >= from && at <= to) yield event;
  }
  onProgress(done, Math.max(total, done));
}

async function* streamOf(log: AuditLog, streamId: string): AsyncGenerator<StoredEvent> {
  yield* await log.readStream(streamId);
}
