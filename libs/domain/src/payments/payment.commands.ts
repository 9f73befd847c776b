import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { InstalmentPlan } from './payment.types';

/** Every payment command names its business date and who gives it (the adapter fills `by` from the token). */
type C<Type extends string, Fields> = { type: Type; on: BusinessDate; by: string } & Fields;

export type SetPaymentSchedule = C<'SetPaymentSchedule', { instalments: readonly InstalmentPlan[] }>;
/** The instalments that replace every one without a claim on it; they must sum to what is left to schedule. */
export type ReprofilePaymentSchedule = C<'ReprofilePaymentSchedule', { instalments: readonly InstalmentPlan[]; reason: string }>;
export type RecordClaim = C<'RecordClaim', { instalmentId: string; pence: Pence; evidenceRef: string; claimId?: string }>;
/** `secondApprovalAbovePence`: the framework's threshold, filled by the adapter. */
export type ApproveClaim = C<'ApproveClaim', { claimId: string; secondApprovalAbovePence: Pence }>;
export type RejectClaim = C<'RejectClaim', { claimId: string; reason: string }>;
export type RecordPayment = C<'RecordPayment', { claimId: string; paymentRef: string }>;
export type RecoverPayment = C<'RecoverPayment', { instalmentId: string; pence: Pence; reason: string }>;
/** Year-end: unpaid instalments carried to the next financial year, by an explicit decision. */
export type CarryForwardInstalments = C<'CarryForwardInstalments', { instalmentIds: readonly string[]; toYear: string; reason: string }>;
export type RecordCheckpointMet = C<'RecordCheckpointMet', { checkpoint: string; evidenceRef: string }>;

export type PaymentCommand =
  | SetPaymentSchedule
  | ReprofilePaymentSchedule
  | RecordClaim
  | ApproveClaim
  | RejectClaim
  | RecordPayment
  | RecoverPayment
  | RecordCheckpointMet
  | CarryForwardInstalments;

export type PaymentCommandType = PaymentCommand['type'];

const TYPES: ReadonlySet<string> = new Set<PaymentCommandType>([
  'SetPaymentSchedule',
  'ReprofilePaymentSchedule',
  'RecordClaim',
  'ApproveClaim',
  'RejectClaim',
  'RecordPayment',
  'RecoverPayment',
  'RecordCheckpointMet',
  'CarryForwardInstalments',
]);

export const isPaymentCommand = (command: { type: string }): command is PaymentCommand => TYPES.has(command.type);
