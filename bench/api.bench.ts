/**
 * The HTTP API under a fixed rate of requests, against GET /health in the same run.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:api
 *   npm run bench:api -- --rates 100,250,500 --seconds 10 --year-cases 10000
 *   npm run bench:api -- --profile-api /tmp/prof   (a CPU profile of the API process)
 *   npm run bench:api -- --worker   (the read models kept by a worker process beside the API)
 *
 * In a throw-away database on the PostgreSQL at DATABASE_URL: imports 2016/17 with the
 * product's services and agrees a measure on each existing commitment; generates two more
 * years, one with 50 awarded cases and one with --year-cases, each with cases waiting for
 * their award. Then starts the API as `npm start` does (a process of its own, no reminders,
 * no rate limit; with --worker, its read models kept by a worker process instead), waits for every read model to catch up, and at each rate sends for
 * --seconds: GET /health, the query GET /outcomes/{caseId}, and the command
 * POST /cases/{caseId}/performance-reports (a new month each time, round the cases). Last,
 * the awards of the waiting cases of each generated year, one at a time. A table and, last,
 * one JSON line go to stdout.
 */
import { randomBytes } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signToken } from '@app/auth';
import { migrate } from '@app/database';
import { SqlEventStore } from '@app/event-store';
import { awardBody, awardYear, type AwardYear, reportableCases } from './lib/api-setup';
import { createBenchDatabase } from './lib/bench-database';
import { atFixedRate, percentile, type RateResult } from './lib/fixed-rate';
import { openBenchDb } from './lib/replay-phases';
import { formatTable, round3 } from './lib/report';
import { runBench, usageError } from './lib/main';

