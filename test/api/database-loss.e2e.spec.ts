import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type ApiProcess, startApiProcess, waitForHealth } from '@test/support/api-process';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { TcpProxy } from '@test/support/tcp-proxy';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { TEST_JWT_SECRET } from '@test/support/tokens';

const suite = testDatabaseUrl ? describe : describe.skip;
const PROPOSAL = { financialYear: '2016-17', title: 'Hate crime victim advocacy', mechanism: 'direct', estimatedValuePence: 2_500_000, on: '2016-05-03' };

/**
 * PostgreSQL lost under a running API process: its backends terminated mid-load (57P01 on
 * checked-out connections), then the database out of reach altogether. The process lives,
 * every answer meanwhile is a success or 503 problem+json with Retry-After, and it
 * recovers by itself.
 */
suite('the API when its database goes away', () => {
  let pg: TemporaryPostgres;
  let proxy: TcpProxy;
  let api: ApiProcess;
  let dataDir: string;
  const post = (path: string, body: unknown, headers: Record<string, string> = OFFICER) =>
    fetch(`${api.url}${path}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const propose = (i: number) => post('/cases/proposals', { ...PROPOSAL, title: `Proposal under load ${i}` });

  beforeAll(async () => {
    pg = await freshPostgres({ migrate: false });
    const target = new URL(pg.url);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(pg.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-db-loss-'));
    api = await startApiProcess({ DATABASE_URL: viaProxy.toString(), DATA_DIR: dataDir, JWT_SECRET: TEST_JWT_SECRET, RUN_REMINDERS: 'false', RATE_LIMIT_PER_MINUTE: '100000' });
    await waitForHealth(api);
    expect((await post('/frameworks/import', seed201617(), ADMIN)).status).toBe(201);
  }, 300_000);
  afterAll(async () => {
    if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
    await api?.exited(10_000);
    await proxy?.down();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Answers that are neither a success nor a proper 503. */
  const improper = async (res: Response) => {
    if (res.status < 500) return undefined;
    const body = await res.text();
    const proper = res.status === 503 && /application\/problem\+json/.test(res.headers.get('content-type') ?? '') && /^\d+$/.test(res.headers.get('retry-after') ?? '');
    return proper ? undefined : `${res.status} ${body}`;
  };

  it('lives through its backends being terminated under load, answering 2xx or 503 with Retry-After', async () => {
    const admin = new Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    const wrong: string[] = [];
    let sent = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const res = await propose((sent += 1)).catch((error: Error) => ({ status: 0, text: async () => error.message }) as unknown as Response);
        if (res.status === 0) wrong.push(`no answer: ${await res.text()}`);
        const bad = await improper(res);
        if (bad) wrong.push(bad);
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    try {
      for (let cut = 0; cut < 3; cut += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        const { rows } = await admin.query(
          'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [new URL(pg.url).pathname.slice(1)],
        );
        expect(rows[0].n).toBeGreaterThan(0);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      stop = true;
      await load;
      await admin.end();
    }
    expect(api.child.exitCode).toBeNull();
    expect(wrong).toEqual([]);
    expect(sent).toBeGreaterThan(4);
    // Recovered by itself: the next command succeeds.
    expect((await propose(-1)).status).toBe(201);
  }, 240_000);

  it('fails fast with 503 problem+json and Retry-After while the database is out of reach, /health says so, and recovers when it is back', async () => {
    await proxy.down();
    try {
      const started = Date.now();
      const refused = await propose(-2);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await refused.json()).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      const health = await fetch(`${api.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'degraded', database: 'down' });
    } finally {
      await proxy.up();
    }
    const deadline = Date.now() + 60_000;
    let status = 0;
    while (Date.now() < deadline && status !== 201) {
      status = (await propose(-3)).status;
      if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status).toBe(201);
    const health = await fetch(`${api.url}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up' });
    expect(api.child.exitCode).toBeNull();
  }, 240_000);
});
