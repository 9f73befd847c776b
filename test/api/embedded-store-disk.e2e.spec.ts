import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiProcess, startApiProcess, waitForHealth } from '@test/support/api-process';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { TEST_JWT_SECRET } from '@test/support/tokens';

/** A real small disk: a tmpfs of `size`, mounted on a fresh directory (needs the right to mount). */
function smallDisk(size: string): { dir: string; unmount(): void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-disk-'));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mount.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const probe = smallDisk('1m');
probe?.unmount();
if (!probe) process.stdout.write('Embedded store full-disk suite skipped: this user may not mount a tmpfs (run as root to include it).\n');
const suite = probe ? describe : describe.skip;

const PROPOSAL = { financialYear: '2016-17', title: 'Hate crime victim advocacy', mechanism: 'direct', estimatedValuePence: 2_500_000, on: '2016-05-03' };
const MB = 1024 * 1024;
const free = (dir: string) => Number(statfsSync(dir).bavail) * Number(statfsSync(dir).bsize);

/**
 * The embedded store on a real small disk (a tmpfs): it says plainly when the disk is too
 * small to start on, and while the disk is too full to write, commands are refused at once
 * with 503 problem+json naming DATA_DIR (never a hang: PGlite that hits a full disk blocks
 * the whole process), reads go on, /health says so, and writes resume once space is freed.
 */
suite('the embedded store on a small or full disk', () => {
  const disks: Array<{ unmount(): void }> = [];
  const apis: ApiProcess[] = [];
  afterAll(async () => {
    for (const api of apis) if (api.child.exitCode === null) api.child.kill('SIGKILL');
    await Promise.all(apis.map((api) => api.exited(10_000)));
    for (const disk of disks) disk.unmount();
  });
  const env = (dataDir: string, extra: Record<string, string> = {}) => ({
    DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    JWT_SECRET: TEST_JWT_SECRET,
    JWKS_URL: undefined,
    RUN_REMINDERS: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...extra,
  });

  it('refuses to start on a disk too small for a new store, naming DATA_DIR and the space, without touching PGlite', async () => {
    const disk = smallDisk('2m') as { dir: string; unmount(): void };
    disks.push(disk);
    const api = await startApiProcess(env(disk.dir));
    apis.push(api);
    const code = await api.exited(180_000);
    expect(code).not.toBe(0);
    expect(api.output()).toMatch(new RegExp(`DATA_DIR: ${disk.dir}/pglite\\) has \\d+\\.\\d MB free; a new embedded store needs`));
    expect(api.output()).not.toMatch(/ErrnoError/);
  }, 240_000);

  it('refuses commands with 503 STORAGE_FULL while the disk is nearly full, goes on reading, and writes again once space is freed', async () => {
    // 16 MB kept in hand, so a 96 MB disk holds a new store (39 MB) with room to fill.
    const disk = smallDisk('96m') as { dir: string; unmount(): void };
    disks.push(disk);
    const api = await startApiProcess(env(disk.dir, { DATA_DIR_MIN_FREE_MB: '16' }));
    apis.push(api);
    await waitForHealth(api, 300_000);
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${api.url}${path}`, { ...init, signal: AbortSignal.timeout(120_000) }).catch((error: unknown) => {
        throw new Error(`${init.method ?? 'GET'} ${path} failed (${String(error)}); the API's last output:\n${api.output().slice(-4000)}`);
      });
    const post = (path: string, body: unknown, headers = OFFICER) => call(path, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const cases = async () => ((await (await call('/pipeline', { headers: OFFICER })).json()) as { total: number }).total;
    const casesReach = async (count: number) => {
      const deadline = Date.now() + 120_000;
      while ((await cases()) < count) {
        if (Date.now() > deadline) throw new Error(`the pipeline did not reach ${count} cases: ${api.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    expect((await post('/frameworks/import', seed201617(), ADMIN)).status).toBe(201);
    expect((await post('/cases/proposals', PROPOSAL)).status).toBe(201);
    await casesReach(58); // the 57 imported and the one proposed
    // Every read model caught up and nothing else in flight: a write PGlite already has when the
    // disk fills can still fail inside it (a new WAL segment is 16 MB); the guard stops the next ones.
    const settled = Date.now() + 300_000;
    for (;;) {
      const health = (await (await call('/health')).json()) as { projections?: Array<{ lag: number }> };
      if (health.projections?.length && health.projections.every((p) => p.lag === 0)) break;
      if (Date.now() > settled) throw new Error(`the read models did not catch up: ${JSON.stringify(health.projections)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // Fill the disk to 8 MB short of full: below the 16 MB kept in hand.
    const filler = join(disk.dir, 'filler');
    writeFileSync(filler, Buffer.alloc(Math.max(0, free(disk.dir) - 8 * MB)));
    expect(free(disk.dir)).toBeLessThan(16 * MB);

    const refused = await post('/cases/proposals', { ...PROPOSAL, title: 'Proposed on a full disk' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem.code).toBe('STORAGE_FULL');
    expect(problem.detail).toContain(`DATA_DIR: ${disk.dir}/pglite`);
    expect(problem.detail).toMatch(/MB free/);

    const health = await call('/health');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', database: 'up', storage: { dataDir: `${disk.dir}/pglite`, writable: false } });
    expect(await cases()).toBe(58);
    expect(api.output()).toMatch(/POST \/cases\/proposals: The disk holding the embedded store/);

    rmSync(filler);
    expect((await post('/cases/proposals', { ...PROPOSAL, title: 'Proposed once space was freed' })).status).toBe(201);
    expect((await call('/health')).status).toBe(200);
    await casesReach(59);
  }, 600_000);
});