const ROOT = join(__dirname, '..', '..');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rates: { type: 'string', default: '100,250,500' },
      seconds: { type: 'string', default: '10' },
      'year-cases': { type: 'string', default: '10000' },
      awards: { type: 'string', default: '20' },
      'profile-api': { type: 'string' },
      worker: { type: 'boolean', default: false },
    },
  });
  const rates = (values.rates as string).split(',').map(Number);
  const seconds = Number(values.seconds);
  const bigYear = Number(values['year-cases']);
  const awards = Number(values.awards);
  if (!process.env.DATABASE_URL) return usageError('DATABASE_URL is not set: the API bench runs on PostgreSQL');
  if (rates.some((r) => !(r > 0)) || !(seconds > 0) || !Number.isSafeInteger(bigYear) || !Number.isSafeInteger(awards) || awards < 2) {
    return usageError('--rates are positive numbers, --seconds positive, --year-cases and --awards (≥ 2) integers');
  }
  const bench = await createBenchDatabase(process.env.DATABASE_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-api-bench-'));
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  process.stderr.write(`bench database ${bench.name}\n`);
  try {
    const db = await openBenchDb(bench.url);
    await migrate(db);
    const store = new SqlEventStore(db);
    process.stderr.write('importing 2016/17 and agreeing measures…\n');
    const reportable = await reportableCases(store);
    process.stderr.write(`${reportable.length} cases to report on\n`);
    const years: AwardYear[] = [];
    for (const [index, size] of [50, bigYear].entries()) {
      process.stderr.write(`generating a year with ${size.toLocaleString('en-GB')} awarded cases…\n`);
      years.push(await awardYear(db, index + 1, size, awards));
    }
    await db.close();

    const secret = randomBytes(32).toString('hex');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const profile = values['profile-api'] ? ['--cpu-prof', `--cpu-prof-dir=${values['profile-api']}`] : [];
    const env = { ...process.env, DATABASE_URL: bench.url, DATA_DIR: dataDir, RUN_REMINDERS: 'false', JWT_SECRET: secret, LOG_LEVEL: 'warn' };
    if (values.worker) {
      worker = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    api = spawn(process.execPath, [...profile, join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), RATE_LIMIT_PER_MINUTE: '100000000', RUN_PROJECTIONS: values.worker ? 'false' : 'true' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    process.stderr.write('waiting for the API and its read models…\n');
    await caughtUp(base, api);
    const token = signToken({ sub: 'bench.officer', role: 'opcc-staff' }, Buffer.from(secret, 'utf8'), { expiresInSeconds: 3600, now: new Date() });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // What the failed requests were answered, per phase: a refusal is not the same as a queue.
    let refusals = new Map<string, number>();
    const call = async (path: string, body?: unknown): Promise<boolean> => {
      const response = await fetch(`${base}${path}`, body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) }).catch((error: Error) => error);
      const outcome = response instanceof Error ? `error ${(response.cause as { code?: string } | undefined)?.code ?? response.message}` : String(response.status);
      if (!(response instanceof Error)) await response.arrayBuffer();
      if (outcome !== '200') refusals.set(outcome, (refusals.get(outcome) ?? 0) + 1);
      return outcome === '200';
    };
    let reported = 0;
    const report = () => {
      const n = reported++;
      const caseId = reportable[n % reportable.length];
      const month = Math.floor(n / reportable.length);
      const period = `${2016 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
      return call(`/cases/${caseId}/performance-reports`, { measureId: 'm1', period, actual: 30 + (n % 20), on: '2016-07-11' });
    };
    const endpoints: [string, (i: number) => Promise<boolean>][] = [
      ['GET /health', () => call('/health')],
      ['GET /outcomes/{caseId}', (i) => call(`/outcomes/${reportable[i % reportable.length]}`)],
      ['POST /cases/{caseId}/performance-reports', report],
    ];
    for (let i = 0; i < 20; i++) for (const [, send] of endpoints) await send(i); // warm-up
    const results: (RateResult & { endpoint: string; answers: Record<string, number> })[] = [];
    for (const rate of rates) {
      for (const [endpoint, send] of endpoints) {
        process.stderr.write(`${endpoint} at ${rate}/s…\n`);
        refusals = new Map();
        results.push({ endpoint, ...(await atFixedRate(rate, seconds, send)), answers: Object.fromEntries(refusals) });
        await caughtUp(base, api);
      }
    }
    const awardCosts = [];
    for (const year of years) {
      process.stderr.write(`awards in ${year.financialYear} (${year.awardedCases.toLocaleString('en-GB')} cases awarded)…\n`);
      const award = async (caseId: string, body: unknown) => {
        const response = await fetch(`${base}/cases/${caseId}/award`, { method: 'POST', headers, body: JSON.stringify(body) });
        const text = await response.text();
        if (response.status !== 200) throw new Error(`the award of ${caseId} was refused: ${response.status} ${text}`);
      };
      awardCosts.push({ year, ...(await timeAwards(year, award)) });
    }
    print(values.worker ? 'worker' : 'api', results, awardCosts, seconds);
    return 0;
  } finally {
    for (const child of [api, worker]) {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
    await bench.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Each award in turn: the first reads the year's ledger from the log, the others only what is new. */
async function timeAwards(year: AwardYear, award: (caseId: string, body: unknown) => Promise<void>) {
  const ms: number[] = [];
  for (const [i, caseId] of year.ready.entries()) {
    const started = performance.now();
    await award(caseId, awardBody(year, i));
    ms.push(performance.now() - started);
  }
  const rest = ms.slice(1).sort((a, b) => a - b);
  return { firstMs: ms[0], p50Ms: percentile(rest, 50), p90Ms: percentile(rest, 90) };
}

function print(readModelsIn: 'api' | 'worker', results: readonly (RateResult & { endpoint: string; answers: Record<string, number> })[], awards: readonly { year: AwardYear; firstMs: number; p50Ms: number; p90Ms: number }[], seconds: number): void {
  const failures = (answers: Record<string, number>) => Object.entries(answers).map(([answer, n]) => `${n} × ${answer}`).join(', ');
  const rows = results.map((r) => [r.endpoint, String(r.target), r.achieved.toFixed(0), String(r.failed), r.p50.toFixed(1), r.p90.toFixed(1), r.p99.toFixed(1), failures(r.answers)]);
  process.stdout.write(`${formatTable(['endpoint', 'target/s', 'achieved/s', 'failed', 'p50 ms', 'p90 ms', 'p99 ms', 'failed with'], rows)}\n\n`);
  const awardRows = awards.map((a) => [a.year.financialYear, a.year.awardedCases.toLocaleString('en-GB'), a.firstMs.toFixed(1), a.p50Ms.toFixed(1), a.p90Ms.toFixed(1)]);
  process.stdout.write(`${formatTable(['award in', 'cases awarded', 'first ms', 'then p50 ms', 'then p90 ms'], awardRows)}\n`);
  const key = (endpoint: string) => (endpoint.startsWith('GET /health') ? 'health' : endpoint.startsWith('GET') ? 'query' : 'command');
  const line = {
    bench: 'api',
    read_models_in: readModelsIn,
    seconds_per_rate: seconds,
    ...Object.fromEntries(
      results.map((r) => [`${key(r.endpoint)}_${r.target}`, { achieved: round3(r.achieved), failed: r.failed, failed_with: r.answers, p50_ms: round3(r.p50), p90_ms: round3(r.p90), p99_ms: round3(r.p99) }]),
    ),
    ...Object.fromEntries(awards.map((a) => [`award_${a.year.awardedCases}_cases`, { first_ms: round3(a.firstMs), p50_ms: round3(a.p50Ms), p90_ms: round3(a.p90Ms) }])),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Polls /health until it answers 200 with every read model at lag 0. */
async function caughtUp(base: string, api: ChildProcess, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (api.exitCode !== null) throw new Error(`the API exited (${api.exitCode})`);
    const health = await fetch(`${base}/health`).then(
      async (r) => (r.status === 200 ? ((await r.json()) as { projections: { lag: number }[] }) : undefined),
      () => undefined,
    );
    if (health && health.projections.length > 0 && health.projections.every((p) => p.lag === 0)) return;
    if (Date.now() > deadline) throw new Error('the read models did not catch up');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

runBench(main);
