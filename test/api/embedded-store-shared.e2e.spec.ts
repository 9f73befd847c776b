import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiProcess, runCli, startApiProcess, waitForHealth } from '@test/support/api-process';

/**
 * `npm start` on the embedded store beside the CLI, as the README's first session runs
 * them: `token` works beside it, any command that needs the store is refused at once with
 * what to do (never `RuntimeError: Aborted()`), and SIGTERM stops the API.
 */
describe('the embedded store with the API running', () => {
  let dataDir: string;
  let api: ApiProcess;
  const env = () => ({ DATA_DIR: dataDir, DATABASE_URL: undefined, JWT_SECRET: undefined, JWKS_URL: undefined, RUN_REMINDERS: 'false' });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-shared-'));
    api = await startApiProcess(env());
    await waitForHealth(api);
  }, 240_000);
  afterAll(async () => {
    if (api.child.exitCode === null) api.child.kill('SIGKILL');
    await api.exited(10_000);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets `cli token` run beside it (it opens no database), and the API takes its token', async () => {
    const run = runCli(['token', '--role', 'opcc-staff', '--sub', 'officer.side'], env());
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.stringMatching(/jwt-secret/) });
    const token = run.stdout.trimEnd().split('\n').at(-1) as string;
    const res = await fetch(`${api.url}/pipeline`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  }, 240_000);

  it('refuses `cli status` at once with what to do, without crashing either process', () => {
    const run = runCli(['status'], env());
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`in use by process ${api.child.pid}`));
    expect(run.stderr).toMatch(/DATABASE_URL/);
    expect(run.stderr).not.toMatch(/Aborted|RuntimeError/);
  }, 240_000);

  it('is still healthy after', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
  });

  it('stops on SIGTERM within the 10 s grace, exit 0, releasing the store for the CLI', async () => {
    const started = Date.now();
    api.child.kill('SIGTERM');
    const code = await api.exited(30_000);
    expect({ code, signal: api.child.signalCode }).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(api.output()).toMatch(/SIGTERM: finishing requests in flight/);
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    const status = runCli(['status'], env());
    expect({ status: status.status, stderr: status.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  }, 240_000);
});
