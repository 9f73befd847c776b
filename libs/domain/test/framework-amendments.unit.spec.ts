import { availablePence, type FrameworkCommand, frameworkDecider, type FrameworkEvent } from '@app/domain';
import { specFor } from './given-when-then';
import { smallFramework } from './fixtures';

const spec = specFor(frameworkDecider);
const on = '2016-09-01';
const reason = 'Police and Crime Panel decision';
const blaby = { slug: 'blaby', name: 'Blaby', plfAllocationPence: 300_000, vliSharePercent: 3 };
const melton = { slug: 'melton', name: 'Melton', plfAllocationPence: 200_000, vliSharePercent: 2 };
const plfLine = (ref: string, locality: string, valuePence: number) => ({
  ...smallFramework().commitments[0],
  ref,
  caseId: `2016-17-${ref}`,
  mechanism: 'plf' as const,
  locality,
  valuePence,
  geographicalReach: { asPrinted: null, scope: 'localities' as const, localities: [locality] },
});
/**
 * Budget £100,000: £60,000 + £20,000 lines, Blaby's £3,000 and Melton's £2,000 PLF lines
 * (both held), a £10,000 reserve: £5,000 available.
 */
const imported: FrameworkEvent = {
  type: 'FrameworkImported',
  data: smallFramework({
    localities: [blaby, melton],
    plf: { totalPence: 500_000, meetingDeadline: '2016-02-29' },
    boards: [{ code: 'RRB', name: 'Reducing Reoffending Board' }],
    commitments: [...smallFramework().commitments, plfLine('B51', 'blaby', 300_000), plfLine('B52', 'melton', 200_000)],
  }),
};
const stateAfter = (...commands: FrameworkCommand[]) =>
  commands.reduce((state, command) => frameworkDecider.decide(command, state).reduce(frameworkDecider.evolve, state), spec([imported]).state());

