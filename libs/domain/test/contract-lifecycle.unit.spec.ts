import { caseDecider, type CaseEvent, commitmentAfter, type Measure } from '@app/domain';
import { specFor } from './given-when-then';
import {
  ACTIVE_BY_WORKFLOW,
  contractTerms,
  direct,
  directHistories,
  event,
  flagged,
  importedCommitment,
  like,
  referrals,
  refusal,
  remedialAction,
  remedialAgreed,
  repeats,
  report,
  underAchievement,
} from './fixtures';

const spec = specFor(caseDecider);

const active = directHistories.active;
const reportCmd = (measureId: string, period: string, actual: number) =>
  ({ type: 'ReportPerformance', on: '2016-10-14', measureId, period, actual, commentary: 'Quarterly return' }) as const;
const reported = (measure: Measure, period: string, actual: number, rag: 'red' | 'amber' | 'green'): CaseEvent =>
  event('PerformanceReported', { measureId: measure.id, period, actual, target: measure.target, rag, on: '2016-10-14', commentary: 'Quarterly return' });

const victimsSupported: Measure = { id: 'victims', name: 'Victims supported', unit: 'people', target: 250, frequency: 'quarterly', direction: 'higher-is-better' };

/** Every workflow (and the imported commitments) reaches the same lifecycle; each live stage is reached from it. */
const LIVE_CASES = [
  ...ACTIVE_BY_WORKFLOW,
  { workflow: 'direct (imported commitment)', history: [importedCommitment('direct')], contract: contractTerms() },
  { workflow: 'co-commissioning (imported)', history: [importedCommitment('co-commissioning')], contract: contractTerms() },
  { workflow: 'pcc-grant (imported)', history: [importedCommitment('pcc-grant')], contract: contractTerms() },
].flatMap(({ workflow, history, contract }) => {
  const measure = contract.measures[0];
  const redActual = measure.direction === 'higher-is-better' ? 0 : measure.target * 2;
  const reds = [
    report(measure.id, '2016-Q1', 'red', redActual, measure.target),
    report(measure.id, '2016-Q2', 'red', redActual, measure.target),
    flagged(measure.id),
  ];
  return [
    { workflow, stage: 'active', history, contract },
    { workflow, stage: 'under-achievement', history: [...history, ...reds], contract },
    { workflow, stage: 'remedial-action', history: [...history, ...reds, remedialAgreed], contract },
  ];
});

