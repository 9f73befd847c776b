import { randomUUID } from 'node:crypto';
import { CaseService, FrameworkService } from '@app/commissioning';
import type { SqlDatabase } from '@app/database';
import { amountOf, type CaseCommand, caseStreamId, frameworkDecider, frameworkStreamId } from '@app/domain';
import { SqlEventStore } from '@app/event-store';
import { type CommandContext, loadStream } from '@app/platform';
import { freshPglite, freshPostgres, testDatabaseUrl } from '@test/support/databases';
import { seed201617 } from '@test/support/seed';

const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
  actor: { id: 'officer.one', role: 'opcc-staff' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2016-03-01T10:00:00+00:00',
  ...extra,
});

const award: CaseCommand = {
  type: 'AwardContract',
  on: '2016-03-01',
  contract: { kind: 'agreement', provider: 'Blaby District Council', valuePence: 2_000_000, outcomes: [], qualityStandards: [], measures: [], underAchievementClause: 'Quarterly review', startDate: '2016-04-01', endDate: '2017-03-31' },
};

class InjectedCrash extends Error {}

const drivers: [string, () => Promise<{ db: SqlDatabase; release: () => Promise<void> }>][] = [
  ['PGlite', async () => { const db = await freshPglite(); return { db, release: () => db.close() }; }],
];
if (testDatabaseUrl) drivers.push(['PostgreSQL', async () => { const pg = await freshPostgres(); return { db: pg.db, release: () => pg.drop() }; }]);
else console.log('PostgreSQL run of the combined ledger-and-case append skipped: TEST_DATABASE_URL is not set (PGlite still runs).');

describe.each(drivers)('the budget ledger and the case move in one transaction (%s)', (_name, open) => {
  let release: () => Promise<void>;
  let store: SqlEventStore;
  let cases: CaseService;
  let blaby = '';
  const held = async () => amountOf((await loadStream(store, frameworkDecider, frameworkStreamId('2016-17'))).state.committedByCase, blaby);
  const revisions = async () => [await store.streamRevision(caseStreamId(blaby)), await store.streamRevision(frameworkStreamId('2016-17'))];

  beforeAll(async () => {
    const opened = await open();
    release = opened.release;
    store = new SqlEventStore(opened.db);
    cases = new CaseService(store);
    const frameworks = new FrameworkService(store);
    await frameworks.importDocument(seed201617(), context());
    blaby = (await frameworks.load('2016-17')).definition?.commitments.find((c) => c.locality === 'blaby')?.caseId ?? '';
    const steps: CaseCommand[] = [
      { type: 'SubmitCspPlan', on: '2016-01-12', budgetLines: [{ id: 'l1', description: 'Street pastors', pence: 2_000_000 }], performanceFramework: [{ id: 'asb', name: 'ASB incidents', unit: 'incidents', target: 100, frequency: 'quarterly', direction: 'lower-is-better' }] },
      { type: 'ScheduleCspMeeting', on: '2016-01-20', meetingOn: '2016-02-20' },
      { type: 'HoldCspMeeting', on: '2016-02-20', notes: 'Agreed' },
    ];
    for (const command of steps) await cases.execute(blaby, command, context());
  });
  afterAll(() => release());

  it('a crash injected between the case and the ledger writes leaves neither stream moved', async () => {
    expect(await held()).toBe(2_970_000);
    const before = await revisions();
    cases.faults = {
      afterStream: () => {
        throw new InjectedCrash('crashed after the first stream was written');
      },
    };
    await expect(cases.execute(blaby, award, context())).rejects.toBeInstanceOf(InjectedCrash);
    cases.faults = undefined;
    expect(await revisions()).toEqual(before);
    expect(await held()).toBe(2_970_000);
    expect((await cases.get(blaby)).stage).toBe('meeting-held');
  });

  it('then the same award records both: the case is active and the ledger holds the award', async () => {
    const [caseBefore, ledgerBefore] = await revisions();
    const outcome = await cases.execute(blaby, award, context());
    expect(outcome.events.map((e) => e.type)).toEqual(['ContractAwarded']);
    expect(outcome.events[0]).toMatchObject({ schemaVersion: 2, data: { on: '2016-03-01' } });
    expect(outcome.events[0].data).not.toHaveProperty('awardedOn');
    expect(await revisions()).toEqual([caseBefore + 1, ledgerBefore + 1]);
    expect(await held()).toBe(2_000_000);
    expect((await cases.get(blaby)).stage).toBe('active');
  });

  it('a decision that changes nothing is already done: no events and nothing appended, not INVALID_EVENT', async () => {
    const before = await revisions();
    const remind: CaseCommand = { type: 'SendReminder', on: '2016-03-02', deadlineKey: `${blaby}:plf-meeting`, dueOn: '2016-02-29', daysBefore: 0, recipient: 'csp' };
    const outcome = await cases.execute(blaby, remind, context());
    expect(outcome.events).toEqual([]);
    expect(await revisions()).toEqual(before);
  });
});
