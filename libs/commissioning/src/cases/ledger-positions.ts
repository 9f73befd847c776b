import { type FrameworkState, fold, frameworkDecider, type FrameworkEvent } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { asDomainEvent } from '@app/platform';

export interface LedgerPosition {
  readonly revision: number;
  readonly state: FrameworkState;
  /** Hash of the last event folded: the next one must chain to it. */
  readonly hash: string | null;
}

/**
 * Each year's budget ledger as last folded, brought up to date by reading only the events
 * recorded after it: an award reads the year's position without refolding the framework
 * stream. The log stays the truth: the append that follows is made at the revision read
 * here, so a ledger moved on by another writer fails it (WrongExpectedRevision), and a
 * position that no longer matches the log is forgotten and read again in full.
 */
export class LedgerPositions {
  private readonly known = new Map<string, LedgerPosition>();

  constructor(private readonly store: EventStore) {}

  async read(streamId: string): Promise<LedgerPosition> {
    const known = this.known.get(streamId);
    const from = known ? known.revision + 1 : 0;
    const newer = await this.store.readStream(streamId, { from });
    if (known && newer.length === 0) return known;
    if (known && newer[0].previousHash !== known.hash) return this.readAgain(streamId);
    const events = newer.map((stored) => asDomainEvent<FrameworkEvent>(stored));
    const state = known ? events.reduce(frameworkDecider.evolve, known.state) : fold(frameworkDecider, events);
    const last = newer[newer.length - 1];
    const position = { revision: last?.revision ?? -1, state, hash: last?.hash ?? null };
    this.known.set(streamId, position);
    return position;
  }

  /** After an append at a position fails: the next read starts from the beginning of the stream. */
  forget(streamId: string): void {
    this.known.delete(streamId);
  }

  private readAgain(streamId: string): Promise<LedgerPosition> {
    this.forget(streamId);
    return this.read(streamId);
  }
}