describe('framework amendments: a budget change', () => {
  it('given the framework, when the total is raised, then FrameworkBudgetChanged records the new and old figures', () => {
    spec([imported])
      .when({ type: 'ChangeBudget', on, reason, totalBudgetPence: 12_000_000 })
      .then([{ type: 'FrameworkBudgetChanged', data: { on, reason, totalBudgetPence: 12_000_000, reservePence: 1_000_000, totalBeforePence: 10_000_000, reserveBeforePence: 1_000_000 } }]);
  });
  it('a lower reserve leaves more available, and the framework reads the new figures', () => {
    const state = stateAfter({ type: 'ChangeBudget', on, reason, reservePence: 400_000 });
    expect(state.reservePence).toBe(400_000);
    expect(state.definition?.reservePence).toBe(400_000);
    expect(availablePence(state)).toBe(1_100_000);
  });
  it('refuses a total below committed + reserve: BUDGET_BELOW_COMMITTED naming totalBudgetPence', () => {
    spec([imported]).when({ type: 'ChangeBudget', on, reason, totalBudgetPence: 9_400_000 }).thenThrows('BUDGET_BELOW_COMMITTED', { field: 'totalBudgetPence', message: /£95,000\.00 is needed/ });
  });
  it('refuses a reserve that the budget cannot hold beside what is committed: BUDGET_BELOW_COMMITTED naming reservePence', () => {
    spec([imported]).when({ type: 'ChangeBudget', on, reason, reservePence: 1_500_001 }).thenThrows('BUDGET_BELOW_COMMITTED', { field: 'reservePence' });
  });
  it('counts money committed since the import: a total that fitted at import is refused after an award', () => {
    const award: FrameworkEvent = { type: 'FundsCommitted', data: { caseId: 'P1', pence: 500_000, reason: 'award', committedAfterPence: 9_000_000 } };
    spec([imported]).when({ type: 'ChangeBudget', on, reason, totalBudgetPence: 9_500_000 }).then([
      { type: 'FrameworkBudgetChanged', data: { on, reason, totalBudgetPence: 9_500_000, reservePence: 1_000_000, totalBeforePence: 10_000_000, reserveBeforePence: 1_000_000 } },
    ]);
    spec([imported, award]).when({ type: 'ChangeBudget', on, reason, totalBudgetPence: 9_500_000 }).thenThrows('BUDGET_BELOW_COMMITTED');
  });
  it('refuses a change that names no figure, a figure that is not pence, and a change without a reason', () => {
    spec([imported]).when({ type: 'ChangeBudget', on, reason }).thenThrows('NOTHING_TO_CHANGE', { field: 'totalBudgetPence' });
    spec([imported]).when({ type: 'ChangeBudget', on, reason, totalBudgetPence: 12.5 }).thenThrows('INVALID_AMOUNT', { field: 'totalBudgetPence' });
    spec([imported]).when({ type: 'ChangeBudget', on, reason: ' ', totalBudgetPence: 12_000_000 }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    spec([imported]).when({ type: 'ChangeBudget', on: '2017-02-29', reason, totalBudgetPence: 12_000_000 }).thenThrows('INVALID_DATE', { field: 'on' });
  });
  it('a change to the figures already in force is already done: nothing is decided', () => {
    spec([imported]).when({ type: 'ChangeBudget', on, reason, totalBudgetPence: 10_000_000, reservePence: 1_000_000 }).then([]);
  });
  it('refuses every amendment before a framework is imported: FRAMEWORK_NOT_FOUND', () => {
    spec([]).when({ type: 'ChangeBudget', on, reason, totalBudgetPence: 1 }).thenThrows('FRAMEWORK_NOT_FOUND');
  });
});

describe('framework amendments: a new board', () => {
  const board = { code: 'VAWG', name: 'Violence Against Women and Girls Board' };
  it('given the framework, when a board is added, then BoardAdded, and the framework lists it', () => {
    spec([imported]).when({ type: 'AddBoard', on, reason, board }).then([{ type: 'BoardAdded', data: { on, reason, board } }]);
    expect(stateAfter({ type: 'AddBoard', on, reason, board }).definition?.boards.map((b) => b.code)).toEqual(['RRB', 'VAWG']);
  });
  it('refuses a code the framework already uses for another board: BOARD_EXISTS naming board.code', () => {
    spec([imported]).when({ type: 'AddBoard', on, reason, board: { code: 'RRB', name: 'Another board' } }).thenThrows('BOARD_EXISTS', { field: 'board.code' });
  });
  it('the same board again is already done', () => {
    spec([imported]).when({ type: 'AddBoard', on, reason, board: { code: 'RRB', name: 'Reducing Reoffending Board' } }).then([]);
  });
});

describe('framework amendments: a priority added', () => {
  const priority = { code: 'RC-1', number: 18, theme: 'safer-communities', title: 'Tackling rural crime' };
  it('given the framework, when a priority of any code shape is added to a theme, then StrategicPriorityAdded', () => {
    spec([imported]).when({ type: 'AddStrategicPriority', on, reason, priority }).then([{ type: 'StrategicPriorityAdded', data: { on, reason, priority } }]);
    expect(stateAfter({ type: 'AddStrategicPriority', on, reason, priority }).definition?.strategicPriorities.map((p) => p.code)).toEqual(['SP10', 'RC-1']);
  });
  it('refuses a duplicate code or number, naming the field: PRIORITY_EXISTS', () => {
    spec([imported]).when({ type: 'AddStrategicPriority', on, reason, priority: { ...priority, code: 'SP10' } }).thenThrows('PRIORITY_EXISTS', { field: 'priority.code' });
    spec([imported]).when({ type: 'AddStrategicPriority', on, reason, priority: { ...priority, number: 10 } }).thenThrows('PRIORITY_EXISTS', { field: 'priority.number' });
  });
  it('refuses a theme the framework does not have, listing its themes: UNKNOWN_THEME', () => {
    spec([imported]).when({ type: 'AddStrategicPriority', on, reason, priority: { ...priority, theme: 'roads' } }).thenThrows('UNKNOWN_THEME', { field: 'priority.theme', message: /safer-communities/ });
  });
});

describe('framework amendments: a new locality', () => {
  const rutland = { slug: 'rutland', name: 'Rutland', plfAllocationPence: 400_000, vliSharePercent: 1.5 };
  it('given £5,000 available, when a locality with a £4,000 allocation is added, then LocalityAdded and the PLF grows by it', () => {
    spec([imported]).when({ type: 'AddLocality', on, reason, locality: rutland }).then([{ type: 'LocalityAdded', data: { on, reason, locality: rutland } }]);
    const state = stateAfter({ type: 'AddLocality', on, reason, locality: rutland });
    expect(state.definition?.localities.map((l) => l.slug)).toEqual(['blaby', 'melton', 'rutland']);
    expect(state.definition?.plf.totalPence).toBe(900_000);
  });
  it('refuses an allocation past what is available: BUDGET_EXCEEDED naming locality.plfAllocationPence', () => {
    spec([imported]).when({ type: 'AddLocality', on, reason, locality: { ...rutland, plfAllocationPence: 500_001 } }).thenThrows('BUDGET_EXCEEDED', { field: 'locality.plfAllocationPence' });
  });
  it('refuses a slug the framework already has: LOCALITY_EXISTS', () => {
    spec([imported]).when({ type: 'AddLocality', on, reason, locality: { ...rutland, slug: 'blaby' } }).thenThrows('LOCALITY_EXISTS', { field: 'locality.slug' });
  });
  it('refuses a VLI share that is no percentage', () => {
    spec([imported]).when({ type: 'AddLocality', on, reason, locality: { ...rutland, vliSharePercent: 101 } }).thenThrows('INVALID_FIELD', { field: 'locality.vliSharePercent' });
  });
});

describe('framework amendments: two localities merged', () => {
  it('given Blaby and Melton, when Melton joins Blaby, then LocalitiesMerged moves its allocation, share and lines', () => {
    spec([imported])
      .when({ type: 'MergeLocalities', on, reason, locality: 'melton', into: 'blaby' })
      .then([{ type: 'LocalitiesMerged', data: { on, reason, locality: 'melton', into: 'blaby', plfAllocationPence: 500_000, vliSharePercent: 5, movedCaseIds: ['2016-17-B52'] } }]);
    const state = stateAfter({ type: 'MergeLocalities', on, reason, locality: 'melton', into: 'blaby' });
    expect(state.definition?.localities).toEqual([{ ...blaby, plfAllocationPence: 500_000, vliSharePercent: 5 }]);
    expect(state.definition?.plf.totalPence).toBe(500_000);
    expect(availablePence(state)).toBe(availablePence(spec([imported]).state()));
  });
  it('refuses a merged allocation below what the two PLF cases hold: ALLOCATION_BELOW_COMMITTED', () => {
    spec([imported]).when({ type: 'MergeLocalities', on, reason, locality: 'melton', into: 'blaby', plfAllocationPence: 499_999 }).thenThrows('ALLOCATION_BELOW_COMMITTED', { field: 'plfAllocationPence' });
  });
  it('refuses a merged allocation that adds more than is available: BUDGET_EXCEEDED', () => {
    spec([imported]).when({ type: 'MergeLocalities', on, reason, locality: 'melton', into: 'blaby', plfAllocationPence: 1_000_001 }).thenThrows('BUDGET_EXCEEDED', { field: 'plfAllocationPence' });
  });
  it('refuses an unknown locality, listing the known ones, and a locality merged into itself', () => {
    spec([imported]).when({ type: 'MergeLocalities', on, reason, locality: 'oadby', into: 'blaby' }).thenThrows('UNKNOWN_LOCALITY', { field: 'locality', message: /blaby, melton/ });
    spec([imported]).when({ type: 'MergeLocalities', on, reason, locality: 'melton', into: 'oadby' }).thenThrows('UNKNOWN_LOCALITY', { field: 'into' });
    spec([imported]).when({ type: 'MergeLocalities', on, reason, locality: 'blaby', into: 'blaby' }).thenThrows('INVALID_FIELD', { field: 'into' });
  });
  it('the cases of the year placed in the locality move with it: each is in movedCaseIds once, beside the lines', () => {
    spec([imported])
      .when({ type: 'MergeLocalities', on, reason, locality: 'melton', into: 'blaby', casesInLocality: ['2016-17-D-a1b2c3', '2016-17-B52'] })
      .then([{ type: 'LocalitiesMerged', data: { on, reason, locality: 'melton', into: 'blaby', plfAllocationPence: 500_000, vliSharePercent: 5, movedCaseIds: ['2016-17-B52', '2016-17-D-a1b2c3'] } }]);
  });
  it('a locality merged away is gone: merging it again is refused', () => {
    const merged = frameworkDecider.decide({ type: 'MergeLocalities', on, reason, locality: 'melton', into: 'blaby' }, spec([imported]).state());
    spec([imported, ...merged]).when({ type: 'MergeLocalities', on, reason, locality: 'melton', into: 'blaby' }).thenThrows('UNKNOWN_LOCALITY');
  });
});
