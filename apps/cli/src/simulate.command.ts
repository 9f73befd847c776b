import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AppConfig } from '@app/config';
import { isBusinessDate } from '@app/domain';
import { budgetSummary, formatTimelineLine, outcomeSummary, simulate, timelineOf } from '@app/simulation';
import { progressBar } from './progress';

interface SimulateOptions {
  from?: string;
  to?: string;
  dataDir?: string;
  seed: string;
  scenario: string;
}

@Command({
  name: 'simulate',
  description:
    'Run a scenario (by default the 2016/17 worked example) on its framework in simulated time on a fresh data directory, ' +
    'with real BullMQ reminders; prints a timeline (business date, event type, stream) and the budget and outcome summaries',
})
export class SimulateCommand extends CommandRunner {
  constructor(private readonly config: AppConfig) {
    super();
  }

  async run(_args: string[], options: SimulateOptions): Promise<void> {
    for (const field of ['from', 'to'] as const) {
      if (options[field] !== undefined && !isBusinessDate(options[field])) throw new Error(`--${field} must be a date written YYYY-MM-DD`);
    }
    if (options.from && options.to && options.to < options.from) throw new Error('--to must not be before --from');
    const dataDir = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 'ledger-simulation-'));
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0 && options.dataDir) {
      throw new Error(`--data-dir ${dataDir} is not empty: the simulation needs a fresh one`);
    }
    const started = Date.now();
    const bar = progressBar('Simulating');
    let run;
    try {
      run = await simulate({
        from: options.from,
        to: options.to,
        dataDir,
        redisUrl: this.config.REDIS_URL,
        seedFile: options.seed,
        scenarioFile: options.scenario,
        reminderHour: this.config.REMINDER_HOUR,
        onDay: (date, done, total) => bar.update(done, total, date),
      });
    } finally {
      bar.stop();
    }
    try {
      const timeline = timelineOf(run.events);
      const out = [
        ...timeline.map(formatTimelineLine),
        '',
        ...(await budgetSummary(run.db, run.financialYear)),
        '',
        ...(await outcomeSummary(run.db, run.to)),
        '',
        `${run.days} days (${run.from} to ${run.to}), ${run.actions} of ${run.scripted} scripted actions, ${run.events.length} events ` +
          `(${timeline.filter((l) => l.type === 'ReminderSent').length} reminders, ` +
          `${timeline.filter((l) => l.type === 'DeadlineMissed').length} missed deadlines) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `data and outbox in ${dataDir}`,
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    } finally {
      await run.db.close();
    }
  }

  @Option({ flags: '--from <date>', description: 'first business day (default: the scenario’s from, else the framework’s issue date)' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <date>', description: 'last business day (default: the scenario’s to, else the end of the framework’s year)' })
  parseTo(value: string): string {
    return value;
  }

  @Option({ flags: '--data-dir <dir>', description: 'an empty directory for the run (default: a new temporary one)' })
  parseDataDir(value: string): string {
    return value;
  }

  @Option({ flags: '--seed <file>', description: 'the framework document', defaultValue: 'infra/seed/framework-2016-17.json' })
  parseSeed(value: string): string {
    return value;
  }

  @Option({ flags: '--scenario <file>', description: 'the scenario document (schema: infra/scenarios/scenario.schema.json)', defaultValue: 'infra/scenarios/2016-17.json' })
  parseScenario(value: string): string {
    return value;
  }
}
