import { randomUUID } from 'node:crypto';
import { SqlAuditLog, walkLog } from '@app/audit';
import { CaseService, FrameworkService, raiseProposal, receiveGrantApplication } from '@app/commissioning';
import { loadConfig } from '@app/config';
import type { SqlDatabase } from '@app/database';
import type { CaseCommand, FrameworkCommand, PersonalContact } from '@app/domain';
import { SqlEventStore } from '@app/event-store';
import type { CommandContext } from '@app/platform';
import { PublishingService, type PublishingSettings, publishingSettings } from '@app/publishing';
import { eventually } from '@test/support/api-app';
import { freshPglite, freshPostgres, testDatabaseUrl } from '@test/support/databases';
import { seed201617 } from '@test/support/seed';

export const OFFICER = { id: 'officer.publishing', role: 'opcc-staff' } as const;

/** The 2016/17 ledger a publication reads: a real store whose recording clock each step sets. */
export interface PublishingLedger {
  readonly cases: CaseService;
  readonly frameworks: FrameworkService;
  readonly publishing: PublishingService;
  readonly log: SqlAuditLog;
  readonly settings: PublishingSettings;
  /** Runs a case command dated `on`, recorded at `recordedAt` (default: noon UTC that day). */
  run(caseId: string, command: CaseCommand, recordedAt?: string): Promise<void>;
  framework(command: FrameworkCommand, on: string): Promise<void>;
  propose(caseId: string, mechanism: 'direct' | 'co-commissioning', estimatedValuePence: number, on: string, extra?: Record<string, unknown>): Promise<void>;
  /** A PCC grant application in an open round, with its applicant's contact person. */
  apply(caseId: string, application: { roundId: string; applicant: string; requestedPence: number; contact?: PersonalContact; locality?: string }, on: string): Promise<void>;
  /**
   * Waits until the log reader sees every event stored: it reads only below the oldest
   * transaction in flight on the server, which on a shared PostgreSQL may be anyone's.
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function publishingLedger(env: Record<string, string> = {}): Promise<PublishingLedger> {
  const pg = testDatabaseUrl ? await freshPostgres() : undefined;
  const db: SqlDatabase = pg?.db ?? (await freshPglite());
  let now = new Date('2015-10-23T09:00:00Z');
  const store = new SqlEventStore(db, { now: () => now });
  const cases = new CaseService(store);
  const frameworks = new FrameworkService(store);
  const context = (occurredAt: string): CommandContext => ({ actor: OFFICER, correlationId: randomUUID(), causationId: randomUUID(), occurredAt });
  await frameworks.importDocument(seed201617(), context('2015-10-23T10:00:00+01:00'));
  const settings = publishingSettings(loadConfig({ PUBLISH_360G_PREFIX: 'leicspcc', PUBLISH_OCID_PREFIX: 'ocds-l3ics0', ...env }));
  const at = (on: string, recordedAt?: string) => {
    now = new Date(recordedAt ?? `${on}T12:00:00Z`);
    return context(`${on}T12:00:00+00:00`);
  };
  const log = new SqlAuditLog(db);
  return {
    cases,
    frameworks,
    publishing: new PublishingService(log, settings),
    log,
    settings,
    settled: () =>
      eventually(async () => {
        let seen = 0;
        for await (const _ of walkLog(log)) seen += 1;
        expect(seen).toBe((await log.size()).events);
      }, 60_000),
    run: async (caseId, command, recordedAt) => {
      await cases.execute(caseId, command, at(command.on, recordedAt));
    },
    framework: async (command, on) => {
      await frameworks.execute('2016-17', command, at(on));
    },
    propose: async (caseId, mechanism, estimatedValuePence, on, extra = {}) => {
      const framework = await frameworks.load('2016-17');
      const input = { financialYear: '2016-17', caseId, title: `Proposal ${caseId}`, mechanism, estimatedValuePence, theme: 'supporting-victims', primaryPriorities: ['SP7'], ...extra };
      await cases.open(caseId, raiseProposal(framework, input, on), at(on));
    },
    apply: async (caseId, application, on) => {
      const framework = await frameworks.load('2016-17');
      const input = { financialYear: '2016-17', caseId, title: `Application ${caseId}`, theme: 'reducing-offending', primaryPriorities: ['SP1'], ...application };
      await cases.open(caseId, receiveGrantApplication(framework, input, on), at(on));
    },
    close: async () => (pg ? pg.drop() : db.close()),
  };
}
