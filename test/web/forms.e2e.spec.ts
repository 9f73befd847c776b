import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { CaseService } from '@app/commissioning';
import { ManualClock } from '@app/platform';
import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { framework201718 } from '@test/support/framework-2017-18';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { type AxeViolation, checkPage, launchChromium, personAt, signIn } from './browser';

/** Youth Mentoring (£147,556.00), an existing commitment: a contract running under the default schedule. */
const B05 = '2016-17-B05';
const clock = new ManualClock(new Date('2016-05-02T10:00:00Z'));

async function fillDate(page: Page, id: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-').map(Number);
  await page.fill(`#${id}-day`, String(day));
  await page.fill(`#${id}-month`, String(month));
  await page.fill(`#${id}-year`, String(year));
}

// A browser and a server on a shared, busy machine: generous limits, every wait a polled condition.
jest.setTimeout(240_000);

describe('the web app’s forms with JavaScript off: a new case, and a claim paid under four eyes', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  const violations: AxeViolation[] = [];
  const check = async (page: Page, name: string) => violations.push(...(await checkPage(page, name, { javaScriptEnabled: false })));
  const events = async (caseId: string) => (await api.app.get(CaseService).history(caseId)).length;
  const withoutScript = () => personAt(browser, base, { javaScriptEnabled: false });

  beforeAll(async () => {
    api = await startApi({ POLL_INTERVAL_MS: '50' }, { clock });
    await httpAs(api, ADMIN)().post('/frameworks/import').send(seed201617()).expect(201);
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('an officer raises a proposal through the new-case form: refused with an error summary linking to the field, then opened', async () => {
    const { page, context } = await withoutScript();
    await signIn(page, 'opcc-staff', 'officer.one');
    await page.click('a:has-text("New case")');
    await page.waitForSelector('h1:has-text("Open a new case")');
    await check(page, 'new-case-start');
    await page.click('a:has-text("Raise a proposal")');
    // The year's choices come from the budget read model: wait until it has caught up.
    await eventually(async () => {
      await page.goto('/app/cases/new/proposal');
      expect(await page.locator('#field-financialYear option[value="2016-17"]').count()).toBe(1);
    });
    await check(page, 'new-case-proposal');
    await page.selectOption('#field-mechanism', 'direct');
    await page.fill('#field-title', 'Hate crime victim advocacy');
    await page.click('button:has-text("Raise proposal")');

    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    const link = summary.locator('a[href="#field-estimatedValuePence"]');
    expect(await link.count()).toBe(1);
    // The summary names the field by the label on the page, not by the API's name for it.
    expect(await link.textContent()).toMatch(/^Estimated value/);
    expect(await link.textContent()).not.toContain('estimatedValuePence');
    expect(await page.locator('#field-estimatedValuePence').count()).toBe(1);
    expect(await page.inputValue('#field-title')).toBe('Hate crime victim advocacy');
    expect(await page.title()).toMatch(/^Error: /);
    await check(page, 'new-case-refused');

    await page.fill('#field-estimatedValuePence', '25,000.00');
    await page.click('button:has-text("Raise proposal")');
    await page.waitForSelector('text=Raise a proposal: case');
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    expect(await page.textContent('h1')).toContain('Hate crime victim advocacy');
    expect(await page.textContent('main')).toContain('£25,000.00');
    const history = await api.app.get(CaseService).history(caseId);
    expect(history.map((e) => e.type)).toEqual(['ProposalRaised']);
    expect(history[0].metadata.actor).toMatchObject({ id: 'officer.one', role: 'opcc-staff' });
    await context.close();
  });

  it("a second PLF plan request for a locality is refused against the case id, naming the locality's case, appending nothing", async () => {
    const { page, context } = await withoutScript();
    await signIn(page, 'opcc-staff', 'officer.one');
    await page.goto('/app/cases/new/plf-plan-request');
    await page.selectOption('#field-locality', 'blaby');
    await page.fill('#field-title', 'Blaby PLF again');
    await page.fill('#field-caseId', '2016-17-blaby-again');
    const before = await events('2016-17-B51');
    await page.click('button:has-text("Request plan")');
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.textContent('.govuk-error-summary')).toContain('2016-17-B51');
    expect(await page.locator('.govuk-error-summary a[href="#field-caseId"]').count()).toBe(1);
    expect(await page.locator('#field-caseId').count()).toBe(1);
    expect(await page.inputValue('#field-title')).toBe('Blaby PLF again');
    expect(await events('2016-17-B51')).toBe(before);
    await check(page, 'new-case-plf-refused');
    await context.close();
  });

  it('sets a schedule, records a claim, and a second officer approves and pays it through the case page (four eyes)', async () => {
    const one = await withoutScript();
    await signIn(one.page, 'opcc-staff', 'officer.one');
    await one.page.goto(`/app/cases/${B05}`);
    await one.page.waitForSelector('#payments');
    await one.page.click('summary:has-text("Set the payment schedule")');
    const row = (n: number, name: string) => `field-payments-schedule-instalments-${n}-${name}`;
    await one.page.fill(`#${row(0, 'id')}`, 'mobilisation');
    await fillDate(one.page, row(0, 'dueOn'), '2016-05-01');
    await one.page.fill(`#${row(0, 'pence')}`, '5,000.00');
    await one.page.fill(`#${row(1, 'id')}`, 'delivery');
    await fillDate(one.page, row(1, 'dueOn'), '2017-03-31');
    // £1.00 short of the contract value: the domain's refusal, on the schedule form.
    await one.page.fill(`#${row(1, 'pence')}`, '142,555.00');
    const before = await events(B05);
    await one.page.click('button:has-text("Set schedule")');
    await one.page.locator('.govuk-error-summary').waitFor();
    expect(await one.page.textContent('.govuk-error-summary')).toContain('£1.00 less than the £147,556.00');
    expect(await one.page.locator('.govuk-error-summary a[href="#field-payments-schedule-instalments"]').count()).toBe(1);
    expect(await events(B05)).toBe(before);
    await one.page.fill(`#${row(1, 'pence')}`, '142,556.00');
    await one.page.click('button:has-text("Set schedule")');
    await one.page.waitForSelector('text=Set the payment schedule: done');
    await eventually(async () => {
      await one.page.goto(`/app/cases/${B05}`);
      expect(await one.page.getAttribute('[data-instalment=mobilisation] [data-status]', 'data-status')).toBe('due');
    });

    await one.page.click('summary:has-text("Record a claim")');
    await one.page.selectOption('#field-payments-claims-instalmentId', 'mobilisation');
    await one.page.fill('#field-payments-claims-pence', '5,000.00');
    await one.page.fill('#field-payments-claims-evidenceRef', 'Twenty-Twenty invoice TT-2016-0502');
    await one.page.click('button:has-text("Record claim")');
    await one.page.waitForSelector('text=Record a claim: done');
    // Whoever recorded a claim is offered no approval of it; rejecting it stays open.
    expect(await one.page.locator('summary:has-text("Approve claim")').count()).toBe(0);
    expect(await one.page.locator('summary:has-text("Reject claim: mobilisation-claim-1")').count()).toBe(1);
    await one.context.close();

    const two = await withoutScript();
    await signIn(two.page, 'opcc-staff', 'officer.two');
    await two.page.goto(`/app/cases/${B05}`);
    await two.page.click('summary:has-text("Approve claim: mobilisation-claim-1")');
    await two.page.click('button:has-text("Approve claim")');
    await two.page.waitForSelector('text=Approve claim: done');
    await two.page.click('summary:has-text("Record payment of claim: mobilisation-claim-1")');
    await two.page.fill('#field-payments-claims-mobilisation-claim-1-payment-paymentRef', 'BACS-2016-05-0042');
    await two.page.click('button:has-text("Record payment")');
    await two.page.waitForSelector('text=Record payment of claim: done');
    await eventually(async () => {
      await two.page.goto(`/app/cases/${B05}`);
      expect(await two.page.getAttribute('[data-instalment=mobilisation] [data-status]', 'data-status')).toBe('paid');
    });
    expect(await two.page.textContent('[data-instalment=mobilisation]')).toContain('approved by officer.two');
    await check(two.page, 'case-payments');
    const types = (await api.app.get(CaseService).history(B05)).map((e) => e.type);
    expect(types.slice(-4)).toEqual(['PaymentScheduleSet', 'ClaimReceived', 'ClaimApproved', 'ClaimPaid']);
    await two.context.close();
  });

  it('carries the unpaid delivery instalment into 2017/18 through the case page: refused with nothing ticked, then carried and shown', async () => {
    // Year-end: 2017/18's framework is out, and its reserve drawn on to make room for what is carried.
    clock.set(new Date('2017-03-20T10:00:00Z'));
    const admin = () => httpAs(api, ADMIN)();
    await admin().post('/frameworks/import').send({ ...framework201718(), totalBudgetPence: 300_000_00, commissioningReservePence: 210_000_00 }).expect(201);
    await admin().post('/frameworks/2017-18/reserve-draws').send({ pence: 150_000_00, reason: 'Room for 2016/17 carry-forwards', decisionRef: 'PCC/DEC/2017/012' }).expect(201);
    const { page, context } = await withoutScript();
    await signIn(page, 'opcc-staff', 'officer.one');
    await page.goto(`/app/cases/${B05}`);
    await page.click('summary:has-text("Carry unpaid instalments to the next year")');
    // Only what may be carried is offered: the paid mobilisation instalment is not.
    const boxes = page.locator('[data-action=payments-carry-forward] input[type=checkbox][name=instalmentIds]');
    expect(await boxes.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['delivery']);
    expect(await page.inputValue('#field-payments-carry-forward-toYear')).toBe('2017-18');
    await page.fill('#field-payments-carry-forward-reason', 'Delivery slipped into 2017/18; carried by decision of the March 2017 board');
    const before = await events(B05);
    await page.click('button:has-text("Carry forward")');
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary a[href="#field-payments-carry-forward-instalmentIds"]').count()).toBe(1);
    expect(await page.locator('#field-payments-carry-forward-instalmentIds').count()).toBe(1);
    expect(await page.inputValue('#field-payments-carry-forward-reason')).toContain('Delivery slipped');
    expect(await events(B05)).toBe(before);
    await check(page, 'case-carry-forward-refused');

    await page.check('#field-payments-carry-forward-instalmentIds');
    await page.click('button:has-text("Carry forward")');
    await page.waitForSelector('text=Carry unpaid instalments to the next year: done');
    const carried = (await api.app.get(CaseService).history(B05)).at(-1);
    expect(carried).toMatchObject({ type: 'InstalmentsCarriedForward', data: { instalmentIds: ['delivery'], toYear: '2017-18', pence: 14_255_600, decidedBy: 'officer.one' } });
    await eventually(async () => {
      await page.goto(`/app/cases/${B05}`);
      expect(await page.getAttribute('[data-instalment=delivery] [data-carried-to]', 'data-carried-to')).toBe('2017-18');
    });
    // Nothing is left to carry: the form is no longer offered.
    expect(await page.locator('summary:has-text("Carry unpaid instalments to the next year")').count()).toBe(0);
    await check(page, 'case-carried-forward');
    await context.close();
  });

  it("changes the new-case form's year without JavaScript: the themes offered are that year's, and the case opens in it", async () => {
    const { page, context } = await withoutScript();
    await signIn(page, 'opcc-staff', 'officer.one');
    const themes = () => page.locator('#field-theme option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await eventually(async () => {
      await page.goto('/app/cases/new/proposal?year=2016-17');
      expect(await page.locator('#field-financialYear option[value="2017-18"]').count()).toBe(1);
    });
    expect(await themes()).toContain('reducing-offending');
    await page.selectOption('#field-financialYear', '2017-18');
    await page.click('button:has-text("Change year")');
    await page.waitForURL((url) => url.searchParams.get('year') === '2017-18');
    expect(await themes()).toEqual(['safe-streets', 'victims-first']);
    expect(await page.inputValue('form[method=post] input[name=financialYear]')).toBe('2017-18');
    await check(page, 'new-case-year-changed');

    await page.selectOption('#field-mechanism', 'direct');
    await page.fill('#field-title', 'Street safety wardens');
    await page.selectOption('#field-theme', 'victims-first');
    await page.fill('#field-estimatedValuePence', '12,000.00');
    await page.click('button:has-text("Raise proposal")');
    await page.waitForSelector('text=Raise a proposal: case');
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    expect(caseId).toMatch(/^2017-18-/);
    const [raised] = await api.app.get(CaseService).history(caseId);
    expect(raised.data).toMatchObject({ profile: { financialYear: '2017-18', theme: 'victims-first' } });
    await context.close();
  });

  it("completes a workflow's own checkpoint and approval steps through the case page; the same officer cannot approve", async () => {
    // 2017/18's PCC-grant workflow: a due-diligence checkpoint, then a director's approval above £10,000.
    clock.set(new Date('2017-05-20T10:00:00Z'));
    const officer = () => httpAs(api, OFFICER)();
    await officer().post('/frameworks/2017-18/pcc-grant-rounds').send({ roundId: 'community-2017', title: 'Community grants 2017', opensOn: '2017-04-01', closesOn: '2017-06-30', on: '2017-04-01' }).expect(201);
    const caseId = '2017-18-G-youth-boxing';
    await officer()
      .post('/cases/grant-applications')
      .send({ financialYear: '2017-18', caseId, title: 'Youth boxing club', theme: 'safe-streets', primaryPriorities: ['SS-1'], roundId: 'community-2017', applicant: 'Knockout CIC', requestedPence: 12_000_00, on: '2017-05-02' })
      .expect(201);
    const one = await withoutScript();
    await signIn(one.page, 'opcc-staff', 'officer.one');
    await one.page.goto(`/app/cases/${caseId}`);
    await one.page.click('summary:has-text("Assess the grant application")');
    await one.page.fill('[id$="-score"]', '81');
    await one.page.selectOption('[id$="-recommendation"]', 'award');
    await one.page.click('button:has-text("Record assessment")');
    await one.page.waitForSelector('summary:has-text("Complete this step: Due diligence")');

    // The checkpoint's outcomes are the workflow's own, offered as the form's choices.
    await one.page.click('summary:has-text("Complete this step: Due diligence")');
    const outcomes = await one.page.locator('#field-checkpoints-due-diligence-outcome option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(outcomes).toContain('passed');
    await one.page.selectOption('#field-checkpoints-due-diligence-outcome', 'passed');
    await one.page.fill('#field-checkpoints-due-diligence-notes', 'Accounts and safeguarding checked');
    await one.page.click('button:has-text("Record outcome")');
    await one.page.waitForSelector('text=Complete this step: done');
    expect(await one.page.textContent('main')).toContain('Due diligence passed');
    await check(one.page, 'case-checkpoint-done');

    // The officer who checked it may not approve it: refused on the form, nothing appended.
    await one.page.goto(`/app/cases/${caseId}`);
    await one.page.click('summary:has-text("Decide this approval")');
    await one.page.selectOption('#field-approvals-director-approval-decision', 'approved');
    const before = await events(caseId);
    await one.page.click('button:has-text("Record decision")');
    await one.page.locator('.govuk-error-summary').waitFor();
    expect(await one.page.textContent('.govuk-error-summary')).toContain('officer.one completed "due-diligence" and so cannot also decide');
    expect(await events(caseId)).toBe(before);
    await check(one.page, 'case-approval-refused');
    await one.context.close();

    const director = await withoutScript();
    await signIn(director.page, 'opcc-staff', 'director.two');
    await director.page.goto(`/app/cases/${caseId}`);
    await director.page.click('summary:has-text("Decide this approval")');
    await director.page.selectOption('#field-approvals-director-approval-decision', 'approved');
    await director.page.fill('#field-approvals-director-approval-notes', 'Agreed');
    await director.page.click('button:has-text("Record decision")');
    await director.page.waitForSelector('text=Decide this approval: done');
    const history = await api.app.get(CaseService).history(caseId);
    expect(history.slice(-2).map((e) => [e.type, e.metadata.actor.id])).toEqual([
      ['CheckpointCompleted', 'officer.one'],
      ['ApprovalRecorded', 'director.two'],
    ]);
    await director.context.close();
  });

  it('has no serious or critical axe-core violation on the pages opened', () => {
    expect(violations).toEqual([]);
  });
});
