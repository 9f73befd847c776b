import { verifyStreamChain } from '@app/event-store';
import { type AuditLog, walkLog } from '../log/audit-log.port';
import type { Seal } from '../seals/seal';
import type { SealKey } from '../seals/seal-key';
import type { SealStore } from '../seals/seal-store';
import { type Anchor, checkAnchor } from './anchor';
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
  /** What is not broken but not vouched for as it should be: unsealed events, unsigned seals, no anchor. */
  readonly warnings: readonly string[];
  /** The log as it is now, to keep elsewhere and give a later `verify --anchor`. */
  readonly anchor: Anchor;
}

export interface VerifyOptions {
  readonly onProgress?: VerifyProgress;
  readonly now?: () => Date;
  /** Each signed seal's signature is checked with it; without one, signatures are not checked. */
  readonly key?: SealKey;
  /** What the log held before (anchor.ts): the log must hold at least as much. */
  readonly anchor?: Anchor;
}

/**
 * Recomputes every stream's hash chain, then walks the log in global order checking every
 * seal against it. Reads only; sealing is a separate step.
 */
export async function verifyLog(
  log: AuditLog,
  seals: SealStore,
  options: VerifyOptions = {},
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
  let headPosition = 0;
  let eventsUpToHead = 0;
  progress('seals', 0, total);
  for await (const event of walkLog(log)) {
    walk.push(event);
    logEvents += 1;
    headPosition = Math.max(headPosition, event.globalPosition);
    if (options.anchor && event.globalPosition <= options.anchor.headPosition) eventsUpToHead += 1;
    if (logEvents % 500 === 0) progress('seals', logEvents, Math.max(total, logEvents));
  }
  progress('seals', logEvents, Math.max(total, logEvents));
  const sealed = walk.finish();
  findings.push(...sealed.findings);
  const signatures = checkSignatures(allSeals, options.key);
  findings.push(...signatures.findings);
  if (options.anchor) findings.push(...checkAnchor(options.anchor, { seals: allSeals, eventsUpToHead }));
  findings.sort(byPosition);

  const last = allSeals.at(-1);
  const warnings = [
    ...(allSeals.length === 0 && logEvents > 0 ? [`The log holds ${logEvents} event(s) and no seal at all: only the stream chains vouch for them (were the seals deleted?)`] : []),
    ...(allSeals.length > 0 && sealed.unsealedTail > 0 ? [`${sealed.unsealedTail} event(s) after the last seal are not sealed yet: only their stream chains vouch for them`] : []),
    ...(signatures.unsigned > 0 ? [`${signatures.unsigned} seal(s) carry no signature`] : []),
    ...(options.key ? [] : ['Seal signatures were not checked: no seal key']),
    ...(options.anchor ? [] : ['No anchor was given: keep the anchor this run prints somewhere else, and pass it next time (--anchor), so a rewrite of the whole log shows']),
  ];
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
    warnings,
    anchor: { sealNo: last?.sealNo ?? 0, sealHash: last?.sealHash ?? null, seals: allSeals.length, headPosition, logEvents, at: (options.now?.() ?? new Date()).toISOString() },
  };
}

/** A signed seal must verify with the key; one signed with another key is named too. */
function checkSignatures(seals: readonly Seal[], key: SealKey | undefined): { findings: Finding[]; unsigned: number } {
  const findings: Finding[] = [];
  let unsigned = 0;
  for (const seal of seals) {
    if (!seal.signature) {
      unsigned += 1;
      continue;
    }
    if (!key) continue;
    const reason =
      seal.keyId && seal.keyId !== key.keyId
        ? `it is signed with key ${seal.keyId}, not the seal key ${key.keyId}`
        : !key.verifies(seal)
          ? 'its signature does not match it: the seal was written or changed without the seal key'
          : undefined;
    if (reason) findings.push({ kind: 'seal', globalPosition: seal.fromPosition, streamId: null, revision: null, sealNo: seal.sealNo, reason: `seal ${seal.sealNo}: ${reason}` });
  }
  return { findings, unsigned };
}
