import { randomUUID } from 'node:crypto';
import { CaseService, FrameworkService } from '@app/commissioning';
import type { SqlDatabase } from '@app/database';
import { type CaseCommand, frameworkDecider, frameworkStreamId } from '@app/domain';
import { type AppendOptions, type NewEvent, SqlEventStore, WrongExpectedRevision } from '@app/event-store';
import { type CommandContext, loadStream } from '@app/platform';
import { freshPglite } from '@test/support/databases';
import { seed201617 } from '@test/support/seed';

/** The real store, made to lose one race on a case stream (as a concurrent writer would). */
class LosesOneRace extends SqlEventStore {
  armed = false;
  override async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions) {
    if (this.armed && streamId.startsWith('case-')) {
      this.armed = false;
      throw new WrongExpectedRevision(streamId, options.expected, 99);
    }
    return super.appendToStream(streamId, events, options);
  }
}

const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
  actor: { id: 'officer.one', role: 'opcc-staff' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2016-03-01T10:00:00+00:00',
  ...extra,
});

describe('the budget ledger and the case stay in step', () => {
  let db: SqlDatabase;
  let store: LosesOneRace;
  let cases: CaseService;
  let blaby = '';
  const held = async () => (await loadStream(store, frameworkDecider, frameworkStreamId('2016-17'))).state.committedByCase[blaby];

  beforeAll(async () => {
    db = await freshPglite();
    store = new LosesOneRace(db);
    cases = new CaseService(store);
    const frameworks = new FrameworkService(store, cases);
    await frameworks.importDocument(seed201617(), context());
    blaby = (await frameworks.load('2016-17')).definition?.commitments.find((c) => c.locality === 'blaby')?.caseId ?? '';
    const steps: CaseCommand[] = [
      { type: 'SubmitCspPlan', on: '2016-01-12', budgetLines: [{ id: 'l1', description: 'Street pastors', pence: 2_000_000 }], performanceFramework: [{ id: 'asb', name: 'ASB incidents', unit: 'incidents', target: 100, frequency: 'quarterly', direction: 'lower-is-better' }] },
      { type: 'ScheduleCspMeeting', on: '2016-01-20', meetingOn: '2016-02-20' },
      { type: 'HoldCspMeeting', on: '2016-02-20', notes: 'Agreed' },
    ];
    for (const command of steps) await cases.execute(blaby, command, context());
  });
  afterAll(() => db.close());

  it('puts the ledger back when the award itself could not be recorded', async () => {
    expect((await cases.get(blaby)).profile.locality).toBe('blaby');
    expect(await held()).toBe(2_970_000);
    const award: CaseCommand = {
      type: 'AwardContract',
      on: '2016-03-01',
      contract: { kind: 'agreement', provider: 'Blaby District Council', valuePence: 2_000_000, outcomes: [], qualityStandards: [], measures: [], underAchievementClause: 'Quarterly review', startDate: '2016-04-01', endDate: '2017-03-31' },
    };
    store.armed = true;
    const revision = (await cases.get(blaby)).revision;
    await expect(cases.execute(blaby, award, context({ expectedRevision: revision }))).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect(await held()).toBe(2_970_000);
    expect((await cases.get(blaby)).stage).toBe('meeting-held');

    await cases.execute(blaby, award, context());
    expect(await held()).toBe(2_000_000);
    expect((await cases.get(blaby)).stage).toBe('active');
  });
});
