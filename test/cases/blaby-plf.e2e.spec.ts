import request from 'supertest';
import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { actingAs } from '@test/support/tokens';

/**
 * Blaby's Partnership Locality Fund year, driven over HTTP as the framework describes it
 * (section 6.2c): the CSP's plan with its budget breakdown and performance framework, a
 * meeting by the end of February 2016, lines duplicating existing provision excluded, the
 * agreement awarded within the £29,700 allocation, and performance reported and rated.
 * Runs against real PostgreSQL when TEST_DATABASE_URL is set, else on embedded PGlite.
 */
const cspOf = (locality: string) => actingAs('csp', locality, { sub: `csp.${locality}` });
const BLABY_CSP = cspOf('blaby');

const MEASURES = [
  { id: 'asb-incidents', name: 'Anti-social behaviour incidents reported in Blaby District', unit: 'incidents', target: 420, frequency: 'quarterly', direction: 'lower-is-better' },
  { id: 'youth-engaged', name: 'Young people engaged in diversion activities', unit: 'young people', target: 60, frequency: 'quarterly', direction: 'higher-is-better' },
];
const PLAN = {
  budgetLines: [
    { id: 'asb-caseworker', description: 'Part-time anti-social behaviour caseworker for Blaby District', pence: 1_450_000 },
    { id: 'dv-outreach', description: 'Domestic abuse outreach sessions in Enderby and Narborough', pence: 850_000 },
    { id: 'youth-diversion', description: 'Summer youth diversion activities in Braunstone Town', pence: 670_000 },
  ],
  performanceFramework: MEASURES,
  on: '2016-01-12',
};
const agreement = (valuePence: number) => ({
  contract: {
    kind: 'agreement',
    provider: 'Blaby District Council',
    valuePence,
    outcomes: ['Fewer repeat victims of anti-social behaviour in Blaby District', 'Young people in Braunstone Town diverted from offending'],
    qualityStandards: ['Quarterly return within 14 days of quarter end'],
    measures: MEASURES,
    underAchievementClause: 'Two consecutive red quarters on a measure call for a remedial action plan agreed with the OPCC',
    startDate: '2016-04-01',
    endDate: '2017-03-31',
  },
  on: '2016-03-15',
});

