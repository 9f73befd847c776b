import { caseDecider, type CaseEvent, openPaymentCommands, type OpenCase } from '@app/domain';
import { directHistories } from './fixtures';
import { claimApproved, claimPaid, claimReceived, measuresAgreed, QUARTER_PENCE, reported, youthMentoring } from './payment-fixtures';

const stateAfter = (history: readonly CaseEvent[]): OpenCase => {
  const state = history.reduce(caseDecider.evolve, caseDecider.initialState);
  if (state.status !== 'open') throw new Error('the history opens no case');
  return state;
};
const open = (history: readonly CaseEvent[], by: string) =>
  openPaymentCommands(stateAfter(history), by).map((o) => (o.claim ? `${o.command} ${o.claim.claimId}` : o.command));

const claimed = [youthMentoring, measuresAgreed, reported('2016-Q1'), claimReceived('c1', '2016-Q1', QUARTER_PENCE, 'officer.one')];

describe('The payment commands a case page offers', () => {
  it('offers nothing before a contract is awarded', () => {
    expect(open(directHistories.proposed, 'officer.one')).toEqual([]);
  });

  it('offers only setting a schedule on an award, which brings none', () => {
    expect(open(directHistories.active, 'officer.one')).toEqual(['SetPaymentSchedule']);
  });

  it('offers setting the schedule and claiming on a running contract before any claim', () => {
    expect(open([youthMentoring], 'officer.one')).toEqual(['SetPaymentSchedule', 'RecordClaim', 'CarryForwardInstalments']);
  });

  it('leaves the approval out for whoever recorded the claim, and for whoever approved it already (four eyes)', () => {
    expect(open(claimed, 'officer.one')).toEqual(['ReprofilePaymentSchedule', 'RecordClaim', 'RejectClaim c1', 'CarryForwardInstalments']);
    expect(open(claimed, 'officer.two')).toContain('ApproveClaim c1');
    const once = [...claimed, claimApproved('c1', '2016-Q1', 'officer.two', 1, 2)];
    expect(open(once, 'officer.two')).not.toContain('ApproveClaim c1');
    expect(open(once, 'head.of.finance')).toContain('ApproveClaim c1');
  });

  it('offers payment of an approved claim, then recovery of what was paid', () => {
    const approved = [...claimed, claimApproved('c1', '2016-Q1', 'officer.two')];
    expect(open(approved, 'officer.two')).toEqual(expect.arrayContaining(['RecordPayment c1', 'RejectClaim c1']));
    const paid = [...approved, claimPaid('c1', '2016-Q1', QUARTER_PENCE)];
    expect(open(paid, 'officer.two')).toContain('RecoverPayment');
    expect(open(paid, 'officer.two').filter((c) => c.endsWith(' c1'))).toEqual([]);
  });

  it('offers the year-end carry-forward while an instalment is unpaid and unclaimed, and not once every one is claimed, paid or carried', () => {
    const carried: CaseEvent = {
      type: 'InstalmentsCarriedForward',
      data: { instalmentIds: ['2016-Q2', '2016-Q3', '2016-Q4'], fromYear: '2016-17', toYear: '2017-18', pence: 3 * QUARTER_PENCE, reason: 'slipped', decidedBy: 'officer.two', on: '2017-03-20' },
    };
    expect(open(claimed, 'officer.two')).toContain('CarryForwardInstalments');
    expect(open([...claimed, carried], 'officer.two')).not.toContain('CarryForwardInstalments');
  });
});
