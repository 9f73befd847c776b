import request from 'supertest';
import { startApi, type TestApi } from '@test/support/api-app';

/** RATE_LIMIT_PER_MINUTE counts every path a client asks for: unknown routes and /admin/queues too. */
describe('the rate limit', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '4' });
  }, 300_000);
  afterAll(() => api?.close());

  it('counts unknown routes and /admin/queues, then answers 429 problem+json with Retry-After on every path', async () => {
    const http = () => request(api.app.getHttpServer());
    expect((await http().get('/no-such-route')).status).toBe(404);
    expect((await http().post('/nor-this').send({})).status).toBe(404);
    expect((await http().get('/admin/queues')).status).toBe(401);
    expect((await http().get('/admin/queues/api/queues')).status).toBe(401);
    for (const path of ['/no-such-route', '/admin/queues', '/health']) {
      const limited = await http().get(path);
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    }
  });
});
