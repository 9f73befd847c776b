/**
 * The database cannot be reached just now (the server restarted, the connection was cut,
 * the pool could not connect in time). Requests fail fast with it (503 and Retry-After)
 * instead of hanging, and succeed again by themselves once the database is back.
 */
export class DatabaseUnavailable extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  readonly retryAfterSeconds = 5;

  constructor(readonly reason: string) {
    super(`The database cannot be reached just now (${reason}); nothing was recorded. Try again shortly.`);
    this.name = 'DatabaseUnavailable';
  }
}

/**
 * The disk under the embedded store is full, or too nearly full to write safely: nothing was
 * recorded, and nothing will be until space is freed (503 with Retry-After, as for a database
 * that went away). `reason` says which, naming the directory and the space left.
 */
export class StorageFull extends Error {
  readonly code = 'STORAGE_FULL';
  readonly retryAfterSeconds = 30;

  constructor(
    readonly where: string,
    reason = 'is full',
  ) {
    super(`The disk holding the embedded store (DATA_DIR: ${where}) ${reason}; nothing was recorded. Free some space there (or set DATA_DIR to a larger disk) and try again.`);
    this.name = 'StorageFull';
  }
}

/** SQLSTATE classes and codes, and socket errors, that mean "no connection" rather than "bad SQL". */
const CONNECTION_STATES = /^(08...|57P0[123]|53300)$/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|connection error/i;

export function isConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailable) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (CONNECTION_STATES.test(code) || SOCKET_CODES.has(code))) return true;
  return error instanceof Error && CONNECTION_MESSAGES.test(error.message);
}

/** Emscripten's ENOSPC (PGlite's file system) or Node's. */
export function isDiskFull(error: unknown): boolean {
  const e = error as { errno?: unknown; code?: unknown; message?: unknown } | null;
  return e?.code === 'ENOSPC' || (e?.errno === 51 && /errno/i.test(String((error as Error)?.name ?? ''))) || /ENOSPC|No space left on device|could not extend file/i.test(String(e?.message ?? ''));
}

/** A connection error as DatabaseUnavailable; any other error as it is. */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof DatabaseUnavailable || !isConnectionError(error)) return error;
  const code = (error as { code?: unknown }).code;
  return new DatabaseUnavailable(typeof code === 'string' ? code : (error as Error).message);
}
