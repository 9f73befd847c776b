import { randomBytes } from 'node:crypto';
import { PgDatabase } from '@app/database';

/** A database created for one bench run on the server of `serverUrl`, dropped by `drop()`. */
export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `cl_bench_${randomBytes(6).toString('hex')}`;
  const url = withDatabase(serverUrl, name);
  await withAdmin(serverUrl, (admin) => admin.exec(`create database ${name}`));
  let dropped = false;
  return {
    name,
    url,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(serverUrl, async (admin) => {
        try {
          // PostgreSQL ≥ 13: also ends any connection left behind by an interrupted run.
          await admin.exec(`drop database if exists ${name} with (force)`);
        } catch {
          await admin.exec(`drop database if exists ${name}`);
        }
      });
    },
  };
}

/** The same server and credentials, another database. */
export function withDatabase(serverUrl: string, database: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new Error('DATABASE_URL must be a URL such as postgres://user@host:5432/postgres');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//)`);
  }
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin(serverUrl: string, work: (admin: PgDatabase) => Promise<void>): Promise<void> {
  const admin = new PgDatabase(serverUrl, { max: 1 });
  try {
    await work(admin);
  } finally {
    await admin.close();
  }
}
