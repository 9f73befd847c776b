import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { CaseService } from '@app/commissioning';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { caseStreamId } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ManualClock } from '@app/platform';
import { ProjectionsService, READ_MODELS, replayProjection } from '@app/projections';
import { momentsOf, policyOf, Reminders } from '@app/reminders';
import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, AUDITOR, OFFICER, seed201617 } from '@test/support/seed';
import { actingAs } from '@test/support/tokens';
import { testSettings } from '../reminders/reminder-harness';

const B05 = '2016-17-B05';
const QUARTER = 3_688_900;
const OFFICER_TWO = actingAs('opcc-staff', undefined, { sub: 'officer.two' });
const HEAD_OF_FINANCE = actingAs('opcc-staff', undefined, { sub: 'head.of.finance' });
const MENTEES = { id: 'mentees', name: 'Young people mentored', unit: 'people', target: 40, frequency: 'quarterly', direction: 'higher-is-better' };

/**
 * Youth Mentoring (B05, £147,556) paid for its outcomes, over HTTP on the real API (PostgreSQL
 * when TEST_DATABASE_URL is set): four quarterly instalments; Q1's report in, its claim
 * approved under four eyes and paid; Q2's report late, its instalment withheld by the
 * reminders' due check (real BullMQ on Redis) and released when the report arrives.
 */
