import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@app/database';
import { type EventStore, SqlEventStore, type StoredEvent } from '@app/event-store';
import { DocumentTable, type Projection, ProjectionRunner, tableOf } from '@app/projections';
import { freshPglite } from '@test/support/databases';

/** Sums pence per stream: small enough to check by hand, exact enough to catch a double count. */
const totals: Projection<{ pence: number; events: number }> = {
  name: 'test_totals',
  version: 1,
  keysOf: (event) => (event.type === 'Paid' ? [event.streamId] : []),
  evolve: (doc, event) => ({ pence: (doc?.pence ?? 0) + (event.data as { pence: number }).pence, events: (doc?.events ?? 0) + 1 }),
};

const paid = (pence: number) => ({
  id: randomUUID(),
  type: 'Paid',
  data: { pence },
  metadata: { actor: { id: 't', role: 'test' }, correlationId: randomUUID(), causationId: randomUUID(), occurredAt: '2016-04-01T00:00:00Z' },
});

describe('projection runner', () => {
  let db: SqlDatabase;
  let store: EventStore;
  const docs = async () => new Map((await new DocumentTable(tableOf('test_totals')).all(db)).map((r) => [r.key, r.doc]));

  beforeEach(async () => {
    db = await freshPglite();
    store = new SqlEventStore(db);
    for (let i = 0; i < 30; i++) await store.appendToStream(`s-${i % 3}`, [paid(100 + i)], { expected: 'any' });
    await store.appendToStream('other', [{ ...paid(1), type: 'Ignored' }], { expected: 'any' });
  });
  afterEach(() => db.close());

  const expected = () => {
    const sums = new Map<string, { pence: number; events: number }>();
    for (let i = 0; i < 30; i++) {
      const key = `s-${i % 3}`;
      const doc = sums.get(key) ?? { pence: 0, events: 0 };
      sums.set(key, { pence: doc.pence + 100 + i, events: doc.events + 1 });
    }
    return sums;
  };

  it('applies every event once, in batches, with the checkpoint at the last event', async () => {
    const runner = new ProjectionRunner(db, store, [totals], { batchSize: 7 });
    await runner.prepare();
    await runner.catchUp();
    expect(await docs()).toEqual(expected());
    const [status] = await runner.status();
    expect(status).toMatchObject({ projection: 'test_totals', position: 31, lag: 0 });
  });

  it('a crash in the middle of a batch applies none of it; the restart applies it exactly once', async () => {
    let crashes = 1;
    const crashing = new ProjectionRunner(db, store, [totals], {
      batchSize: 7,
      afterBatchWrite: (_name, events: readonly StoredEvent[]) => {
        if (events[0].globalPosition > 7 && crashes-- > 0) throw new Error('process killed');
      },
    });
    await crashing.prepare();
    await expect(crashing.catchUp()).rejects.toThrow('process killed');
    const [afterCrash] = await crashing.status();
    expect(afterCrash.position).toBe(7);

    const restarted = new ProjectionRunner(db, store, [totals], { batchSize: 7 });
    await restarted.catchUp();
    expect(await docs()).toEqual(expected());
  });

  it('reads the next batch while it writes a full one; a read ahead that another runner overtook goes unused', async () => {
    const reads: number[] = [];
    const watched: EventStore = Object.assign(Object.create(store) as EventStore, {
      readAll: (options: { after: number; limit: number }) => {
        reads.push(options.after);
        return store.readAll(options);
      },
    });
    const ahead = new ProjectionRunner(db, watched, [totals], { batchSize: 7, maxBatchSize: 7 });
    await ahead.prepare();
    expect(await ahead.runOnce()).toBe(7);
    expect(reads).toEqual([0, 7]); // the batch, and the one after it read while the batch was written
    // Another runner applies 8–14 meanwhile: the read after 7 follows no checkpoint now.
    expect(await new ProjectionRunner(db, store, [totals], { batchSize: 7 }).runOnce()).toBe(7);
    await ahead.catchUp();
    expect(await docs()).toEqual(expected());
    expect(reads.slice(0, 3)).toEqual([0, 7, 14]);
    expect((await ahead.status())[0]).toMatchObject({ position: 31, lag: 0 });
    await ahead.stop();
  });

  it('keeps up with events appended while it runs, and stops cleanly', async () => {
    const runner = new ProjectionRunner(db, store, [totals], { batchSize: 5, pollMs: 10 });
    await runner.prepare();
    runner.start();
    await store.appendToStream('s-0', [paid(1000)], { expected: 'any' });
    for (let i = 0; i < 100 && ((await docs()).get('s-0') as { pence: number } | undefined)?.pence !== (expected().get('s-0')?.pence ?? 0) + 1000; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await runner.stop();
    expect((await docs()).get('s-0')).toEqual({ pence: (expected().get('s-0')?.pence ?? 0) + 1000, events: 11 });
  });

  it('rebuilds a projection whose version changed', async () => {
    const runner = new ProjectionRunner(db, store, [totals]);
    await runner.prepare();
    await runner.catchUp();
    const doubled: Projection<{ pence: number; events: number }> = {
      ...totals,
      version: 2,
      evolve: (doc, event) => ({ pence: (doc?.pence ?? 0) + 2 * (event.data as { pence: number }).pence, events: (doc?.events ?? 0) + 1 }),
    };
    const upgraded = new ProjectionRunner(db, store, [doubled]);
    await upgraded.prepare();
    await upgraded.catchUp();
    expect(((await docs()).get('s-1') as { pence: number }).pence).toBe(2 * (expected().get('s-1')?.pence ?? 0));
  });
});
