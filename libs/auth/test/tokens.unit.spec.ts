import { parseDuration, principalFromClaims, signToken, TokenRejected, TokenVerifier } from '@app/auth';

const SECRET = Buffer.from('unit-test-secret-of-at-least-thirty-two-chars');
const verifier = new TokenVerifier({ kind: 'secret', secret: SECRET, source: 'test' });
const now = new Date();

describe('development tokens', () => {
  it('are signed so that the verifier reads back who they name', async () => {
    const token = signToken({ sub: 'csp.blaby', role: 'csp', locality: 'blaby' }, SECRET, { expiresInSeconds: 60, now });
    await expect(verifier.verify(token)).resolves.toEqual({ id: 'csp.blaby', roles: ['csp'], locality: 'blaby' });
  });

  it('carry the issuer and audience the verifier is told to expect', async () => {
    const strict = new TokenVerifier({ kind: 'secret', secret: SECRET, source: 'test' }, { issuer: 'ledger', audience: 'api' });
    const token = signToken({ sub: 'a', role: 'auditor' }, SECRET, { expiresInSeconds: 60, now, issuer: 'ledger', audience: 'api' });
    await expect(strict.verify(token)).resolves.toMatchObject({ id: 'a', roles: ['auditor'] });
    await expect(strict.verify(signToken({ sub: 'a', role: 'auditor' }, SECRET, { expiresInSeconds: 60, now }))).rejects.toThrow(/iss claim is missing/);
  });

  it('expire', async () => {
    const token = signToken({ sub: 'a', role: 'admin' }, SECRET, { expiresInSeconds: 60, now: new Date(now.getTime() - 3600_000) });
    await expect(verifier.verify(token)).rejects.toEqual(new TokenRejected('the token has expired'));
  });

  it('are refused for a CSP user without a locality, and carry no locality for anyone else', () => {
    expect(() => signToken({ sub: 'x', role: 'csp' }, SECRET, { expiresInSeconds: 60, now })).toThrow(/needs its locality/);
    expect(() => signToken({ sub: 'x', role: 'admin', locality: 'blaby' }, SECRET, { expiresInSeconds: 60, now })).toThrow(/only a csp token/);
  });

  it.each([
    ['30m', 1800],
    ['8h', 28_800],
    ['7d', 604_800],
    ['90', 90],
  ])('last %s (%i s)', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['', '0h', '8 hours', '-1h'])('refuse a lifetime of %j', (text) => expect(() => parseDuration(text)).toThrow(/not a duration/));
});

describe('claims', () => {
  it('take role or roles, keeping only the roles the ledger knows', () => {
    expect(principalFromClaims({ sub: 'a', roles: ['offline_access', 'auditor', 'opcc-staff'] })).toEqual({ id: 'a', roles: ['auditor', 'opcc-staff'] });
    expect(principalFromClaims({ sub: 'a', role: 'admin', roles: 'auditor' })).toEqual({ id: 'a', roles: ['admin', 'auditor'] });
    expect(principalFromClaims({ sub: 'a', role: 'superuser' })).toEqual({ id: 'a', roles: [] });
  });

  it("keep a locality only for a CSP user, who must have one", () => {
    expect(principalFromClaims({ sub: 'a', role: 'opcc-staff', locality: 'blaby' })).toEqual({ id: 'a', roles: ['opcc-staff'] });
    expect(() => principalFromClaims({ sub: 'a', role: 'csp' })).toThrow(TokenRejected);
    expect(() => principalFromClaims({ sub: 'a', role: 'csp', locality: 'Blaby District' })).toThrow(/locality/);
  });

  it.each([undefined, '', ' ', 42, 'x'.repeat(201)])('refuse a sub of %j', (sub) => {
    expect(() => principalFromClaims({ sub, role: 'admin' })).toThrow(/sub/);
  });
});
