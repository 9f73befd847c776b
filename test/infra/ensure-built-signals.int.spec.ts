import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * `npm start` builds first when the sources changed (scripts/ensure-built.js → `npm run build`).
 * A stop asked for during that build must stop the build too, not leave it running on its own.
 * Run in a project of its own whose "build" is a process that only waits, so nothing is compiled.
 */
describe('a stop during the build before start', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-build-'));
    mkdirSync(join(dir, 'scripts'));
    mkdirSync(join(dir, 'apps'));
    mkdirSync(join(dir, 'dist'));
    copyFileSync(join(ROOT, 'scripts', 'ensure-built.js'), join(dir, 'scripts', 'ensure-built.js'));
    const build = `require('fs').writeFileSync('build.pid', String(process.pid)); setInterval(() => undefined, 1000)`;
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'build-signal-check', private: true, scripts: { build: `node -e "${build}"` } }));
    writeFileSync(join(dir, 'dist', '.built'), 'earlier\n');
    utimesSync(join(dir, 'dist', '.built'), new Date('2020-01-01'), new Date('2020-01-01'));
    writeFileSync(join(dir, 'apps', 'main.ts'), 'export {};\n');
  });
  afterEach(() => {
    child?.kill('SIGKILL');
    const pidFile = join(dir, 'build.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s ends the build and the script, by that signal', async (signal) => {
    const started = spawn(process.execPath, [join(dir, 'scripts', 'ensure-built.js')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => started.on('exit', (code, sig) => resolve({ code, signal: sig })));
    const pidFile = join(dir, 'build.pid');
    await until('the build to start', () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').length > 0);
    const buildPid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(buildPid)).toBe(true);

    started.kill(signal);
    // By the signal itself, or by 128 + its number when this process was started ignoring it.
    expect([{ code: null, signal }, { code: signal === 'SIGINT' ? 130 : 143, signal: null }]).toContainEqual(await exited);
    await until('the build to stop', () => !alive(buildPid));
  }, 150_000);
});
