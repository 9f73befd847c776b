/**
 * Server render time of the web app's pages on the 2016/17 data, against a bare GOV.UK page
 * rendered by the same Nunjucks environment in the same run.
 *
 *   npm run bench:web -- --requests 200
 *
 * Starts the API (embedded PGlite in a temporary directory), imports the 2016/17 framework
 * with the product's own service, signs a member of OPCC staff in by a server-side session,
 * then times N requests of each page over HTTP (the home page with its budget charts, a
 * case page with its actions, history and deadlines) and N renders of the bare page. A table
 * and, last, one JSON line go to stdout.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FrameworkService } from '@app/commissioning';
import { defaultMigrationsDir } from '@app/database';
import { ApiModule } from '../apps/api/src/api.module';
import { configureHttpApp } from '../apps/api/src/http-app';
import { BudgetQuery } from '../apps/api/src/read-models/budget/budget.query';
import { SessionStore } from '../apps/api/src/web/sessions/session.store';
import { WebViews } from '../apps/api/src/web/views/web-views';
import { formatTable, round3 } from './lib/report';

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function time(n: number, work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i += 1) await work(); // warm-up: compiled templates, prepared statements
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '200' } } });
  const n = Number(values.requests);
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-web-bench-'));
  // The API reads its configuration from the environment: a throw-away embedded store, no reminders, no rate limit.
  Object.assign(process.env, { DATA_DIR: dataDir, RUN_REMINDERS: 'false', LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '1000000' });
  delete process.env.DATABASE_URL;
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { logger: ['error'] });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  try {
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const seed = JSON.parse(readFileSync(join(defaultMigrationsDir(), '..', 'seed', 'framework-2016-17.json'), 'utf8'));
    const context = { actor: { id: 'bench.admin', role: 'admin' as const }, correlationId: 'bench', causationId: 'bench', occurredAt: new Date().toISOString() };
    process.stderr.write('importing 2016/17…\n');
    await app.get(FrameworkService).importDocument(seed, context);
    for (let waited = 0; !(await app.get(BudgetQuery).years()).includes('2016-17'); waited += 100) {
      if (waited > 120_000) throw new Error('the budget read model did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const session = await app.get(SessionStore).create({ id: 'bench.officer', roles: ['opcc-staff'] });
    const get = (path: string) => async () => {
      const response = await fetch(`${base}${path}`, { headers: { cookie: `ledger_session=${session.id}` } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      await response.text();
    };
    const views = app.get(WebViews);
    const bare = async () => views.env.renderString('{% extends "govuk/template.njk" %}{% block content %}<h1 class="govuk-heading-l">Bare</h1>{% endblock %}', {});
    process.stderr.write(`timing ${n} of each…\n`);
    const results = {
      bareGovukPage: await time(n, bare),
      homePage: await time(n, get('/')),
      casePage: await time(n, get('/app/cases/2016-17-B51')),
    };
    const ratio = (page: { p95: number }) => page.p95 / results.bareGovukPage.p95;
    console.log(
      formatTable(
        ['page', 'p50 ms', 'p95 ms', 'p95 / bare'],
        Object.entries(results).map(([name, r]) => [name, r.p50.toFixed(2), r.p95.toFixed(2), ratio(r).toFixed(1)]),
      ),
    );
    console.log(JSON.stringify({ bench: 'web-render', requests: n, ...Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { p50: round3(r.p50), p95: round3(r.p95) }])) }));
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
