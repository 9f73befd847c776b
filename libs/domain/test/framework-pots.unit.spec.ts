import { availablePence, frameworkDecider, type FrameworkEvent } from '@app/domain';
import { specFor } from './given-when-then';
import { smallFramework } from './fixtures';

const spec = specFor(frameworkDecider);
/** Budget £100,000: £60,000 + £20,000 lines, a £15,000 grants pot, a £5,000 reserve: nothing else available. */
const imported: FrameworkEvent = { type: 'FrameworkImported', data: { ...smallFramework(), reservePence: 500_000, pots: { 'pcc-grant': 1_500_000 } } };

describe('a pot set aside for a mechanism', () => {
  it('given a grants pot, when a grant is awarded within it, then it is committed from the pot without a reserve draw', () => {
    spec([imported])
      .when({ type: 'SetCaseCommitment', caseId: 'G1', pence: 1_000_000, reason: 'award', mechanism: 'pcc-grant' })
      .then([{ type: 'FundsCommitted', data: { caseId: 'G1', pence: 1_000_000, reason: 'award', committedAfterPence: 9_000_000, fromPot: { mechanism: 'pcc-grant', pence: 1_000_000 } } }]);
  });
  it('the pot shrinks and nothing else moves: the reserve and what is generally available stay as they were', () => {
    const before = spec([imported]).state();
    const after = frameworkDecider.evolve(before, frameworkDecider.decide({ type: 'SetCaseCommitment', caseId: 'G1', pence: 1_000_000, reason: 'award', mechanism: 'pcc-grant' }, before)[0]);
    expect(after.potsPence).toEqual({ 'pcc-grant': 500_000 });
    expect(after.reservePence).toBe(before.reservePence);
    expect(availablePence(after)).toBe(availablePence(before));
  });
  it('refuses an award past the pot when nothing else is available: BUDGET_EXCEEDED', () => {
    spec([imported]).when({ type: 'SetCaseCommitment', caseId: 'G1', pence: 1_600_000, reason: 'award', mechanism: 'pcc-grant' }).thenThrows('BUDGET_EXCEEDED');
  });
  it('another mechanism cannot draw on the grants pot: BUDGET_EXCEEDED', () => {
    spec([imported]).when({ type: 'SetCaseCommitment', caseId: 'D1', pence: 100_000, reason: 'award', mechanism: 'direct' }).thenThrows('BUDGET_EXCEEDED');
  });
});
