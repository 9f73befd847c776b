import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { InstalmentCondition, InstalmentPlan, WithholdingReason } from './payment.types';

type E<Type extends string, Data> = { type: Type; data: Data };

export type PaymentScheduleSet = E<'PaymentScheduleSet', { instalments: InstalmentPlan[]; totalPence: Pence; setBy: string; on: BusinessDate }>;
/** The whole schedule after re-profiling; instalments with a claim on them are carried over unchanged. */
export type PaymentScheduleReprofiled = E<
  'PaymentScheduleReprofiled',
  { instalments: InstalmentPlan[]; totalPence: Pence; cause: 'variation' | 'decision'; reason: string; reprofiledBy: string | null; on: BusinessDate }
>;
export type ClaimReceived = E<
  'ClaimReceived',
  { claimId: string; instalmentId: string; pence: Pence; evidenceRef: string; recordedBy: string; on: BusinessDate }
>;
export type ClaimApproved = E<
  'ClaimApproved',
  { claimId: string; instalmentId: string; approvedBy: string; on: BusinessDate; approval: number; approvalsRequired: number }
>;
export type ClaimRejected = E<'ClaimRejected', { claimId: string; instalmentId: string; reason: string; rejectedBy: string; on: BusinessDate }>;
export type ClaimPaid = E<
  'ClaimPaid',
  { claimId: string; instalmentId: string; pence: Pence; paymentRef: string; on: BusinessDate; recordedBy: string }
>;
/** The due check found the instalment's condition met: it may be paid. */
export type InstalmentFellDue = E<'InstalmentFellDue', { instalmentId: string; dueOn: BusinessDate; on: BusinessDate }>;
export type InstalmentWithheld = E<
  'InstalmentWithheld',
  { instalmentId: string; reason: WithholdingReason; condition: InstalmentCondition; dueOn: BusinessDate; on: BusinessDate }
>;
export type InstalmentReleased = E<'InstalmentReleased', { instalmentId: string; reason: WithholdingReason; on: BusinessDate }>;
export type PaymentRecovered = E<
  'PaymentRecovered',
  { instalmentId: string; pence: Pence; reason: string; decidedBy: string; on: BusinessDate }
>;
export type PaymentCheckpointMet = E<'PaymentCheckpointMet', { checkpoint: string; evidenceRef: string; recordedBy: string; on: BusinessDate }>;
/** Year-end: these unpaid instalments, and their pence, count in `toYear` from now on; the ledgers of both years move with it. */
export type InstalmentsCarriedForward = E<
  'InstalmentsCarriedForward',
  { instalmentIds: string[]; fromYear: string; toYear: string; pence: Pence; reason: string; decidedBy: string; on: BusinessDate }
>;

export type PaymentEvent =
  | PaymentScheduleSet
  | PaymentScheduleReprofiled
  | ClaimReceived
  | ClaimApproved
  | ClaimRejected
  | ClaimPaid
  | InstalmentFellDue
  | InstalmentWithheld
  | InstalmentReleased
  | PaymentRecovered
  | PaymentCheckpointMet
  | InstalmentsCarriedForward;

export type PaymentEventType = PaymentEvent['type'];

export const PAYMENT_EVENT_TYPES: ReadonlySet<string> = new Set<PaymentEventType>([
  'PaymentScheduleSet',
  'PaymentScheduleReprofiled',
  'ClaimReceived',
  'ClaimApproved',
  'ClaimRejected',
  'ClaimPaid',
  'InstalmentFellDue',
  'InstalmentWithheld',
  'InstalmentReleased',
  'PaymentRecovered',
  'PaymentCheckpointMet',
  'InstalmentsCarriedForward',
]);

export const isPaymentEvent = (event: { type: string }): event is PaymentEvent => PAYMENT_EVENT_TYPES.has(event.type);
