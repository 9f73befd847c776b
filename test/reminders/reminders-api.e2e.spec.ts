import request from 'supertest';
import { RemindersService } from '@app/reminders';
import { startApi, type TestApi } from '@test/support/api-app';
import { ADMIN, OFFICER } from '@test/support/seed';

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
});
