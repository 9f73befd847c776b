import { assertNever } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { formatPence, isPence, type Pence } from '../shared/money';
import { businessDateProblem, formatUkDate, isBusinessDate } from '../shared/business-date';
import type { OpenCase } from '../cases/case.model';
import type { PaymentCommand } from './payment.commands';
import type { PaymentEvent } from './payment.events';
import { fourEyesBar } from './open-payment-commands';
import { conditionInWords } from './instalment-status';
import { claimablePence, conditionMet, followingFinancialYear, isSettled, openClaimsOf } from './payment.state';
import { type Claim, type Instalment, type InstalmentPlan, PAYMENT_ID, type PaymentState } from './payment.types';

const refuse = (code: string, field: string, reason: string, details: Record<string, unknown> = {}): never => {
  throw DomainError.field(code, field, reason, details);
};

/** Payments are decided on the case's own history: its contract, reports, flags and schedule. */
export function decidePayment(command: PaymentCommand, state: OpenCase, live: boolean): PaymentEvent[] {
  if (!state.contract) throw new DomainError('NO_CONTRACT', 'There is no contract or agreement to pay on this case yet');
  const on = command.on;
  if (command.type === 'SetPaymentSchedule') {
    if (!live) throw new DomainError('CONTRACT_ENDED', 'The contract has ended; its schedule can no longer change');
    if (state.payments?.claims.some((c) => c.status !== 'rejected')) {
      throw new DomainError('SCHEDULE_IN_USE', 'Claims have been made against this schedule: re-profile the unpaid instalments instead');
    }
    const instalments = checkPlans(command.instalments, 'instalments', state.contract.valuePence);
    return [{ type: 'PaymentScheduleSet', data: { instalments, totalPence: state.contract.valuePence, setBy: command.by, on } }];
  }
  const payments = state.payments;
  if (!payments) throw new DomainError('NO_SCHEDULE', 'The contract has no payment schedule yet: set one first');
  switch (command.type) {
    case 'ReprofilePaymentSchedule': {
      if (!live) throw new DomainError('CONTRACT_ENDED', 'The contract has ended; its schedule can no longer change');
      if (command.reason.trim() === '') refuse('REASON_REQUIRED', 'reason', 'must say why');
      const instalments = reprofile(payments, command.instalments, state.contract.valuePence);
      return [
        {
          type: 'PaymentScheduleReprofiled',
          data: { instalments, totalPence: state.contract.valuePence, cause: 'decision', reason: command.reason, reprofiledBy: command.by, on },
        },
      ];
    }
    case 'RecordClaim':
      return [recordClaim(command, payments)];
    case 'ApproveClaim':
      return [approveClaim(command, payments, state)];
    case 'RejectClaim': {
      const claim = claimOf(payments, command.claimId);
      if (claim.status === 'paid' || claim.status === 'rejected') refuse('CLAIM_CLOSED', 'claimId', `claim ${claim.claimId} is already ${claim.status}`);
      if (command.reason.trim() === '') refuse('REASON_REQUIRED', 'reason', 'must say why');
      return [{ type: 'ClaimRejected', data: { claimId: claim.claimId, instalmentId: claim.instalmentId, reason: command.reason, rejectedBy: command.by, on } }];
    }
    case 'RecordPayment': {
      const claim = claimOf(payments, command.claimId);
      if (claim.status !== 'approved') {
        refuse('CLAIM_NOT_APPROVED', 'claimId', `claim ${claim.claimId} is ${claim.status}${claim.status === 'received' ? ` (${claim.approvedBy.length} of ${claim.approvalsRequired} approvals)` : ''}`);
      }
      payable(instalmentOf(payments, claim.instalmentId), state, payments);
      const { claimId, instalmentId, pence } = claim;
      return [{ type: 'ClaimPaid', data: { claimId, instalmentId, pence, paymentRef: command.paymentRef, on, recordedBy: command.by } }];
    }
    case 'RecoverPayment': {
      const instalment = instalmentOf(payments, command.instalmentId);
      const recoverable = instalment.paidPence - instalment.recoveredPence;
      if (!isPence(command.pence) || command.pence <= 0) refuse('INVALID_AMOUNT', 'pence', 'must be a whole number of pence, more than zero');
      if (command.pence > recoverable) {
        refuse('RECOVERY_EXCEEDS_PAID', 'pence', `${formatPence(command.pence)} is more than the ${formatPence(recoverable)} paid and not yet recovered on ${instalment.id}`, {
          recoverablePence: recoverable,
        });
      }
      if (command.reason.trim() === '') refuse('REASON_REQUIRED', 'reason', 'must say why');
      return [{ type: 'PaymentRecovered', data: { instalmentId: instalment.id, pence: command.pence, reason: command.reason, decidedBy: command.by, on } }];
    }
    case 'RecordCheckpointMet': {
      if (payments.checkpointsMet.includes(command.checkpoint)) return [];
      const met: PaymentEvent = { type: 'PaymentCheckpointMet', data: { checkpoint: command.checkpoint, evidenceRef: command.evidenceRef, recordedBy: command.by, on } };
      const after: PaymentState = { ...payments, checkpointsMet: [...payments.checkpointsMet, command.checkpoint] };
      return [met, ...releasesWhereMet(state, after, on)];
    }
    case 'CarryForwardInstalments':
      if (!live) throw new DomainError('CONTRACT_ENDED', 'The contract has ended; nothing of it is carried to another year');
      return [carryForward(command, payments, state.profile.financialYear)];
    default:
      return assertNever(command);
  }
}

