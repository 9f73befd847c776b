import { Logger } from '@nestjs/common';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { asUnavailable, isConnectionError } from './database-unavailable';
import type { SqlDatabase, SqlTransaction } from './sql-database.port';

/**
 * PostgreSQL on a server, over a `pg` pool that outlives the server going away: a
 * connection that dies (idle in the pool, or checked out mid-transaction: a terminated
 * backend, 57P01) is dropped rather than crashing the process with an unhandled `error`
 * event, the next request connects afresh, and while no connection can be made requests
 * fail within the connect timeout as DatabaseUnavailable instead of queueing. A refused
 * connection fails at once; the timeout only bounds an unreachable server or a wait for a
 * free connection, which on a saturated machine can take seconds without anything being wrong.
 */
export class PgDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly logger = new Logger('Database');
  private lastWarning = 0;

  constructor(connectionString: string, options: PoolConfig = {}) {
    this.pool = new Pool({ connectionString, max: 20, connectionTimeoutMillis: 15_000, keepAlive: true, ...options });
    this.pool.on('error', (error) => this.warn(error));
  }

  /**
   * One statement on a pooled connection. Unlike `pool.query`, which destroys the connection
   * whenever a statement fails, a refusal by the server (a unique violation when another
   * writer got to a stream first, a check constraint) gives the connection back to the pool
   * with its prepared statements: only a broken connection is dropped. Otherwise every lost
   * race cost a new connection, and under contention the reconnects fed the contention.
   */
  async query<Row>(text: string, params: readonly unknown[] = [], name?: string): Promise<{ rows: Row[] }> {
    return this.withClient(async (client) => ({ rows: (await client.query({ text, values: params as unknown[], ...(name ? { name } : {}) })).rows as Row[] }));
  }

  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      try {
        const result = await work(transactionOn(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (!isConnectionError(error)) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async exec(script: string): Promise<void> {
    await this.withClient((client) => client.query(script));
  }

  /** A connection for `work`: returned to the pool after it, unless it broke (then destroyed). */
  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw asUnavailable(error);
    });
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
      this.warn(error);
    };
    client.on('error', onError);
    try {
      return await work(client);
    } catch (error) {
      if (isConnectionError(error)) broken ??= error as Error;
      throw asUnavailable(error);
    } finally {
      client.off('error', onError);
      client.release(broken ?? false);
    }
  }

  /** Whether a connection can be made and answer, within `timeoutMs`. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.pool.query('select 1').then(() => true, () => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Once a few seconds at most: a server restart drops every connection at once. */
  private warn(error: Error): void {
    if (Date.now() - this.lastWarning < 5_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`A database connection was lost (${(error as { code?: string }).code ?? error.message}); reconnecting on the next request`);
  }
}

function transactionOn(client: PoolClient): SqlTransaction {
  return {
    query: async <Row>(text: string, params: readonly unknown[] = []) => ({ rows: (await client.query(text, params as unknown[])).rows as Row[] }),
    exec: async (script: string) => {
      await client.query(script);
    },
  };
}
