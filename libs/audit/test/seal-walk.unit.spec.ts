import { type Seal, sealHashOf, SealWalk } from '@app/audit';
import type { StoredEvent } from '@app/event-store';

const ev = (position: number) => ({ globalPosition: position, hash: `h${position}` }) as StoredEvent;

/** Seals over positions 1..n in runs of `size`, as the sealing step would write them. */
function sealsOver(n: number, size: number): Seal[] {
  const seals: Seal[] = [];
  for (let from = 1; from <= n; from += size) {
    const run = Array.from({ length: Math.min(size, n - from + 1) }, (_, i) => ev(from + i));
    const previousSealHash = seals.at(-1)?.sealHash ?? null;
    seals.push({ sealNo: seals.length + 1, fromPosition: from, toPosition: from + run.length - 1, events: run.length, previousSealHash, sealHash: sealHashOf(previousSealHash, run), sealedAt: '' });
  }
  return seals;
}

function walk(seals: Seal[], positions: number[]) {
  const w = new SealWalk(seals);
  positions.forEach((p) => w.push(ev(p)));
  return w.finish();
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('checking seals against the log', () => {
  it('finds seals over an intact log intact, and counts the unsealed tail', () => {
    expect(walk(sealsOver(10, 4), range(1, 13))).toEqual({ checked: 3, unsealedTail: 3, findings: [] });
  });

  it("names the seal whose last event was deleted, and checks the next seal from its own first event", () => {
    const { findings } = walk(sealsOver(12, 4), [...range(1, 7), ...range(9, 12)]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'seal', sealNo: 2, globalPosition: 5, reason: 'seal 2: its last event (position 8) is missing from the log' })]);
  });

  it('names a seal whose first or middle event was deleted, or whose events were reordered', () => {
    expect(walk(sealsOver(8, 4), [1, 2, 3, 4, 6, 7, 8]).findings.map((f) => f.reason)).toEqual(['seal 2: its first event (position 5) is missing from the log or out of place']);
    expect(walk(sealsOver(8, 4), [1, 3, 4, 5, 6, 7, 8]).findings.map((f) => f.reason)).toEqual([
      'seal 1: it covers 4 event(s) at positions 1–4; the log now holds 3 there: an event was deleted or inserted (positions absent there: 2)',
    ]);
    expect(walk(sealsOver(8, 4), [1, 3, 2, 4, 5, 6, 7, 8]).findings.map((f) => f.reason)).toEqual([expect.stringMatching(/^seal 1: the events at positions 1–4 no longer hash/)]);
  });

  it('names every seal when the log was emptied', () => {
    expect(walk(sealsOver(8, 4), []).findings.map((f) => f.reason)).toEqual([
      'seal 1: none of its events (positions 1–4) is in the log',
      'seal 2: none of its events (positions 5–8) is in the log',
    ]);
  });
});
