import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { isDiskFull, StorageFull } from './database-unavailable';
import { freeBytes, megabytes, NEW_EMBEDDED_STORE_BYTES } from './disk-space';
import { EmbeddedStoreLock } from './embedded-store-lock';
import type { SqlDatabase, SqlTransaction } from './sql-database.port';

/** How much free space the embedded store keeps in hand: a new WAL segment alone takes 16 MB. */
export const DEFAULT_MIN_FREE_BYTES = 64 * 1024 * 1024;

/** The embedded store on a disk, as /health reports it. */
export interface EmbeddedStorage {
  readonly dataDir: string;
  readonly freeBytes: number;
  readonly minFreeBytes: number;
  /** false: commands are refused with 503 STORAGE_FULL until space is freed (or, after the store itself hit a full disk, until a restart). */
  readonly writable: boolean;
  readonly problem?: string;
}

const READ_ONLY = /^\s*(select|show)\b/i;
const WRITES = /\b(insert|update|delete|merge|nextval|setval|create|alter|drop|truncate|vacuum|checkpoint)\b/i;

/**
 * Embedded PostgreSQL (PGlite): the zero-setup default. One connection in-process,
 * so statements are serialised; the SQL is the same as on a server. One process owns a
 * data directory (EmbeddedStoreLock); a second is refused at once, saying what to do.
 *
 * A full disk is never let reach it: once PGlite fails to add a WAL segment it blocks the
 * whole process on its next statement (nothing answers, nothing is logged). So every write
 * first checks that `minFreeBytes` are left on DATA_DIR's disk and is refused (StorageFull,
 * 503) below that; reads go on. Should PGlite report a full disk all the same, it is sent no
 * further statement, and the store says it must be restarted once space is freed.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;
  /** Set once PGlite itself hit a full disk: it may no longer be safe to call. */
  private stopped: string | undefined;

  private constructor(
    private readonly db: PGlite,
    private readonly where: string,
    private readonly lock: EmbeddedStoreLock | undefined,
    private readonly minFreeBytes: number,
  ) {}

  /** `dataDir` undefined: in memory (tests). */
  static async open(dataDir?: string, options: { minFreeBytes?: number } = {}): Promise<PgliteDatabase> {
    const minFreeBytes = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
    if (dataDir) PgliteDatabase.enoughToStart(dataDir, minFreeBytes);
    let lock: EmbeddedStoreLock | undefined;
    try {
      if (dataDir) mkdirSync(dataDir, { recursive: true });
      lock = dataDir ? EmbeddedStoreLock.acquire(dataDir) : undefined;
      const db = dataDir ? new PGlite(dataDir) : new PGlite();
      await db.waitReady;
      return new PgliteDatabase(db, dataDir ?? 'memory', lock, dataDir ? minFreeBytes : 0);
    } catch (error) {
      lock?.release();
      throw isDiskFull(error) ? new StorageFull(dataDir ?? 'memory', `is full (${dataDir ? megabytes(freeBytes(dataDir)) : 'no space'} free): the store could not be opened`) : error;
    }
  }

  /** Refuses at once, naming the disk, rather than letting PGlite fail half-way through creating or opening the store. */
  private static enoughToStart(dataDir: string, minFreeBytes: number): void {
    const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
    const needed = minFreeBytes + (fresh ? NEW_EMBEDDED_STORE_BYTES : 0);
    const free = freeBytes(dataDir);
    if (free < needed) {
      throw new StorageFull(
        dataDir,
        `has ${megabytes(free)} free; ${fresh ? `a new embedded store needs ${megabytes(NEW_EMBEDDED_STORE_BYTES)} and` : 'the embedded store'} keeps ${megabytes(minFreeBytes)} free to write safely (DATA_DIR_MIN_FREE_MB), so it was not ${fresh ? 'created' : 'opened'}`,
      );
    }
  }

  /** The disk under the store just now (undefined in memory). */
  storage(): EmbeddedStorage | undefined {
    if (this.where === 'memory') return undefined;
    const free = freeBytes(this.where);
    const problem = this.stopped ?? (free < this.minFreeBytes ? `${megabytes(free)} free, below the ${megabytes(this.minFreeBytes)} kept in hand: writes are refused` : undefined);
    return { dataDir: this.where, freeBytes: free, minFreeBytes: this.minFreeBytes, writable: problem === undefined, ...(problem ? { problem } : {}) };
  }

  /** Throws StorageFull, without touching PGlite, when a write could fill the disk (or PGlite already did). */
  private guard(write: boolean): void {
    if (this.stopped) throw new StorageFull(this.where, this.stopped);
    if (!write || this.minFreeBytes === 0) return;
    const free = freeBytes(this.where);
    if (free < this.minFreeBytes) throw new StorageFull(this.where, `has ${megabytes(free)} free, below the ${megabytes(this.minFreeBytes)} it keeps in hand`);
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<{ rows: Row[] }> {
    this.guard(!READ_ONLY.test(text) || WRITES.test(text));
    try {
      const result = await this.db.query<Row>(text, params as unknown[]);
      return { rows: result.rows };
    } catch (error) {
      throw this.plain(error);
    }
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    this.guard(true);
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
    this.guard(true);
    try {
      await this.db.exec(script);
    } catch (error) {
      throw this.plain(error);
    }
  }

  async ping(): Promise<boolean> {
    if (this.stopped) return false;
    return this.db.query('select 1').then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    try {
      if (!this.db.closed && !this.stopped) await this.db.close();
    } finally {
      this.lock?.release();
    }
  }

  /** A full disk said plainly (503), whatever layer of PGlite noticed it; PGlite is then sent nothing more. */
  private plain(error: unknown): unknown {
    if (!isDiskFull(error)) return error;
    if (this.where === 'memory') return new StorageFull(this.where);
    this.stopped ??= `filled up under the store (${(error as Error).message}); free some space, then restart the process`;
    new Logger('Database').error(`The embedded store's disk is full (DATA_DIR: ${this.where}): ${(error as Error).message}. No further statement is sent to it; free some space, then restart.`);
    return new StorageFull(this.where, this.stopped);
  }
}
