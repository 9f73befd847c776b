import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { isDiskFull, StorageFull } from './database-unavailable';
import { EmbeddedStoreLock } from './embedded-store-lock';
import type { SqlDatabase, SqlTransaction } from './sql-database.port';

/**
 * Embedded PostgreSQL (PGlite): the zero-setup default. One connection in-process,
 * so statements are serialised; the SQL is the same as on a server. One process owns a
 * data directory (EmbeddedStoreLock); a second is refused at once, saying what to do.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;

  private constructor(
    private readonly db: PGlite,
    private readonly where: string,
    private readonly lock: EmbeddedStoreLock | undefined,
  ) {}

  /** `dataDir` undefined: in memory (tests). */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const lock = dataDir ? EmbeddedStoreLock.acquire(dataDir) : undefined;
    try {
      const db = dataDir ? new PGlite(dataDir) : new PGlite();
      await db.waitReady;
      return new PgliteDatabase(db, dataDir ?? 'memory', lock);
    } catch (error) {
      lock?.release();
      throw isDiskFull(error) ? new StorageFull(dataDir ?? 'memory') : error;
    }
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<{ rows: Row[] }> {
    try {
      const result = await this.db.query<Row>(text, params as unknown[]);
      return { rows: result.rows };
    } catch (error) {
      throw this.plain(error);
    }
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(async (tx) =>
        work({
          query: async <Row>(text: string, params: readonly unknown[] = []) => ({
            rows: (await tx.query<Row>(text, params as unknown[])).rows,
          }),
          exec: async (script: string) => {
            await tx.exec(script);
          },
        }),
      );
    } catch (error) {
      throw this.plain(error);
    }
  }

  async exec(script: string): Promise<void> {
    try {
      await this.db.exec(script);
    } catch (error) {
      throw this.plain(error);
    }
  }

  async ping(): Promise<boolean> {
    return this.db.query('select 1').then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    try {
      if (!this.db.closed) await this.db.close();
    } finally {
      this.lock?.release();
    }
  }

  /** A full disk said plainly (507), whatever layer of PGlite noticed it. */
  private plain(error: unknown): unknown {
    return isDiskFull(error) ? new StorageFull(this.where) : error;
  }
}
