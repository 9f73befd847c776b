import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { contentHash, SqlEventStore, type StoredEvent } from '@app/event-store';
import { freshPostgres, testDatabaseUrl, type TemporaryPostgres } from '@test/support/databases';
import { newEvent } from './event-store.contract';

const suite = testDatabaseUrl ? describe : describe.skip;

/**
 * The trap of a plain sequence: transaction A takes position p, transaction B takes p+1
 * and commits first. A reader that trusted positions would deliver p+1, move its
 * checkpoint past p, and never see p once A commits.
 */
suite('PostgreSQL global order under a late commit', () => {
  let pg: TemporaryPostgres;
  let store: SqlEventStore;

  beforeAll(async () => {
    pg = await freshPostgres();
    store = new SqlEventStore(pg.db, { pollMs: 10 });
  });
  afterAll(() => pg.drop());

  /** Appends inside a transaction that stays open until `commit` is called. */
  async function openAppend(streamId: string) {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    const event = newEvent('LateCommit');
    const recordedAt = new Date().toISOString();
    const metadata = { ...event.metadata, recordedAt };
    const payload = [{ id: event.id, type: event.type, schemaVersion: 1, data: event.data, metadata,
      contentHash: contentHash({ id: event.id, streamId, type: event.type, schemaVersion: 1, data: event.data, metadata }) }];
    await client.query('begin');
    const { rows } = await client.query('select cl_append_to_stream($1, $2, $3::jsonb) as r', [streamId, 'any', JSON.stringify(payload)]);
    return {
      position: Number(rows[0].r.lastPosition),
      commit: async () => {
        await client.query('commit');
        await client.end();
      },
    };
  }

  it('delivers an earlier-numbered event that commits after a later-numbered one, exactly once', async () => {
    const seen: StoredEvent[] = [];
    const subscription = store.subscribe({ handler: (e) => void seen.push(e) });
    await subscription.caughtUp();

    const late = await openAppend(`late-${randomUUID()}`);
    const early = await store.appendToStream(`early-${randomUUID()}`, [newEvent('CommittedFirst')], { expected: 'no_stream' });
    expect(early.lastPosition).toBeGreaterThan(late.position);

    // While the earlier-numbered transaction is open, nothing past it is delivered...
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.map((e) => e.type)).not.toContain('CommittedFirst');
    // ...and readAll agrees: it never returns a position the open transaction could precede.
    expect((await store.readAll({ limit: 1000 })).map((e) => e.type)).not.toContain('CommittedFirst');

    await late.commit();
    await Promise.race([subscription.caughtUp(), new Promise((resolve) => setTimeout(resolve, 5000))]);
    await subscription.stop();
    const types = seen.map((e) => e.type);
    expect(types.filter((t) => t === 'LateCommit')).toHaveLength(1);
    expect(types.filter((t) => t === 'CommittedFirst')).toHaveLength(1);
    expect(types.indexOf('LateCommit')).toBeLessThan(types.indexOf('CommittedFirst'));
  });
});
