import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Another live process holds the embedded store: PGlite is one process's database. */
export class EmbeddedStoreInUse extends Error {
  readonly code = 'EMBEDDED_STORE_IN_USE';

  constructor(dataDir: string, holder: LockHolder) {
    super(
      `The embedded store at ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        'The embedded PostgreSQL serves one process at a time. Stop that process first (Ctrl+C in its terminal, or kill ' +
        `${holder.pid}); while the API runs, use its routes instead (GET /audit/verify, GET /audit/export, POST /frameworks/import); ` +
        'or set DATABASE_URL to a PostgreSQL server, which the API, the worker and the CLI can share. ' +
        '(`npm run cli -- token` opens no database and runs beside the API.)',
    );
    this.name = 'EmbeddedStoreInUse';
  }
}

interface LockHolder {
  readonly pid: number;
  readonly command: string;
  readonly since: string;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A lock file beside the embedded store's directory, naming the process that holds it.
 * Taken before PGlite opens the files (two processes writing one PGlite directory abort
 * with `RuntimeError: Aborted()` or worse), released on close and on exit; a lock left by
 * a process that died (kill -9) is taken over.
 */
export class EmbeddedStoreLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    private readonly path: string,
    private readonly depth: { count: number },
  ) {}

  private static held = new Map<string, { count: number }>();

  static acquire(dataDir: string): EmbeddedStoreLock {
    const path = `${dataDir}.lock`;
    const mine = EmbeddedStoreLock.held.get(path);
    if (mine) {
      // The same process opening the store again (tests, a replay beside the live models): its own lock.
      mine.count += 1;
      return new EmbeddedStoreLock(path, mine);
    }
    const me: LockHolder = { pid: process.pid, command: process.argv.slice(1).map((a) => a.split('/').slice(-3).join('/')).join(' ').slice(0, 200), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        writeFileSync(path, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
        const depth = { count: 1 };
        EmbeddedStoreLock.held.set(path, depth);
        const lock = new EmbeddedStoreLock(path, depth);
        process.once('exit', lock.onExit);
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = readHolder(path);
        if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new EmbeddedStoreInUse(dataDir, holder);
        rmSync(path, { force: true });
      }
    }
    throw new Error(`Could not take the lock ${path}`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.depth.count -= 1;
    if (this.depth.count > 0) return;
    EmbeddedStoreLock.held.delete(this.path);
    process.removeListener('exit', this.onExit);
    if (readHolder(this.path)?.pid === process.pid) rmSync(this.path, { force: true });
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}
