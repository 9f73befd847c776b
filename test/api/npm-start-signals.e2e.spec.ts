import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@test/support/api-process';

const ROOT = join(__dirname, '..', '..');

/** The parent of a live process, from /proc (undefined once it is gone). */
function parentOf(pid: number): number | undefined {
  try {
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Every live descendant of `root`: npm's script shell, if any, and the node process it runs. */
function descendants(root: number): number[] {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return parentOf(pid) !== undefined;
  } catch {
    return false;
  }
};

const poll = async (what: string, ok: () => Promise<boolean> | boolean, timeoutMs: number, output: () => string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

const suite = process.platform === 'linux' ? describe : describe.skip;

/**
 * `npm start` as the README runs it (npm → prestart build check → the API): a SIGTERM or
 * SIGINT sent to npm, as a terminal, a container or a process manager sends it, stops the
 * API itself, leaving no orphan holding the port and the embedded store.
 */
suite('npm start and signals', () => {
  const started: ChildProcess[] = [];
  const leftovers: number[] = [];
  afterAll(() => {
    for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'a %s sent to the npm process ends the API it started',
    async (signal) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ledger-npm-start-'));
      const port = await freePort();
      const npm = spawn('npm', ['start'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: undefined, JWT_SECRET: undefined, JWKS_URL: undefined, RUN_REMINDERS: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.push(npm);
      let output = '';
      npm.stdout?.on('data', (chunk) => (output += chunk));
      npm.stderr?.on('data', (chunk) => (output += chunk));
      try {
        // A first start may build dist/ (prestart) on a busy machine: a generous deadline.
        await poll(
          'the API did not answer /health',
          async () => {
            if (npm.exitCode !== null) throw new Error(`npm start exited (${npm.exitCode}): ${output}`);
            return fetch(`http://127.0.0.1:${port}/health`).then((res) => res.status === 200, () => false);
          },
          600_000,
          () => output,
        );
        const api = descendants(npm.pid as number);
        leftovers.push(...api);
        expect(api.length).toBeGreaterThan(0);

        npm.kill(signal);
        await poll('npm start did not exit', () => npm.exitCode !== null || npm.signalCode !== null, 60_000, () => output);
        await poll(`processes ${api.filter(alive).join(', ')} were still running after npm exited`, () => api.every((pid) => !alive(pid)), 60_000, () => output);
        expect(output).toMatch(new RegExp(`${signal}: finishing requests in flight`));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    900_000,
  );
});
