import { chainHash, contentHash } from './event-hash';
import type { StoredEvent } from './event-store.port';

export type ChainCheck =
  | { readonly ok: true; readonly checked: number }
  | {
      readonly ok: false;
      readonly checked: number;
      readonly streamId: string;
      readonly revision: number;
      readonly globalPosition: number;
      readonly reason: string;
    };

/**
 * Walks one stream's events in revision order and recomputes every link: an edited
 * row (data, metadata, type, id), a removed or reordered event breaks the chain there.
 */
export function verifyStreamChain(events: readonly StoredEvent[]): ChainCheck {
  let previous: string | null = null;
  for (const [index, event] of events.entries()) {
    const broken = (reason: string): ChainCheck => ({
      ok: false,
      checked: index,
      streamId: event.streamId,
      revision: event.revision,
      globalPosition: event.globalPosition,
      reason,
    });
    if (event.revision !== index) return broken(`revision ${event.revision} found where ${index} was expected`);
    if (event.previousHash !== previous) return broken('previous hash does not match the preceding event');
    const expected = chainHash(previous, event.revision, contentHash(event));
    if (event.hash !== expected) return broken('content does not match its hash');
    previous = event.hash;
  }
  return { ok: true, checked: events.length };
}
