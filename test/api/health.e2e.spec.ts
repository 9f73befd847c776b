import request from 'supertest';
import { freshPostgres, testDatabaseUrl } from '@test/support/databases';
import { eventually, startApi, type TestApi } from '@test/support/api-app';

describe('GET /health', () => {
  describe('on the embedded default', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startApi();
    });
    afterAll(() => api.close());

    it('names the embedded store and says Redis is up when it is', async () => {
      await eventually(async () => {
        const res = await request(api.app.getHttpServer()).get('/health').expect(200);
        expect(res.body).toMatchObject({ status: 'ok', store: 'pglite', readModels: 'pglite', redis: 'up', reminders: 'running' });
        expect(res.body.projections.map((p: { projection: string }) => p.projection)).toEqual(
          expect.arrayContaining(['budget', 'outcomes', 'deadlines', 'pipeline', 'audit_log']),
        );
      });
    });

    it('exposes the lag of each read model as a Prometheus metric', async () => {
      const res = await request(api.app.getHttpServer()).get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/plain/);
      expect(res.text).toMatch(/^ledger_projection_lag_events\{projection="budget"\} \d+$/m);
      expect(res.text).toMatch(/^ledger_redis_up [01]$/m);
    });

    it('serves the OpenAPI document', async () => {
      const res = await request(api.app.getHttpServer()).get('/docs/openapi.json').expect(200);
      expect(res.body.paths['/health']).toBeDefined();
    });

    it('answers an unknown route with problem+json', async () => {
      const res = await request(api.app.getHttpServer()).get('/no-such-thing').expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, title: 'Not found', instance: '/no-such-thing' });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    });
  });

  it('keeps serving when Redis is down, and says so', async () => {
    const api = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await request(api.app.getHttpServer()).get('/health').expect(200);
      expect(res.body).toMatchObject({ store: 'pglite', redis: 'down', reminders: 'paused: Redis is down' });
    } finally {
      await api.close();
    }
  });

  (testDatabaseUrl ? it : it.skip)('names PostgreSQL when DATABASE_URL is set', async () => {
    // A database of its own: the migrations run from scratch, as on a new server.
    const pg = await freshPostgres({ migrate: false });
    const api = await startApi({ DATABASE_URL: pg.url });
    try {
      const res = await request(api.app.getHttpServer()).get('/health').expect(200);
      expect(res.body).toMatchObject({ store: 'postgres', readModels: 'postgres' });
    } finally {
      await api.close();
      await pg.drop();
    }
  });
});