/**
 * Year-end: unpaid instalments carried to the next financial year, by name, with a reason.
 * A paid instalment, or one with a claim on it, stays in its year; so does one carried already.
 * Whether the next year's framework exists and can hold it is the ledger's to decide.
 */
function carryForward(command: Extract<PaymentCommand, { type: 'CarryForwardInstalments' }>, payments: PaymentState, fromYear: string): PaymentEvent {
  const toYear = followingFinancialYear(fromYear);
  if (command.toYear !== toYear) refuse('INVALID_CARRY_YEAR', 'toYear', `unpaid commitments of ${fromYear} are carried only to ${toYear}, not "${command.toYear}"`);
  if (command.instalmentIds.length === 0) refuse('VALIDATION_FAILED', 'instalmentIds', 'name at least one unpaid instalment to carry');
  const seen: string[] = [];
  const carried = command.instalmentIds.map((id, n) => {
    const field = `instalmentIds[${n}]`;
    const instalment = payments.instalments.find((i) => i.id === id);
    if (!instalment) return refuse('UNKNOWN_INSTALMENT', field, `no instalment "${id}" in the schedule: ${payments.instalments.map((i) => i.id).join(', ')}`);
    if (seen.includes(id)) refuse('DUPLICATE_ID', field, `instalment "${id}" appears twice`);
    seen.push(id);
    if (instalment.carriedTo !== undefined) refuse('ALREADY_CARRIED', field, `instalment ${id} was carried to ${instalment.carriedTo} already`);
    if (instalment.paidPence > 0) refuse('INSTALMENT_PAID', field, `instalment ${id} has been paid (${formatPence(instalment.paidPence)}): what is paid stays in ${fromYear}`);
    if (isSettled(payments, instalment)) refuse('INSTALMENT_CLAIMED', field, `instalment ${id} has a claim on it: decide the claim first`);
    return instalment;
  });
  if (command.reason.trim() === '') refuse('REASON_REQUIRED', 'reason', 'must say why');
  const pence = carried.reduce((sum, i) => sum + i.pence, 0);
  return {
    type: 'InstalmentsCarriedForward',
    data: { instalmentIds: carried.map((i) => i.id), fromYear, toYear, pence, reason: command.reason, decidedBy: command.by, on: command.on },
  };
}

