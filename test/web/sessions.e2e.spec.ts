import { createHash } from 'node:crypto';
import request from 'supertest';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { startApi, type TestApi } from '@test/support/api-app';

const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (response: request.Response): string => String(response.headers['set-cookie']?.[0] ?? '').split(';')[0];
const idOf = (cookie: string): string => cookie.slice(cookie.indexOf('=') + 1);
const hashOf = (cookie: string): string => createHash('sha256').update(idOf(cookie)).digest('hex');

describe('web sessions: idle and absolute timeouts, a new id at sign-in, sign-out ends it', () => {
  let api: TestApi;
  let db: SqlDatabase;
  beforeAll(async () => {
    // Short limits: 5 minutes idle, 1 hour in all. Time passes by moving the session row's timestamps back.
    api = await startApi({ SESSION_IDLE_MINUTES: '5', SESSION_ABSOLUTE_HOURS: '1' });
    db = api.app.get(SQL_DATABASE);
  });
  afterAll(() => api.close());
  const http = () => request(api.app.getHttpServer());

  async function signIn(): Promise<{ anonymous: string; cookie: string }> {
    const page = await http().get('/').expect(200);
    const anonymous = cookieOf(page);
    const signedIn = await http().post('/app/sign-in/dev').set('Cookie', anonymous).type('form').send({ _csrf: tokenOf(page.text), role: 'opcc-staff', name: 'officer.one' }).expect(303);
    return { anonymous, cookie: cookieOf(signedIn) };
  }
  const signedIn = async (cookie: string) => (await http().get('/').set('Cookie', cookie).expect(200)).text.includes('Signed in as');
  const row = async (cookie: string) =>
    (await db.query<{ idle_minutes: number; lifetime_minutes: number }>(
      `select extract(epoch from now() - last_seen_at) / 60 as idle_minutes, extract(epoch from expires_at - created_at) / 60 as lifetime_minutes from web_sessions where id_hash = $1`,
      [hashOf(cookie)],
    )).rows[0];
  /** Time passing for one session: its last visit, or its whole life (start and absolute end), moved back. */
  const idleFor = (cookie: string, minutes: number) =>
    db.query('update web_sessions set last_seen_at = last_seen_at - make_interval(mins => $2::int) where id_hash = $1', [hashOf(cookie), minutes]);
  const agedBy = (cookie: string, minutes: number) =>
    db.query(
      'update web_sessions set created_at = created_at - make_interval(mins => $2::int), expires_at = expires_at - make_interval(mins => $2::int) where id_hash = $1',
      [hashOf(cookie), minutes],
    );

  it('gives a new session id at sign-in and forgets the anonymous one on the server', async () => {
    const { anonymous, cookie } = await signIn();
    expect(idOf(cookie)).toMatch(/^[\w-]{43}$/);
    expect(idOf(cookie)).not.toBe(idOf(anonymous));
    expect(await row(anonymous)).toBeUndefined();
    expect(await row(cookie)).toBeDefined();
    expect(await signedIn(cookie)).toBe(true);
  });

  it('keeps a session used within the idle limit, and ends one left idle past it', async () => {
    const { cookie } = await signIn();
    await idleFor(cookie, 4);
    expect(await signedIn(cookie)).toBe(true);
    // Used again a minute or more after it was last seen: the visit is recorded.
    expect(Number((await row(cookie))?.idle_minutes)).toBeLessThan(1);

    await idleFor(cookie, 6);
    expect(await signedIn(cookie)).toBe(false);
    expect(await row(cookie)).toBeUndefined();
  });

  it('ends a session at its absolute limit however recently it was used', async () => {
    const { cookie } = await signIn();
    expect(Number((await row(cookie))?.lifetime_minutes)).toBeCloseTo(60, 0);
    await agedBy(cookie, 59);
    expect(await signedIn(cookie)).toBe(true);
    await agedBy(cookie, 2);
    expect(Number((await row(cookie))?.idle_minutes)).toBeLessThan(5);
    expect(await signedIn(cookie)).toBe(false);
    expect(await row(cookie)).toBeUndefined();
  });

  it('signs out: the row is deleted, the cookie cleared, and the old id signs nobody in', async () => {
    const { cookie } = await signIn();
    const home = await http().get('/').set('Cookie', cookie).expect(200);
    const out = await http().post('/app/sign-out').set('Cookie', cookie).type('form').send({ _csrf: tokenOf(home.text) }).expect(303);
    expect(String(out.headers['set-cookie'])).toMatch(/ledger_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await row(cookie)).toBeUndefined();
    expect(await signedIn(cookie)).toBe(false);
  });

  it('refuses a form sent with an ended session, appending nothing', async () => {
    const { cookie } = await signIn();
    const home = await http().get('/').set('Cookie', cookie).expect(200);
    await idleFor(cookie, 6);
    const refused = await http().post('/app/sign-out').set('Cookie', cookie).type('form').send({ _csrf: tokenOf(home.text) });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Your session has ended');
  });
});
