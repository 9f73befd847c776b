import type { Projection } from '@app/projections';

/** Pence per stream: enough to see a double count or a lost event at once. */
export const testTotals: Projection<{ pence: number; events: number }> = {
  name: 'test_totals',
  version: 1,
  keysOf: (event) => (event.type === 'Paid' ? [event.streamId] : []),
  evolve: (doc, event) => ({ pence: (doc?.pence ?? 0) + (event.data as { pence: number }).pence, events: (doc?.events ?? 0) + 1 }),
};
