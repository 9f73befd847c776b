/**
 * The reminder schedule at scale: N open deadlines in the deadlines table, their jobs in Redis.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 \
 *     npm run bench:reminders -- --deadlines 100000
 *
 * Writes the deadlines read model of N / 50 contracts with 50 open quarterly report deadlines
 * each (documents made by the deadlines read model's own rules), in a throw-away database and
 * under a queue prefix of its own, then measures in one run: the raw baseline (the table read
 * and parsed, every open deadline listed), the first reconcile (every job added), a reconcile
 * that changes nothing (the running one: only the cases with events since the last), and a
 * full reconcile that changes nothing (the one after a restart, or every 60th), each with the
 * process's peak RSS. Last line JSON.
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { migrate } from '@app/database';
import { type DeadlineRule, nextPeriod, periodContaining, workflowFor } from '@app/domain';
import { SqlEventStore } from '@app/event-store';
import { ManualClock } from '@app/platform';
import { DocumentTable, ProjectionRunner, tableOf } from '@app/projections';
import { type CaseDeadlinesDoc, type TrackedDeadline, deadlinesOf, deadlinesProjection, openDeadline, reportDeadlineKey } from '@app/projections/deadlines';
import { DeadlineSource, ReminderQueues, ReminderScheduler, type ReminderSettings } from '@app/reminders';
import { createBenchDatabase } from './lib/bench-database';
import { measured, openBenchDb } from './lib/replay-phases';
import { formatTable, rate, round3 } from './lib/report';
import { runBench, usageError } from './lib/main';

const USAGE = `Usage: DATABASE_URL=… REDIS_URL=… npm run bench:reminders -- [--deadlines N] [--keep]

  --deadlines N  open deadlines in the table (default 100000; 50 per contract)
  --keep         keep the bench database and the queue (their names are printed)`;

const PER_CASE = 50;
const NOW = new Date('2016-04-01T08:00:00Z');

interface Phase {
  readonly phase: string;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly detail: string;
}

async function phaseOf(phase: string, work: () => Promise<string>): Promise<Phase> {
  global.gc?.();
  const { value: detail, seconds, peakRssMb } = await measured(work);
  process.stderr.write(`${phase}: ${seconds.toFixed(2)} s, ${detail}\n`);
  return { phase, seconds, peakRssMb, detail };
}

/** A contract's deadlines document as the read model keeps it: 50 open quarterly reports on one measure. */
function contractDoc(index: number, rule: DeadlineRule): CaseDeadlinesDoc {
  const caseId = `2016-17-X${String(index).padStart(6, '0')}`;
  const base: CaseDeadlinesDoc = {
    caseId,
    financialYear: '2016-17',
    title: `Contract ${index}`,
    locality: null,
    workflow: { id: 'direct', version: 1 },
    rules: workflowFor('direct', 1).deadlines,
    reportDueDaysAfterPeriod: 14,
    contract: { provider: `Provider ${index}`, startDate: '2016-04-01', endDate: '2029-03-31', measures: [{ id: 'm1', name: 'Measure 1', frequency: 'quarterly', since: '2016-04-01' }] },
    ended: false,
    deadlines: {},
  };
  const measure = base.contract?.measures[0] as NonNullable<CaseDeadlinesDoc['contract']>['measures'][number];
  const deadlines: Record<string, TrackedDeadline> = {};
  let period = periodContaining('2016-04-01', 'quarterly');
  for (let i = 0; i < PER_CASE; i++, period = nextPeriod(period)) {
    const key = reportDeadlineKey(caseId, measure.id, period.label);
    deadlines[key] = openDeadline(base, rule, key, period.end, '2016-04-01', { measure, period });
  }
  return { ...base, deadlines };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { deadlines: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const wanted = Number(values.deadlines);
  if (!Number.isSafeInteger(wanted) || wanted < PER_CASE) return usageError(`--deadlines must be an integer ≥ ${PER_CASE}`, USAGE);
  if (!process.env.DATABASE_URL) return usageError('DATABASE_URL is not set', USAGE);
  const cases = Math.ceil(wanted / PER_CASE);

  const bench = await createBenchDatabase(process.env.DATABASE_URL);
  const db = await openBenchDb(bench.url);
  const settings: ReminderSettings = {
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    prefix: `bench-${randomBytes(6).toString('hex')}`,
    reminderHour: 9,
    reconcileIntervalMs: 60_000,
    pollMs: 50,
    retry: { attempts: 3, backoffMs: 1000 },
    worker: { concurrency: 1 },
    mail: { from: 'bench@example.org', outboxDir: '/nonexistent', publicUrl: 'http://localhost', opccLead: 'lead@example.org', cspTemplate: 'csp.{locality}@example.org', contractManager: 'cm@example.org' },
  };
  const queues = new ReminderQueues(settings);
  process.stderr.write(`bench database ${bench.name}, queue prefix ${settings.prefix}\n`);
  try {
    await migrate(db);
    const store = new SqlEventStore(db);
    await new ProjectionRunner(db, store, [deadlinesProjection]).prepare();
    const rule = workflowFor('direct', 1).deadlines.find((d) => d.kind === 'performance-report') as DeadlineRule;
    const table = new DocumentTable(tableOf(deadlinesProjection.name));
    for (let from = 0; from < cases; from += 1000) {
      const docs = new Map<string, CaseDeadlinesDoc>();
      for (let i = from; i < Math.min(cases, from + 1000); i++) {
        const doc = contractDoc(i, rule);
        docs.set(doc.caseId, doc);
      }
      await table.write(db, docs);
      process.stderr.write(`\rwriting the deadlines table: ${Math.min(cases, from + 1000).toLocaleString('en-GB')} of ${cases.toLocaleString('en-GB')} contracts`);
    }
    process.stderr.write('\n');

    const source = new DeadlineSource(db, store);
    const clock = new ManualClock(NOW);
    const phases: Phase[] = [];
    phases.push(
      await phaseOf('raw: the table read and parsed, open deadlines listed', async () => {
        const { rows } = await db.query<{ doc: CaseDeadlinesDoc }>(`select doc from ${table.table}`);
        const open = rows.flatMap((row) => deadlinesOf(row.doc)).filter((d) => d.status === 'open').length;
        return `${open.toLocaleString('en-GB')} open deadlines`;
      }),
    );
    const open = (await source.open()).length;
    const running = new ReminderScheduler(queues, source, clock, settings.reminderHour);
    const describe = (r: Awaited<ReturnType<ReminderScheduler['reconcile']>>) =>
      `${r.full ? 'full' : 'changes only'}: ${r.deadlines.toLocaleString('en-GB')} deadlines, ${r.added.toLocaleString('en-GB')} jobs added, ${r.removed} removed`;
    let jobs = 0;
    phases.push(
      await phaseOf('first reconcile (every job added)', async () => {
        const report = await running.reconcile();
        jobs = report.added;
        return describe(report);
      }),
    );
    phases.push(await phaseOf('reconcile, nothing changed (the running one)', async () => describe(await running.reconcile())));
    const restarted = new ReminderScheduler(queues, source, clock, settings.reminderHour);
    phases.push(await phaseOf('full reconcile, nothing changed (after a restart)', async () => describe(await restarted.reconcile())));

    const [raw, first, unchanged, full] = phases;
    process.stdout.write(
      `\n${open.toLocaleString('en-GB')} open deadlines, ${jobs.toLocaleString('en-GB')} jobs\n\n${formatTable(
        ['phase', 'seconds', 'deadlines/s', 'peak RSS MB', ''],
        phases.map((p) => [p.phase, p.seconds.toFixed(2), rate(open / p.seconds), String(p.peakRssMb), p.detail]),
      )}\n\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'reminders',
        open_deadlines: open,
        jobs,
        raw_seconds: round3(raw.seconds),
        first_reconcile_seconds: round3(first.seconds),
        unchanged_reconcile_seconds: round3(unchanged.seconds),
        unchanged_reconcile_peak_rss_mb: unchanged.peakRssMb,
        full_unchanged_reconcile_seconds: round3(full.seconds),
        full_unchanged_reconcile_ratio: round3(raw.seconds / full.seconds),
        full_unchanged_reconcile_peak_rss_mb: full.peakRssMb,
      })}\n`,
    );
    return 0;
  } finally {
    if (values.keep) process.stderr.write(`kept ${bench.url} and queue prefix ${settings.prefix}\n`);
    else await queues.obliterate().catch((error: Error) => process.stderr.write(`could not empty the queues: ${error.message}\n`));
    await queues.close();
    await db.close();
    if (!values.keep) await bench.drop();
  }
}

runBench(main);
