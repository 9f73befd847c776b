import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenKeysFrom } from '@app/auth';
import { loadConfig } from '@app/config';

/** The keys the configuration names; with none, a secret made once in DATA_DIR that every process shares. */
describe('token keys', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'ledger-auth-')), 'data');
  });
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('makes DATA_DIR/jwt-secret once, readable by its owner only, and reads the same secret after', () => {
    const first = tokenKeysFrom(loadConfig({ DATA_DIR: dataDir }));
    const path = join(dataDir, 'jwt-secret');
    expect(first.note).toMatch(/just generated in .*jwt-secret \(JWT_SECRET is not set/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = tokenKeysFrom(loadConfig({ DATA_DIR: dataDir }));
    expect(second.note).toMatch(/kept in/);
    expect(second.keys).toEqual(first.keys);
    expect(first.keys).toMatchObject({ kind: 'secret', secret: Buffer.from(readFileSync(path, 'utf8').trim()) });
  });

  it('warns when others can read the secret file', () => {
    tokenKeysFrom(loadConfig({ DATA_DIR: dataDir }));
    chmodSync(join(dataDir, 'jwt-secret'), 0o644);
    expect(tokenKeysFrom(loadConfig({ DATA_DIR: dataDir })).note).toMatch(/WARNING: others can read .*chmod 600/);
  });

  it('uses JWT_SECRET when set, and the JWKS when JWKS_URL is set, making no file', () => {
    expect(tokenKeysFrom(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 's'.repeat(32) })).keys).toMatchObject({ kind: 'secret', source: 'JWT_SECRET' });
    const sso = tokenKeysFrom(loadConfig({ DATA_DIR: dataDir, JWKS_URL: 'https://sso.example.org/jwks', JWT_AUDIENCE: 'ledger' }));
    expect(sso.keys).toEqual({ kind: 'jwks', url: new URL('https://sso.example.org/jwks') });
    expect(sso.note).toMatch(/checking audience ledger/);
    expect(() => statSync(dataDir)).toThrow();
  });
});
