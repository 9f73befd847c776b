import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CaseService, documentChecksum, FrameworkService } from '@app/commissioning';
import { loadConfig } from '@app/config';
import { migrate, PgliteDatabase } from '@app/database';
import { addDays, daysBetween, DomainError, type FrameworkDefinition, readFrameworkImport } from '@app/domain';
import { SqlEventStore, type StoredEvent } from '@app/event-store';
import { type CommandContext, londonOffset, ManualClock } from '@app/platform';
import { ProjectionRunner, READ_MODELS } from '@app/projections';
import { Reminders, reminderSettingsFrom } from '@app/reminders';
import { readScenario, type Scenario, ScenarioRefused, type ScriptedAction } from './scenario';

export interface SimulationOptions {
  /** The run's first and last business days: by default the scenario's own. */
  readonly from?: string;
  readonly to?: string;
  /** A fresh data directory: the simulation writes its own embedded store and outbox there. */
  readonly dataDir: string;
  readonly redisUrl: string;
  /** The framework document (infra/seed/framework-2016-17.json) and the scenario run on it (infra/scenarios/2016-17.json). */
  readonly seedFile: string;
  readonly scenarioFile: string;
  readonly reminderHour?: number;
  readonly onDay?: (date: string, done: number, total: number) => void;
}

export interface SimulationRun {
  readonly events: readonly StoredEvent[];
  readonly db: PgliteDatabase;
  /** The framework's year, which the budget and outcome summaries are of. */
  readonly financialYear: string;
  readonly from: string;
  readonly to: string;
  readonly days: number;
  /** Actions run, of the scenario's `scripted` (those after `to` are not). */
  readonly actions: number;
  readonly scripted: number;
}

/** The instant `hour`:00 on a business date in Europe/London. */
export const londonInstant = (date: string, hour: number): Date =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:00:00${londonOffset(date)}`);

/**
 * Runs a year in simulated time with the real engine: the same case service, projections,
 * scheduler and BullMQ processors as production. Each business day: the day's actions,
 * the read models caught up, then whatever reminders and deadline checks have fallen due
 * are enqueued at once and the queues drained before the next day.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationRun> {
  const hour = options.reminderHour ?? 9;
  const document: unknown = JSON.parse(await readFile(options.seedFile, 'utf8'));
  const { definition } = readFrameworkImport(document, documentChecksum(document));
  const scenario = await loadScenario(options.scenarioFile, definition);
  const from = options.from ?? scenario.from;
  const to = options.to ?? scenario.to;
  const early = scenario.actions.find((a) => a.on < from);
  if (early) throw new ScenarioRefused([{ field: `actions[${early.index}].on`, reason: `${early.on} is before the run's first day, ${from}` }], options.scenarioFile);
  const clock = new ManualClock(londonInstant(from, 8));
  const db = await PgliteDatabase.open(join(options.dataDir, 'pglite'));
  await migrate(db);
  const store = new SqlEventStore(db);
  const cases = new CaseService(store);
  const frameworks = new FrameworkService(store);
  const runner = new ProjectionRunner(db, store, READ_MODELS, { batchSize: 1000 });
  await runner.prepare();
  const config = loadConfig({ DATA_DIR: options.dataDir, REDIS_URL: options.redisUrl, QUEUE_PREFIX: `sim-${randomUUID().slice(0, 8)}` });
  const reminders = new Reminders({ db, store, cases, clock }, reminderSettingsFrom(config, { pollMs: 10, reminderHour: hour }));
  let actions = 0;
  try {
    await reminders.queues.obliterate();
    await reminders.startProcessing();
    await frameworks.importDocument(document, context(from, { id: 'commissioning.officer', role: 'opcc-staff' }));

    const total = daysBetween(from, to) + 1;
    for (let day = 0, date = from; day < total; day += 1, date = addDays(date, 1)) {
      clock.set(londonInstant(date, 8));
      for (const action of scenario.actions.filter((a) => a.on === date)) {
        await runAction(cases, action);
        actions += 1;
      }
      await runner.catchUp();
      clock.set(londonInstant(date, hour));
      await reminders.scheduler.enqueueDue(clock.now());
      await reminders.drain();
      await runner.catchUp();
      options.onDay?.(date, day + 1, total);
    }
    return { events: await readEverything(store), db, financialYear: definition.financialYear, from, to, days: total, actions, scripted: scenario.actions.length };
  } catch (error) {
    await db.close();
    throw error;
  } finally {
    await reminders.queues.obliterate().catch(() => undefined);
    await reminders.stop();
  }
}

/** Reads a scenario file against the framework it is to run on; refused with every problem and its path. */
export async function loadScenario(file: string, framework: FrameworkDefinition): Promise<Scenario> {
  let document: unknown;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ScenarioRefused([{ field: '(document)', reason: `is not JSON: ${(error as Error).message}` }], file);
  }
  try {
    return await readScenario(document, framework);
  } catch (error) {
    throw error instanceof ScenarioRefused ? new ScenarioRefused(error.problems, file) : error;
  }
}

/** A refused action stops the run, naming the action, its date and the field the case refused. */
async function runAction(cases: CaseService, action: ScriptedAction): Promise<void> {
  try {
    await cases.execute(action.caseId, action.command, context(action.on, action.actor));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const at = `actions[${action.index}]${error.field ? `.command.${error.field}` : ''}`;
    throw new Error(`The scenario's actions[${action.index}] on ${action.on} (${action.command.type} on ${action.caseId}) was refused, ${error.code} at ${at}: ${error.field ? error.reason : error.message}`, { cause: error });
  }
}

function context(on: string, actor: CommandContext['actor']): CommandContext {
  return { actor, correlationId: randomUUID(), causationId: randomUUID(), occurredAt: `${on}T10:00:00${londonOffset(on)}` };
}

async function readEverything(store: SqlEventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, limit: 1000 });
    if (batch.length === 0) return events;
    events.push(...batch);
    after = batch[batch.length - 1].globalPosition;
  }
}
