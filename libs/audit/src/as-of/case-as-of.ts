import { caseDecider, caseStreamId, DomainError, fold, type OpenCase, upcastCase } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { AuditLog } from '../log/audit-log.port';
import { type AsOf, asOfFilter, timeOf } from './as-of';

export interface EventSummary {
  readonly revision: number;
  readonly globalPosition: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

export interface CaseAsOf {
  readonly caseId: string;
  readonly asOf: AsOf;
  readonly state: OpenCase;
  /** The revision the case was at then (its ETag then). */
  readonly revision: number;
  readonly lastEvent: EventSummary;
  /** Events of the case after the instant (not folded). */
  readonly laterEvents: number;
  /**
   * Events folded that the stream holds after one beyond the instant: records back-dated to
   * before it, recorded once a later event had been. Only the occurred basis has any.
   */
  readonly backDated: readonly EventSummary[];
}

export const summaryOf = (event: StoredEvent): EventSummary => ({
  revision: event.revision,
  globalPosition: event.globalPosition,
  type: event.type,
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
});

/** The case as it stood at the instant: its stream folded up to its first event after it. */
export async function caseAsOf(log: Pick<AuditLog, 'readStream'>, caseId: string, asOf: AsOf): Promise<CaseAsOf> {
  const history = await log.readStream(caseStreamId(caseId));
  if (history.length === 0) throw new DomainError('NOT_FOUND', `No case ${caseId}`, { caseId });
  const keep = asOfFilter(asOf);
  const folded = history.filter(keep);
  if (folded.length === 0) {
    throw new DomainError('NOT_FOUND', `Case ${caseId} had not been opened as of ${asOf.at.toISOString()} (${asOf.basis})`, {
      caseId,
      openedAt: history[0].metadata[asOf.basis === 'recorded' ? 'recordedAt' : 'occurredAt'],
    });
  }
  const firstLater = history.findIndex((event) => timeOf(event, asOf.basis) > asOf.at.getTime());
  const state = fold(caseDecider, folded.map(upcastCase));
  const last = folded[folded.length - 1];
  return {
    caseId,
    asOf,
    state: state as OpenCase,
    revision: last.revision,
    lastEvent: summaryOf(last),
    laterEvents: history.length - folded.length,
    backDated: firstLater < 0 ? [] : folded.filter((event) => event.revision > history[firstLater].revision).map(summaryOf),
  };
}
