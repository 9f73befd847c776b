import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CaseService, FrameworkService } from '@app/commissioning';
import { loadConfig } from '@app/config';
import { migrate, PgliteDatabase } from '@app/database';
import { addDays, daysBetween, frameworkStreamId } from '@app/domain';
import { SqlEventStore, type StoredEvent } from '@app/event-store';
import { type CommandContext, londonOffset, ManualClock } from '@app/platform';
import { ProjectionRunner, READ_MODELS } from '@app/projections';
import { Reminders, reminderSettingsFrom } from '@app/reminders';
import { SCENARIO_2016_17, type ScriptedAction } from './scenario-2016-17';

export interface SimulationOptions {
  readonly from: string;
  readonly to: string;
  /** A fresh data directory: the simulation writes its own embedded store and outbox there. */
  readonly dataDir: string;
  readonly redisUrl: string;
  readonly seedFile: string;
  readonly reminderHour?: number;
  readonly onDay?: (date: string, done: number, total: number) => void;
}

export interface SimulationRun {
  readonly events: readonly StoredEvent[];
  readonly db: PgliteDatabase;
  readonly days: number;
  readonly actions: number;
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
  const clock = new ManualClock(londonInstant(options.from, 8));
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
    const document = JSON.parse(await readFile(options.seedFile, 'utf8'));
    await frameworks.importDocument(document, context(options.from, { id: 'commissioning.officer', role: 'opcc-staff' }));
    const definition = (await frameworks.load(document.financialYear)).definition;
    const caseOf = (target: ScriptedAction['target']) =>
      definition?.commitments.find((c) => ('locality' in target ? c.locality === target.locality && c.mechanism === 'plf' : c.ref === target.ref))?.caseId;

    const total = daysBetween(options.from, options.to) + 1;
    for (let day = 0, date = options.from; day < total; day += 1, date = addDays(date, 1)) {
      clock.set(londonInstant(date, 8));
      for (const action of SCENARIO_2016_17.filter((a) => a.on === date)) {
        const caseId = caseOf(action.target);
        if (!caseId) throw new Error(`The scenario names ${JSON.stringify(action.target)}, which the framework does not have`);
        await cases.execute(caseId, action.command, context(date, action.actor));
        actions += 1;
      }
      await runner.catchUp();
      clock.set(londonInstant(date, hour));
      await reminders.scheduler.enqueueDue(clock.now());
      await reminders.drain();
      await runner.catchUp();
      options.onDay?.(date, day + 1, total);
    }
    return { events: await readEverything(store), db, days: total, actions };
  } catch (error) {
    await db.close();
    throw error;
  } finally {
    await reminders.queues.obliterate().catch(() => undefined);
    await reminders.stop();
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

export const FRAMEWORK_STREAM = frameworkStreamId('2016-17');
