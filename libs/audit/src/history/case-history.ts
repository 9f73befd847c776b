import { caseStreamId, DomainError } from '@app/domain';
import { type ChainCheck, type StoredEvent, verifyStreamChain } from '@app/event-store';
import type { AuditLog } from '../log/audit-log.port';

export interface CaseHistory {
  readonly caseId: string;
  readonly streamId: string;
  readonly count: number;
  /** The case's own hash chain, recomputed. */
  readonly chain: ChainCheck;
  /** Every event, in order, with its full envelope: metadata, previous hash and hash. */
  readonly items: readonly StoredEvent[];
}

export async function caseHistory(log: Pick<AuditLog, 'readStream'>, caseId: string): Promise<CaseHistory> {
  const streamId = caseStreamId(caseId);
  const items = await log.readStream(streamId);
  if (items.length === 0) throw new DomainError('NOT_FOUND', `No case ${caseId}`, { caseId });
  return { caseId, streamId, count: items.length, chain: verifyStreamChain(items), items };
}
