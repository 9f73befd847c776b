/**
 * Replay and catch-up of every read model against the raw read of the same log, in one run.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:replay -- --events 200000
 *   npm run bench:replay -- --events 20000 --store pglite
 *
 * Generates a log of N domain-valid events with the product's own services (see
 * lib/replay-log.ts) in a throw-away database (PostgreSQL at DATABASE_URL, or PGlite in a
 * temporary directory), then measures, each phase in a process of its own (peak RSS is
 * that phase's): the raw baseline (driver read + JSON parse in pages of 10,000), live
 * catch-up of every read model from position 0, replay of each read model alone and of
 * all together. Progress goes to stderr; a table and, last, one JSON line to stdout.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { migrate } from '@app/database';
import { READ_MODELS } from '@app/projections';
import { createBenchDatabase } from './lib/bench-database';
import { formatTable, rate, ratio, round3 } from './lib/report';
import { generateLog } from './lib/replay-log';
import { openBenchDb, type PhaseResult, runPhase } from './lib/replay-phases';
import { runBench, usageError } from './lib/main';

const USAGE = `Usage: npm run bench:replay -- [--events N] [--store postgres|pglite] [--keep]

  --events N   events to generate (default 200000)
  --store S    postgres (DATABASE_URL, default) or pglite (a temporary directory)
  --keep       keep the bench database or directory (its name is printed)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '200000' },
      store: { type: 'string', default: 'postgres' },
      keep: { type: 'boolean', default: false },
      phase: { type: 'string' },
      target: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.phase && values.target) {
    process.stdout.write(`${JSON.stringify(await runPhase(values.target, values.phase))}\n`);
    return 0;
  }
  const events = Number(values.events);
  if (!Number.isSafeInteger(events) || events < 1000) return usageError('--events must be an integer ≥ 1000', USAGE);
  const pglite = values.store === 'pglite';
  if (!pglite && values.store !== 'postgres') return usageError('--store must be postgres or pglite', USAGE);
  if (!pglite && !process.env.DATABASE_URL) return usageError('DATABASE_URL is not set (or use --store pglite)', USAGE);

  const bench = pglite ? undefined : await createBenchDatabase(process.env.DATABASE_URL as string);
  const dir = pglite ? mkdtempSync(join(tmpdir(), 'cl-bench-')) : undefined;
  const target = bench?.url ?? (dir as string);
  process.stderr.write(`bench ${pglite ? `PGlite in ${dir}` : `database ${bench?.name}`}\n`);
  try {
    const db = await openBenchDb(target);
    await migrate(db);
    const started = Date.now();
    const log = await generateLog(db, events, (done) => process.stderr.write(`\rgenerating the log: ${done.toLocaleString('en-GB')} events`));
    const generateSeconds = (Date.now() - started) / 1000;
    process.stderr.write(`\n${log.events} events, ${log.years} years, ${log.cases} generated cases, commands refused ${JSON.stringify(log.refused)}, in ${generateSeconds.toFixed(0)} s\n`);
    await db.close();

    const phases = ['raw', 'catchup', ...READ_MODELS.map((p) => `replay:${p.name}`), 'replay:all'];
    const results: PhaseResult[] = [];
    for (const phase of phases) {
      process.stderr.write(`${phase}…\n`);
      const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1], '--phase', phase, '--target', target], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      results.push(JSON.parse(out.trim().split('\n').at(-1) as string) as PhaseResult);
    }
    report(results, log.events, pglite ? 'pglite' : 'postgres');
    return 0;
  } finally {
    if (values.keep) process.stderr.write(`kept ${target}\n`);
    else {
      await bench?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
}

function report(results: readonly PhaseResult[], events: number, store: string): void {
  const raw = results.find((r) => r.phase === 'raw') as PhaseResult;
  const all = results.find((r) => r.phase === 'replay:all') as PhaseResult;
  const catchup = results.find((r) => r.phase === 'catchup') as PhaseResult;
  const rows = results.map((r) => [
    r.phase,
    rate(r.events),
    r.seconds.toFixed(1),
    rate(r.eventsPerSecond),
    ratio(r.eventsPerSecond / raw.eventsPerSecond),
    String(r.peakRssMb),
    r.differing === undefined ? '' : String(r.differing),
  ]);
  process.stdout.write(`${formatTable(['phase', 'events', 's', 'events/s', 'ratio to raw', 'peak RSS MB', 'differing'], rows)}\n`);
  const line = {
    bench: 'replay',
    store,
    events,
    raw_events_per_s: round3(raw.eventsPerSecond),
    replay_all_events_per_s: round3(all.eventsPerSecond),
    replay_all_ratio: round3(all.eventsPerSecond / raw.eventsPerSecond),
    replay_all_seconds: round3(all.seconds),
    catchup_events_per_s: round3(catchup.eventsPerSecond),
    replay_peak_rss_mb: all.peakRssMb,
    replay_differing: all.differing,
    ...Object.fromEntries(results.filter((r) => r.phase.startsWith('replay:') && r.phase !== 'replay:all').map((r) => [`replay_${r.phase.slice(7)}_events_per_s`, round3(r.eventsPerSecond)])),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

runBench(main);
