import { Pool, type PoolConfig } from 'pg';
import type { SqlDatabase, SqlTransaction } from './sql-database.port';

/** PostgreSQL on a server, over a `pg` pool. */
export class PgDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;

  constructor(connectionString: string, options: PoolConfig = {}) {
    this.pool = new Pool({ connectionString, max: 20, ...options });
    // An idle client that loses its connection must not crash the process.
    this.pool.on('error', () => undefined);
  }

  async query<Row>(text: string, params: readonly unknown[] = [], name?: string): Promise<{ rows: Row[] }> {
    const result = await this.pool.query({ text, values: params as unknown[], ...(name ? { name } : {}) });
    return { rows: result.rows as Row[] };
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const tx: SqlTransaction = {
        query: async <Row>(text: string, params: readonly unknown[] = []) => ({
          rows: (await client.query(text, params as unknown[])).rows as Row[],
        }),
        exec: async (script: string) => {
          await client.query(script);
        },
      };
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