describe('Contract lifecycle (6.3), shared by every mechanism', () => {
  it('reaches each live stage in each workflow (the fixtures are what they claim)', () => {
    for (const { history, stage } of LIVE_CASES) expect(spec(history).state()).toMatchObject({ stage });
  });

  describe.each(LIVE_CASES)('$workflow, at "$stage"', ({ history, contract }) => {
    const measure = contract.measures[0];

    it('ReportPerformance on target: PerformanceReported, green', () => {
      spec(history)
        .when(reportCmd(measure.id, '2016-Q3', measure.target))
        .then([reported(measure, '2016-Q3', measure.target, 'green')]);
    });

    it('AgreePerformanceMeasures: PerformanceMeasuresAgreed', () => {
      spec(history)
        .when({ type: 'AgreePerformanceMeasures', on: '2016-10-14', measures: [victimsSupported] })
        .then([{ type: 'PerformanceMeasuresAgreed', data: { measures: [victimsSupported], on: '2016-10-14' } }]);
    });

    it('VaryContract: ContractVaried from the current value (and, with a payment schedule, its re-profile)', () => {
      const state = spec(history).state();
      const decided = caseDecider.decide({ type: 'VaryContract', on: '2016-10-14', valuePence: 1_000_000, endDate: '2017-06-30', reason: 'Scope reduced' }, state);
      expect(decided[0]).toEqual({
        type: 'ContractVaried',
        data: { previousValuePence: contract.valuePence, valuePence: 1_000_000, endDate: '2017-06-30', reason: 'Scope reduced', on: '2016-10-14' },
      });
      const scheduled = state.status === 'open' && state.payments !== undefined;
      expect(decided.slice(1).map((e) => e.type)).toEqual(scheduled ? ['PaymentScheduleReprofiled'] : []);
    });

    it('CloseContract: ContractClosed', () => {
      spec(history)
        .when({ type: 'CloseContract', on: '2017-03-31', notes: 'Outcomes delivered' })
        .then([{ type: 'ContractClosed', data: { on: '2017-03-31', notes: 'Outcomes delivered' } }]);
    });

    it('an optional text left out is recorded as none: commentary and notes ""', () => {
      const { commentary: _left, ...withoutCommentary } = reportCmd(measure.id, '2016-Q3', measure.target);
      spec(history).when(withoutCommentary).thenMatches([like('PerformanceReported', { period: '2016-Q3', commentary: '' })]);
      spec(history).when({ type: 'CloseContract', on: '2017-03-31' }).then([{ type: 'ContractClosed', data: { on: '2017-03-31', notes: '' } }]);
    });

    it('refuses by the lifecycle\'s guards', () => {
      const q4 = [...history, report(measure.id, '2016-Q4', 'green', measure.target, measure.target)];
      spec(q4).when(reportCmd(measure.id, '2016-Q4', 1)).thenThrows('PERIOD_ALREADY_REPORTED', { field: 'period' });
      spec(history).when(reportCmd('no-such-measure', '2016-Q4', 1)).thenThrows('UNKNOWN_MEASURE', { field: 'measureId' });
      spec(history).when({ type: 'AgreePerformanceMeasures', on: '2016-10-14', measures: [] }).thenThrows('VALIDATION_FAILED', { field: 'measures' });
      spec(history)
        .when({ type: 'AgreePerformanceMeasures', on: '2016-10-14', measures: [victimsSupported, victimsSupported] })
        .thenThrows('DUPLICATE_MEASURE', { field: 'measures' });
      spec(history).when({ type: 'VaryContract', on: '2016-10-14', valuePence: 1, reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
      spec(history).when({ type: 'VaryContract', on: '2016-10-14', valuePence: 0, reason: 'cut' }).thenThrows('INVALID_AMOUNT', { field: 'valuePence' });
      spec(history)
        .when({ type: 'VaryContract', on: '2016-10-14', valuePence: 1, endDate: '2015-12-31', reason: 'cut' })
        .thenThrows('INVALID_DATES', { field: 'endDate' });
      spec(history).when({ type: 'TerminateContract', on: '2016-11-01', reason: ' ' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });

    it('TerminateContract: ContractTerminated', () => {
      spec(history)
        .when({ type: 'TerminateContract', on: '2016-11-01', reason: 'Provider in administration' })
        .then([{ type: 'ContractTerminated', data: { reason: 'Provider in administration', on: '2016-11-01' } }]);
    });
  });

  describe.each(LIVE_CASES.filter((c) => c.stage === 'under-achievement'))('AgreeRemedialAction, $workflow at "under-achievement"', ({ history }) => {
    it('records the remedial action and its review date', () => {
      spec(history)
        .when({ type: 'AgreeRemedialAction', on: '2016-10-21', action: 'Weekly outreach sessions added', reviewBy: '2016-12-31' })
        .then([{ type: 'RemedialActionAgreed', data: { action: 'Weekly outreach sessions added', reviewBy: '2016-12-31', on: '2016-10-21' } }]);
    });

    it('refuses an empty action or a review date not ahead', () => {
      spec(history).when({ type: 'AgreeRemedialAction', on: '2016-10-21', action: '', reviewBy: '2016-12-31' }).thenThrows('REASON_REQUIRED', { field: 'action' });
      spec(history).when({ type: 'AgreeRemedialAction', on: '2016-10-21', action: 'x', reviewBy: '2016-10-21' }).thenThrows('INVALID_DATES', { field: 'reviewBy' });
    });
  });

  describe('ReportPerformance rates red/amber/green with a 10% amber tolerance', () => {
    it.each([
      { measure: referrals, id: referrals.id, actual: 100, rag: 'green' as const },
      { measure: referrals, id: referrals.id, actual: 130, rag: 'green' as const },
      { measure: referrals, id: referrals.id, actual: 95, rag: 'amber' as const },
      { measure: referrals, id: referrals.id, actual: 90, rag: 'amber' as const },
      { measure: referrals, id: referrals.id, actual: 89, rag: 'red' as const },
      { measure: referrals, id: referrals.id, actual: 0, rag: 'red' as const },
      { measure: repeats, id: repeats.id, actual: 50, rag: 'green' as const },
      { measure: repeats, id: repeats.id, actual: 20, rag: 'green' as const },
      { measure: repeats, id: repeats.id, actual: 52, rag: 'amber' as const },
      { measure: repeats, id: repeats.id, actual: 55, rag: 'amber' as const },
      { measure: repeats, id: repeats.id, actual: 56, rag: 'red' as const },
    ])('$id: actual $actual is $rag', ({ measure, actual, rag }) => {
      spec(active).when(reportCmd(measure.id, '2016-Q1', actual)).then([reported(measure, '2016-Q1', actual, rag)]);
    });
  });

  describe('under-achievement: consecutive reds on one measure', () => {
    it('flags two consecutive reds on the same measure', () => {
      const history = [...active, report('referrals', '2016-Q1', 'red', 60, 100)];
      spec(history)
        .when(reportCmd('referrals', '2016-Q2', 70))
        .then([
          reported(referrals, '2016-Q2', 70, 'red'),
          { type: 'UnderAchievementFlagged', data: { measureId: 'referrals', consecutiveReds: 2, on: '2016-10-14' } },
        ]);
    });

    it('moves the case to "under-achievement" when flagged', () => {
      expect(spec(active).state()).toMatchObject({ stage: 'active' });
      expect(spec(underAchievement(active)).state()).toMatchObject({ stage: 'under-achievement' });
    });

    it('does not flag a first red', () => {
      spec(active).when(reportCmd('referrals', '2016-Q1', 10)).then([reported(referrals, '2016-Q1', 10, 'red')]);
    });

    it('does not flag a red after a green', () => {
      const history = [...active, report('referrals', '2016-Q1', 'green', 100, 100)];
      spec(history).when(reportCmd('referrals', '2016-Q2', 10)).then([reported(referrals, '2016-Q2', 10, 'red')]);
    });

    it('does not flag a red when a green broke the earlier run of reds', () => {
      const history = [...active, report('referrals', '2016-Q1', 'red', 10, 100), report('referrals', '2016-Q2', 'green', 100, 100)];
      spec(history).when(reportCmd('referrals', '2016-Q3', 10)).then([reported(referrals, '2016-Q3', 10, 'red')]);
    });

    it('does not flag a red after an amber', () => {
      const history = [...active, report('referrals', '2016-Q1', 'amber', 92, 100)];
      spec(history).when(reportCmd('referrals', '2016-Q2', 10)).then([reported(referrals, '2016-Q2', 10, 'red')]);
    });

    it('does not count a red on another measure', () => {
      const history = [...active, report('repeats', '2016-Q1', 'red', 80, 50)];
      spec(history).when(reportCmd('referrals', '2016-Q1', 10)).then([reported(referrals, '2016-Q1', 10, 'red')]);
    });

    it('counts reds on the measure even with other measures reported between them', () => {
      const history = [...active, report('referrals', '2016-Q1', 'red', 10, 100), report('repeats', '2016-Q1', 'green', 40, 50)];
      spec(history)
        .when(reportCmd('referrals', '2016-Q2', 10))
        .thenMatches([{ type: 'PerformanceReported' }, like('UnderAchievementFlagged', { measureId: 'referrals', consecutiveReds: 2 })]);
    });

    it('does not flag again while already at "under-achievement"', () => {
      spec(underAchievement(active)).when(reportCmd('referrals', '2016-Q3', 10)).then([reported(referrals, '2016-Q3', 10, 'red')]);
    });

    it('flags again when reds continue during remedial action', () => {
      spec(remedialAction(active))
        .when(reportCmd('referrals', '2016-Q3', 10))
        .then([
          reported(referrals, '2016-Q3', 10, 'red'),
          { type: 'UnderAchievementFlagged', data: { measureId: 'referrals', consecutiveReds: 3, on: '2016-10-14' } },
        ]);
    });

    it('does not flag during remedial action once a green has broken the run', () => {
      const history = [...remedialAction(active), report('referrals', '2016-Q3', 'green', 100, 100)];
      spec(history).when(reportCmd('referrals', '2016-Q4', 10)).then([reported(referrals, '2016-Q4', 10, 'red')]);
    });
  });

  describe('ReportPerformance refusals', () => {
    it('refuses a second report for the same measure and period: PERIOD_ALREADY_REPORTED', () => {
      const history = [...active, report('referrals', '2016-Q1', 'green', 100, 100)];
      spec(history).when(reportCmd('referrals', '2016-Q1', 120)).thenThrows('PERIOD_ALREADY_REPORTED', { field: 'period', message: /2016-Q1/ });
      spec(history).when(reportCmd('repeats', '2016-Q1', 40)).thenMatches([like('PerformanceReported', { measureId: 'repeats' })]);
    });

    it('refuses a measure the contract does not have: UNKNOWN_MEASURE, listing those it has', () => {
      spec(active).when(reportCmd('arrests', '2016-Q1', 1)).thenThrows('UNKNOWN_MEASURE', { field: 'measureId', message: /"arrests".*referrals, repeats/ });
    });

    it('refuses any report on an imported commitment until measures are agreed', () => {
      const imported = [importedCommitment('direct', contractTerms({ measures: [] }))];
      spec(imported).when(reportCmd('referrals', '2016-Q1', 1)).thenThrows('UNKNOWN_MEASURE', { field: 'measureId', message: /measures: none/ });
      const agreed = [...imported, event('PerformanceMeasuresAgreed', { measures: [referrals], on: '2016-06-01' })];
      spec(agreed).when(reportCmd('referrals', '2016-Q1', 100)).then([reported(referrals, '2016-Q1', 100, 'green')]);
    });
  });

  describe('AgreePerformanceMeasures (guard measuresValid)', () => {
    it('refuses an empty set of measures', () => {
      spec(active).when({ type: 'AgreePerformanceMeasures', on: '2016-06-01', measures: [] }).thenThrows('VALIDATION_FAILED', { field: 'measures' });
    });

    it('refuses a measure id twice', () => {
      spec(active)
        .when({ type: 'AgreePerformanceMeasures', on: '2016-06-01', measures: [victimsSupported, { ...victimsSupported, target: 1 }] })
        .thenThrows('DUPLICATE_MEASURE', { field: 'measures', message: /victims/ });
    });

    it('replaces the measures reported against', () => {
      const history = [...active, event('PerformanceMeasuresAgreed', { measures: [victimsSupported], on: '2016-06-01' })];
      expect(spec(history).state()).toMatchObject({ stage: 'active', contract: { measures: [victimsSupported] } });
      spec(history).when(reportCmd('referrals', '2016-Q1', 100)).thenThrows('UNKNOWN_MEASURE', { field: 'measureId' });
      spec(history).when(reportCmd('victims', '2016-Q1', 200)).then([reported(victimsSupported, '2016-Q1', 200, 'red')]);
    });
  });

  describe('AgreeRemedialAction (guards reasonGiven, reviewDateAhead)', () => {
    it('refuses an empty action', () => {
      spec(underAchievement(active))
        .when({ type: 'AgreeRemedialAction', on: '2016-10-21', action: ' ', reviewBy: '2016-12-31' })
        .thenThrows('REASON_REQUIRED', { field: 'action' });
    });

    it.each(['2016-10-21', '2016-10-20'])('refuses a review date of %s, not after today', (reviewBy) => {
      spec(underAchievement(active))
        .when({ type: 'AgreeRemedialAction', on: '2016-10-21', action: 'More sessions', reviewBy })
        .thenThrows('INVALID_DATES', { field: 'reviewBy' });
    });

    it('moves the case to "remedial-action"', () => {
      expect(spec(remedialAction(active)).state()).toMatchObject({ stage: 'remedial-action' });
    });
  });

  describe('VaryContract (guards reasonGiven, variedValuePositive, variedEndAfterStart)', () => {
    it('keeps the end date when the variation does not change it', () => {
      spec(active)
        .when({ type: 'VaryContract', on: '2016-09-01', valuePence: 16_000_000, reason: 'Extra cohort' })
        .then([
          {
            type: 'ContractVaried',
            data: { previousValuePence: 14_755_600, valuePence: 16_000_000, endDate: '2017-03-31', reason: 'Extra cohort', on: '2016-09-01' },
          },
        ]);
    });

    it('changes the contract: value, end date, and the base of the next variation', () => {
      const varied = event('ContractVaried', { previousValuePence: 14_755_600, valuePence: 16_000_000, endDate: '2017-06-30', reason: 'Extra cohort', on: '2016-09-01' });
      const history = [...active, varied];
      expect(spec(history).state()).toMatchObject({ stage: 'active', contract: { valuePence: 16_000_000, endDate: '2017-06-30', startDate: '2016-06-01' } });
      spec(history)
        .when({ type: 'VaryContract', on: '2016-12-01', valuePence: 15_000_000, reason: 'Cohort smaller' })
        .thenMatches([like('ContractVaried', { previousValuePence: 16_000_000, valuePence: 15_000_000, endDate: '2017-06-30' })]);
    });

    it('refuses a variation without a reason', () => {
      spec(active).when({ type: 'VaryContract', on: '2016-09-01', valuePence: 1, reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });

    it.each([0, -100])('refuses a varied value of %i', (valuePence) => {
      spec(active).when({ type: 'VaryContract', on: '2016-09-01', valuePence, reason: 'cut' }).thenThrows('INVALID_AMOUNT', { field: 'valuePence' });
    });

    it('refuses an end date before the contract starts, but allows it on the start date', () => {
      spec(active)
        .when({ type: 'VaryContract', on: '2016-09-01', valuePence: 1, endDate: '2016-05-31', reason: 'cut' })
        .thenThrows('INVALID_DATES', { field: 'endDate' });
      spec(active)
        .when({ type: 'VaryContract', on: '2016-09-01', valuePence: 1, endDate: '2016-06-01', reason: 'cut' })
        .thenMatches([like('ContractVaried', { endDate: '2016-06-01' })]);
    });
  });

  describe('closure and termination', () => {
    it('refuses a termination without a reason', () => {
      spec(active).when({ type: 'TerminateContract', on: '2016-11-01', reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });

    it.each([
      ['closed', 'Closed', event('ContractClosed', { on: '2017-03-31', notes: '' })],
      ['terminated', 'Terminated', event('ContractTerminated', { reason: 'x', on: '2016-11-01' })],
    ] as const)('a %s contract accepts nothing more', (stage, label, ending) => {
      const history = [...active, ending];
      expect(spec(history).state()).toMatchObject({ stage });
      spec(history)
        .when(reportCmd('referrals', '2017-Q1', 100))
        .thenThrows('ILLEGAL_TRANSITION', { message: new RegExp(`at "${label}".*allowed now: nothing, the case has ended$`) });
    });
  });

  describe('illegal transitions', () => {
    it('refuses remedial action while performance is not under-achieving, naming the stage and what is allowed', () => {
      spec(active)
        .when({ type: 'AgreeRemedialAction', on: '2016-10-21', action: 'More sessions', reviewBy: '2016-12-31' })
        .thenThrows('ILLEGAL_TRANSITION', {
          message:
            /^AgreeRemedialAction is not allowed while the case is at "Contract active" \(Direct commissioning workflow v1\); allowed now: ReportPerformance, AgreePerformanceMeasures, VaryContract, CloseContract, TerminateContract$/,
        });
    });

    it('refuses a second remedial action while one is agreed', () => {
      const error = refusal(() =>
        caseDecider.decide(
          { type: 'AgreeRemedialAction', on: '2016-10-22', action: 'again', reviewBy: '2016-12-31' },
          remedialAction(active).reduce(caseDecider.evolve, caseDecider.initialState),
        ),
      );
      expect(error.code).toBe('ILLEGAL_TRANSITION');
      expect(error.details).toMatchObject({ stage: 'remedial-action' });
      expect(error.message).toMatch(/"Remedial action agreed"/);
    });
  });

  describe('evolve: the stage after each contract event', () => {
    const ua = underAchievement(active);
    const ra = remedialAction(active);
    const measuresAgreed = event('PerformanceMeasuresAgreed', { measures: [referrals], on: '2016-10-01' });
    const varied = event('ContractVaried', { previousValuePence: 1, valuePence: 2, endDate: '2017-03-31', reason: 'x', on: '2016-10-01' });
    const closed = event('ContractClosed', { on: '2017-03-31', notes: '' });
    const terminated = event('ContractTerminated', { reason: 'x', on: '2016-11-01' });
    const green = report('referrals', '2016-Q4', 'green', 100, 100);
    it.each<[string, string, readonly CaseEvent[]]>([
      ['PerformanceReported at active', 'active', [...active, green]],
      ['PerformanceReported at under-achievement', 'under-achievement', [...ua, green]],
      ['PerformanceReported at remedial-action', 'remedial-action', [...ra, green]],
      ['PerformanceMeasuresAgreed at active', 'active', [...active, measuresAgreed]],
      ['PerformanceMeasuresAgreed at under-achievement', 'under-achievement', [...ua, measuresAgreed]],
      ['UnderAchievementFlagged at active', 'under-achievement', [...active, flagged()]],
      ['UnderAchievementFlagged at remedial-action', 'under-achievement', [...ra, flagged()]],
      ['RemedialActionAgreed', 'remedial-action', [...ua, remedialAgreed]],
      ['ContractVaried at remedial-action', 'remedial-action', [...ra, varied]],
      ['ContractClosed at active', 'closed', [...active, closed]],
      ['ContractClosed at under-achievement', 'closed', [...ua, closed]],
      ['ContractClosed at remedial-action', 'closed', [...ra, closed]],
      ['ContractTerminated at active', 'terminated', [...active, terminated]],
      ['ContractTerminated at under-achievement', 'terminated', [...ua, terminated]],
      ['ContractTerminated at remedial-action', 'terminated', [...ra, terminated]],
    ])('%s → %s', (_event, stage, history) => {
      expect(spec(history).state()).toMatchObject({ stage });
    });

    it('keeps each report', () => {
      expect(spec(ua).state()).toMatchObject({
        reports: [
          { measureId: 'referrals', period: '2016-Q1', rag: 'red', actual: 60, reportedOn: '2016-07-14' },
          { measureId: 'referrals', period: '2016-Q2', rag: 'red', actual: 70, reportedOn: '2016-07-14' },
        ],
      });
    });
  });

  describe('commitmentAfter: what the case holds of the budget', () => {
    it('is nothing before award and the contract value from award to the end', () => {
      expect(commitmentAfter(spec([]).state())).toBeUndefined();
      expect(commitmentAfter(spec(directHistories.providerSelected).state())).toBeUndefined();
      expect(commitmentAfter(spec(active).state())).toBe(direct.contract.valuePence);
      expect(commitmentAfter(spec(remedialAction(active)).state())).toBe(14_755_600);
      expect(commitmentAfter(spec([...active, event('ContractTerminated', { reason: 'x', on: '2016-11-01' })]).state())).toBe(14_755_600);
    });
  });
});
