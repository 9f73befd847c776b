/** The small surface of SQL both drivers (pg on a server, embedded PGlite) share. */
export interface SqlQueryable {
  /** `name` makes a prepared statement the server keeps per connection (ignored by PGlite). */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[], name?: string): Promise<{ rows: Row[] }>;
}

/** A connection inside a transaction. */
export interface SqlTransaction extends SqlQueryable {
  /** Runs a script of several statements. */
  exec(script: string): Promise<void>;
}

export type SqlDriverKind = 'postgres' | 'pglite';

export interface SqlDatabase extends SqlQueryable {
  readonly kind: SqlDriverKind;
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /** Whether the database answers just now, within a short timeout (for /health). */
  ping(timeoutMs?: number): Promise<boolean>;
}

export const SQL_DATABASE = Symbol('SQL_DATABASE');

/** SQLSTATE of an error raised by either driver, if it carries one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
