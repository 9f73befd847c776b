import { randomUUID } from 'node:crypto';
import {
  EventIdConflict,
  InvalidEvent,
  verifyStreamChain,
  WrongExpectedRevision,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@app/event-store';

export interface ContractHarness {
  readonly store: EventStore;
  /** Whether a one-event append gives back the event as stored (the SQL stores do, from the INSERT). */
  readonly givesBackStored?: boolean;
  /** Edits a stored event's data in place, behind the store's back (tamper test). */
  readonly tamper?: (globalPosition: number) => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

export function newEvent(type = 'SomethingHappened', data: unknown = { n: 1 }): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actor: { id: 'officer-1', role: 'opcc-staff' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: '2016-02-29T10:00:00.000Z',
    },
  };
}

const stream = (prefix = 'case') => `${prefix}-${randomUUID()}`;

/** The behaviour every event store adapter must show. */
export function eventStoreContract(name: string, open: () => Promise<ContractHarness>): void {
  describe(`${name} event store contract`, () => {
    let harness: ContractHarness;
    let store: EventStore;

    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(async () => harness?.cleanup());

    const allEvents = async (): Promise<StoredEvent[]> => {
      const out: StoredEvent[] = [];
      for (let after = 0; ; ) {
        const batch = await store.readAll({ after, limit: 1000 });
        if (batch.length === 0) return out;
        out.push(...batch);
        after = batch[batch.length - 1].globalPosition;
      }
    };

    describe('append and read', () => {
      it('stores several events atomically with a full envelope', async () => {
        const id = stream();
        const events = [newEvent('PlanRequested', { pence: 2970000 }), newEvent('PlanSubmitted', { lines: [1, 2] })];
        const result = await store.appendToStream(id, events, { expected: 'no_stream' });
        expect(result).toMatchObject({ nextRevision: 1, duplicate: false });

        const read = await store.readStream(id);
        expect(read.map((e) => [e.id, e.type, e.revision, e.schemaVersion])).toEqual([
          [events[0].id, 'PlanRequested', 0, 1],
          [events[1].id, 'PlanSubmitted', 1, 1],
        ]);
        expect(read[0].data).toEqual({ pence: 2970000 });
        expect(read[1].globalPosition).toBe(result.lastPosition);
        expect(read[0].globalPosition).toBeLessThan(read[1].globalPosition);
        expect(read[0].metadata).toMatchObject({ ...events[0].metadata, recordedAt: expect.any(String) });
        expect(read[0].previousHash).toBeNull();
        expect(read[1].previousHash).toBe(read[0].hash);
        expect(await store.streamRevision(id)).toBe(1);
      });

      it('gives back, where it gives any, the events exactly as a read of the stream returns them', async () => {
        const id = stream();
        const results = [
          await store.appendToStream(id, [newEvent('PlanRequested', { pence: 2970000, b: 1, a: [2, { z: 1, y: 'x' }] })], { expected: 'no_stream' }),
          await store.appendToStream(id, [newEvent('PlanSubmitted')], { expected: 0 }),
          await store.appendToStream(id, [newEvent('PlanAgreed')], { expected: 'any' }),
          await store.appendToStream(id, [newEvent('PlanPublished')], { expected: 'stream_exists' }),
          await store.appendToStream(id, [newEvent('Reviewed'), newEvent('Closed')], { expected: 3 }),
        ];
        const read = await store.readStream(id);
        if (harness.givesBackStored) expect(results.map((result) => result.stored?.length ?? 0)).toEqual([1, 1, 1, 1, 0]);
        for (const result of results) {
          if (!result.stored) continue;
          expect(result.stored).toEqual(read.slice(result.nextRevision - result.stored.length + 1, result.nextRevision + 1));
          expect(result.stored.at(-1)).toMatchObject({ revision: result.nextRevision, globalPosition: result.lastPosition });
        }
      });

      it('reads a range of revisions', async () => {
        const id = stream();
        await store.appendToStream(id, [newEvent(), newEvent(), newEvent(), newEvent()], { expected: 'no_stream' });
        expect((await store.readStream(id, { from: 1, to: 2 })).map((e) => e.revision)).toEqual([1, 2]);
        expect((await store.readStream(id, { from: 3 })).map((e) => e.revision)).toEqual([3]);
      });

      it('lists the streams whose id begins with a prefix, once each, in the order they were first written', async () => {
        const year = `yr${randomUUID().slice(0, 8)}`;
        const [first, second, other] = [`case-${year}-a`, `case-${year}-b`, `case-x${year}-c`];
        await store.appendToStream(second, [newEvent(), newEvent()], { expected: 'no_stream' });
        await store.appendToStream(first, [newEvent()], { expected: 'no_stream' });
        await store.appendToStream(other, [newEvent()], { expected: 'no_stream' });
        await store.appendToStream(second, [newEvent()], { expected: 1 });
        expect(await store.streamIds(`case-${year}-`)).toEqual([second, first]);
        expect(await store.streamIds(`case-${year}-zzz`)).toEqual([]);
      });

      it('reads an unknown stream as empty, at revision -1', async () => {
        const id = stream();
        expect(await store.readStream(id)).toEqual([]);
        expect(await store.streamRevision(id)).toBe(-1);
      });
    });

    describe('expected revision', () => {
      it("'no_stream' succeeds on a new stream and is refused on an existing one", async () => {
        const id = stream();
        await store.appendToStream(id, [newEvent()], { expected: 'no_stream' });
        const error = await store.appendToStream(id, [newEvent()], { expected: 'no_stream' }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: 0 });
      });

      it("'stream_exists' is refused on a new stream and succeeds on an existing one", async () => {
        const id = stream();
        const error = await store.appendToStream(id, [newEvent()], { expected: 'stream_exists' }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error.actual).toBe(-1);
        expect(await store.readStream(id)).toEqual([]);
        await store.appendToStream(id, [newEvent()], { expected: 'any' });
        await expect(store.appendToStream(id, [newEvent()], { expected: 'stream_exists' })).resolves.toMatchObject({
          nextRevision: 1,
        });
      });

      it("'any' appends whatever the revision", async () => {
        const id = stream();
        await store.appendToStream(id, [newEvent()], { expected: 'any' });
        await store.appendToStream(id, [newEvent()], { expected: 'any' });
        expect(await store.streamRevision(id)).toBe(1);
      });

      it('a revision number must match exactly, and the refusal carries the actual revision', async () => {
        const id = stream();
        await store.appendToStream(id, [newEvent(), newEvent()], { expected: 'no_stream' });
        await expect(store.appendToStream(id, [newEvent()], { expected: 1 })).resolves.toMatchObject({ nextRevision: 2 });
        for (const stale of [0, 1, 3]) {
          const error = await store.appendToStream(id, [newEvent()], { expected: stale }).catch((e) => e);
          expect(error).toBeInstanceOf(WrongExpectedRevision);
          expect(error.actual).toBe(2);
        }
        expect(await store.streamRevision(id)).toBe(2);
      });

      it('50 concurrent appends at the same expected revision: exactly one succeeds, nothing is lost', async () => {
        const id = stream();
        await store.appendToStream(id, [newEvent()], { expected: 'no_stream' });
        const attempts = Array.from({ length: 50 }, () => newEvent());
        const outcomes = await Promise.allSettled(attempts.map((e) => store.appendToStream(id, [e], { expected: 0 })));
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const o of lost) {
          expect(o.reason).toBeInstanceOf(WrongExpectedRevision);
          expect(o.reason.actual).toBe(1);
        }
        const read = await store.readStream(id);
        expect(read).toHaveLength(2);
        const winner = attempts[outcomes.findIndex((o) => o.status === 'fulfilled')];
        expect(read[1].id).toBe(winner.id);
      });
    });

    describe('idempotency', () => {
      it('a retried append with the same event ids returns the original result and stores nothing', async () => {
        const id = stream();
        const events = [newEvent(), newEvent()];
        const first = await store.appendToStream(id, events, { expected: 'no_stream' });
        const before = (await allEvents()).length;
        // The retry still says 'no_stream': the first attempt did land, so it must not be refused.
        const retry = await store.appendToStream(id, events, { expected: 'no_stream' });
        expect(retry).toEqual({ ...first, duplicate: true });
        expect((await allEvents()).length).toBe(before);
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('refuses an append that repeats only some stored ids, storing none of it', async () => {
        const id = stream();
        const stored = newEvent();
        await store.appendToStream(id, [stored], { expected: 'no_stream' });
        const error = await store.appendToStream(id, [stored, newEvent()], { expected: 'any' }).catch((e) => e);
        expect(error).toBeInstanceOf(EventIdConflict);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('refuses an event id already stored on another stream', async () => {
        const event = newEvent();
        await store.appendToStream(stream(), [event], { expected: 'no_stream' });
        const other = stream();
        await expect(store.appendToStream(other, [event], { expected: 'any' })).rejects.toBeInstanceOf(EventIdConflict);
        expect(await store.readStream(other)).toEqual([]);
      });
    });

    describe('bad input is refused, storing nothing', () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const cases: Array<[string, () => [string, NewEvent[]], string]> = [
        ['an event with no type', () => [stream(), [{ ...newEvent(), type: '' }]], 'events[0].type'],
        ['an event with a missing type', () => [stream(), [{ ...newEvent(), type: undefined as unknown as string }]], 'events[0].type'],
        ['data holding a bigint', () => [stream(), [newEvent('T', { pence: 10n })]], 'events[0].data.pence'],
        ['data holding a function', () => [stream(), [newEvent('T', { f: () => 1 })]], 'events[0].data.f'],
        ['data holding NaN', () => [stream(), [newEvent('T', { pence: Number.NaN })]], 'events[0].data.pence'],
        ['data holding a Date', () => [stream(), [newEvent('T', { at: new Date() })]], 'events[0].data.at'],
        ['circular data', () => [stream(), [newEvent('T', circular)]], 'events[0].data.self'],
        ['undefined data', () => [stream(), [{ ...newEvent(), data: undefined }]], 'events[0].data'],
        ['undefined inside an array', () => [stream(), [newEvent('T', { lines: [1, undefined] })]], 'events[0].data.lines[1]'],
        ['a payload over 1 MiB', () => [stream(), [newEvent('T', { text: 'x'.repeat(1024 * 1024) })]], 'events[0].data'],
        ['an empty stream id', () => ['', [newEvent()]], 'streamId'],
        ['an over-long stream id', () => ['s'.repeat(201), [newEvent()]], 'streamId'],
        ['no events', () => [stream(), []], 'events'],
        ['an id that is not a UUID', () => [stream(), [{ ...newEvent(), id: 'not-a-uuid' }]], 'events[0].id'],
        ['missing actor', () => [stream(), [{ ...newEvent(), metadata: { ...newEvent().metadata, actor: undefined as never } }]], 'events[0].metadata.actor.id'],
      ];

      it.each(cases)('%s', async (_label, build, field) => {
        const before = (await allEvents()).length;
        const [id, events] = build();
        // A good event first: one bad event must refuse the whole append.
        const batch = events.length ? [newEvent(), ...events] : events;
        const error = await store.appendToStream(id, batch, { expected: 'any' }).catch((e) => e);
        expect(error).toBeInstanceOf(InvalidEvent);
        expect(error.field).toBe(field.replace(/^events\[0\]/, 'events[1]'));
        expect((await allEvents()).length).toBe(before);
      });
    });

    describe('global order and subscriptions', () => {
      it('readAll pages through the log in one stable order', async () => {
        const ids = [stream(), stream()];
        for (const id of ids) await store.appendToStream(id, [newEvent(), newEvent()], { expected: 'any' });
        const all = await allEvents();
        const pages: StoredEvent[] = [];
        for (let after = 0; ; ) {
          const page = await store.readAll({ after, limit: 3 });
          if (page.length === 0) break;
          pages.push(...page);
          after = page[page.length - 1].globalPosition;
        }
        expect(pages.map((e) => e.id)).toEqual(all.map((e) => e.id));
        expect(new Set(all.map((e) => e.globalPosition)).size).toBe(all.length);
      });

      it('8 concurrent writers × 1,000 events: a live subscriber sees all 8,000 exactly once, in global order', async () => {
        const start = await store.readAll({ after: 0, limit: 1 }).then(async () => {
          const all = await allEvents();
          return all.length ? all[all.length - 1].globalPosition : 0;
        });
        const seen: StoredEvent[] = [];
        const subscription = store.subscribe({ after: start, batchSize: 250, handler: (e) => void seen.push(e) });
        const writers = Array.from({ length: 8 }, (_, w) => w);
        const streamsOf = writers.map((w) => Array.from({ length: 10 }, (_, s) => `load-${w}-${s}-${randomUUID()}`));
        await Promise.all(
          writers.map(async (w) => {
            for (let i = 0; i < 1000; i++) {
              await store.appendToStream(streamsOf[w][i % 10], [newEvent('Load', { w, i })], { expected: 'any' });
            }
          }),
        );
        await subscription.caughtUp();
        await subscription.stop();

        const mine = seen.filter((e) => e.type === 'Load');
        expect(mine).toHaveLength(8000);
        expect(new Set(mine.map((e) => e.id)).size).toBe(8000);
        // Global order: exactly the order readAll gives after the fact...
        const logOrder = (await allEvents()).filter((e) => e.type === 'Load').map((e) => e.id);
        expect(mine.map((e) => e.id)).toEqual(logOrder.slice(-8000));
        // ...and each writer's events in the order it wrote them.
        for (const w of writers) {
          const order = mine.filter((e) => (e.data as { w: number }).w === w).map((e) => (e.data as { i: number }).i);
          expect(order).toEqual(Array.from({ length: 1000 }, (_, i) => i));
        }
        // 8,000 appends take what the machine gives them: the deadline is for a hang, not a pace.
      }, 900_000);

      it('a subscription resumes after the last position it handled', async () => {
        const id = stream();
        await store.appendToStream(id, [newEvent('First')], { expected: 'no_stream' });
        const [first] = await store.readStream(id);
        await store.appendToStream(id, [newEvent('Second'), newEvent('Third')], { expected: 0 });
        const seen: string[] = [];
        const subscription = store.subscribe({ after: first.globalPosition, handler: (e) => void seen.push(e.type) });
        await subscription.caughtUp();
        await subscription.stop();
        expect(seen.filter((t) => ['First', 'Second', 'Third'].includes(t))).toEqual(['Second', 'Third']);
      });
    });

    describe('hash chain', () => {
      it('links every event of a stream to the one before', async () => {
        const id = stream();
        await store.appendToStream(id, [newEvent(), newEvent()], { expected: 'no_stream' });
        await store.appendToStream(id, [newEvent('Later', { pence: 100 })], { expected: 1 });
        expect(verifyStreamChain(await store.readStream(id))).toEqual({ ok: true, checked: 3 });
      });

      it('a modified stored row breaks the chain at that position', async () => {
        if (!harness.tamper) return void expect(harness.tamper).toBeUndefined();
        const id = stream();
        await store.appendToStream(id, [newEvent('A'), newEvent('B', { pence: 2970000 }), newEvent('C')], {
          expected: 'no_stream',
        });
        const before = await store.readStream(id);
        await harness.tamper(before[1].globalPosition);
        const check = verifyStreamChain(await store.readStream(id));
        expect(check).toMatchObject({ ok: false, revision: 1, globalPosition: before[1].globalPosition });
      });
    });
  });
}
