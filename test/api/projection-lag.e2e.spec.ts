import request from 'supertest';
import { ProjectionsService } from '@app/projections';
import { eventually, startApi, type TestApi } from '@test/support/api-app';
import { ADMIN, seed201617 } from '@test/support/seed';

interface Lag {
  projection: string;
  lag: number;
  lagSeconds: number;
}

const metric = (text: string, name: string, projection: string): number => {
  const line = new RegExp(`^${name}\\{projection="${projection}"\\} ([\\d.]+)$`, 'm').exec(text);
  if (!line) throw new Error(`no ${name} for ${projection} in:\n${text}`);
  return Number(line[1]);
};

describe('read-model lag on /health and /metrics', () => {
  let api: TestApi;
  // The read models are kept elsewhere (RUN_PROJECTIONS=false) until the test starts them: the log runs ahead.
  beforeAll(async () => {
    api = await startApi({ RUN_PROJECTIONS: 'false' });
  });
  afterAll(() => api.close());
  const http = () => request(api.app.getHttpServer());

  it('counts the events not yet applied and how long the oldest has waited, then 0 and 0 once caught up', async () => {
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
    const behind = await eventually(async () => {
      const { body } = await http().get('/health').expect(200);
      const budget = (body.projections as Lag[]).find((p) => p.projection === 'budget');
      expect(budget?.lag).toBeGreaterThan(0);
      expect(budget?.lagSeconds).toBeGreaterThan(0);
      return budget as Lag;
    });
    const metrics = (await http().get('/metrics').expect(200)).text;
    expect(metric(metrics, 'ledger_projection_lag_events', 'budget')).toBe(behind.lag);
    expect(metric(metrics, 'ledger_projection_lag_seconds', 'budget')).toBeGreaterThanOrEqual(behind.lagSeconds);

    api.app.get(ProjectionsService).runner.start();
    await eventually(async () => {
      const { body } = await http().get('/health').expect(200);
      for (const p of body.projections as Lag[]) expect(p).toMatchObject({ lag: 0, lagSeconds: 0 });
      const text = (await http().get('/metrics').expect(200)).text;
      expect(metric(text, 'ledger_projection_lag_events', 'budget')).toBe(0);
      expect(metric(text, 'ledger_projection_lag_seconds', 'budget')).toBe(0);
    }, 120_000);
  }, 180_000);
});
