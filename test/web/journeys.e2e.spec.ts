import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { CaseService } from '@app/commissioning';
import { casesFromFramework, readFrameworkDocument } from '@app/domain';
import { ManualClock } from '@app/platform';
import { eventually, startApi, type TestApi } from '@test/support/api-app';
import { SEED_2016_17, seed201617 } from '@test/support/seed';
import { type AxeViolation, checkPage, formToken, launchChromium, personAt, signIn } from './browser';

const BLABY = '2016-17-B51';
const CHARNWOOD = casesFromFramework(readFrameworkDocument(seed201617(), 'journeys')).find(
  (c) => c.command.profile.locality === 'charnwood' && c.command.profile.mechanism === 'plf',
)?.caseId as string;

/** Business time moves as the year does; the pages' "today" is the clock's. */
const clock = new ManualClock(new Date('2016-01-12T10:00:00Z'));
const at = (date: string) => clock.set(new Date(`${date}T10:00:00Z`));

async function fillDate(page: Page, id: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-').map(Number);
  await page.fill(`#${id}-day`, String(day));
  await page.fill(`#${id}-month`, String(month));
  await page.fill(`#${id}-year`, String(year));
}

async function openAction(page: Page, title: string): Promise<void> {
  await page.click(`summary:has-text("${title}")`);
}

// A browser and a server on a shared, busy machine: generous limits, every wait a polled condition.
jest.setTimeout(240_000);

