import { Logger } from '@nestjs/common';
import { SignJWT } from 'jose';
import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { actingAs, bearer, TEST_JWT_SECRET, tokenFor } from '@test/support/tokens';

const BLABY = '2016-17-B51';
const PROPOSAL = { financialYear: '2016-17', title: 'Hate crime victim advocacy', mechanism: 'direct', estimatedValuePence: 2_500_000, on: '2016-05-03' };
const hs256 = (claims: Record<string, unknown>, secret = TEST_JWT_SECRET) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('10m').sign(Buffer.from(secret));

/** The development tokens (HS256, JWT_SECRET): who the token says acts, and nothing else does. */
describe('bearer tokens signed with the secret', () => {
  let api: TestApi;
  const as = (caller: Record<string, string>) => httpAs(api, caller)();

  beforeAll(async () => {
    api = await startApi({ RUN_REMINDERS: 'false' });
    await as(ADMIN).post('/frameworks/import').send(seed201617()).expect(201);
  });
  afterAll(() => api?.close());

  it.each([
    ['an expired token', () => tokenFor('opcc-staff', undefined, { now: new Date(Date.now() - 2 * 3600_000), expiresInSeconds: 3600 }), /expired/],
    ['a token signed with another secret', () => tokenFor('opcc-staff', undefined, { secret: 'x'.repeat(40) }), /signature does not verify/],
    ['a token whose payload was edited', () => tamper(tokenFor('auditor')), /signature does not verify/],
    ['an unsigned token (alg none)', () => unsigned({ sub: 'mallory', role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 }), /not accepted|well-formed/],
    ['something that is not a JWT', () => 'not-a-jwt', /well-formed/],
  ])('refuses %s with 401 problem+json naming Authorization', async (_kind, token, reason) => {
    const res = await as(bearer(token())).get(`/cases/${BLABY}`).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', errors: [{ field: 'Authorization', reason: expect.stringMatching(reason) }] });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="commissioning-ledger", error="invalid_token"$/);
  });

  it('refuses a csp token without its locality (401), and a token with no role of the ledger (403)', async () => {
    await as(bearer(await hs256({ sub: 'csp.nowhere', role: 'csp' }))).get('/pipeline').expect(401);
    const stranger = await as(bearer(await hs256({ sub: 'someone', roles: ['offline_access'] }))).get('/pipeline').expect(403);
    expect(stranger.body.detail).toMatch(/no role of this ledger/);
  });

  it("records the token's sub and role as the actor: never a header's, never the body's", async () => {
    const officer = actingAs('opcc-staff', undefined, { sub: 'k.jones' });
    const spoof = { 'X-Actor-Id': 'someone.else', 'X-Actor-Role': 'admin' };
    const res = await as({ ...officer, ...spoof }).post('/cases/proposals').send({ ...PROPOSAL, caseId: '2016-17-D-token' }).expect(201);
    const { body } = await as(OFFICER).get(`/cases/${res.body.caseId}/history`).expect(200);
    expect(body.items.map((e: { metadata: { actor: unknown } }) => e.metadata.actor)).toEqual([{ id: 'k.jones', role: 'opcc-staff' }]);
    const claimed = await as(officer).post('/cases/proposals').send({ ...PROPOSAL, caseId: '2016-17-D-body', actor: { id: 'someone.else', role: 'admin' } }).expect(400);
    expect(claimed.body.errors).toEqual([expect.objectContaining({ field: 'actor' })]);
  });

  it("holds a CSP user to its own locality's lists, and refuses another's", async () => {
    const blaby = actingAs('csp', 'blaby');
    const pipeline = await as(blaby).get('/pipeline').expect(200);
    expect(pipeline.body.total).toBe(1);
    expect(pipeline.body.items.map((i: { locality: string }) => i.locality)).toEqual(['blaby']);
    const deadlines = await as(blaby).get('/deadlines?kind=plf-meeting').expect(200);
    expect(deadlines.body.items.map((d: { locality: string }) => d.locality)).toEqual(['blaby']);
    await as(blaby).get('/outcomes?locality=blaby').expect(200);
    const other = await as(blaby).get('/outcomes?locality=rutland').expect(403);
    expect(other.body.detail).toMatch(/only its own locality \(blaby\)/);
    // The officer's view is not narrowed.
    expect((await as(OFFICER).get('/pipeline?mechanism=plf').expect(200)).body.total).toBe(9);
  });

  it('logs each refusal with the method, path, actor, role and reason', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await as(actingAs('csp', 'rutland', { sub: 'csp.rutland' })).post(`/cases/${BLABY}/plan`).send({}).expect(403);
      await as({}).get('/audit-log').expect(401);
      const lines = warn.mock.calls.map((call) => String(call[0]));
      expect(lines).toEqual([
        `Refused POST /cases/${BLABY}/plan: actor csp.rutland, role csp (rutland): case ${BLABY} is not a case of your locality (rutland)`,
        'Refused GET /audit-log: actor unknown, role none: no bearer token: send Authorization: Bearer <token>',
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});

function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' };
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

function unsigned(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
