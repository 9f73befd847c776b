import type { CaseCommand, CaseEvent, InstalmentPlan, Measure } from '@app/domain';
import { caseDecider } from '@app/domain';
import { contractTerms, event, importedCommitment } from './fixtures';

/**
 * Youth Mentoring (B05, £147,556), imported as an existing commitment for 2016/17, with one
 * quarterly measure agreed. Histories are written out event by event.
 */
export const mentees: Measure = { id: 'mentees', name: 'Young people mentored', unit: 'people', target: 40, frequency: 'quarterly', direction: 'higher-is-better' };

export const B05_PENCE = 14_755_600;
export const QUARTER_PENCE = 3_688_900;

export const youthMentoring = importedCommitment('direct', contractTerms({ valuePence: B05_PENCE, measures: [], startDate: '2016-04-01', endDate: '2017-03-31' }));
export const measuresAgreed = event('PerformanceMeasuresAgreed', { measures: [mentees], on: '2016-04-20' });
export const CASE = '2016-17-B-direct';

export const reported = (period: string, actual = 45, on = '2016-07-10'): CaseEvent =>
  event('PerformanceReported', { measureId: mentees.id, period, actual, target: 40, rag: actual >= 40 ? 'green' : 'red', on, commentary: '' });

export const claimReceived = (claimId: string, instalmentId: string, pence: number, recordedBy = 'officer.one', on = '2016-07-12'): CaseEvent =>
  event('ClaimReceived', { claimId, instalmentId, pence, evidenceRef: 'INV-2016-0712', recordedBy, on });

export const claimApproved = (claimId: string, instalmentId: string, approvedBy: string, approval = 1, approvalsRequired = 1): CaseEvent =>
  event('ClaimApproved', { claimId, instalmentId, approvedBy, on: '2016-07-20', approval, approvalsRequired });

export const claimPaid = (claimId: string, instalmentId: string, pence: number, paidOn = '2016-08-01'): CaseEvent =>
  event('ClaimPaid', { claimId, instalmentId, pence, paymentRef: 'BACS-000123', on: paidOn, recordedBy: 'finance.one' });

export const withheld = (instalmentId: string, dueOn: string, reason: 'condition-unmet' | 'under-achievement' = 'condition-unmet'): CaseEvent =>
  event('InstalmentWithheld', { instalmentId, reason, condition: { kind: 'performance-report', period: instalmentId }, dueOn, on: '2016-11-01' });

export const plan = (id: string, dueOn: string, pence: number, condition: InstalmentPlan['condition'] = { kind: 'none' }): InstalmentPlan => ({ id, dueOn, pence, condition });

/** The case after a history, for reading its payments. */
export const paymentsAfter = (history: readonly CaseEvent[]) => {
  const state = history.reduce(caseDecider.evolve, caseDecider.initialState);
  if (state.status !== 'open' || !state.payments) throw new Error('the history has no payment schedule');
  return state.payments;
};

export const decide = (history: readonly CaseEvent[], command: CaseCommand) => caseDecider.decide(command, history.reduce(caseDecider.evolve, caseDecider.initialState));