function checkPlans(plans: readonly InstalmentPlan[], field: string, expectedPence: Pence, taken: readonly string[] = []): InstalmentPlan[] {
  if (plans.length === 0 && expectedPence > 0) refuse('VALIDATION_FAILED', field, 'name at least one instalment');
  const ids = [...taken];
  plans.forEach((plan, i) => {
    if (!PAYMENT_ID.test(plan.id)) refuse('VALIDATION_FAILED', `${field}[${i}].id`, 'must be 1–60 letters, digits, _ or -');
    if (ids.includes(plan.id)) refuse('DUPLICATE_ID', `${field}[${i}].id`, `instalment "${plan.id}" appears twice`);
    ids.push(plan.id);
    if (!isBusinessDate(plan.dueOn)) refuse('VALIDATION_FAILED', `${field}[${i}].dueOn`, businessDateProblem(plan.dueOn) ?? '');
    if (!isPence(plan.pence) || plan.pence <= 0) refuse('INVALID_AMOUNT', `${field}[${i}].pence`, 'must be a whole number of pence, more than zero');
  });
  const total = plans.reduce((sum, plan) => sum + plan.pence, 0);
  if (total !== expectedPence) {
    const difference = total - expectedPence;
    refuse(
      'SCHEDULE_SUM_MISMATCH',
      field,
      `instalments sum to ${formatPence(total)}, ${formatPence(Math.abs(difference))} ${difference > 0 ? 'more' : 'less'} than the ${formatPence(expectedPence)} to schedule`,
      { totalPence: total, expectedPence, differencePence: difference },
    );
  }
  return plans.map((plan) => ({ id: plan.id, dueOn: plan.dueOn, pence: plan.pence, condition: plan.condition }));
}

/** Settled instalments stay exactly as they are; the rest are replaced and must make up the difference. */
function reprofile(payments: PaymentState, plans: readonly InstalmentPlan[], valuePence: Pence): InstalmentPlan[] {
  const settled = payments.instalments.filter((i) => isSettled(payments, i));
  const settledPence = settled.reduce((sum, i) => sum + i.pence, 0);
  const replaced = checkPlans(plans, 'instalments', valuePence - settledPence, settled.map((i) => i.id));
  return [...settled.map(planOf), ...replaced].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
}

export const planOf = (i: Instalment): InstalmentPlan => ({ id: i.id, dueOn: i.dueOn, pence: i.pence, condition: i.condition });

function instalmentOf(payments: PaymentState, id: string): Instalment {
  const found = payments.instalments.find((i) => i.id === id);
  if (!found) return refuse('UNKNOWN_INSTALMENT', 'instalmentId', `no instalment "${id}" in the schedule: ${payments.instalments.map((i) => i.id).join(', ')}`);
  return found;
}

function claimOf(payments: PaymentState, id: string): Claim {
  const found = payments.claims.find((c) => c.claimId === id);
  if (!found) return refuse('UNKNOWN_CLAIM', 'claimId', `no claim "${id}"`);
  return found;
}

function notWithheld(instalment: Instalment): void {
  if (instalment.withheld.length === 0) return;
  throw new DomainError(
    'INSTALMENT_WITHHELD',
    `Instalment ${instalment.id} is withheld (${instalment.withheld.join(', ')}): it is released when the condition is met` +
      (instalment.withheld.includes('under-achievement') ? ' and remedial action is agreed' : ''),
    { instalmentId: instalment.id, reasons: instalment.withheld },
  );
}

/** Paid in arrears and on condition: nothing is approved or paid while withheld or before its condition holds. */
function payable(instalment: Instalment, state: OpenCase, payments: PaymentState): void {
  notWithheld(instalment);
  if (conditionMet(instalment, state, payments)) return;
  const condition = instalment.condition;
  throw new DomainError('CONDITION_UNMET', `Instalment ${instalment.id} is paid ${conditionInWords(condition)}`, { instalmentId: instalment.id, condition });
}

