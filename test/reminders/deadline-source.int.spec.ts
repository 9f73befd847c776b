import { randomUUID } from 'node:crypto';
import { FrameworkService } from '@app/commissioning';
import { SqlEventStore } from '@app/event-store';
import { DeadlineSource } from '@app/reminders';
import { freshPglite } from '@test/support/databases';
import { seed201617 } from '@test/support/seed';

const context = (on: string) => ({ actor: { id: 'officer.one', role: 'opcc-staff' }, correlationId: randomUUID(), causationId: randomUUID(), occurredAt: `${on}T10:00:00+01:00` });

/** The names reminders and emails give a CSP's locality, as the framework names it now. */
describe("a reminder's locality name", () => {
  it('is known for a locality added during the year, and kept for one merged away, after the source first read the year', async () => {
    const db = await freshPglite();
    const store = new SqlEventStore(db);
    try {
      const frameworks = new FrameworkService(store);
      await frameworks.importDocument(seed201617(), context('2015-10-23'));
      const source = new DeadlineSource(db, store);
      expect(await source.localityName('2016-17', 'hinckley-and-bosworth')).toBe('Hinckley and Bosworth');
      expect(await source.localityName('2016-17', 'market-harborough-town')).toBeUndefined();

      const locality = { slug: 'market-harborough-town', name: 'Market Harborough Town', plfAllocationPence: 0, vliSharePercent: 0 };
      await frameworks.execute('2016-17', { type: 'AddLocality', on: '2016-05-01', reason: 'A new CSP', locality }, context('2016-05-01'));
      await frameworks.execute('2016-17', { type: 'MergeLocalities', on: '2016-05-02', reason: 'CSPs merged', locality: 'melton', into: 'charnwood' }, context('2016-05-02'));
      expect(await source.localityName('2016-17', 'market-harborough-town')).toBe('Market Harborough Town');
      expect(await source.localityName('2016-17', 'melton')).toBe('Melton');
    } finally {
      await store.close();
      await db.close();
    }
  });
});
