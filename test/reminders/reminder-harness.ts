import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { CaseService } from '@app/commissioning';
import type { SqlDatabase } from '@app/database';
import { type CaseCommand, type CaseEvent, caseStreamId, type CaseProfile, workflowFor } from '@app/domain';
import { type EventStore, SqlEventStore, type StoredEvent } from '@app/event-store';
import { ManualClock } from '@app/platform';
import { ProjectionRunner } from '@app/projections';
import { deadlinesProjection } from '@app/projections/deadlines';
import { type DeliveryHooks, type ReminderHooks, Reminders, type ReminderSettings } from '@app/reminders';
import { freshPglite, freshPostgres, testDatabaseUrl } from '@test/support/databases';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** London business time as an instant: 2016 winter dates are GMT, summer ones BST. */
export const at = (isoWithOffset: string): Date => new Date(isoWithOffset);

export const officer = (on: string) => ({
  actor: { id: 'officer.one', role: 'opcc-staff' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: `${on}T10:00:00+00:00`,
});

export const plfProfile = (caseId: string, locality: string): CaseProfile => ({
  caseId,
  financialYear: '2016-17',
  mechanism: 'plf',
  title: `${locality} PLF`,
  description: null,
  theme: null,
  primaryPriorities: [],
  secondaryPriorities: [],
  geographicalReach: { asPrinted: null, scope: 'localities', localities: [locality] },
  locality,
  origin: { source: 'appendix-b', ref: null },
});

/** CREATE DATABASE fails while another copies template1 at the same moment (parallel test files): try again. */
async function freshPostgresRetrying(attempts = 5): Promise<Awaited<ReturnType<typeof freshPostgres>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await freshPostgres();
    } catch (error) {
      if (attempt >= attempts || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** Settings for one test file: its own queue prefix, a quick retry and a short lock so a killed worker's job is taken over fast. */
export function testSettings(prefix: string, mail: { smtpUrl?: string; outboxDir: string }, overrides: Partial<ReminderSettings> = {}): ReminderSettings {
  return {
    redisUrl: REDIS_URL,
    prefix,
    reminderHour: 9,
    reconcileIntervalMs: 60_000,
    pollMs: 20,
    retry: { attempts: 3, backoffMs: 20 },
    worker: { concurrency: 2, lockDuration: 1000, stalledInterval: 500 },
    mail: {
      ...mail,
      from: 'Commissioning Ledger <commissioning@example.org>',
      publicUrl: 'https://ledger.example.org',
      opccLead: 'opcc.lead@example.org',
      cspTemplate: 'csp.{locality}@example.org',
      contractManager: 'contracts@example.org',
    },
    ...overrides,
  };
}

/**
 * A ledger with reminders on real Redis: a fresh PostgreSQL database when TEST_DATABASE_URL
 * is set, else PGlite in memory, unless a database is given;
 * the deadlines read model kept by a ProjectionRunner the test drives, and a Clock it moves.
 */
export class ReminderHarness {
  readonly prefix = `test-rem-${randomUUID().slice(0, 8)}`;
  readonly outboxDir = mkdtempSync(join(tmpdir(), 'ledger-outbox-'));
  readonly clock = new ManualClock(at('2016-01-12T10:00:00Z'));
  readonly store: EventStore;
  readonly cases: CaseService;
  readonly projections: ProjectionRunner;
  readonly reminders: Reminders;
  private readonly redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });

  private constructor(
    readonly db: SqlDatabase,
    private readonly dropDb: () => Promise<void>,
    options: { smtpUrl?: string; settings?: Partial<ReminderSettings>; hooks?: ReminderHooks & DeliveryHooks; prefix?: string },
  ) {
    if (options.prefix) (this as { prefix: string }).prefix = options.prefix;
    this.store = new SqlEventStore(db, { pollMs: 20 });
    this.cases = new CaseService(this.store);
    this.projections = new ProjectionRunner(db, this.store, [deadlinesProjection]);
    const settings = testSettings(this.prefix, { smtpUrl: options.smtpUrl, outboxDir: this.outboxDir }, options.settings);
    this.reminders = new Reminders({ db, store: this.store, cases: this.cases, clock: this.clock }, settings, options.hooks);
  }

  static async start(options: { db?: SqlDatabase; smtpUrl?: string; settings?: Partial<ReminderSettings>; hooks?: ReminderHooks & DeliveryHooks; prefix?: string } = {}) {
    // A fresh PostgreSQL database takes a tenth of a second; a fresh PGlite, seconds.
    const pg = !options.db && testDatabaseUrl ? await freshPostgresRetrying() : undefined;
    const db = options.db ?? pg?.db ?? (await freshPglite());
    // A database the caller gave stays the caller's to close.
    const release = pg ? () => pg.drop() : options.db ? async () => undefined : () => db.close();
    const harness = new ReminderHarness(db, release, options);
    await harness.projections.prepare();
    return harness;
  }

  /** A locality's PLF case, its meeting due on `meetingDeadline`, and the deadlines table caught up. */
  async openPlfCase(caseId: string, locality: string, meetingDeadline = '2016-02-29'): Promise<void> {
    await this.run(caseId, { type: 'RequestCspPlan', on: '2015-10-23', profile: plfProfile(caseId, locality), workflow: workflowFor('plf', 1), allocationPence: 2_970_000, meetingDeadline });
  }

  async run(caseId: string, command: CaseCommand): Promise<void> {
    const outcome = await this.cases.execute(caseId, command, officer(command.on));
    await this.settle(outcome.events.map((e) => e.id));
  }

  /**
   * The log is read below the oldest transaction open anywhere on the server (other test
   * files' included), so a committed event can stay out of sight a moment: wait until these
   * are in sight, then bring the deadlines table up to them.
   */
  async settle(eventIds: readonly string[]): Promise<void> {
    for (;;) {
      const seen = new Set((await this.store.readAll({ after: 0, limit: 100_000 })).map((e) => e.id));
      if (eventIds.every((id) => seen.has(id))) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.projections.catchUp();
  }

  async events(caseId: string, type: CaseEvent['type']): Promise<StoredEvent[]> {
    return (await this.store.readStream(caseStreamId(caseId))).filter((e) => e.type === type);
  }

  /** What FLUSHALL would do to this ledger, without touching the other test files' keys. */
  async flushRedis(): Promise<number> {
    const keys = await this.redis.keys(`${this.prefix}:*`);
    if (keys.length > 0) await this.redis.del(...keys);
    return keys.length;
  }

  async close(): Promise<void> {
    await this.reminders.queues.obliterate().catch(() => undefined);
    await this.reminders.stop();
    await this.flushRedis();
    this.redis.disconnect();
    await this.store.close();
    await this.dropDb();
    rmSync(this.outboxDir, { recursive: true, force: true });
  }
}
