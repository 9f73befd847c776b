import {
  type OutcomeDoc,
  outcomeCsvRows,
  outcomeRollups,
  outcomesProjection,
  outcomeView,
  queryOutcomes,
} from '@app/projections/outcomes';
import type { StoredEvent } from '@app/event-store';
import { contract, imported, measure, onCase, reported, resetRevisions } from './contract-fixtures';
import { given } from './projection-spec';

const outcomes = (events: StoredEvent[]): OutcomeDoc[] => [...given(outcomesProjection, events).docs.values()].filter((d): d is OutcomeDoc => d.kind === 'outcome');

describe('outcomes view', () => {
  beforeEach(resetRevisions);

  describe('overdue reports, worked out against today', () => {
    const mentoring = () => outcomes([imported('M')])[0];

    it('a quarterly report is due 14 days after its quarter; on the day it is not yet overdue, the day after it is', () => {
      expect(outcomeView(mentoring(), '2016-07-14').measures[0]).toMatchObject({
        overdue: false,
        overduePeriods: [],
        nextReport: { period: '2016-Q1', dueOn: '2016-07-14', dueOnFormatted: '14 Jul 2016' },
      });
      const late = outcomeView(mentoring(), '2016-07-15');
      expect(late.measures[0]).toMatchObject({ overdue: true, overduePeriods: [{ period: '2016-Q1', dueOn: '2016-07-14' }], nextReport: { period: '2016-Q2' } });
      expect(late.overdue).toBe(true);
    });

    it('a reported period is not overdue; every unreported past one is', () => {
      resetRevisions();
      const doc = outcomes([imported('M'), reported('M', 'mentored', '2016-Q2', 61, 'green', '2016-10-03')])[0];
      expect(outcomeView(doc, '2016-11-01').measures[0].overduePeriods.map((p) => p.period)).toEqual(['2016-Q1']);
      expect(outcomeView(doc, '2017-04-15').measures[0].overduePeriods.map((p) => p.period)).toEqual(['2016-Q1', '2016-Q3', '2016-Q4']);
    });

    it('a closed contract owes nothing more', () => {
      resetRevisions();
      const doc = outcomes([imported('M'), onCase('M', { type: 'ContractClosed', data: { on: '2016-06-30', notes: '' } })])[0];
      expect(outcomeView(doc, '2016-08-01')).toMatchObject({ overdue: false, closed: { on: '2016-06-30' }, terminated: null });
    });
  });

  it('under-achievement stands until the flagged measure reports green again', () => {
    const reds = [
      imported('M'),
      reported('M', 'mentored', '2016-Q1', 40, 'red', '2016-07-08'),
      reported('M', 'mentored', '2016-Q2', 41, 'red', '2016-10-10'),
      onCase('M', { type: 'UnderAchievementFlagged', data: { measureId: 'mentored', consecutiveReds: 2, on: '2016-10-10' } }),
    ];
    const flagged = outcomeView(outcomes(reds)[0], '2016-10-11');
    expect(flagged).toMatchObject({ underAchieving: true, rag: 'red', latestRag: { mentored: 'red' }, underAchievement: { current: true, currentConsecutiveReds: 2 } });
    const recovered = outcomeView(outcomes([...reds, reported('M', 'mentored', '2016-Q3', 66, 'green', '2017-01-09')])[0], '2017-01-10');
    expect(recovered).toMatchObject({ underAchieving: false, rag: 'green', underAchievement: { measureId: 'mentored', current: false } });
  });

  describe('queries and roll-ups over several contracts', () => {
    const docs = () =>
      outcomes([
        imported('A', contract({ valuePence: 10_000_00, measures: [measure('a1'), measure('a2')] }), { primaryPriorities: ['SP1'], theme: 'reducing-offending' }),
        reported('A', 'a1', '2016-Q1', 70, 'green', '2016-07-05'),
        reported('A', 'a2', '2016-Q1', 50, 'red', '2016-07-05'),
        imported('B', contract({ valuePence: 20_000_00, measures: [measure('b1')] }), { primaryPriorities: ['SP5', 'SP6'], theme: 'supporting-victims' }),
        reported('B', 'b1', '2016-Q1', 65, 'green', '2016-07-05'),
        imported('C', contract({ valuePence: 5_000_00, measures: [measure('c1')] }), { primaryPriorities: ['SP1'], theme: 'reducing-offending' }),
        imported('D', contract({ valuePence: 1_234_56, measures: [] }), { primaryPriorities: [], theme: null }),
      ]);

    it('roll up spend, contracts, measures and the share on target per priority and per theme', () => {
      const { byPriority, byTheme, total } = outcomeRollups(docs());
      expect(Object.keys(byPriority)).toEqual(['SP1', 'SP5', 'SP6', 'unattributed']);
      expect(byPriority.SP1).toEqual({
        contracts: 2,
        valuePence: 15_000_00,
        value: '£15,000.00',
        sharedValuePence: 0,
        measures: 3,
        onTarget: { numerator: 1, denominator: 2, fraction: 0.5, formatted: '1 of 2 on target (50%)' },
        // A is red on its worst latest measure and C has not reported: the group is as bad as its worst contract.
        rag: 'red',
        contractRags: { red: 1, amber: 0, green: 0, unrated: 1 },
      });
      expect(byPriority.SP5).toMatchObject({ contracts: 1, valuePence: 20_000_00, sharedValuePence: 20_000_00, onTarget: { numerator: 1, denominator: 1, fraction: 1 } });
      expect(byPriority.unattributed).toMatchObject({ contracts: 1, valuePence: 1_234_56, value: '£1,234.56', measures: 0, onTarget: { denominator: 0, fraction: null } });
      expect(byTheme['reducing-offending']).toMatchObject({ contracts: 2, valuePence: 15_000_00 });
      expect(total).toMatchObject({ contracts: 4, valuePence: 36_234_56, measures: 4, onTarget: { numerator: 2, denominator: 3 } });
    });

    it('filter by priority, theme, overall RAG and overdue, ordered by case id, paged with the total', () => {
      const today = '2016-07-20';
      expect(queryOutcomes(docs(), { priority: 'SP1' }, today).items.map((i) => i.caseId)).toEqual(['A', 'C']);
      expect(queryOutcomes(docs(), { theme: 'supporting-victims' }, today).items.map((i) => i.caseId)).toEqual(['B']);
      expect(queryOutcomes(docs(), { rag: 'red' }, today).items.map((i) => i.caseId)).toEqual(['A']);
      expect(queryOutcomes(docs(), { overdue: true }, today).items.map((i) => i.caseId)).toEqual(['C']);
      expect(queryOutcomes(docs(), {}, today, { limit: 2, offset: 1 })).toMatchObject({ total: 4, items: [{ caseId: 'B' }, { caseId: 'C' }] });
    });

    it('CSV rows: one per measure, a contract without measures still listed, money in pence and pounds', () => {
      const rows = outcomeCsvRows(queryOutcomes(docs(), {}, '2016-07-20').items);
      expect(rows).toHaveLength(5);
      expect(rows[0]).toEqual(['A', 'Youth Mentoring', 'Twenty-Twenty', 'Measure a1', 'young people', 60, 'higher-is-better', 'quarterly', '2016-Q1', 70, 'green', false, false, 10_000_00, '£10,000.00']);
      expect(rows[4]).toEqual(['D', 'Youth Mentoring', 'Twenty-Twenty', null, null, null, null, null, null, null, null, false, false, 1_234_56, '£1,234.56']);
    });
  });
});
