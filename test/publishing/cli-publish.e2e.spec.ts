import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** `npm run cli -- …`, run from the TypeScript sources as a real process, on an embedded store of its own. */
function cli(args: string[], dataDir: string) {
  const { DATABASE_URL: _, ...inherited } = process.env;
  const run = spawnSync(process.execPath, ['-r', join(ROOT, 'test', 'support', 'swc-register.js'), join(ROOT, 'apps', 'cli', 'src', 'main.ts'), ...args], {
    cwd: ROOT,
    env: { ...inherited, DATA_DIR: dataDir, RUN_REMINDERS: 'false' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const FILES = [
  '360giving-2016-17.json',
  'ocds-releases-2016-17.json',
  'ocds-records-2016-17.json',
  'contracts-2016-17.csv',
  'contracts-2016-17.json',
  'grants-2016-17.csv',
  'grants-2016-17.json',
  'spend-2016-17.csv',
  'spend-2016-17.json',
];

describe('npm run cli -- publish', () => {
  let dataDir: string;
  let out: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-publish-'));
    out = join(dataDir, 'out');
    const imported = cli(['import', join(ROOT, 'infra', 'seed', 'framework-2016-17.json')], dataDir);
    expect({ status: imported.status, stderr: imported.stderr.slice(-500) }).toMatchObject({ status: 0 });
  }, 240_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes every publication and a manifest of file, records and SHA-256, the same bytes run after run', () => {
    const run = cli(['publish', '--year', '2016-17', '--out', out], dataDir);
    expect({ status: run.status, stderr: run.stderr.slice(-500) }).toMatchObject({ status: 0 });
    expect(run.stderr).toMatch(/Publishing/);
    expect(run.stdout).toMatch(/^Published 2016-17 to /);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { file: string }) => f.file)).toEqual(FILES);
    for (const entry of manifest.files) {
      const bytes = readFileSync(join(out, entry.file));
      expect({ file: entry.file, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length }).toEqual({ file: entry.file, sha256: entry.sha256, bytes: entry.bytes });
    }
    const records = Object.fromEntries(manifest.files.map((f: { file: string; records: number }) => [f.file, f.records]));
    expect(records).toMatchObject({ '360giving-2016-17.json': 14, 'ocds-records-2016-17.json': 57, 'ocds-releases-2016-17.json': 57, 'grants-2016-17.csv': 14, 'spend-2016-17.csv': 0 });
    expect(readFileSync(join(out, 'spend-2016-17.csv'), 'utf8')).toBe('month,paid,reference,title,supplier,value,mechanism,purpose,paymentRef\r\n');
    expect(JSON.parse(readFileSync(join(out, '360giving-2016-17.json'), 'utf8')).grants).toHaveLength(14);

    const again = cli(['publish', '--year', '2016-17', '--out', join(dataDir, 'again')], dataDir);
    expect(again.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dataDir, 'again', 'manifest.json'), 'utf8')).files).toEqual(manifest.files);
  }, 240_000);

  it('refuses a year with nothing to publish as of the date asked, and writes nothing', () => {
    const dir = join(dataDir, 'early');
    const run = cli(['publish', '--year', '2016-17', '--as-of', '2015-10-01', '--basis', 'occurred', '--out', dir], dataDir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/No framework had been imported for 2016-17 as of/);
    expect(existsSync(dir)).toBe(false);
  }, 240_000);
});
