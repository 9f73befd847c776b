import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { CaseService } from '@app/commissioning';
import { ManualClock } from '@app/platform';
import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { runBlabyJourney } from '@test/support/blaby-journey';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { type AxeViolation, checkPage, launchChromium, personAt, signIn } from './browser';

const BLABY = '2016-17-B51';
const clock = new ManualClock(new Date('2016-11-01T10:00:00Z'));

jest.setTimeout(240_000);

describe('the read pages in a browser: pipeline board, outcomes, framework', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  const violations: AxeViolation[] = [];

  beforeAll(async () => {
    api = await startApi({ POLL_INTERVAL_MS: '50' }, { clock });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    await httpAs(api, ADMIN)().post('/frameworks/import').send(seed201617()).expect(201);
    await eventually(async () => expect((await httpAs(api, OFFICER)().get('/pipeline?limit=1').expect(200)).body.total).toBe(57));
    // Blaby's plan through award to two red quarters.
    await runBlabyJourney(api.app.get(CaseService), BLABY);
    await eventually(async () => expect((await httpAs(api, OFFICER)().get(`/outcomes/${BLABY}`).expect(200)).body.rag).toBe('red'));
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('filters the pipeline board with JavaScript off, through the GET form, and shows time in stage', async () => {
    const { page, context } = await personAt(browser, base, { javaScriptEnabled: false });
    await signIn(page, 'opcc-staff', 'officer.one');
    await page.goto('/app/pipeline');
    const all = await page.textContent('#pipeline-count');
    expect(all).toContain('57 cases');
    await page.selectOption('#field-mechanism', 'plf');
    await page.selectOption('#field-locality', 'charnwood');
    await page.click('button:has-text("Apply filters")');
    await page.waitForURL(/mechanism=plf/);
    expect(page.url()).toContain('locality=charnwood');
    expect(await page.textContent('#pipeline-count')).toContain('1 case.');
    // Grouped under the mechanism's name and the stage label its workflow gives, with its phase.
    const board = await page.textContent('main');
    expect(board).toContain('Partnership Locality Fund');
    expect(await page.locator('.ledger-board__stage caption').first().textContent()).toMatch(/pre-award/);
    expect(await page.locator('.ledger-board__stage tbody tr').count()).toBe(1);
    // In stage since the import's business day (UK format), counted to today (1 Nov 2016).
    expect(await page.locator('.ledger-board__stage tbody td').nth(2).textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(Number(await page.locator('.ledger-board__stage tbody td').nth(3).textContent())).toBeGreaterThan(0);
    expect(await page.inputValue('#field-mechanism')).toBe('plf');
    // axe-core needs JavaScript: the same filtered page, checked in a browser with it on.
    const filtered = page.url();
    const seen = await personAt(browser, base);
    await signIn(seen.page, 'opcc-staff', 'officer.one');
    await seen.page.goto(filtered);
    violations.push(...(await checkPage(seen.page, 'pipeline-filtered')));
    await seen.context.close();

    // Filters by theme and by priority narrow the board; Blaby's case is there under its award stage.
    await page.goto('/app/pipeline?locality=blaby');
    expect(await page.textContent('main')).toContain('Blaby');
    expect(await page.locator('.ledger-board__stage caption').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/contract/)]));
    await page.goto('/app/pipeline?priority=SP1');
    const sp1 = Number(/(\d+) case/.exec((await page.textContent('#pipeline-count')) ?? '')?.[1]);
    expect(sp1).toBeGreaterThan(0);
    expect(sp1).toBeLessThan(57);
    await page.goto('/app/pipeline?priority=SP1&theme=no-such-theme');
    expect(await page.textContent('#pipeline-count')).toContain('0 cases');
    // A malformed filter is refused by name in the error summary.
    await page.goto(`/app/pipeline?priority=${encodeURIComponent('SP1; drop')}`);
    expect(await page.textContent('.govuk-error-summary')).toContain("priority must be one of the framework's strategic priority codes");
    await context.close();
  });

  it('shows RAG per contract and measure, roll-ups per theme and priority, RAG over time, and the CSV', async () => {
    const { page, context } = await personAt(browser, base);
    await signIn(page, 'opcc-staff', 'officer.one');
    await page.goto('/app/outcomes');
    const row = page.locator('#outcomes-table tr', { hasText: 'Blaby District Council' });
    expect(await row.textContent()).toContain('red');
    expect(await row.textContent()).toContain('£21,200.00');
    expect(await row.textContent()).toContain('ASB incidents: red (2016-Q2)');
    // RAG over time: the chart drawn on the server, and its table.
    expect(await page.locator('.ledger-chart svg').count()).toBe(1);
    const periods = await page.locator('.ledger-chart table tbody tr').allTextContents();
    expect(periods.map((p) => p.replace(/\s+/g, ' ').trim())).toEqual(['2016-Q1 0 1 0 amber', '2016-Q2 1 0 0 red']);
    // Roll-ups: a group is as bad as its worst contract.
    const theme = await page.locator('#rollup-theme tbody tr:has(.ledger-rag--red)').allTextContents();
    expect(theme).toHaveLength(1);
    expect(await page.locator('#rollup-priority tbody tr').count()).toBeGreaterThan(1);
    violations.push(...(await checkPage(page, 'outcomes')));

    await page.selectOption('#field-rag', 'red');
    await page.click('button:has-text("Apply filters")');
    await page.waitForURL(/rag=red/);
    expect(await page.locator('#outcomes-table tbody tr').count()).toBe(1);
    const csv = await page.request.get(await page.getAttribute('a:has-text("Download these outcomes as CSV")', 'href') as string);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^caseId,title,provider,measure/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^2016-17-B51,.*ASB incidents.*,2016-Q2,140,red,/)]);
    await context.close();
  });

  it('filters and downloads the commitments, links to the publications, for an auditor', async () => {
    const { page, context } = await personAt(browser, base);
    await signIn(page, 'auditor', 'auditor.one');
    await page.goto('/app/framework');
    expect(await page.textContent('#commitments-table caption')).toMatch(/^57 of 57 lines, £4,271,983\.00$/);
    await page.selectOption('#field-mechanism', 'plf');
    await page.click('button:has-text("Apply filters")');
    await page.waitForURL(/mechanism=plf/);
    expect(await page.textContent('#commitments-table caption')).toMatch(/^\d+ of 57 lines, £[\d,]+\.\d\d$/);
    const plfRows = await page.locator('#commitments-table tbody tr').count();
    expect(plfRows).toBeGreaterThanOrEqual(9);
    expect(plfRows).toBeLessThan(57);
    violations.push(...(await checkPage(page, 'framework-filtered')));

    const csv = await page.request.get(await page.getAttribute('a:has-text("Download these lines as CSV")', 'href') as string);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('ref,caseId,source,title,organisation,mechanism,theme,primaryPriority,secondaryPriority,locality,valuePence,value');
    expect(lines).toHaveLength(plfRows + 1);
    expect(lines.slice(1).every((line) => line.includes(',plf,'))).toBe(true);

    const giving = await page.request.get(await page.getAttribute('a:has-text("360Giving")', 'href') as string);
    expect(giving.status()).toBe(200);
    expect((await giving.json()).grants.length).toBeGreaterThan(0);
    const contracts = await page.request.get(await page.getAttribute('a:has-text("Contracts over £10,000")', 'href') as string);
    expect(contracts.status()).toBe(200);
    expect(contracts.headers()['content-type']).toContain('text/csv');
    await context.close();
  });

  it('keeps the publications and roll-ups from a CSP user', async () => {
    const { page, context } = await personAt(browser, base);
    await signIn(page, 'csp', 'blaby.lead', 'blaby');
    const refused = await page.request.get('/app/publish/360giving?financialYear=2016-17');
    expect(refused.status()).toBe(403);
    await page.goto('/app/outcomes');
    expect(await page.locator('#rollup-theme').count()).toBe(0);
    expect(await page.locator('#outcomes-table tbody tr').count()).toBe(1);
    violations.push(...(await checkPage(page, 'outcomes-csp')));
    await page.goto('/app/pipeline');
    expect(await page.locator('#field-locality').count()).toBe(0);
    violations.push(...(await checkPage(page, 'pipeline-csp')));
    await context.close();
  });

  it('has no serious or critical axe-core violation on these pages', () => {
    expect(violations).toEqual([]);
  });
});
