import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { ManualClock } from '@app/platform';
import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { type AxeViolation, checkPage, formToken, launchChromium, personAt, signIn } from './browser';

const clock = new ManualClock(new Date('2016-09-01T10:00:00Z'));

// A browser and a server on a shared, busy machine: generous limits, every wait a polled condition.
jest.setTimeout(240_000);

describe('changing the 2016/17 framework from the web app with JavaScript off', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  const violations: AxeViolation[] = [];
  const check = async (page: Page, name: string) => violations.push(...(await checkPage(page, name, { javaScriptEnabled: false })));
  const countEvents = async () => {
    const { rows } = await api.app.get<symbol, SqlDatabase>(SQL_DATABASE).query<{ n: number }>('select count(*)::int as n from events');
    return rows[0].n;
  };
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

  it('an officer changes the budget (refused below what is committed, then accepted), merges two localities, adds a locality and a priority', async () => {
    const { page, context } = await withoutScript();
    await signIn(page, 'opcc-staff', 'officer.one');
    await eventually(async () => {
      await page.goto('/app/framework?year=2016-17');
      expect(await page.locator('#change').count()).toBe(1);
    });
    await check(page, 'framework-staff');
    await page.click('a:has-text("Change the budget")');
    await page.waitForSelector('h1:has-text("Change the budget")');
    await check(page, 'amend-budget');

    await page.fill('#field-totalBudgetPence', '4,000,000.00');
    await page.fill('#field-reason', 'A cut in the precept');
    const before = await countEvents();
    await page.click('button:has-text("Change budget")');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.locator('a[href="#field-totalBudgetPence"]').count()).toBe(1);
    expect(await summary.textContent()).toContain('cannot hold what is committed');
    expect(await summary.locator('a[href="#field-totalBudgetPence"]').textContent()).toMatch(/^New total budget: /);
    expect(await page.locator('#field-totalBudgetPence').count()).toBe(1);
    expect(await page.inputValue('#field-reason')).toBe('A cut in the precept');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await countEvents()).toBe(before);
    await check(page, 'amend-budget-refused');

    await page.fill('#field-totalBudgetPence', '£4,711,000.00');
    await page.fill('#field-reason', 'Revised precept agreed by the Police and Crime Panel');
    await page.click('button:has-text("Change budget")');
    await page.waitForSelector('text=Change the budget: done');
    expect(await page.textContent('main')).toContain('£4,711,000.00');
    const { rows } = await api.app.get<symbol, SqlDatabase>(SQL_DATABASE).query<{ data: Record<string, unknown>; metadata: { actor: { id: string } } }>(
      "select data, metadata from events where type = 'FrameworkBudgetChanged'",
    );
    expect(rows).toEqual([expect.objectContaining({ data: expect.objectContaining({ totalBudgetPence: 471_100_000, on: '2016-09-01' }), metadata: expect.objectContaining({ actor: expect.objectContaining({ id: 'officer.one' }) }) })]);
    await eventually(async () => {
      const budget = await httpAs(api, OFFICER)().get('/frameworks/2016-17/budget').expect(200);
      expect(budget.body).toMatchObject({ totalPence: 471_100_000, availablePence: 10_000_000 });
    });

    await page.goto('/app/framework/2016-17/amendments/locality-mergers');
    await check(page, 'amend-merge');
    await page.selectOption('#field-locality', 'rutland');
    await page.selectOption('#field-into', 'melton');
    await page.fill('#field-reason', 'The two CSPs merged on 1 October');
    await page.click('button:has-text("Merge localities")');
    await page.waitForSelector('text=Merge two localities: done');
    const localities = await page.locator('main table').first().textContent();
    expect(localities).not.toContain('Rutland');
    expect(localities).toContain('£25,650.00');

    await page.goto('/app/framework/2016-17/amendments/localities');
    await page.fill('#field-locality-slug', 'leicester-east');
    await page.fill('#field-locality-name', 'Leicester East');
    await page.fill('#field-locality-plfAllocationPence', '25,000.00');
    await page.fill('#field-locality-vliSharePercent', '5.5');
    await page.fill('#field-reason', 'A new Community Safety Partnership');
    await page.click('button:has-text("Add locality")');
    await page.waitForSelector('text=Add a locality: done');
    expect(await page.locator('main table').first().textContent()).toContain('Leicester East£25,000.00');

    await page.goto('/app/framework/2016-17/amendments/priorities');
    await page.fill('#field-priority-code', 'RC/1');
    await page.fill('#field-priority-number', '18');
    await page.selectOption('#field-priority-theme', 'safer-communities');
    await page.fill('#field-priority-title', 'Tackling rural crime');
    await page.fill('#field-reason', 'New Police and Crime Plan');
    await page.click('button:has-text("Add priority")');
    await page.waitForSelector('text=Add a strategic priority: done');
    expect(await page.textContent('main')).toContain('RC/1: Tackling rural crime');
    await check(page, 'framework-amended');
    await context.close();
  });

  it('an auditor is offered no change, and a forged amendment is refused (403) and appends nothing', async () => {
    const { page, context } = await withoutScript();
    await signIn(page, 'auditor', 'auditor.one');
    await page.goto('/app/framework?year=2016-17');
    await page.waitForSelector('h1:has-text("Framework 2016-17")');
    expect(await page.locator('#change').count()).toBe(0);
    expect(await page.locator('a[href*="/amendments/"]').count()).toBe(0);
    const before = await countEvents();
    const forged = await page.request.post('/app/framework/2016-17/amendments/budget', {
      form: { _csrf: await formToken(page), totalBudgetPence: '5,000,000.00', reason: 'forged', 'on[day]': '1', 'on[month]': '9', 'on[year]': '2016' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('<html');
    expect(await countEvents()).toBe(before);
    await context.close();
  });

  it('has no serious or critical axe-core violation on the pages opened', () => {
    expect(violations).toEqual([]);
  });
});
