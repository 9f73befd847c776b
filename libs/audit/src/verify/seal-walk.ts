import type { StoredEvent } from '@app/event-store';
import { type Seal, SealHasher } from '../seals/seal';
import type { Finding } from './finding';

/**
 * Checks the seals against the log as it is walked once in global order. Each seal is
 * recomputed from the events it should cover; a seal whose last event has gone is closed
 * where the next seal's first event appears, so one broken seal does not condemn the rest.
 */
export class SealWalk {
  private index = 0;
  private hasher: SealHasher | undefined;
  /** Positions seen for the seal being checked, to say where an event is missing. */
  private positions: number[] = [];
  private readonly startsAt = new Map<number, number>();
  readonly findings: Finding[] = [];
  unsealedTail = 0;

  constructor(private readonly seals: readonly Seal[]) {
    seals.forEach((seal, i) => {
      this.startsAt.set(seal.fromPosition, i);
      const previous = seals[i - 1];
      const expected = (previous?.sealNo ?? 0) + 1;
      if (seal.sealNo !== expected) {
        this.broken(i, `it follows ${previous ? `seal ${previous.sealNo}` : 'no seal'}: seal ${expected}${seal.sealNo - 1 > expected ? `–${seal.sealNo - 1}` : ''} is missing`);
      } else if (seal.previousSealHash !== (previous?.sealHash ?? null)) {
        this.broken(i, `it does not carry the hash of seal ${previous?.sealNo ?? 0}: one of the two was altered`);
      }
    });
  }

  push(event: StoredEvent): void {
    if (this.index >= this.seals.length) {
      this.unsealedTail += 1;
      return;
    }
    const starts = this.startsAt.get(event.globalPosition);
    if (starts !== undefined && starts > this.index) {
      for (let i = this.index; i < starts; i += 1) this.broken(i, this.missing(i));
      this.index = starts;
      this.hasher = undefined;
      this.positions = [];
    }
    const seal = this.seals[this.index];
    this.hasher ??= new SealHasher(seal.previousSealHash);
    this.hasher.add(event);
    this.positions.push(event.globalPosition);
    if (event.globalPosition === seal.toPosition) this.close();
  }

  finish(): { checked: number; unsealedTail: number; findings: Finding[] } {
    for (let i = this.index; i < this.seals.length; i += 1) {
      this.broken(i, this.missing(i));
    }
    this.index = this.seals.length;
    return { checked: this.seals.length, unsealedTail: this.unsealedTail, findings: this.findings };
  }

  private close(): void {
    const seal = this.seals[this.index];
    const hasher = this.hasher as SealHasher;
    const range = `positions ${seal.fromPosition}–${seal.toPosition}`;
    const reason =
      hasher.first !== seal.fromPosition
        ? `its first event (position ${seal.fromPosition}) is missing from the log or out of place`
        : hasher.count !== seal.events
          ? `it covers ${seal.events} event(s) at ${range}; the log now holds ${hasher.count} there: an event was deleted or inserted${this.gaps(seal)}`
          : hasher.digest() !== seal.sealHash
            ? `the events at ${range} no longer hash to the seal: an event's hash or position was changed`
            : undefined;
    if (reason) this.broken(this.index, reason);
    this.index += 1;
    this.hasher = undefined;
    this.positions = [];
  }

  /**
   * Positions absent from a seal's range: where a deleted event most likely was. Only a hint,
   * since an append that rolled back also leaves a gap in the numbering.
   */
  private gaps(seal: Seal): string {
    const seen = new Set(this.positions);
    const missing: number[] = [];
    for (let p = Math.min(seal.fromPosition, ...this.positions); p <= Math.max(seal.toPosition, ...this.positions) && missing.length <= 10; p += 1) {
      if (!seen.has(p)) missing.push(p);
    }
    if (missing.length === 0) return '';
    return ` (positions absent there: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''})`;
  }

  /** Why seal i never closed: the walk saw some of its events, or none. */
  private missing(i: number): string {
    const seal = this.seals[i];
    return i === this.index && this.hasher !== undefined
      ? `its last event (position ${seal.toPosition}) is missing from the log`
      : `none of its events (positions ${seal.fromPosition}–${seal.toPosition}) is in the log`;
  }

  private broken(index: number, reason: string): void {
    const seal = this.seals[index];
    if (this.findings.some((f) => f.sealNo === seal.sealNo)) return;
    this.findings.push({ kind: 'seal', globalPosition: seal.fromPosition, streamId: null, revision: null, sealNo: seal.sealNo, reason: `seal ${seal.sealNo}: ${reason}` });
  }
}
