import type { SqlQueryable } from '@app/database';

/** The SQL of a projection's document table; the same on PostgreSQL and PGlite. */
export class DocumentTable {
  constructor(readonly table: string) {}

  async create(db: SqlQueryable): Promise<void> {
    await db.query(`create table if not exists ${this.table} (key text primary key, doc jsonb not null)`);
  }

  async load(db: SqlQueryable, keys: readonly string[]): Promise<Map<string, unknown>> {
    if (keys.length === 0) return new Map();
    const { rows } = await db.query<{ key: string; doc: unknown }>(`select key, doc from ${this.table} where key = any($1::text[])`, [keys]);
    return new Map(rows.map((row) => [row.key, row.doc]));
  }

  async write(db: SqlQueryable, changed: ReadonlyMap<string, unknown | undefined>): Promise<void> {
    const upserts = [...changed].filter(([, doc]) => doc !== undefined);
    const deletes = [...changed].filter(([, doc]) => doc === undefined).map(([key]) => key);
    if (upserts.length > 0) {
      await db.query(
        `insert into ${this.table} (key, doc)
         select key, doc from unnest($1::text[], $2::jsonb[]) as t(key, doc)
         on conflict (key) do update set doc = excluded.doc`,
        [upserts.map(([key]) => key), upserts.map(([, doc]) => JSON.stringify(doc))],
      );
    }
    if (deletes.length > 0) await db.query(`delete from ${this.table} where key = any($1::text[])`, [deletes]);
  }

  async all(db: SqlQueryable): Promise<Array<{ key: string; doc: unknown }>> {
    const { rows } = await db.query<{ key: string; doc: unknown }>(`select key, doc from ${this.table} order by key`);
    return rows;
  }
}
