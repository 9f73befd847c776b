import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Finding } from './finding';

/**
 * What the log was at a moment, kept outside the database (a file an auditor keeps, a
 * ticket, a printed report): its last seal and hash, how many seals, and how many events
 * up to which position. A later `verify --anchor` refuses a log that has fewer, so a
 * rewrite of the whole chain, deleted seals or a tail deleted after the last seal show.
 */
export interface Anchor {
  readonly sealNo: number;
  readonly sealHash: string | null;
  readonly seals: number;
  readonly headPosition: number;
  readonly logEvents: number;
  readonly at: string;
}

export function readAnchor(path: string): Anchor {
  const anchor = JSON.parse(readFileSync(path, 'utf8')) as Anchor;
  for (const key of ['sealNo', 'seals', 'headPosition', 'logEvents'] as const) {
    if (!Number.isSafeInteger(anchor[key])) throw new Error(`${path} is not an anchor written by verify: ${key} is missing`);
  }
  return anchor;
}

/** The anchor at `path` if there is one (the sealing step's, by default). */
export function anchorIfAny(path: string): Anchor | undefined {
  return existsSync(path) ? readAnchor(path) : undefined;
}

export function writeAnchor(path: string, anchor: Anchor): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(anchor, null, 2)}\n`, { mode: 0o644 });
}

interface Seen {
  readonly seals: ReadonlyArray<{ sealNo: number; sealHash: string }>;
  /** Events walked at or before the anchor's head position. */
  readonly eventsUpToHead: number;
}

/** What the log lacks against the anchor. */
export function checkAnchor(anchor: Anchor, seen: Seen): Finding[] {
  const findings: Finding[] = [];
  const at = (globalPosition: number, reason: string): Finding => ({ kind: 'seal', globalPosition, streamId: null, revision: null, sealNo: anchor.sealNo || null, reason });
  const sealed = seen.seals.find((s) => s.sealNo === anchor.sealNo);
  if (seen.seals.length < anchor.seals) {
    findings.push(at(anchor.headPosition, `the log has ${seen.seals.length} seal(s); the anchor of ${anchor.at} recorded ${anchor.seals}: seals were deleted`));
  }
  if (anchor.sealNo > 0 && !sealed) {
    findings.push(at(anchor.headPosition, `seal ${anchor.sealNo}, which the anchor of ${anchor.at} recorded, is not in the log`));
  } else if (sealed && sealed.sealHash !== anchor.sealHash) {
    findings.push(at(anchor.headPosition, `seal ${anchor.sealNo} no longer has the hash the anchor of ${anchor.at} recorded: the chain of seals was rewritten`));
  }
  if (seen.eventsUpToHead < anchor.logEvents) {
    findings.push(
      at(anchor.headPosition, `the anchor of ${anchor.at} recorded ${anchor.logEvents} event(s) up to position ${anchor.headPosition}; the log now holds ${seen.eventsUpToHead} there: events were deleted`),
    );
  }
  return findings;
}
