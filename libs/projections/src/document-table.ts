import type { SqlQueryable } from '@app/database';

/**
 * Rows per statement: large enough that a statement's overhead vanishes, small enough for
 * PGlite's memory. Each row is two parameters (key, and the document as JSON text the server
 * parses into jsonb once): measured against one JSON array of rows taken apart by
 * jsonb_array_elements, this halves the time to load large documents and costs no more for small ones.
 */
const ROWS_PER_STATEMENT = 5_000;

/** `($1, $2::jsonb), ($3, $4::jsonb), …` and its parameters, for a chunk of rows. */
function rowValues(rows: ReadonlyArray<readonly [string, unknown]>): { values: string; params: string[] } {
  const params: string[] = [];
  const values = rows.map(([key, doc], i) => {
    params.push(key, JSON.stringify(doc));
    return `($${2 * i + 1}, $${2 * i + 2}::jsonb)`;
  });
  return { values: values.join(', '), params };
}

/**
 * The SQL of a projection's document table; the same on PostgreSQL and PGlite. Keys sort
 * by code point (collation "C") whatever the database's locale, so a key prefix is a
 * range of the primary key (a year's budget lines, `2016-17/…`).
 */
export class DocumentTable {
  constructor(readonly table: string) {}

  async create(db: SqlQueryable): Promise<void> {
    const compression = await docCompression(db);
    await db.query(`create table if not exists ${this.table} (key text collate "C" primary key, doc jsonb${compression} not null)`);
    // A table made before keeps its rows as they are and compresses each row written from now on the same way.
    if (compression) await db.query(`alter table ${this.table} alter column doc set${compression}`);
  }

  /** A table to bulk-load: its primary key is added once the rows are in (`addPrimaryKey`). */
  async createUnindexed(db: SqlQueryable): Promise<void> {
    await db.query(`create table ${this.table} (key text collate "C" not null, doc jsonb${await docCompression(db)} not null)`);
  }

  async addPrimaryKey(db: SqlQueryable): Promise<void> {
    await db.query(`alter table ${this.table} add constraint ${this.table}_pkey primary key (key)`);
  }

  async load(db: SqlQueryable, keys: readonly string[]): Promise<Map<string, unknown>> {
    if (keys.length === 0) return new Map();
    const { rows } = await db.query<{ key: string; doc: unknown }>(`select key, doc from ${this.table} where key = any($1::text[])`, [keys]);
    return new Map(rows.map((row) => [row.key, row.doc]));
  }

  /** Upserts the changed documents and deletes the removed ones (undefined), a few statements per batch. */
  async write(db: SqlQueryable, changed: ReadonlyMap<string, unknown | undefined>): Promise<void> {
    const upserts: Array<[string, unknown]> = [];
    const deletes: string[] = [];
    for (const [key, doc] of changed) {
      if (doc === undefined) deletes.push(key);
      else upserts.push([key, doc]);
    }
    for (let i = 0; i < upserts.length; i += ROWS_PER_STATEMENT) {
      const { values, params } = rowValues(upserts.slice(i, i + ROWS_PER_STATEMENT));
      await db.query(`insert into ${this.table} (key, doc) values ${values} on conflict (key) do update set doc = excluded.doc`, params);
    }
    for (let i = 0; i < deletes.length; i += ROWS_PER_STATEMENT) {
      await db.query(`delete from ${this.table} where key = any($1::text[])`, [deletes.slice(i, i + ROWS_PER_STATEMENT)]);
    }
  }

  /** Plain inserts of documents whose keys are not in the table yet (a rebuild's first write of each). */
  async insert(db: SqlQueryable, docs: Iterable<[string, unknown]>): Promise<void> {
    let rows: Array<[string, unknown]> = [];
    const flush = async () => {
      if (rows.length === 0) return;
      const { values, params } = rowValues(rows);
      await db.query(`insert into ${this.table} (key, doc) values ${values}`, params);
      rows = [];
    };
    for (const [key, doc] of docs) {
      rows.push([key, doc]);
      if (rows.length >= ROWS_PER_STATEMENT) await flush();
    }
    await flush();
  }

  /** The documents whose keys begin with `prefix` (compared by code point: an index range). */
  async withPrefix(db: SqlQueryable, prefix: string): Promise<Array<{ key: string; doc: unknown }>> {
    const { rows } = await db.query<{ key: string; doc: unknown }>(
      `select key, doc from ${this.table} where key collate "C" >= $1 and key collate "C" < $2 order by key collate "C"`,
      [prefix, prefixEnd(prefix)],
    );
    return rows;
  }

  async all(db: SqlQueryable): Promise<Array<{ key: string; doc: unknown }>> {
    const { rows } = await db.query<{ key: string; doc: unknown }>(`select key, doc from ${this.table} order by key`);
    return rows;
  }
}

/**
 * ` compression lz4` where the server has it (PostgreSQL 14 and later, built with lz4; not
 * PGlite), else nothing (pglz). Documents of several kilobytes (a case's deadlines, its
 * outcomes) are compressed and read back several times faster with lz4, at about the same size.
 */
async function docCompression(db: SqlQueryable): Promise<string> {
  const { rows } = await db.query<{ lz4: boolean }>(
    `select coalesce((select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'), false) as lz4`,
  );
  return rows[0]?.lz4 ? ' compression lz4' : '';
}

/** The least string greater than every string that begins with `prefix`. */
function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
