import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { migrate, PgDatabase, PgliteDatabase, type SqlDatabase } from '@app/database';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/** A fresh, migrated, in-memory PGlite. */
export async function freshPglite(): Promise<SqlDatabase> {
  const db = await PgliteDatabase.open();
  await migrate(db);
  return db;
}

export interface TemporaryPostgres {
  readonly url: string;
  readonly db: SqlDatabase;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the PostgreSQL server at TEST_DATABASE_URL, dropped after. */
export async function freshPostgres(options: { migrate?: boolean } = {}): Promise<TemporaryPostgres> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `cl_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await withAdmin((admin) => admin.query(`create database ${name}`));
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const db = new PgDatabase(url.toString(), { max: 24 });
  if (options.migrate !== false) await migrate(db);
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await db.close();
      await withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
