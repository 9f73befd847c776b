/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, 'screenshots');
const AXE = require.resolve('axe-core/axe.min.js');

/** Debian's Chromium, headless, driven by playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** A person's browser: their own cookies. The page's Content-Security-Policy is bypassed only so axe-core can be injected. */
export async function personAt(browser: Browser, baseURL: string, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, bypassCSP: true, viewport: { width: 1200, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
  return { context, page: await context.newPage() };
}

/** Signs in on the development sign-in page, as a person does. */
export async function signIn(page: Page, role: string, name: string, locality?: string): Promise<void> {
  await page.goto('/');
  await page.check(`input[name=role][value="${role}"]`);
  if (locality) await page.fill('#field-locality', locality);
  await page.fill('#field-name', name);
  await page.click('button:has-text("Sign in")');
  await page.waitForSelector('text=Signed in as');
}

export interface AxeViolation {
  readonly page: string;
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/**
 * A page seen with JavaScript off, copied into a page that runs scripts, at the same origin so
 * its styles load as they did: axe-core needs scripts, the page under test has none.
 */
async function scriptedCopy(page: Page): Promise<Page> {
  const browser = page.context().browser();
  if (!browser) throw new Error('The page has no browser to copy it into');
  const context = await browser.newContext({ bypassCSP: true, viewport: page.viewportSize() ?? { width: 1200, height: 900 } });
  const copy = await context.newPage();
  await copy.goto(new URL('/health', page.url()).href);
  await copy.setContent(await page.content(), { waitUntil: 'load' });
  return copy;
}

/**
 * axe-core in the page (WCAG 2.x A and AA rules): the serious and critical violations, and a
 * screenshot kept beside the tests. A page opened with JavaScript off is checked in a copy.
 */
export async function checkPage(page: Page, name: string, options: { javaScriptEnabled?: boolean } = {}): Promise<AxeViolation[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const target = options.javaScriptEnabled === false ? await scriptedCopy(page) : page;
  try {
    await target.addScriptTag({ path: AXE });
    const violations = await target.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ ...v, page: name }));
  } finally {
    if (target !== page) await target.context().close();
  }
}

/** The CSRF token of the signed-in session, as any of its pages carries it. */
export const formToken = (page: Page): Promise<string> => page.locator('input[name=_csrf]').first().inputValue();