describe("Blaby's Partnership Locality Fund 2016/17, over HTTP", () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  let blaby: string;
  let rutland: string;
  const http = () => httpAs(api, OFFICER)();

  const caseOf = async (caseId: string) => http().get(`/cases/${caseId}`).expect(200);
  const historyOf = async (caseId: string) => (await http().get(`/cases/${caseId}/history`).expect(200)).body;
  const expectProblem = (res: request.Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
  };
  /** A refused command leaves the case at the revision it had. */
  const expectUnchanged = async (caseId: string, etag: string) => {
    const res = await caseOf(caseId);
    expect(res.headers.etag).toBe(etag);
    expect((await historyOf(caseId)).count).toBe(Number(JSON.parse(etag)) + 1);
  };

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
    await http().post('/frameworks/import').set(ADMIN).send(seed201617()).expect(201);
    const { body } = await http().get('/frameworks/2016-17/commitments').expect(200);
    const plfCase = (locality: string): string => body.items.find((i: { locality: string; mechanism: string }) => i.locality === locality && i.mechanism === 'plf').caseId;
    blaby = plfCase('blaby');
    rutland = plfCase('rutland');
  });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it("opens with the plan requested, Blaby's £29,700 allocation and the 29 Feb 2016 meeting deadline", async () => {
    expect((await http().get('/health').expect(200)).body.store).toBe(pg ? 'postgres' : 'pglite');
    const res = await caseOf(blaby);
    expect(res.body).toMatchObject({
      stage: 'plan-requested',
      workflow: { id: 'plf', version: 1 },
      locality: 'blaby',
      allocationPence: 2_970_000,
      allocation: '£29,700.00',
      meetingDeadline: '2016-02-29',
      meetingDeadlineFormatted: '29 Feb 2016',
      revision: 0,
    });
    expect(res.headers.etag).toBe('"0"');
  });

  it('refuses a plan over the allocation with 422 PLAN_EXCEEDS_ALLOCATION on budgetLines, appending nothing', async () => {
    const over = { ...PLAN, budgetLines: [...PLAN.budgetLines, { id: 'cctv', description: 'Mobile CCTV camera for Enderby', pence: 130_000 }] };
    const res = await http().post(`/cases/${blaby}/plan`).set(BLABY_CSP).send(over);
    expectProblem(res, 422, 'PLAN_EXCEEDS_ALLOCATION');
    expect(res.body.errors[0].field).toBe('budgetLines');
    expect(res.body.detail).toMatch(/£31,000\.00 exceeds .*£29,700\.00/);
    await expectUnchanged(blaby, '"0"');
  });

  let planResponse: request.Response;
  it("takes the CSP's plan within the allocation; the ETag is the new revision", async () => {
    planResponse = await http().post(`/cases/${blaby}/plan`).set(BLABY_CSP).set('If-Match', '"0"').set('Idempotency-Key', 'blaby-plan-v1').send(PLAN).expect(200);
    expect(planResponse.headers.etag).toBe('"1"');
    expect(planResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(planResponse.body).toMatchObject({ caseId: blaby, stage: 'plan-submitted', revision: 1, replayed: false });
    expect(planResponse.body.events).toEqual([expect.objectContaining({ type: 'CspPlanSubmitted', revision: 1 })]);
    const res = await caseOf(blaby);
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
    expect(res.body.plan.lines.map((l: { pence: number }) => l.pence).reduce((a: number, b: number) => a + b, 0)).toBe(2_970_000);
  });

  it('answers a retry with the same Idempotency-Key with the same events, Idempotent-Replayed: true, appending nothing', async () => {
    const retry = await http().post(`/cases/${blaby}/plan`).set(BLABY_CSP).set('If-Match', '"0"').set('Idempotency-Key', 'blaby-plan-v1').send(PLAN).expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.replayed).toBe(true);
    expect(retry.body.events).toEqual(planResponse.body.events);
    expect(retry.headers.etag).toBe('"1"');
    await expectUnchanged(blaby, '"1"');

    const reused = await http().post(`/cases/${blaby}/plan`).set(BLABY_CSP).set('Idempotency-Key', 'blaby-plan-v1').send({ ...PLAN, on: '2016-01-13' });
    expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
    await expectUnchanged(blaby, '"1"');
  });

  it('refuses a command with a stale If-Match with 409 WRONG_EXPECTED_REVISION, appending nothing', async () => {
    const res = await http().post(`/cases/${blaby}/meeting`).set(OFFICER).set('If-Match', '"0"').send({ meetingOn: '2016-02-20', on: '2016-01-20' });
    expectProblem(res, 409, 'WRONG_EXPECTED_REVISION');
    await expectUnchanged(blaby, '"1"');
  });

  it('schedules the meeting for 20 Feb 2016 and holds it on 26 Feb 2016, inside the deadline', async () => {
    const scheduled = await http().post(`/cases/${blaby}/meeting`).set(OFFICER).set('If-Match', '"1"').send({ meetingOn: '2016-02-20', on: '2016-01-20' }).expect(200);
    expect(scheduled.body).toMatchObject({ stage: 'meeting-scheduled', revision: 2 });
    expect(scheduled.headers.etag).toBe('"2"');
    const held = await http()
      .post(`/cases/${blaby}/meeting-held`)
      .set(OFFICER)
      .set('If-Match', scheduled.headers.etag)
      .send({ notes: 'Plan discussed with Blaby CSP; domestic abuse outreach duplicates county-wide provision', on: '2016-02-26' })
      .expect(200);
    expect(held.body).toMatchObject({ stage: 'meeting-held', revision: 3, events: [expect.objectContaining({ type: 'CspMeetingHeld' })] });
  });

  it('excludes the line duplicating existing provision; an award above the lines left is refused, appending nothing', async () => {
    const excluded = await http()
      .post(`/cases/${blaby}/duplicate-exclusions`)
      .set(OFFICER)
      .send({ lineIds: ['dv-outreach'], reason: 'Duplicates the domestic abuse outreach already commissioned county-wide', on: '2016-02-26' })
      .expect(200);
    expect(excluded.body).toMatchObject({ stage: 'meeting-held', revision: 4, events: [expect.objectContaining({ type: 'PlanLinesExcludedAsDuplicate' })] });
    expect((await caseOf(blaby)).body.plan.excluded).toEqual(['dv-outreach']);

    const tooMuch = await http().post(`/cases/${blaby}/award`).set(OFFICER).send(agreement(2_970_000));
    expectProblem(tooMuch, 422, 'AWARD_EXCEEDS_ALLOCATION');
    expect(tooMuch.body.errors[0].field).toBe('contract.valuePence');
    await expectUnchanged(blaby, '"4"');
  });

  it('awards the agreement for the lines left (£21,200); the year releases what was not awarded', async () => {
    const before = (await http().get('/frameworks/2016-17').expect(200)).body.budget;
    const awarded = await http().post(`/cases/${blaby}/award`).set(OFFICER).set('If-Match', '"4"').send(agreement(2_120_000)).expect(200);
    expect(awarded.body).toMatchObject({ stage: 'active', revision: 5, events: [expect.objectContaining({ type: 'ContractAwarded' })] });
    const after = (await http().get('/frameworks/2016-17').expect(200)).body.budget;
    expect(after.committedPence).toBe(before.committedPence - 850_000);
    expect(after.reservePence).toBe(before.reservePence);
  });

  it('takes the CSP’s performance report for 2016-Q1 (April–June 2016) and rates it', async () => {
    const asb = await http()
      .post(`/cases/${blaby}/performance-reports`)
      .set(BLABY_CSP)
      .send({ measureId: 'asb-incidents', period: '2016-Q1', actual: 438, commentary: 'Seasonal rise around Fosse Park', on: '2016-07-11' })
      .expect(200);
    expect(asb.body).toMatchObject({ stage: 'active', revision: 6, events: [expect.objectContaining({ type: 'PerformanceReported' })] });
    await http().post(`/cases/${blaby}/performance-reports`).set(BLABY_CSP).send({ measureId: 'youth-engaged', period: '2016-Q1', actual: 64, on: '2016-07-11' }).expect(200);

    const again = await http().post(`/cases/${blaby}/performance-reports`).set(BLABY_CSP).send({ measureId: 'youth-engaged', period: '2016-Q1', actual: 70, on: '2016-07-12' });
    expectProblem(again, 422, 'PERIOD_ALREADY_REPORTED');

    const res = await caseOf(blaby);
    expect(res.headers.etag).toBe('"7"');
    expect(res.body).toMatchObject({ stage: 'active', contract: { provider: 'Blaby District Council', valuePence: 2_120_000, value: '£21,200.00' } });
    expect(res.body.reports).toEqual([
      { measureId: 'asb-incidents', period: '2016-Q1', rag: 'amber', actual: 438, reportedOn: '2016-07-11' },
      { measureId: 'youth-engaged', period: '2016-Q1', rag: 'green', actual: 64, reportedOn: '2016-07-11' },
    ]);
  });

  it("refuses Rutland's meeting held on 1 Mar 2016 with DEADLINE_PASSED, and holds it after a recorded extension", async () => {
    const csp = cspOf('rutland');
    const plan = {
      budgetLines: [{ id: 'rural-watch', description: 'Rural crime watch co-ordinator for Oakham and Uppingham', pence: 990_000 }],
      performanceFramework: [{ id: 'rural-crime', name: 'Rural crimes reported', unit: 'crimes', target: 90, frequency: 'quarterly', direction: 'lower-is-better' }],
      on: '2016-02-01',
    };
    await http().post(`/cases/${rutland}/plan`).set(csp).send(plan).expect(200);
    await http().post(`/cases/${rutland}/meeting`).set(OFFICER).send({ meetingOn: '2016-02-26', on: '2016-02-02' }).expect(200);

    const late = await http().post(`/cases/${rutland}/meeting-held`).set(OFFICER).send({ on: '2016-03-01' });
    expectProblem(late, 422, 'DEADLINE_PASSED');
    expect(late.body.detail).toMatch(/29 Feb 2016.*1 Mar 2016 is 1 day\(s\) late/);
    await expectUnchanged(rutland, '"2"');

    const extended = await http()
      .post(`/cases/${rutland}/meeting-deadline-extension`)
      .set(OFFICER)
      .send({ newDeadline: '2016-03-11', reason: 'Rutland CSP board rescheduled; agreed by the Chief Executive', on: '2016-03-01' })
      .expect(200);
    expect(extended.body.events).toEqual([expect.objectContaining({ type: 'MeetingDeadlineExtended' })]);
    expect((await caseOf(rutland)).body).toMatchObject({ meetingDeadline: '2016-03-11', meetingDeadlineFormatted: '11 Mar 2016' });

    const held = await http().post(`/cases/${rutland}/meeting-held`).set(OFFICER).send({ on: '2016-03-01' }).expect(200);
    expect(held.body).toMatchObject({ stage: 'meeting-held', revision: 4 });
  });

  it('lists every event of the case in order, each with the actor from the bearer token', async () => {
    const history = await historyOf(blaby);
    expect(history.count).toBe(8);
    expect(history.items.map((e: { type: string }) => e.type)).toEqual([
      'CspPlanRequested',
      'CspPlanSubmitted',
      'CspMeetingScheduled',
      'CspMeetingHeld',
      'PlanLinesExcludedAsDuplicate',
      'ContractAwarded',
      'PerformanceReported',
      'PerformanceReported',
    ]);
    history.items.forEach((e: { revision: number }, i: number) => expect(e.revision).toBe(i));
    const actors = history.items.map((e: { metadata: { actor: unknown } }) => e.metadata.actor);
    const [admin, officer] = [{ id: 'admin.one', role: 'admin' }, { id: 'officer.one', role: 'opcc-staff' }];
    const csp = { id: 'csp.blaby', role: 'csp', locality: 'blaby' };
    expect(actors).toEqual([admin, csp, officer, officer, officer, officer, csp, csp]);
    expect(history.items[1].metadata).toMatchObject({ idempotencyKey: 'blaby-plan-v1', occurredAt: expect.stringMatching(/^2016-01-12T/) });
    expect(history.items[1].data).toMatchObject({ totalPence: 2_970_000, on: '2016-01-12' });
  });
});
