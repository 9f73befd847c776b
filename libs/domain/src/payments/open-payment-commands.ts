import type { OpenCase } from '../cases/case.model';
import { phaseOf } from '../workflows/open-commands';
import type { PaymentCommandType } from './payment.commands';
import { claimablePence, conditionMet, isCarriable, isSettled } from './payment.state';
import type { Claim } from './payment.types';

/** A payment command open on a case now; the claim it acts on for the commands on one claim. */
export interface OpenPaymentCommand {
  readonly command: PaymentCommandType;
  readonly claim?: Claim;
}

/**
 * Why `by` may not approve a claim (four eyes): they recorded it, or approved it already.
 * The decider refuses on it; a page leaves the approval out for them.
 */
export function fourEyesBar(claim: Claim, by: string): 'recorded-it' | 'approved-it' | undefined {
  if (by === claim.recordedBy) return 'recorded-it';
  return claim.approvedBy.includes(by) ? 'approved-it' : undefined;
}

/**
 * The payment commands open on a case now, for `by` (what a case page offers): a schedule
 * while the contract runs and nothing has been claimed; claims, approvals, payments and
 * recoveries where the schedule and its claims leave something to do; a year-end carry-forward
 * while the contract runs and an instalment is still unpaid and unclaimed.
 */
export function openPaymentCommands(state: OpenCase, by: string): OpenPaymentCommand[] {
  if (!state.contract) return [];
  const live = phaseOf(state) === 'contract';
  const payments = state.payments;
  const claimed = payments?.claims.some((c) => c.status !== 'rejected') ?? false;
  const open: OpenPaymentCommand[] = [];
  if (live && !claimed) open.push({ command: 'SetPaymentSchedule' });
  if (!payments) return open;
  if (live && claimed && payments.instalments.some((i) => !isSettled(payments, i))) open.push({ command: 'ReprofilePaymentSchedule' });
  if (payments.instalments.some((i) => claimablePence(payments, i) > 0)) open.push({ command: 'RecordClaim' });
  for (const claim of payments.claims) {
    if (claim.status === 'received' && !fourEyesBar(claim, by)) open.push({ command: 'ApproveClaim', claim });
    if (claim.status === 'approved') open.push({ command: 'RecordPayment', claim });
    if (claim.status === 'received' || claim.status === 'approved') open.push({ command: 'RejectClaim', claim });
  }
  if (payments.instalments.some((i) => i.paidPence > i.recoveredPence)) open.push({ command: 'RecoverPayment' });
  if (payments.instalments.some((i) => i.condition.kind === 'checkpoint' && !conditionMet(i, state, payments))) open.push({ command: 'RecordCheckpointMet' });
  if (live && payments.instalments.some((i) => isCarriable(payments, i))) open.push({ command: 'CarryForwardInstalments' });
  return open;
}
