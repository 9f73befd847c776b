import request from 'supertest';
import { RemindersService } from '@app/reminders';
import { eventually, startApi, type TestApi } from '@test/support/api-app';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';

/** The reminders inside the API process: Bull Board at /admin/queues, and an API that runs without Redis. */
describe('reminders in the API', () => {
  let api: TestApi | undefined;
  afterEach(async () => {
    const queues = api?.app.get(RemindersService).reminders.queues;
    if (queues?.redisUp) await queues.obliterate();
    await api?.close();
    api = undefined;
  });

  it('shows both queues on Bull Board at /admin/queues, to an administrator', async () => {
    api = await startApi({ RUN_REMINDERS: 'true' });
    const http = () => request(api?.app.getHttpServer());
    const page = await http().get('/admin/queues').set(ADMIN).expect(200);
    expect(page.text).toContain('<html');
    const { body } = await http().get('/admin/queues/api/queues').set(ADMIN).expect(200);
    expect(body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['notifications', 'reminders']);
    expect(api.app.get(RemindersService).reminders.settings.prefix).toMatch(/^ledger-[0-9a-f]{12}$/);
    await http().get('/admin/queues').set(OFFICER).expect(403);
  });

  it('starts, serves and stops with Redis unreachable; /health says reminders are paused', async () => {
    api = await startApi({ REDIS_URL: 'redis://127.0.0.1:1', RUN_REMINDERS: 'true' });
    const { body } = await request(api.app.getHttpServer()).get('/health').expect(200);
    expect(body).toMatchObject({ redis: 'down', reminders: 'paused: Redis is down' });
    const stopping = Date.now();
    await api.close();
    api = undefined;
    expect(Date.now() - stopping).toBeLessThan(15_000);
  });

  it('a deadline that cannot be scheduled: /health says degraded and names it, /metrics counts it, the others are scheduled', async () => {
    // The running loop reconciles at start and then hourly, so on a slow machine its next turn cannot come
    // between emptying Redis and the reconcile below (it would go through the whole table first).
    api = await startApi({ RUN_REMINDERS: 'true', RECONCILE_INTERVAL_MS: '3600000' });
    const http = () => request(api?.app.getHttpServer());
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
    const db = api.app.get<SqlDatabase>(SQL_DATABASE);
    const blaby = await eventually(async () => {
      const { rows } = await db.query<{ key: string }>(`select key from rm_deadlines where doc->>'locality' = 'blaby'`);
      expect(rows).toHaveLength(1);
      return rows[0].key;
    }, 60_000);
    // A row damaged (or written before dates were bounded), then Redis emptied: the next reconcile goes through the whole table.
    await db.query(`update rm_deadlines set doc = jsonb_set(doc, array['deadlines', $1 || ':plf-meeting', 'dueOn'], '"not a date"') where key = $1`, [blaby]);
    const { reminders } = api.app.get(RemindersService);
    // The start-up reconcile may still be under way behind the import (the embedded store has one connection):
    // wait until it has recorded where it reconciled to, or it could finish after Redis is emptied.
    const positionKey = reminders.queues.reminders.toKey('schedule-position');
    await eventually(async () => expect(await reminders.queues.redis.get(positionKey)).not.toBeNull(), 60_000);
    await reminders.queues.obliterate();
    expect(await reminders.queues.redis.get(positionKey)).toBeNull();
    const report = await reminders.scheduler.reconcile();
    expect(report).toMatchObject({ full: true, unschedulable: 1 });
    // The others are wanted, and this reconcile added their jobs.
    expect(report.wanted).toBeGreaterThan(0);
    expect(report.added).toBe(report.wanted);

    const { body } = await http().get('/health').expect(200);
    expect(body).toMatchObject({ status: 'ok', reminders: 'degraded', unschedulableDeadlines: [{ key: `${blaby}:plf-meeting`, reason: expect.stringContaining('not a date') }] });
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^ledger_reminder_unschedulable_deadlines 1$/m);
    expect(metrics.text).toMatch(/^ledger_projection_lag_seconds\{projection="deadlines"\} [\d.]+$/m);
  }, 240_000);
});
