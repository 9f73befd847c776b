import { SqlEventStore } from '@app/event-store';
import { freshPglite } from '@test/support/databases';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('PGlite', async () => {
  const db = await freshPglite();
  return {
    givesBackStored: true,
    store: new SqlEventStore(db, { pollMs: 10 }),
    tamper: async (position) => {
      await db.query(`update events set data = jsonb_set(data, '{tampered}', 'true') where global_position = $1`, [position]);
    },
    cleanup: () => db.close(),
  };
});
