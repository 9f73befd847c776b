import { type OutcomeDoc, outcomesProjection, pendingKey } from '@app/projections/outcomes';
import { contract, imported, measure, onCase, profile, reported, resetRevisions } from './contract-fixtures';
import { given } from './projection-spec';

const MENTORING = '2016-17-B05';
const BLABY = '2016-17-PLF-BLABY';

const outcome = (events: Parameters<typeof given>[1], caseId = MENTORING) => given(outcomesProjection, events).then(caseId) as OutcomeDoc | undefined;

describe('outcomes projection', () => {
  beforeEach(resetRevisions);

  it('an imported commitment is a contract to monitor from the start', () => {
    expect(outcome([imported(MENTORING)])).toMatchObject({
      kind: 'outcome',
      caseId: MENTORING,
      financialYear: '2016-17',
      title: 'Youth Mentoring',
      provider: 'Twenty-Twenty',
      mechanism: 'direct',
      theme: 'reducing-offending',
      primaryPriorities: ['SP1'],
      locality: null,
      valuePence: 14_755_600,
      stage: 'active',
      reportDueDaysAfterPeriod: 14,
      startDate: '2016-04-01',
      endDate: '2017-03-31',
      measures: [{ id: 'mentored', frequency: 'quarterly', since: '2016-04-01', reports: [], latest: null, consecutiveReds: 0 }],
      underAchievement: null,
      ended: null,
    });
  });

  it('a case not yet awarded is held aside, and becomes an outcome with its profile at the award', () => {
    const plf = profile(BLABY, { mechanism: 'plf', title: 'Blaby PLF', theme: null, primaryPriorities: [], locality: 'blaby' });
    const opening = [
      onCase(BLABY, { type: 'CspPlanRequested', data: { profile: plf, workflow: { id: 'plf', version: 1 }, allocationPence: 2_970_000, meetingDeadline: '2016-02-29', on: '2015-10-23' } }),
      onCase(BLABY, { type: 'CspPlanSubmitted', data: { on: '2016-01-12', budgetLines: [], totalPence: 2_970_000, performanceFramework: [] } }),
      onCase(BLABY, { type: 'CspMeetingScheduled', data: { meetingOn: '2016-02-18', on: '2016-01-20' } }),
      onCase(BLABY, { type: 'CspMeetingHeld', data: { on: '2016-02-18', notes: '' } }),
    ];
    const before = given(outcomesProjection, opening);
    expect(before.then(BLABY)).toBeUndefined();
    expect(before.then(pendingKey(BLABY))).toMatchObject({ kind: 'pending', stage: 'meeting-held' });

    const awarded = onCase(BLABY, { type: 'ContractAwarded', data: { contract: contract({ provider: 'Blaby District Council', valuePence: 2_970_000 }), on: '2016-03-15' } });
    const after = given(outcomesProjection, [...opening, awarded]);
    expect(after.then(pendingKey(BLABY))).toBeUndefined();
    expect(after.then(BLABY)).toMatchObject({ caseId: BLABY, locality: 'blaby', mechanism: 'plf', provider: 'Blaby District Council', valuePence: 2_970_000, stage: 'active', awardedOn: '2016-03-15' });
  });

  it('agreed measures replace the set: kept ones keep their history, dropped ones are kept aside', () => {
    const events = [
      imported(MENTORING),
      reported(MENTORING, 'mentored', '2016-Q1', 64, 'green', '2016-07-08'),
      onCase(MENTORING, { type: 'PerformanceMeasuresAgreed', data: { measures: [measure('mentored', { target: 70 }), measure('reoffending', { direction: 'lower-is-better', target: 10 })], on: '2016-08-01' } }),
    ];
    const doc = outcome(events)!;
    expect(doc.measures.map((m) => [m.id, m.target, m.since, m.reports.length])).toEqual([
      ['mentored', 70, '2016-04-01', 1],
      ['reoffending', 10, '2016-08-01', 0],
    ]);
    const dropped = outcome([...events, onCase(MENTORING, { type: 'PerformanceMeasuresAgreed', data: { measures: [measure('reoffending')], on: '2016-09-01' } })])!;
    expect(dropped.formerMeasures).toMatchObject([{ id: 'mentored', retiredOn: '2016-09-01', reports: [{ period: '2016-Q1' }] }]);
  });

  it('keeps each report with its RAG, the latest per measure and the reds in a row', () => {
    const doc = outcome([
      imported(MENTORING),
      reported(MENTORING, 'mentored', '2016-Q1', 64, 'green', '2016-07-08'),
      reported(MENTORING, 'mentored', '2016-Q2', 40, 'red', '2016-10-10'),
      reported(MENTORING, 'mentored', '2016-Q3', 41, 'red', '2017-01-09'),
    ])!;
    const [mentored] = doc.measures;
    expect(mentored.reports).toEqual([
      { period: '2016-Q1', actual: 64, target: 60, rag: 'green', reportedOn: '2016-07-08' },
      { period: '2016-Q2', actual: 40, target: 60, rag: 'red', reportedOn: '2016-10-10' },
      { period: '2016-Q3', actual: 41, target: 60, rag: 'red', reportedOn: '2017-01-09' },
    ]);
    expect(mentored.latest).toMatchObject({ period: '2016-Q3', rag: 'red' });
    expect(mentored.consecutiveReds).toBe(2);
  });

  it('a period written the command way is kept in the read model spelling, with what was written', () => {
    const monthly = contract({ measures: [measure('mentored', { frequency: 'monthly' })] });
    const doc = outcome([imported(MENTORING, monthly), reported(MENTORING, 'mentored', '2016-M01', 20, 'green', '2016-05-06')])!;
    expect(doc.measures[0].latest).toMatchObject({ period: '2016-04', periodAsReported: '2016-M01' });
  });

  it('records under-achievement and the remedial action agreed, and the stage moves with them', () => {
    const events = [
      imported(MENTORING),
      reported(MENTORING, 'mentored', '2016-Q1', 40, 'red', '2016-07-08'),
      reported(MENTORING, 'mentored', '2016-Q2', 41, 'red', '2016-10-10'),
      onCase(MENTORING, { type: 'UnderAchievementFlagged', data: { measureId: 'mentored', consecutiveReds: 2, on: '2016-10-10' } }),
    ];
    expect(outcome(events)).toMatchObject({ stage: 'under-achievement', underAchievement: { measureId: 'mentored', since: '2016-10-10', consecutiveReds: 2, timesFlagged: 1 } });
    const remedied = outcome([...events, onCase(MENTORING, { type: 'RemedialActionAgreed', data: { action: 'Weekly mentor supervision', reviewBy: '2016-12-16', on: '2016-10-20' } })]);
    expect(remedied).toMatchObject({ stage: 'remedial-action', remedialActions: [{ action: 'Weekly mentor supervision', reviewBy: '2016-12-16', agreedOn: '2016-10-20' }] });
  });

  it('a variation changes value and end; closure and termination end the contract', () => {
    const varied = onCase(MENTORING, { type: 'ContractVaried', data: { previousValuePence: 14_755_600, valuePence: 16_000_000, endDate: '2017-06-30', reason: 'Extended a quarter', on: '2016-12-01' } });
    expect(outcome([imported(MENTORING), varied])).toMatchObject({ valuePence: 16_000_000, endDate: '2017-06-30', variations: [{ previousValuePence: 14_755_600, reason: 'Extended a quarter' }] });
    resetRevisions();
    const closed = onCase(MENTORING, { type: 'ContractClosed', data: { on: '2017-03-31', notes: 'Delivered' } });
    expect(outcome([imported(MENTORING), closed])).toMatchObject({ stage: 'closed', ended: { kind: 'closed', on: '2017-03-31', note: 'Delivered' } });
    resetRevisions();
    const terminated = onCase(MENTORING, { type: 'ContractTerminated', data: { reason: 'Provider ceased trading', on: '2016-11-01' } });
    expect(outcome([imported(MENTORING), terminated])).toMatchObject({ stage: 'terminated', ended: { kind: 'terminated', on: '2016-11-01' } });
  });

  it('ignores events of other streams and of cases never opened', () => {
    expect(outcomesProjection.keysOf({ ...imported(MENTORING), streamId: 'framework-2016-17' })).toEqual([]);
    expect(outcome([reported(MENTORING, 'mentored', '2016-Q1', 1, 'red', '2016-07-01')])).toBeUndefined();
  });
});
