import { verifyStreamChain } from '@app/event-store';
import { type AuditLog, walkLog } from '../log/audit-log.port';
import type { SealStore } from '../seals/seal-store';
import { byPosition, type Finding } from './finding';
import { SealWalk } from './seal-walk';

export type VerifyPhase = 'streams' | 'seals';
export type VerifyProgress = (phase: VerifyPhase, done: number, total: number) => void;

/** At most this many findings are listed; the counts are always whole. */
export const MAX_FINDINGS = 100;

export interface VerifyReport {
  readonly ok: boolean;
  readonly checkedAt: string;
  readonly streams: { readonly checked: number; readonly broken: number };
  /** Events whose stream chain was recomputed. */
  readonly events: number;
  readonly seals: {
    readonly checked: number;
    readonly broken: number;
    /** The newest seal: keep its hash somewhere else, and a rewrite of the whole log shows. */
    readonly last: { readonly sealNo: number; readonly toPosition: number; readonly sealHash: string; readonly sealedAt: string } | null;
  };
  /** Events walked in global order (what the seals were checked against). */
  readonly logEvents: number;
  /** Events after the last seal: what only the stream chains vouch for so far. */
  readonly unsealedTail: number;
  /** The lowest broken global position, with its stream, revision and reason. */
  readonly firstBroken: Finding | null;
  readonly findings: readonly Finding[];
  readonly findingsTotal: number;
}

/**
 * Recomputes every stream's hash chain, then walks the log in global order checking every
 * seal against it. Reads only; sealing is a separate step.
 */
export async function verifyLog(
  log: AuditLog,
  seals: SealStore,
  options: { onProgress?: VerifyProgress; now?: () => Date } = {},
): Promise<VerifyReport> {
  const progress = options.onProgress ?? (() => undefined);
  const { events: total } = await log.size();
  const findings: Finding[] = [];
  let streams = 0;
  let events = 0;
  progress('streams', 0, total);
  for await (const stream of log.streams()) {
    const check = verifyStreamChain(stream);
    if (!check.ok) {
      findings.push({ kind: 'stream', globalPosition: check.globalPosition, streamId: check.streamId, revision: check.revision, sealNo: null, reason: check.reason });
    }
    streams += 1;
    events += stream.length;
    progress('streams', events, Math.max(total, events));
  }
  const brokenStreams = findings.length;

  const allSeals = await seals.all();
  const walk = new SealWalk(allSeals);
  let logEvents = 0;
  progress('seals', 0, total);
  for await (const event of walkLog(log)) {
    walk.push(event);
    logEvents += 1;
    if (logEvents % 500 === 0) progress('seals', logEvents, Math.max(total, logEvents));
  }
  progress('seals', logEvents, Math.max(total, logEvents));
  const sealed = walk.finish();
  findings.push(...sealed.findings);
  findings.sort(byPosition);

  const last = allSeals.at(-1);
  return {
    ok: findings.length === 0,
    checkedAt: (options.now?.() ?? new Date()).toISOString(),
    streams: { checked: streams, broken: brokenStreams },
    events,
    seals: {
      checked: sealed.checked,
      broken: sealed.findings.length,
      last: last ? { sealNo: last.sealNo, toPosition: last.toPosition, sealHash: last.sealHash, sealedAt: last.sealedAt } : null,
    },
    logEvents,
    unsealedTail: sealed.unsealedTail,
    firstBroken: findings[0] ?? null,
    findings: findings.slice(0, MAX_FINDINGS),
    findingsTotal: findings.length,
  };
}