function recordClaim(command: Extract<PaymentCommand, { type: 'RecordClaim' }>, payments: PaymentState): PaymentEvent {
  const instalment = instalmentOf(payments, command.instalmentId);
  const claimId = command.claimId ?? `${instalment.id}-claim-${payments.claims.filter((c) => c.instalmentId === instalment.id).length + 1}`;
  if (!PAYMENT_ID.test(claimId)) refuse('VALIDATION_FAILED', 'claimId', 'must be 1–60 letters, digits, _ or -');
  if (payments.claims.some((c) => c.claimId === claimId)) refuse('DUPLICATE_ID', 'claimId', `claim "${claimId}" already exists`);
  if (!isPence(command.pence) || command.pence <= 0) refuse('INVALID_AMOUNT', 'pence', 'must be a whole number of pence, more than zero');
  const claimable = claimablePence(payments, instalment);
  if (command.pence > claimable) {
    refuse('CLAIM_EXCEEDS_DUE', 'pence', `${formatPence(command.pence)} is more than the ${formatPence(claimable)} that may still be claimed on ${instalment.id}`, {
      claimablePence: claimable,
    });
  }
  if (command.evidenceRef.trim() === '') refuse('VALIDATION_FAILED', 'evidenceRef', 'name the evidence the claim rests on');
  const { instalmentId, pence, evidenceRef } = command;
  return { type: 'ClaimReceived', data: { claimId, instalmentId, pence, evidenceRef, recordedBy: command.by, on: command.on } };
}

/**
 * Four eyes: the approver is never whoever recorded the claim, nor anyone who approved it
 * already; above the framework's threshold a second approval, by a third person, is needed.
 */
function approveClaim(command: Extract<PaymentCommand, { type: 'ApproveClaim' }>, payments: PaymentState, state: OpenCase): PaymentEvent {
  const claim = claimOf(payments, command.claimId);
  if (claim.status !== 'received') refuse('CLAIM_CLOSED', 'claimId', `claim ${claim.claimId} is already ${claim.status}`);
  const bar = fourEyesBar(claim, command.by);
  if (bar === 'recorded-it') {
    throw new DomainError('FOUR_EYES', `${command.by} recorded claim ${claim.claimId} and so cannot approve it: another officer must`, {
      claimId: claim.claimId,
      recordedBy: claim.recordedBy,
    });
  }
  if (bar === 'approved-it') {
    throw new DomainError('FOUR_EYES', `${command.by} has already approved claim ${claim.claimId}: the second approval must be by a third person`, {
      claimId: claim.claimId,
      approvedBy: claim.approvedBy,
    });
  }
  payable(instalmentOf(payments, claim.instalmentId), state, payments);
  const approvalsRequired = claim.pence > command.secondApprovalAbovePence ? 2 : 1;
  return {
    type: 'ClaimApproved',
    data: { claimId: claim.claimId, instalmentId: claim.instalmentId, approvedBy: command.by, on: command.on, approval: claim.approvedBy.length + 1, approvalsRequired },
  };
}

/** Instalments withheld for an unmet condition that now holds, released. */
export function releasesWhereMet(state: OpenCase, payments: PaymentState, on: string): PaymentEvent[] {
  return payments.instalments
    .filter((i) => i.withheld.includes('condition-unmet') && conditionMet(i, state, payments))
    .map((i) => ({ type: 'InstalmentReleased', data: { instalmentId: i.id, reason: 'condition-unmet', on } }));
}

/**
 * The due check, as the reminders' due job runs it the day after an instalment's due date:
 * it falls due when its condition holds, and is withheld otherwise. Nothing for a paid
 * instalment, one already checked, or one since moved to another day.
 */
export function decideInstalmentDue(state: OpenCase, instalmentId: string, dueOn: string, on: string): PaymentEvent[] {
  const payments = state.payments;
  const instalment = payments?.instalments.find((i) => i.id === instalmentId);
  if (!payments || !instalment || instalment.dueOn !== dueOn || instalment.dueChecked) return [];
  if (on <= dueOn) throw new DomainError('NOT_YET_DUE', `Instalment ${instalmentId} is due on ${formatUkDate(dueOn)}; it cannot be checked on ${formatUkDate(on)}`);
  if (instalment.paidPence >= instalment.pence) return [];
  if (conditionMet(instalment, state, payments)) return [{ type: 'InstalmentFellDue', data: { instalmentId, dueOn, on } }];
  return [{ type: 'InstalmentWithheld', data: { instalmentId, reason: 'condition-unmet', condition: instalment.condition, dueOn, on } }];
}

export { openClaimsOf };
