import { SqlEventStore } from '@app/event-store';
import { freshPostgres, testDatabaseUrl } from '@test/support/databases';
import { eventStoreContract } from './event-store.contract';

const suite = testDatabaseUrl ? describe : describe.skip;

suite('PostgreSQL', () => {
  eventStoreContract('PostgreSQL', async () => {
    const pg = await freshPostgres();
    return {
      givesBackStored: true,
      store: new SqlEventStore(pg.db, { pollMs: 10 }),
      tamper: async (position) => {
        await pg.db.query(`update events set data = jsonb_set(data, '{tampered}', 'true') where global_position = $1`, [position]);
      },
      cleanup: () => pg.drop(),
    };
  });
});
