import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const REGISTER = join(ROOT, 'test', 'support', 'swc-register.js');

/** A port nothing listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal), SIGKILLing it after `ms`. */
  exited(ms?: number): Promise<number | null>;
}

/** The API as `npm start` runs it (apps/api/src/main.ts), from the sources, as a real process. */
export async function startApiProcess(env: Record<string, string | undefined>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', REGISTER, join(ROOT, 'apps', 'api', 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'log', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = (ms = 60_000) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Polls `url` until it answers 200, failing early if the process exits. */
export async function waitForHealth(api: ApiProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (api.child.exitCode !== null) throw new Error(`the API exited (${api.child.exitCode}): ${api.output()}`);
    const ok = await fetch(`${api.url}/health`).then((r) => r.status === 200, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the API did not become healthy in ${timeoutMs / 1000} s: ${api.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `npm run cli -- …` from the sources, as a real process. */
export function runCli(args: string[], env: Record<string, string | undefined>, timeoutMs = 180_000) {
  const run = spawnSync(process.execPath, ['-r', REGISTER, join(ROOT, 'apps', 'cli', 'src', 'main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}
