import type { SqlDatabase } from '@app/database';
import { DocumentTable } from '@app/projections';
import { freshPglite, freshPostgres, testDatabaseUrl } from '@test/support/databases';

/** A document large enough to be compressed out of line (TOAST starts at about 2 kB). */
const large = (n: number) => ({ n, entries: Array.from({ length: 200 }, (_, i) => ({ key: `entry-${i}`, status: 'open', dueOn: '2017-04-14' })) });

const columnCompression = async (db: SqlDatabase, table: string) =>
  (await db.query<{ c: string }>(`select attcompression::text as c from pg_attribute where attrelid = $1::regclass and attname = 'doc'`, [table])).rows[0]?.c;

const storedCompression = async (db: SqlDatabase, table: string) =>
  (await db.query<{ c: string | null }>(`select pg_column_compression(doc) as c from ${table} order by key limit 1`)).rows[0]?.c;

describe('document tables', () => {
  (testDatabaseUrl ? it : it.skip)('on PostgreSQL, compress their documents with lz4, also in a table made before, and read them back as written', async () => {
    const pg = await freshPostgres();
    try {
      const fresh = new DocumentTable('rm_test_fresh');
      await fresh.create(pg.db);
      expect(await columnCompression(pg.db, 'rm_test_fresh')).toBe('l');
      await fresh.insert(pg.db, [['a', large(1)]]);
      expect(await storedCompression(pg.db, 'rm_test_fresh')).toBe('lz4');
      expect((await fresh.load(pg.db, ['a'])).get('a')).toEqual(large(1));

      const bulk = new DocumentTable('rm_test_bulk');
      await bulk.createUnindexed(pg.db);
      expect(await columnCompression(pg.db, 'rm_test_bulk')).toBe('l');

      // A table made with the default compression: its old row stays readable, rows written from now on are lz4.
      await pg.db.query(`create table rm_test_older (key text collate "C" primary key, doc jsonb not null)`);
      const older = new DocumentTable('rm_test_older');
      await older.insert(pg.db, [['a', large(2)]]);
      expect(await storedCompression(pg.db, 'rm_test_older')).toBe('pglz');
      await older.create(pg.db);
      expect(await columnCompression(pg.db, 'rm_test_older')).toBe('l');
      await older.write(pg.db, new Map([['b', large(3)]]));
      const { rows } = await pg.db.query<{ key: string; c: string }>(`select key, pg_column_compression(doc) as c from rm_test_older order by key`);
      expect(rows).toEqual([
        { key: 'a', c: 'pglz' },
        { key: 'b', c: 'lz4' },
      ]);
      expect(await older.load(pg.db, ['a', 'b'])).toEqual(new Map([['a', large(2)], ['b', large(3)]]));
    } finally {
      await pg.drop();
    }
  });

  it('on PGlite, which has no lz4, keep the default compression', async () => {
    const db = await freshPglite();
    const table = new DocumentTable('rm_test_embedded');
    await table.create(db);
    expect(await columnCompression(db, 'rm_test_embedded')).toBe('');
    await table.insert(db, [['a', large(4)]]);
    expect(await storedCompression(db, 'rm_test_embedded')).toBe('pglz');
    expect((await table.load(db, ['a'])).get('a')).toEqual(large(4));
    await db.close();
  });
});
