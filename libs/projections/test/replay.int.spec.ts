import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@app/database';
import { type NewEvent, SqlEventStore } from '@app/event-store';
import { DocumentTable, type Projection, ProjectionRunner, replayProjection, replayProjections, tableOf } from '@app/projections';
import { freshPglite, freshPostgres, testDatabaseUrl } from '@test/support/databases';

const totals: Projection<{ pence: number }> = {
  name: 'test_replay',
  version: 1,
  keysOf: (event) => (event.type === 'Paid' ? [event.streamId] : []),
  evolve: (doc, event) => ({ pence: (doc?.pence ?? 0) + (event.data as { pence: number }).pence }),
};

/** One document per event, settled at once (as audit entries are), beside a running count per stream. */
const entries: Projection<{ pence: number; seen: number }> = {
  name: 'test_entries',
  version: 1,
  keysOf: (event) => (event.type === 'Paid' ? [`count:${event.streamId}`, `e:${String(event.globalPosition).padStart(6, '0')}`] : []),
  evolve: (doc, event, key, lookup) =>
    key.startsWith('count:')
      ? { pence: (doc?.pence ?? 0) + (event.data as { pence: number }).pence, seen: (doc?.seen ?? 0) + 1 }
      : { pence: (event.data as { pence: number }).pence, seen: lookup(`count:${event.streamId}`)?.seen ?? 0 },
  readsOf: (event) => [`count:${event.streamId}`],
  settled: (key) => key.startsWith('e:'),
};

const paid = (pence: number): NewEvent => ({
  id: randomUUID(),
  type: 'Paid',
  data: { pence },
  metadata: { actor: { id: 't', role: 'test' }, correlationId: 'c', causationId: 'c', occurredAt: '2016-04-01T00:00:00Z' },
});

async function liveRows(db: SqlDatabase) {
  return new DocumentTable(tableOf('test_replay')).all(db);
}

