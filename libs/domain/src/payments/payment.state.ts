import { canonicalPeriod, parsePeriod } from '../performance/reporting-period';
import { assertNever } from '../shared/decider';
import type { Pence } from '../shared/money';
import type { OpenCase } from '../cases/case.model';
import type { PaymentEvent } from './payment.events';
import type { Claim, Instalment, InstalmentPlan, PaymentState } from './payment.types';

const fresh = (plan: InstalmentPlan): Instalment => ({ ...plan, withheld: [], dueChecked: false, paidPence: 0, recoveredPence: 0 });

export const scheduleOf = (plans: readonly InstalmentPlan[], basis: PaymentState['basis']): PaymentState => ({
  basis,
  instalments: plans.map(fresh),
  claims: [],
  checkpointsMet: [],
});

/** Keeps what happened to an instalment that survives a re-profile (same id); a new due date is checked afresh. */
function reprofiled(state: PaymentState, plans: readonly InstalmentPlan[]): PaymentState {
  const instalments = plans.map((plan) => {
    const kept = state.instalments.find((i) => i.id === plan.id);
    if (!kept) return fresh(plan);
    return { ...kept, ...plan, dueChecked: kept.dueChecked && kept.dueOn === plan.dueOn };
  });
  return { ...state, basis: 'set', instalments };
}

const withInstalment = (state: PaymentState, id: string, change: (i: Instalment) => Instalment): PaymentState => ({
  ...state,
  instalments: state.instalments.map((i) => (i.id === id ? change(i) : i)),
});

const withClaim = (state: PaymentState, id: string, change: (c: Claim) => Claim): PaymentState => ({
  ...state,
  claims: state.claims.map((c) => (c.claimId === id ? change(c) : c)),
});

export function evolvePayments(state: PaymentState | undefined, event: PaymentEvent): PaymentState | undefined {
  if (event.type === 'PaymentScheduleSet') return scheduleOf(event.data.instalments, 'set');
  if (!state) return state;
  switch (event.type) {
    case 'PaymentScheduleReprofiled':
      return reprofiled(state, event.data.instalments);
    case 'ClaimReceived': {
      const { claimId, instalmentId, pence, evidenceRef, recordedBy, on } = event.data;
      const claim: Claim = { claimId, instalmentId, pence, evidenceRef, recordedBy, receivedOn: on, status: 'received', approvedBy: [], approvalsRequired: 1 };
      return { ...state, claims: [...state.claims, claim] };
    }
    case 'ClaimApproved': {
      const { approvedBy, approvalsRequired } = event.data;
      return withClaim(state, event.data.claimId, (c) => {
        const approvers = [...c.approvedBy, approvedBy];
        return { ...c, approvedBy: approvers, approvalsRequired, status: approvers.length >= approvalsRequired ? 'approved' : 'received' };
      });
    }
    case 'ClaimRejected':
      return withClaim(state, event.data.claimId, (c) => ({ ...c, status: 'rejected', rejectedReason: event.data.reason }));
    case 'ClaimPaid': {
      const paid = withClaim(state, event.data.claimId, (c) => ({ ...c, status: 'paid', paymentRef: event.data.paymentRef, paidOn: event.data.on }));
      return withInstalment(paid, event.data.instalmentId, (i) => ({ ...i, paidPence: i.paidPence + event.data.pence }));
    }
    case 'InstalmentFellDue':
      return withInstalment(state, event.data.instalmentId, (i) => ({ ...i, dueChecked: true }));
    case 'InstalmentWithheld':
      return withInstalment(state, event.data.instalmentId, (i) => ({
        ...i,
        withheld: i.withheld.includes(event.data.reason) ? i.withheld : [...i.withheld, event.data.reason],
        dueChecked: i.dueChecked || event.data.reason === 'condition-unmet',
      }));
    case 'InstalmentReleased':
      return withInstalment(state, event.data.instalmentId, (i) => ({ ...i, withheld: i.withheld.filter((r) => r !== event.data.reason) }));
    case 'PaymentRecovered':
      return withInstalment(state, event.data.instalmentId, (i) => ({ ...i, recoveredPence: i.recoveredPence + event.data.pence }));
    case 'PaymentCheckpointMet':
      return state.checkpointsMet.includes(event.data.checkpoint) ? state : { ...state, checkpointsMet: [...state.checkpointsMet, event.data.checkpoint] };
    case 'InstalmentsCarriedForward': {
      const { instalmentIds, toYear } = event.data;
      return { ...state, instalments: state.instalments.map((i) => (instalmentIds.includes(i.id) ? { ...i, carriedTo: toYear } : i)) };
    }
    default:
      return assertNever(event);
  }
}

/** Claims still in play on an instalment: received or approved, not yet paid. */
export const openClaimsOf = (state: PaymentState, instalmentId: string): Claim[] =>
  state.claims.filter((c) => c.instalmentId === instalmentId && (c.status === 'received' || c.status === 'approved'));

/** What may still be claimed: the instalment less what is paid and what open claims ask. */
export const claimablePence = (state: PaymentState, instalment: Instalment): Pence =>
  instalment.pence - instalment.paidPence - openClaimsOf(state, instalment.id).reduce((sum, c) => sum + c.pence, 0);

/** An instalment with any claim but a rejected one is settled, and so is one carried to another year: a re-profile or variation leaves it as it is. */
export const isSettled = (state: PaymentState, instalment: Instalment): boolean =>
  instalment.paidPence > 0 || instalment.carriedTo !== undefined || state.claims.some((c) => c.instalmentId === instalment.id && c.status !== 'rejected');

/** What a year-end decision may carry to the next year: an instalment unpaid, unclaimed and not carried already (none of it settled). */
export const isCarriable = (state: PaymentState, instalment: Instalment): boolean => !isSettled(state, instalment);

/** The financial year an instalment counts in: the case's own, or the one it was carried to. */
export const yearOfInstalment = (instalment: Instalment, caseYear: string): string => instalment.carriedTo ?? caseYear;

/** Pence carried out of the case's own year to a later one (what the carried instalments were for; none was paid when carried). */
export const carriedOutPence = (state: PaymentState | undefined): Pence =>
  (state?.instalments ?? []).filter((i) => i.carriedTo !== undefined).reduce((sum, i) => sum + i.pence, 0);

/** The financial year after "2016-17": "2017-18". */
export function followingFinancialYear(financialYear: string): string {
  const start = Number(financialYear.slice(0, 4)) + 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * Whether an instalment's condition holds on the case's history: a period's report is in
 * once every measure reported at that period's frequency has reported it (any report of the
 * period when no measure has that frequency); a checkpoint once recorded as met.
 */
export function conditionMet(instalment: InstalmentPlan, state: OpenCase, payments: PaymentState): boolean {
  const condition = instalment.condition;
  switch (condition.kind) {
    case 'none':
      return true;
    case 'checkpoint':
      return payments.checkpointsMet.includes(condition.name);
    case 'performance-report': {
      const wanted = parsePeriod(condition.period);
      const period = wanted?.label ?? condition.period.trim();
      const frequency = wanted?.frequency;
      const reported = (measureId?: string) =>
        state.reports.some((r) => canonicalPeriod(r.period) === period && (measureId === undefined || r.measureId === measureId));
      const measures = (state.contract?.measures ?? []).filter((m) => m.frequency === frequency);
      return measures.length > 0 ? measures.every((m) => reported(m.id)) : reported();
    }
    default:
      return assertNever(condition);
  }
}