describe('the web app in a browser: an officer, a CSP user and an auditor through the 2016/17 year', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  const violations: AxeViolation[] = [];
  const check = async (page: Page, name: string) => violations.push(...(await checkPage(page, name)));
  const events = async (caseId: string) => (await api.app.get(CaseService).history(caseId)).length;

  beforeAll(async () => {
    api = await startApi({ POLL_INTERVAL_MS: '50' }, { clock });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('finds no serious or critical accessibility violation on any page of the journeys', () => {
    // Checked last (this suite runs in order): every page the journeys opened.
    expect(CHARNWOOD).toMatch(/^2016-17-B\d+$/);
  });

  it('an administrator signs in, imports 2016/17 by upload and sees £4,611,000.00 and a reserve of £339,017.00 on the home page', async () => {
    const { page, context } = await personAt(browser, base);
    await page.goto('/');
    await check(page, 'sign-in');
    await signIn(page, 'admin', 'admin.one');
    await page.goto('/app/framework/import');
    await check(page, 'framework-import');
    await page.setInputFiles('#field-document', SEED_2016_17);
    await page.click('button:has-text("Check the document")');
    await page.waitForSelector('text=Nothing has been recorded yet');
    expect(await page.textContent('main')).toContain('£339,017.00');
    await check(page, 'framework-preview');
    await page.click('button:has-text("Import the framework")');
    await page.waitForSelector('text=Framework 2016-17 imported');
    await eventually(async () => {
      await page.goto('/');
      expect(await page.textContent('[data-figure=total]')).toBe('£4,611,000.00');
      expect(await page.textContent('[data-figure=reserve]')).toBe('£339,017.00');
    }, 60_000);
    expect(await page.locator('.ledger-chart svg').count()).toBeGreaterThanOrEqual(3);
    await check(page, 'home-staff');
    await page.goto('/app/framework');
    await check(page, 'framework');
    await context.close();
  });

  it("Blaby's CSP user submits a plan over the allocation (refused, naming the field and the figures), then within it", async () => {
    const { page, context } = await personAt(browser, base);
    await signIn(page, 'csp', 'csp.blaby', 'blaby');
    await check(page, 'home-csp');
    await page.goto(`/app/cases/${BLABY}/plan`);
    await page.fill('#field-budgetLines-0-id', 'pastors');
    await page.fill('#field-budgetLines-0-description', 'Street pastors in Blaby town centre');
    await page.fill('#field-budgetLines-0-pence', '31,000.00');
    await page.fill('#field-performanceFramework-0-id', 'asb-incidents');
    await page.fill('#field-performanceFramework-0-name', 'Anti-social behaviour incidents');
    await page.fill('#field-performanceFramework-0-unit', 'incidents');
    await page.fill('#field-performanceFramework-0-target', '120');
    await page.selectOption('#field-performanceFramework-0-direction', 'lower-is-better');
    const before = await events(BLABY);
    await page.click('button:has-text("Submit plan")');
    const summary = await page.textContent('.govuk-error-summary');
    expect(summary).toContain('Budget breakdown');
    expect(summary).toContain('£31,000.00');
    expect(summary).toContain('£29,700.00');
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#field-budgetLines');
    expect(await events(BLABY)).toBe(before);
    await check(page, 'plan-refused');
    await page.fill('#field-budgetLines-0-pence', '21,200.00');
    await page.click('button:has-text("Submit plan")');
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.textContent('[aria-current=step]')).toContain('Plan submitted');
    await check(page, 'case-plan-submitted');
    // Another locality's case is not theirs to open, and no link leads there.
    const refused = await page.goto(`/app/cases/${CHARNWOOD}`);
    expect(refused?.status()).toBe(403);
    expect(await page.textContent('h1')).toContain('You do not have access');
    await check(page, 'forbidden');
    await context.close();
  });

  it('the officer schedules and holds the meeting and awards the agreement, through the actions the workflow opens', async () => {
    const { page, context } = await personAt(browser, base);
    await signIn(page, 'opcc-staff', 'officer.one');
    at('2016-01-20');
    await page.goto(`/app/cases/${BLABY}`);
    await check(page, 'case-officer');
    await openAction(page, 'Schedule the meeting with the CSP');
    await fillDate(page, 'field-meeting-meetingOn', '2016-02-20');
    await page.click('button:has-text("Schedule meeting")');
    await page.waitForSelector('text=Schedule the meeting with the CSP: done');
    at('2016-02-20');
    await page.goto(`/app/cases/${BLABY}`);
    await openAction(page, 'Record that the meeting was held');
    await page.fill('#field-meeting-held-notes', 'Plan agreed with Blaby CSP');
    await page.click('button:has-text("Record meeting held")');
    await page.waitForSelector('text=Record that the meeting was held: done');
    at('2016-03-10');
    await page.goto(`/app/cases/${BLABY}`);
    await openAction(page, 'Award the contract or agreement');
    await page.fill('#field-award-contract-provider', 'Blaby District Council');
    await page.fill('#field-award-contract-valuePence', '21,200.00');
    await page.fill('#field-award-contract-outcomes', 'Fewer anti-social behaviour incidents');
    await page.fill('#field-award-contract-qualityStandards', 'Quarterly returns within 14 days');
    await page.fill('#field-award-contract-measures-0-id', 'asb-incidents');
    await page.fill('#field-award-contract-measures-0-name', 'Anti-social behaviour incidents');
    await page.fill('#field-award-contract-measures-0-unit', 'incidents');
    await page.fill('#field-award-contract-measures-0-target', '120');
    await page.selectOption('#field-award-contract-measures-0-frequency', 'quarterly');
    await page.selectOption('#field-award-contract-measures-0-direction', 'lower-is-better');
    await page.fill('#field-award-contract-underAchievementClause', 'Two red quarters call for a remedial plan');
    await fillDate(page, 'field-award-contract-startDate', '2016-04-01');
    await fillDate(page, 'field-award-contract-endDate', '2017-03-31');
    await page.click('button:has-text("Award")');
    await page.waitForSelector('text=Award the contract or agreement: done');
    expect(await page.textContent('[aria-current=step]')).not.toContain('Meeting held');
    await context.close();
  });

  it('the CSP reports two red quarters and under-achievement shows on the case and on the home page', async () => {
    const csp = await personAt(browser, base);
    await signIn(csp.page, 'csp', 'csp.blaby', 'blaby');
    for (const [on, period, actual] of [['2016-07-08', '2016-Q1', '150'], ['2016-10-07', '2016-Q2', '160']]) {
      at(on);
      await csp.page.goto(`/app/cases/${BLABY}`);
      await openAction(csp.page, 'Report performance');
      await csp.page.selectOption('#field-performance-reports-measureId', 'asb-incidents');
      await csp.page.fill('#field-performance-reports-period', period);
      await csp.page.fill('#field-performance-reports-actual', actual);
      await csp.page.click('button:has-text("Report performance")');
      await csp.page.waitForSelector('text=Report performance: done');
    }
    expect(await csp.page.locator('.ledger-rag--red').count()).toBe(2);
    await eventually(async () => {
      await csp.page.goto(`/app/cases/${BLABY}`);
      expect(await csp.page.textContent('main')).toContain('Under-achievement');
    }, 60_000);
    await check(csp.page, 'case-under-achievement');
    await csp.context.close();

    const officer = await personAt(browser, base);
    await signIn(officer.page, 'opcc-staff', 'officer.one');
    await eventually(async () => {
      await officer.page.goto('/');
      expect(await officer.page.textContent('main')).toContain('Under-achieving');
    }, 60_000);
    for (const path of ['/app/pipeline', '/app/outcomes', '/app/deadlines']) {
      await officer.page.goto(path);
      await check(officer.page, path.slice(5));
    }
    await officer.context.close();
  });

  it('the auditor reads the timeline and the case as of a date before the award; a forged POST is refused and appends nothing', async () => {
    const { page, context } = await personAt(browser, base);
    await signIn(page, 'auditor', 'auditor.one');
    await check(page, 'home-auditor');
    await page.goto(`/app/cases/${BLABY}`);
    expect(await page.locator('.moj-timeline__item').count()).toBe(await events(BLABY));
    expect(await page.textContent('.moj-timeline')).toContain('officer.one (opcc-staff)');
    expect(await page.locator('main form').count()).toBe(0);
    await check(page, 'case-auditor');
    await page.goto(`/app/audit/cases/${BLABY}?asOf=2016-03-01&basis=occurred`);
    expect(await page.textContent('main')).toContain('meeting-held');
    await check(page, 'audit-as-of');
    await page.goto('/app/audit/verify');
    await check(page, 'audit-verify');
    await page.goto('/app/audit/log');
    await check(page, 'audit-log');

    const before = await events(BLABY);
    const forged = await page.request.post(`/app/cases/${BLABY}/closure`, { form: { _csrf: await formToken(page), notes: 'forged' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await events(BLABY)).toBe(before);
    await context.close();
  });

  it('a form without its CSRF token is refused and appends nothing', async () => {
    const { page, context } = await personAt(browser, base);
    await signIn(page, 'opcc-staff', 'officer.one');
    const before = await events(BLABY);
    const refused = await page.request.post(`/app/cases/${BLABY}/closure`, { form: { notes: 'no token' }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Form expired or not sent from this service');
    expect(await events(BLABY)).toBe(before);
    await context.close();
  });

  it('has no serious or critical axe-core violation on any page opened', () => {
    expect(violations).toEqual([]);
  });
});
