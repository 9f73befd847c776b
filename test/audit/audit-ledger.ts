import { randomUUID } from 'node:crypto';
import { SealStore, SqlAuditLog } from '@app/audit';
import { CaseService, FrameworkService } from '@app/commissioning';
import type { SqlDatabase } from '@app/database';
import type { CaseCommand } from '@app/domain';
import { SqlEventStore } from '@app/event-store';
import type { CommandContext } from '@app/platform';
import { freshPglite, freshPostgres, testDatabaseUrl } from '@test/support/databases';
import { seed201617 } from '@test/support/seed';

export const BLABY = '2016-17-B51';
export const OFFICER = { id: 'officer.one', role: 'opcc-staff' } as const;
export const BLABY_USER = { id: 'csp.blaby', role: 'csp', locality: 'blaby' } as const;

/** One step of the story: what was done, the business time it speaks of, and when the ledger stored it. */
export interface Step {
  readonly caseId: string;
  readonly command: CaseCommand;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor?: CommandContext['actor'];
}

const MEASURE = { id: 'asb', name: 'ASB incidents', unit: 'incidents', target: 100, frequency: 'quarterly', direction: 'lower-is-better' } as const;

/**
 * Blaby's PLF year: the plan submitted on 12 Jan 2016 but recorded two days late, the
 * meeting, and an award of £20,000 on 15 Mar 2016 that releases £9,700 of its £29,700.
 */
export const BLABY_STORY: readonly Step[] = [
  {
    caseId: BLABY,
    command: { type: 'SubmitCspPlan', on: '2016-01-12', budgetLines: [{ id: 'l1', description: 'Street pastors, "Blaby, Enderby"', pence: 2_000_000 }], performanceFramework: [MEASURE] },
    occurredAt: '2016-01-12T00:00:00+00:00',
    recordedAt: '2016-01-14T09:30:00Z',
    actor: BLABY_USER,
  },
  { caseId: BLABY, command: { type: 'ScheduleCspMeeting', on: '2016-01-20', meetingOn: '2016-02-20' }, occurredAt: '2016-01-20T10:00:00+00:00', recordedAt: '2016-01-20T10:00:00Z' },
  { caseId: BLABY, command: { type: 'HoldCspMeeting', on: '2016-02-20', notes: 'Agreed' }, occurredAt: '2016-02-20T11:00:00+00:00', recordedAt: '2016-02-20T11:00:00Z' },
  {
    caseId: BLABY,
    command: {
      type: 'AwardContract',
      on: '2016-03-15',
      contract: { kind: 'agreement', provider: 'Blaby District Council', valuePence: 2_000_000, outcomes: [], qualityStandards: [], measures: [MEASURE], underAchievementClause: 'Quarterly review', startDate: '2016-04-01', endDate: '2017-03-31' },
    },
    occurredAt: '2016-03-15T12:00:00+00:00',
    recordedAt: '2016-03-15T12:00:00Z',
  },
];

export interface AuditLedger {
  readonly db: SqlDatabase;
  readonly store: SqlEventStore;
  readonly cases: CaseService;
  readonly log: SqlAuditLog;
  readonly seals: SealStore;
  readonly onPostgres: boolean;
  run(step: Step): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real store on PostgreSQL at TEST_DATABASE_URL (PGlite when unset), whose recordedAt
 * the test sets, with the 2016/17 framework imported on 23 Oct 2015.
 */
export async function auditLedger(steps: readonly Step[] = BLABY_STORY): Promise<AuditLedger> {
  const pg = testDatabaseUrl ? await freshPostgres() : undefined;
  const db = pg?.db ?? (await freshPglite());
  let now = new Date('2015-10-23T09:00:00Z');
  const store = new SqlEventStore(db, { now: () => now });
  const cases = new CaseService(store);
  const context = (occurredAt: string, actor: CommandContext['actor'] = OFFICER): CommandContext => ({
    actor,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt,
  });
  await new FrameworkService(store).importDocument(seed201617(), context('2015-10-23T10:00:00+01:00'));
  const run = async (step: Step) => {
    now = new Date(step.recordedAt);
    await cases.execute(step.caseId, step.command, context(step.occurredAt, step.actor));
  };
  for (const step of steps) await run(step);
  return {
    db,
    store,
    cases,
    log: new SqlAuditLog(db),
    seals: new SealStore(db),
    onPostgres: pg !== undefined,
    run,
    close: async () => (pg ? pg.drop() : db.close()),
  };
}

/** The stored position of a stream's event at a revision. */
export async function positionOf(db: SqlDatabase, streamId: string, revision: number): Promise<number> {
  const { rows } = await db.query<{ p: string }>('select global_position as p from events where stream_id = $1 and stream_revision = $2', [streamId, revision]);
  return Number(rows[0].p);
}