describe('replay', () => {
  it('rebuilds into a fresh table, finds no difference, and swaps it in', async () => {
    const db = await freshPglite();
    const store = new SqlEventStore(db);
    for (let i = 0; i < 40; i++) await store.appendToStream(`s-${i % 4}`, [paid(i)], { expected: 'any' });
    const runner = new ProjectionRunner(db, store, [totals], { batchSize: 9 });
    await runner.prepare();
    await runner.catchUp();
    const before = await liveRows(db);
    const progress: number[] = [];
    const report = await replayProjection(db, store, totals, { batchSize: 7, onProgress: (done) => progress.push(done) });
    expect(report).toMatchObject({ projection: 'test_replay', events: 40, rows: 4, differing: 0, swapped: true, position: 40 });
    expect(progress[progress.length - 1]).toBe(40);
    expect(await liveRows(db)).toEqual(before);
    // The swapped-in table is an ordinary live table: the runner goes on writing to it, and a second replay works.
    await store.appendToStream('s-0', [paid(1000)], { expected: 'any' });
    await runner.catchUp();
    expect((await replayProjection(db, store, totals)).differing).toBe(0);
    await db.close();
  });

  it('counts a row that differs from what the log says, and repairs it', async () => {
    const db = await freshPglite();
    const store = new SqlEventStore(db);
    for (let i = 0; i < 10; i++) await store.appendToStream(`s-${i % 2}`, [paid(10)], { expected: 'any' });
    const runner = new ProjectionRunner(db, store, [totals]);
    await runner.prepare();
    await runner.catchUp();
    await db.query(`update ${tableOf('test_replay')} set doc = '{"pence": 1}' where key = 's-1'`);
    const report = await replayProjection(db, store, totals);
    expect(report.differing).toBe(1);
    expect((await liveRows(db)).find((r) => r.key === 's-1')?.doc).toEqual({ pence: 50 });
    await db.close();
  });

  it('rebuilds several read models in one pass, within a bound on the documents held in memory', async () => {
    const db = await freshPglite();
    const store = new SqlEventStore(db);
    for (let i = 0; i < 60; i++) await store.appendToStream(`s-${i % 6}`, [paid(i)], { expected: 'any' });
    const runner = new ProjectionRunner(db, store, [totals, entries], { batchSize: 8 });
    await runner.prepare();
    await runner.catchUp();
    const before = await new DocumentTable(tableOf('test_entries')).all(db);
    expect(before).toHaveLength(66);
    // Two documents in memory at most: the rebuild writes the rest to its table and reads them back when needed.
    const reports = await replayProjections(db, store, [totals, entries], { batchSize: 7, maxDocsInMemory: 2 });
    expect(reports.map((r) => [r.projection, r.events, r.rows, r.differing])).toEqual([
      ['test_replay', 60, 6, 0],
      ['test_entries', 60, 66, 0],
    ]);
    expect(await new DocumentTable(tableOf('test_entries')).all(db)).toEqual(before);
    // A damaged row is found by the spilled rebuild too.
    await db.query(`update ${tableOf('test_entries')} set doc = '{"pence": -1, "seen": 0}' where key = 'count:s-3'`);
    const [again] = await replayProjections(db, store, [entries], { maxDocsInMemory: 1 });
    expect(again.differing).toBe(1);
    await db.close();
  });

  it('writes away the least recently changed documents, and reads back only a written one a later event needs', async () => {
    const db = await freshPglite();
    const store = new SqlEventStore(db);
    // A hot stream between cold ones, each cold one once, then the first cold one again.
    const streams = [...Array.from({ length: 8 }, (_, i) => ['h', `c${i + 1}`]).flat(), 'c1'];
    for (const [i, stream] of streams.entries()) await store.appendToStream(stream, [paid(i)], { expected: 'any' });
    const runner = new ProjectionRunner(db, store, [entries]);
    await runner.prepare();
    await runner.catchUp();
    const before = await new DocumentTable(tableOf('test_entries')).all(db);
    const readBack: string[] = [];
    const watched = new Proxy(db, {
      get: (target, name) =>
        name === 'query'
          ? (text: string, params?: readonly unknown[], statement?: string) => {
              if (text.includes('_rebuild where key = any')) readBack.push(...(params?.[0] as string[]));
              return target.query(text, params, statement);
            }
          : Reflect.get(target, name, target),
    }) as SqlDatabase;
    // One event a page, four documents at most: the hot count is always among the most recent, the entries are settled.
    const [report] = await replayProjections(watched, store, [entries], { batchSize: 1, maxDocsInMemory: 4 });
    expect(report).toMatchObject({ events: streams.length, differing: 0 });
    expect(readBack).toEqual(['count:c1']);
    expect(await new DocumentTable(tableOf('test_entries')).all(db)).toEqual(before);
    await db.close();
  });

  it('when the live checkpoint moves on just as a rebuild reaches it, the rebuild (already written out) reads on to the new one and matches there', async () => {
    const db = await freshPglite();
    const store = new SqlEventStore(db);
    for (let i = 0; i < 30; i++) await store.appendToStream(`s-${i % 3}`, [paid(i)], { expected: 'any' });
    const runner = new ProjectionRunner(db, store, [totals, entries], { batchSize: 8 });
    await runner.prepare();
    await runner.catchUp();
    // The first comparison's transaction finds more events appended and projected since the rebuild reached position 30.
    let moves = 0;
    const transaction: SqlDatabase['transaction'] = async (work) => {
      if (moves++ === 0) {
        for (let i = 0; i < 12; i++) await store.appendToStream(`s-${i % 4}`, [paid(100 + i)], { expected: 'any' });
        await runner.catchUp();
      }
      return db.transaction(work);
    };
    const moving = new Proxy(db, { get: (target, name) => (name === 'transaction' ? transaction : Reflect.get(target, name, target)) }) as SqlDatabase;
    const reports = await replayProjections(moving, store, [totals, entries], { batchSize: 7 });
    expect(reports.map((r) => [r.projection, r.events, r.position, r.differing])).toEqual([
      ['test_replay', 42, 42, 0],
      ['test_entries', 42, 42, 0],
    ]);
    expect(moves).toBeGreaterThan(2);
    expect((await liveRows(db)).find((r) => r.key === 's-3')?.doc).toEqual({ pence: 103 + 107 + 111 });
    expect(await new DocumentTable(tableOf('test_entries')).all(db)).toHaveLength(4 + 42);
    await db.close();
  });

  (testDatabaseUrl ? it : it.skip)('on PostgreSQL, replays while the live runner keeps writing, and still matches', async () => {
    const pg = await freshPostgres();
    try {
      const store = new SqlEventStore(pg.db);
      const runner = new ProjectionRunner(pg.db, store, [totals], { batchSize: 5, pollMs: 5 });
      await runner.prepare();
      runner.start();
      const writing = (async () => {
        for (let i = 0; i < 200; i++) await store.appendToStream(`s-${i % 5}`, [paid(i)], { expected: 'any' });
      })();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const report = await replayProjection(pg.db, store, totals, { batchSize: 13 });
      await writing;
      await runner.stop();
      expect(report.differing).toBe(0);
      expect(report.swapped).toBe(true);
    } finally {
      await pg.drop();
    }
  });
});
