import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpAs, startApi } from '@test/support/api-app';
import { bearer } from '@test/support/tokens';

const ROOT = join(__dirname, '..', '..');

/** `npm run cli -- token …`, run from the TypeScript sources as a real process (as `npm run cli` runs the build). */
function cli(args: string[], env: Record<string, string | undefined>) {
  const { JWT_SECRET: _, JWKS_URL: __, ...inherited } = process.env;
  const run = spawnSync(process.execPath, ['-r', join(ROOT, 'test', 'support', 'swc-register.js'), join(ROOT, 'apps', 'cli', 'src', 'main.ts'), ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, lines: run.stdout.trimEnd().split('\n'), stderr: run.stderr };
}

describe('npm run cli -- token', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-token-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints, as its last line, a token the API on the same DATA_DIR accepts with zero set-up', async () => {
    const run = cli(['token', '--role', 'csp', '--locality', 'blaby', '--sub', 'csp.blaby', '--expires', '30m'], { DATA_DIR: dataDir });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.stringMatching(/HS256 with the secret just generated in .*jwt-secret/) });
    const token = run.lines.at(-1) as string;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toMatchObject({ sub: 'csp.blaby', role: 'csp', locality: 'blaby' });

    const api = await startApi({ DATA_DIR: dataDir, JWT_SECRET: undefined, RUN_REMINDERS: 'false' });
    try {
      await httpAs(api, bearer(token))().get('/pipeline').expect(200);
      await httpAs(api, bearer(token))().get('/audit-log').expect(403);
    } finally {
      await api.close();
    }
  });

  it.each([
    [['token', '--role', 'csp'], /csp token needs --locality/],
    [['token', '--role', 'superuser'], /--role must be one of opcc-staff, csp, auditor, admin/],
    [['token', '--role', 'admin', '--expires', 'forever'], /not a duration/],
  ])('refuses %j', (args, message) => {
    const run = cli(args, { DATA_DIR: dataDir });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(message);
  });

  it('refuses when single sign-on is configured: the API would not take its token', () => {
    const run = cli(['token', '--role', 'admin'], { DATA_DIR: dataDir, JWKS_URL: 'https://sso.example.org/jwks' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/JWKS_URL is set/);
  });
});
