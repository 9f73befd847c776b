import { createHash, type Hash } from 'node:crypto';
import type { StoredEvent } from '@app/event-store';

/**
 * A seal over a run of the log in global order: it vouches for exactly `events` events,
 * the first at `fromPosition` and the last at `toPosition` (first and last in log order,
 * which under concurrent commits need not be the lowest and highest positions).
 */
export interface Seal {
  readonly sealNo: number;
  readonly fromPosition: number;
  readonly toPosition: number;
  readonly events: number;
  readonly previousSealHash: string | null;
  readonly sealHash: string;
  readonly sealedAt: string;
  /** Ed25519 signature of the seal (seal-key.ts), null on seals written before signing began. */
  readonly signature?: string | null;
  readonly keyId?: string | null;
}

/**
 * seal_hash = sha256(previous_seal_hash | position:hash | position:hash …), events in log
 * order. Each seal covers the one before, so the seals form a chain of their own; each
 * event's hash covers its stream's chain, so a seal covers everything before it.
 */
export class SealHasher {
  private readonly hash: Hash;
  count = 0;
  first: number | undefined;
  last: number | undefined;

  constructor(readonly previousSealHash: string | null) {
    this.hash = createHash('sha256').update(previousSealHash ?? '', 'utf8');
  }

  add(event: Pick<StoredEvent, 'globalPosition' | 'hash'>): void {
    this.hash.update(`|${event.globalPosition}:${event.hash}`, 'utf8');
    this.first ??= event.globalPosition;
    this.last = event.globalPosition;
    this.count += 1;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

export function sealHashOf(previousSealHash: string | null, events: ReadonlyArray<Pick<StoredEvent, 'globalPosition' | 'hash'>>): string {
  const hasher = new SealHasher(previousSealHash);
  for (const event of events) hasher.add(event);
  return hasher.digest();
}