describe('paying Youth Mentoring for its outcomes', () => {
  const clock = new ManualClock(new Date('2016-04-20T09:00:00Z'));
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  let reminders: Reminders;
  let outbox: string;
  const http = (caller: Record<string, string> = OFFICER) => httpAs(api, caller)();
  const schedule = async (on: string) => (await http().get(`/cases/${B05}/payments?on=${on}`).expect(200)).body;
  /** The email the notification feed wrote for an event (no SMTP server here: the .eml outbox). */
  const emailFor = (eventId: string) => eventually(async () => simpleParser(readFileSync(join(outbox, `${eventId}.eml`))));
  const eventCount = async () => (await api.app.get<symbol, EventStore>(EVENT_STORE).readStream(caseStreamId(B05))).length;

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    api = await startApi(pg ? { DATABASE_URL: pg.url } : {}, { clock });
    outbox = mkdtempSync(join(tmpdir(), 'ledger-pay-outbox-'));
    const db = api.app.get<symbol, SqlDatabase>(SQL_DATABASE);
    const store = api.app.get<symbol, EventStore>(EVENT_STORE);
    reminders = new Reminders({ db, store, cases: api.app.get(CaseService), clock }, testSettings(`test-pay-${process.pid}-${Date.now()}`, { outboxDir: outbox }));
    await reminders.startProcessing();
    await http(ADMIN).post('/frameworks/import').send(seed201617()).expect(201);
  }, 600_000);
  afterAll(async () => {
    await reminders?.queues.obliterate().catch(() => undefined);
    await reminders?.stop();
    await api?.close();
    await pg?.drop();
    if (outbox) rmSync(outbox, { recursive: true, force: true });
  });

  it('gets four quarterly instalments of £36,889.00, in arrears, each on its quarter’s report', async () => {
    const body = await eventually(() => schedule('2016-04-20'));
    expect(body).toMatchObject({ caseId: B05, title: 'Youth Mentoring', provider: 'Twenty-Twenty', valuePence: 14_755_600, basis: 'default' });
    expect(body.instalments.map((i: { id: string; dueOn: string; pence: number; status: string }) => [i.id, i.dueOn, i.pence, i.status])).toEqual([
      ['2016-Q1', '2016-07-31', QUARTER, 'scheduled'],
      ['2016-Q2', '2016-10-31', QUARTER, 'scheduled'],
      ['2016-Q3', '2017-01-31', QUARTER, 'scheduled'],
      ['2016-Q4', '2017-04-30', QUARTER, 'scheduled'],
    ]);
    expect(body.instalments[1].condition).toEqual({ kind: 'performance-report', period: '2016-Q2' });
    await http().post(`/cases/${B05}/performance-measures`).send({ measures: [MENTEES], on: '2016-04-20' }).expect(200);
  });

  it('refuses a schedule that does not sum to the contract value, naming the field and the difference, appending nothing', async () => {
    const before = await eventCount();
    const { body } = await http()
      .post(`/cases/${B05}/payments/schedule`)
      .send({ on: '2016-04-21', instalments: [{ id: 'all', dueOn: '2017-03-31', pence: 14_755_500, condition: { kind: 'none' } }] })
      .expect('Content-Type', /application\/problem\+json/)
      .expect(422);
    expect(body).toMatchObject({ code: 'SCHEDULE_SUM_MISMATCH', errors: [{ field: 'instalments', reason: expect.stringContaining('£1.00 less than the £147,556.00') }] });
    expect(await eventCount()).toBe(before);
  });

  it('Q1: the report is in, the claim is approved by a second officer (and, above £10,000, a third) and paid', async () => {
    await http().post(`/cases/${B05}/performance-reports`).send({ measureId: 'mentees', period: '2016-Q1', actual: 44, on: '2016-07-08' }).expect(200);
    await http().post(`/cases/${B05}/payments/claims`).send({ instalmentId: '2016-Q1', pence: QUARTER, evidenceRef: 'Twenty-Twenty invoice TT-2016-0712', on: '2016-07-12' }).expect(200);
    const claim = '2016-Q1-claim-1';
    const before = await eventCount();
    const own = await http().post(`/cases/${B05}/payments/claims/${claim}/approval`).send({ on: '2016-07-13' }).expect(422);
    expect(own.body).toMatchObject({ code: 'FOUR_EYES', detail: expect.stringContaining('officer.one recorded claim') });
    expect(await eventCount()).toBe(before);
    await http(OFFICER_TWO).post(`/cases/${B05}/payments/claims/${claim}/approval`).send({ on: '2016-07-20' }).expect(200);
    expect((await http(OFFICER_TWO).post(`/cases/${B05}/payments/claims/${claim}/approval`).send({ on: '2016-07-20' }).expect(422)).body.code).toBe('FOUR_EYES');
    expect((await http().post(`/cases/${B05}/payments/claims/${claim}/payment`).send({ paymentRef: 'BACS-1', on: '2016-07-21' }).expect(422)).body.code).toBe('CLAIM_NOT_APPROVED');
    await http(HEAD_OF_FINANCE).post(`/cases/${B05}/payments/claims/${claim}/approval`).send({ on: '2016-07-22' }).expect(200);
    await http().post(`/cases/${B05}/payments/claims/${claim}/payment`).send({ paymentRef: 'BACS-2016-08-0123', on: '2016-08-01' }).expect(200);
    const body = await eventually(async () => {
      const s = await schedule('2016-08-02');
      expect(s.instalments[0].status).toBe('paid');
      return s;
    });
    expect(body.instalments[0].claims[0]).toMatchObject({ approvedBy: ['officer.two', 'head.of.finance'], approvalsRequired: 2, paymentRef: 'BACS-2016-08-0123', paidOn: '2016-08-01' });
  });

  it('Q2: the report is late, the due check withholds the instalment; the late report releases it', async () => {
    const key = `${B05}:payment-instalment:2016-Q2`;
    const deadline = await eventually(async () => {
      const { body } = await http().get(`/deadlines?caseId=${B05}&kind=payment-instalment&status=open`).expect(200);
      const found = body.items.find((d: { key: string }) => d.key === key);
      expect(found).toMatchObject({ dueOn: '2016-10-31', concerns: 'contract-manager' });
      return found;
    });
    // The day after the due day: the scheduler's due moment for this deadline, run by the real processor on BullMQ.
    clock.set(new Date('2016-11-01T00:30:00Z'));
    const due = momentsOf(deadline, policyOf(deadline), 9).find((m) => m.job.name === 'due');
    expect(due?.at.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    await reminders.queues.reminders.add(due!.job.name, due!.job.data, { jobId: due!.jobId });
    await reminders.drain();
    const withheld = (await api.app.get<symbol, EventStore>(EVENT_STORE).readStream(caseStreamId(B05))).filter((e) => e.type === 'InstalmentWithheld');
    expect(withheld.map((e) => [e.data, e.metadata.actor.id])).toEqual([
      [{ instalmentId: '2016-Q2', reason: 'condition-unmet', condition: { kind: 'performance-report', period: '2016-Q2' }, dueOn: '2016-10-31', on: '2016-11-01' }, 'system:reminders'],
    ]);
    await eventually(async () => expect((await schedule('2016-11-02')).instalments[1]).toMatchObject({ status: 'withheld', withheldFor: ['condition-unmet'], withheldPence: QUARTER }));
    const withheldMail = await emailFor(withheld[0].id);
    expect([withheldMail.subject, withheldMail.text]).toEqual([
      'Payment withheld: instalment 2016-Q2, £36,889.00 (Youth Mentoring)',
      expect.stringContaining('the 2016-Q2 performance report had not been received by its due date, 31 Oct 2016'),
    ]);
    await http().post(`/cases/${B05}/payments/claims`).send({ instalmentId: '2016-Q2', pence: QUARTER, evidenceRef: 'Invoice TT-2016-1101', on: '2016-11-02' }).expect(200);
    expect((await http(OFFICER_TWO).post(`/cases/${B05}/payments/claims/2016-Q2-claim-1/approval`).send({ on: '2016-11-03' }).expect(422)).body.code).toBe('INSTALMENT_WITHHELD');

    await http().post(`/cases/${B05}/performance-reports`).send({ measureId: 'mentees', period: '2016-Q2', actual: 41, on: '2016-11-07' }).expect(200);
    await eventually(async () => expect((await schedule('2016-11-08')).instalments[1]).toMatchObject({ status: 'claimed', withheldFor: [], withheldPence: 0 }));
    const released = (await api.app.get<symbol, EventStore>(EVENT_STORE).readStream(caseStreamId(B05))).filter((e) => e.type === 'InstalmentReleased');
    expect(released.map((e) => e.data)).toEqual([{ instalmentId: '2016-Q2', reason: 'condition-unmet', on: '2016-11-07' }]);
    const releasedMail = await emailFor(released[0].id);
    expect([releasedMail.subject, releasedMail.text]).toEqual(['Payment released: instalment 2016-Q2, £36,889.00 (Youth Mentoring)', expect.stringContaining('the 2016-Q2 performance report is in')]);
    await eventually(async () => {
      const { body } = await http().get(`/deadlines?caseId=${B05}&kind=payment-instalment`).expect(200);
      expect(body.items.find((d: { key: string }) => d.key === key)).toMatchObject({ status: 'met-late', missedOn: '2016-11-01', metOn: '2016-11-07' });
    });
  });

  it('the actuals show paid and remaining to the penny, beside the budget', async () => {
    const budget = (await http().get('/frameworks/2016-17/budget').expect(200)).body;
    const { body } = await http().get('/frameworks/2016-17/actuals?on=2016-11-08').expect(200);
    expect(body.scheduledPence).toBe(budget.committedPence - budget.allocatedPence);
    expect(body).toMatchObject({ paidPence: QUARTER, remainingPence: body.scheduledPence - QUARTER, approvedUnpaidPence: 0, recoveredPence: 0 });
    expect(body.paidPence + body.recoveredPence + body.approvedUnpaidPence + body.withheldPence + body.duePence + body.forecastPence).toBe(body.scheduledPence);
    expect(body.byProvider['Twenty-Twenty']).toMatchObject({ scheduledPence: 14_755_600, paidPence: QUARTER, remainingPence: 11_066_700 });
    expect(body.formatted.paid).toBe('£36,889.00');
    const b05 = await schedule('2016-11-08');
    expect(b05.totals).toMatchObject({ paidPence: QUARTER, remainingPence: 11_066_700 });
    expect(b05.formatted).toMatchObject({ paid: '£36,889.00', remaining: '£110,667.00' });
  });

  it('lists the payment over £500 by month, as JSON and CSV', async () => {
    const { body } = await http().get('/frameworks/2016-17/spend').expect(200);
    expect(body.months).toEqual([{ month: '2016-08', totalPence: QUARTER, total: '£36,889.00', items: [expect.objectContaining({ caseId: B05, paidOn: '2016-08-01', paymentRef: 'BACS-2016-08-0123' })] }]);
    const csv = await http().get('/frameworks/2016-17/spend.csv').expect('Content-Type', /text\/csv/).expect(200);
    expect(csv.text.split('\r\n')[1]).toBe('2016-08,2016-08-01,2016-17-B05,B05,Youth Mentoring,Twenty-Twenty,reducing-offending,2016-Q1,2016-Q1-claim-1,BACS-2016-08-0123,3688900,"£36,889.00"');
  });

  it('as of a date between, shows only what had been paid by then', async () => {
    const asOf = async (date: string) => (await http(AUDITOR).get(`/audit/frameworks/2016-17/actuals?asOf=${date}&basis=occurred`).expect(200)).body;
    expect(await asOf('2016-07-31')).toMatchObject({ on: '2016-07-31', paidPence: 0, approvedUnpaidPence: QUARTER });
    expect(await asOf('2016-12-31')).toMatchObject({ on: '2016-12-31', paidPence: QUARTER });
    expect((await asOf('2016-11-03')).byProvider['Twenty-Twenty']).toMatchObject({ paidPence: QUARTER, withheldPence: QUARTER });
  });

  it('replays every read model from the log to identical rows', async () => {
    const runner = api.app.get(ProjectionsService).runner;
    await eventually(async () => {
      for (const status of await runner.status()) expect(status.lag).toBe(0);
    }, 120_000);
    const db = api.app.get<symbol, SqlDatabase>(SQL_DATABASE);
    const store = api.app.get<symbol, EventStore>(EVENT_STORE);
    expect(READ_MODELS.map((p) => p.name)).toContain('actuals');
    for (const projection of READ_MODELS) {
      const report = await replayProjection(db, store, projection);
      expect({ projection: report.projection, differing: report.differing }).toEqual({ projection: projection.name, differing: 0 });
    }
  });
});
