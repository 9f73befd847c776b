import { randomUUID } from 'node:crypto';
import type { Decider } from '@app/domain';
import type { SqlDatabase } from '@app/database';
import { type EventStore, type ReadStreamOptions, SqlEventStore, type StoredEvent } from '@app/event-store';
import { KeyedQueue, StreamCache } from '@app/platform';
import { freshPglite } from '@test/support/databases';

type Added = { type: 'Added'; data: { n: number } };
const sum: Pick<Decider<unknown, Added, number>, 'initialState' | 'evolve'> = { initialState: 0, evolve: (total, event) => total + event.data.n };
const metadata = () => ({ actor: { id: 'officer-1', role: 'opcc-staff' }, correlationId: randomUUID(), causationId: randomUUID(), occurredAt: '2016-05-01T10:00:00+00:00' });
const added = (n: number) => ({ id: randomUUID(), type: 'Added', data: { n }, metadata: metadata() });

/** The real store, with each readStream's range written down. */
function watched(store: EventStore): { store: EventStore; reads: { streamId: string; from: number }[] } {
  const reads: { streamId: string; from: number }[] = [];
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'readStream') {
        return (streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> => {
          reads.push({ streamId, from: options?.from ?? 0 });
          return target.readStream(streamId, options);
        };
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, reads };
}

describe('StreamCache', () => {
  let db: SqlDatabase;
  let store: SqlEventStore;
  beforeEach(async () => {
    db = await freshPglite();
    store = new SqlEventStore(db);
  });
  afterEach(() => db.close());

  it('folds a stream once, then reads only what was recorded after the revision it holds', async () => {
    await store.appendToStream('tally-1', [added(1), added(2)], { expected: 'no_stream' });
    const { store: seen, reads } = watched(store);
    const cache = new StreamCache(seen, sum);
    expect(await cache.load('tally-1')).toMatchObject({ revision: 1, state: 3 });
    // Another writer (another process) moves the stream on: the next load sees it.
    await store.appendToStream('tally-1', [added(10)], { expected: 1 });
    const after = await cache.load('tally-1');
    expect(after).toMatchObject({ revision: 2, state: 13 });
    expect(after.history.map((event) => event.revision)).toEqual([0, 1, 2]);
    expect(await cache.load('tally-1')).toMatchObject({ revision: 2, state: 13 });
    expect(reads).toEqual([
      { streamId: 'tally-1', from: 0 },
      { streamId: 'tally-1', from: 2 },
      { streamId: 'tally-1', from: 3 },
    ]);
  });

  it('reads a stream in full again when its next event does not chain to the one it holds', async () => {
    await store.appendToStream('tally-2', [added(1), added(2)], { expected: 'no_stream' });
    const cache = new StreamCache(store, sum);
    expect((await cache.load('tally-2')).state).toBe(3);
    // The log was put back to an earlier copy and written differently since (a restore).
    await db.query(`delete from events where stream_id = 'tally-2'`);
    await store.appendToStream('tally-2', [added(100), added(200), added(300)], { expected: 'no_stream' });
    expect(await cache.load('tally-2')).toMatchObject({ revision: 2, state: 600 });
  });

  it('keeps the most recently used streams up to its limit, and forgets on request', async () => {
    for (const id of ['a', 'b', 'c']) await store.appendToStream(`tally-${id}`, [added(1)], { expected: 'no_stream' });
    const { store: seen, reads } = watched(store);
    const cache = new StreamCache(seen, sum, undefined, { streams: 2, events: 100 });
    await cache.load('tally-a');
    await cache.load('tally-b');
    await cache.load('tally-a');
    await cache.load('tally-c'); // b is the least recently used: it goes
    await cache.load('tally-a');
    await cache.load('tally-b');
    cache.forget('tally-a');
    await cache.load('tally-a');
    expect(reads.map((read) => `${read.streamId}@${read.from}`)).toEqual(['tally-a@0', 'tally-b@0', 'tally-a@1', 'tally-c@0', 'tally-a@1', 'tally-b@0', 'tally-a@0']);
    expect(cache.held).toEqual({ streams: 2, events: 2 });
  });

  it('keeps no more events in all than its limit, the stream just loaded always', async () => {
    await store.appendToStream('tally-long', [added(1), added(2), added(3)], { expected: 'no_stream' });
    await store.appendToStream('tally-short', [added(4)], { expected: 'no_stream' });
    const { store: seen, reads } = watched(store);
    const cache = new StreamCache(seen, sum, undefined, { streams: 10, events: 3 });
    await cache.load('tally-long');
    expect(cache.held).toEqual({ streams: 1, events: 3 });
    await cache.load('tally-short'); // four events would be held: the long one goes
    expect(cache.held).toEqual({ streams: 1, events: 1 });
    await cache.load('tally-long');
    expect(cache.held).toEqual({ streams: 1, events: 3 });
    expect(reads.map((read) => `${read.streamId}@${read.from}`)).toEqual(['tally-long@0', 'tally-short@0', 'tally-long@0']);
  });

  it('without history, folds what is new onto the state alone', async () => {
    await store.appendToStream('tally-ledger', [added(1), added(2)], { expected: 'no_stream' });
    const cache = new StreamCache(store, sum, undefined, { streams: 10, events: 0, history: false });
    expect(await cache.load('tally-ledger')).toMatchObject({ revision: 1, state: 3, history: [] });
    await store.appendToStream('tally-ledger', [added(30)], { expected: 1 });
    expect(await cache.load('tally-ledger')).toMatchObject({ revision: 2, state: 33, history: [] });
    expect(cache.held).toEqual({ streams: 1, events: 0 });
  });

  it('holds nothing for a stream with no events yet', async () => {
    const cache = new StreamCache(store, sum);
    expect(await cache.load('tally-none')).toMatchObject({ revision: -1, state: 0, history: [] });
    await store.appendToStream('tally-none', [added(5)], { expected: 'no_stream' });
    expect(await cache.load('tally-none')).toMatchObject({ revision: 0, state: 5 });
  });
});

describe('KeyedQueue', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('runs work on one key one after another, and work on other keys beside it', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const gate = (name: string) => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, work: async () => { log.push(`${name} starts`); await opened; log.push(`${name} ends`); return name; } };
    };
    const [a1, a2, b1] = [gate('a1'), gate('a2'), gate('b1')];
    const results = [queue.run('a', a1.work), queue.run('a', a2.work), queue.run('b', b1.work)];
    await tick();
    expect(log).toEqual(['a1 starts', 'b1 starts']);
    b1.open();
    await tick();
    expect(log).toEqual(['a1 starts', 'b1 starts', 'b1 ends']);
    a1.open();
    await tick();
    await tick();
    expect(log).toEqual(['a1 starts', 'b1 starts', 'b1 ends', 'a1 ends', 'a2 starts']);
    a2.open();
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'b1']);
    expect(queue.size).toBe(0);
  });

  it('goes on to the next work when one fails, and passes the failure to its caller', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', () => Promise.reject(new Error('refused')));
    const next = queue.run('a', async () => 'next');
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
  });
});
