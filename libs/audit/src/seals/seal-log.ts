import { type AuditLog, LOG_START } from '../log/audit-log.port';
import { type Seal, sealHashOf } from './seal';
import type { SealStore } from './seal-store';

export const DEFAULT_SEAL_SIZE = 1000;

export interface SealOptions {
  /** Events per seal (at most). */
  readonly size?: number;
  /**
   * A run shorter than `size` at the end of the log: seal it always (on demand), never, or
   * once its first event was recorded before the given instant (bounds the unsealed window).
   */
  readonly tail?: 'always' | 'never' | { readonly recordedBefore: Date };
  readonly now?: () => Date;
}

export interface SealReport {
  /** The seals this run wrote. */
  readonly written: readonly Seal[];
  readonly events: number;
  readonly lastSeal: Seal | undefined;
  /** True when another sealer extended the chain meanwhile: this run stopped, nothing lost. */
  readonly raced: boolean;
}

/** The log no longer holds the event the last seal ends at: the log was altered. */
export class SealingRefused extends Error {
  readonly code = 'SEALING_REFUSED';
}

/**
 * Walks the log in global order from the last seal and records a seal per `size` events,
 * and the tail as the options say. Idempotent: it only ever extends the chain, and two
 * sealers cannot both extend it. It records what the log holds; `verify` judges it.
 */
export async function sealLog(log: AuditLog, seals: SealStore, options: SealOptions = {}): Promise<SealReport> {
  const size = options.size ?? DEFAULT_SEAL_SIZE;
  const now = options.now ?? (() => new Date());
  const written: Seal[] = [];
  let last = await seals.last();
  let cursor = last ? await log.cursorAt(last.toPosition) : LOG_START;
  if (!cursor) {
    throw new SealingRefused(`The log no longer holds position ${last?.toPosition}, where seal ${last?.sealNo} ends: run verify`);
  }
  for (;;) {
    const { events, next } = await log.readLog(cursor, size);
    if (events.length === 0 || (events.length < size && !tailDue(events[0].metadata.recordedAt, options.tail ?? 'never'))) break;
    const previousSealHash = last?.sealHash ?? null;
    const seal = {
      sealNo: (last?.sealNo ?? 0) + 1,
      fromPosition: events[0].globalPosition,
      toPosition: events[events.length - 1].globalPosition,
      events: events.length,
      previousSealHash,
      sealHash: sealHashOf(previousSealHash, events),
    };
    const sealedAt = now();
    if (!(await seals.append(seal, last, sealedAt))) return report(written, last, true);
    last = { ...seal, sealedAt: sealedAt.toISOString() };
    written.push(last);
    cursor = next;
    if (events.length < size) break;
  }
  return report(written, last, false);
}

function tailDue(firstRecordedAt: string, tail: NonNullable<SealOptions['tail']>): boolean {
  if (tail === 'always' || tail === 'never') return tail === 'always';
  return Date.parse(firstRecordedAt) <= tail.recordedBefore.getTime();
}

const report = (written: Seal[], lastSeal: Seal | undefined, raced: boolean): SealReport => ({
  written,
  events: written.reduce((sum, seal) => sum + seal.events, 0),
  lastSeal,
  raced,
});
