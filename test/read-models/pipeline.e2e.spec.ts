import { businessDateOf, daysBetween } from '@app/domain';
import { eventually } from '@test/support/api-app';
import { BLABY_CASE, BLABY_CSP, BLABY_PLAN } from './blaby-plan';
import { seededApi, type SeededApi } from './seeded-api';

describe('the pipeline read model over HTTP', () => {
  let seeded: SeededApi;
  const http = () => seeded.http();

  beforeAll(async () => {
    seeded = await seededApi();
  });
  afterAll(() => seeded?.close());

  it('has the 9 PLF cases at plan-requested after the import, and every case by mechanism and stage', async () => {
    const plf = await http().get('/pipeline?mechanism=plf').expect(200);
    expect(plf.body.total).toBe(9);
    expect(plf.body.byMechanismAndStage).toEqual({ plf: { 'plan-requested': 9 } });
    expect(plf.body.items.map((i: { locality: string }) => i.locality).sort()).toEqual([
      'blaby', 'charnwood', 'harborough', 'hinckley-and-bosworth', 'leicester-city', 'melton', 'north-west-leicestershire', 'oadby-and-wigston', 'rutland',
    ]);
    const all = await http().get('/pipeline?financialYear=2016-17').expect(200);
    expect(all.body.total).toBe(57);
    expect(all.body.byMechanismAndStage).toMatchObject({ plf: { 'plan-requested': 9 }, unassigned: { allocated: 2 } });
    expect(all.body.byMechanismAndStage.direct.active + all.body.byMechanismAndStage['co-commissioning'].active + all.body.byMechanismAndStage['pcc-grant'].active).toBe(46);
    expect(all.body.items).toHaveLength(50);
  });

  it('moves a case on as its events arrive, counting days in stage to today', async () => {
    await http().post(`/cases/${BLABY_CASE}/plan`).set(BLABY_CSP).send(BLABY_PLAN).expect(200);
    const item = await eventually(async () => {
      const res = await http().get('/pipeline?locality=blaby').expect(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0].stage).toBe('plan-submitted');
      return res.body.items[0];
    });
    const today = businessDateOf(new Date());
    expect(item).toMatchObject({
      caseId: BLABY_CASE,
      mechanism: 'plf',
      stage: 'plan-submitted',
      stageLabel: 'Plan submitted',
      stageSince: '2016-01-12',
      stageSinceFormatted: '12 Jan 2016',
      daysInStage: daysBetween('2016-01-12', today),
    });
    expect(item.history.map((h: { stage: string }) => h.stage)).toEqual(['plan-requested', 'plan-submitted']);
    const plf = await http().get('/pipeline?mechanism=plf&stage=plan-requested').expect(200);
    expect(plf.body.total).toBe(8);
  });

  it('pages in case id order', async () => {
    const first = await http().get('/pipeline?financialYear=2016-17&limit=5').expect(200);
    const second = await http().get('/pipeline?financialYear=2016-17&limit=5&offset=5').expect(200);
    const ids = [...first.body.items, ...second.body.items].map((i: { caseId: string }) => i.caseId);
    expect(ids).toEqual(['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09', 'B10'].map((ref) => `2016-17-${ref}`));
    expect(second.body).toMatchObject({ total: 57, limit: 5, offset: 5 });
  });

  it.each([
    ['mechanism=bogus', 'mechanism'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['offset=-1', 'offset'],
    ['limit=ten', 'limit'],
    ['financialYear=2016', 'financialYear'],
    ['colour=red', 'colour'],
  ])('refuses %s with 400 problem+json naming %s', async (query, field) => {
    const res = await http().get(`/pipeline?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
