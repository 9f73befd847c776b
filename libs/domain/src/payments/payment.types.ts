import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';

/**
 * When an instalment may be paid: at once on its due date, once a named reporting period's
 * performance report is in ("2016-Q1"), or once a named checkpoint has been recorded as met.
 */
export type InstalmentCondition =
  | { readonly kind: 'none' }
  | { readonly kind: 'performance-report'; readonly period: string }
  | { readonly kind: 'checkpoint'; readonly name: string };

/** One line of a payment schedule as it is set or re-profiled. */
export interface InstalmentPlan {
  readonly id: string;
  readonly dueOn: BusinessDate;
  readonly pence: Pence;
  readonly condition: InstalmentCondition;
}

export type ClaimStatus = 'received' | 'approved' | 'paid' | 'rejected';

export interface Claim {
  readonly claimId: string;
  readonly instalmentId: string;
  readonly pence: Pence;
  readonly evidenceRef: string;
  readonly recordedBy: string;
  readonly receivedOn: BusinessDate;
  readonly status: ClaimStatus;
  /** Who approved it, in order: never the recorder, never one person twice. */
  readonly approvedBy: readonly string[];
  readonly approvalsRequired: number;
  readonly paymentRef?: string;
  readonly paidOn?: BusinessDate;
  readonly rejectedReason?: string;
}

/** Why an instalment is held back; it is withheld while any reason stands. */
export type WithholdingReason = 'condition-unmet' | 'under-achievement';

export interface Instalment extends InstalmentPlan {
  readonly withheld: readonly WithholdingReason[];
  /** The due check has run for this due date (it fell due, or was withheld). */
  readonly dueChecked: boolean;
  readonly paidPence: Pence;
  readonly recoveredPence: Pence;
  /** The financial year it was carried to by a year-end decision; absent, it counts in the case's own year. */
  readonly carriedTo?: string;
}

/** A case's payments: its schedule, every claim, and the checkpoints met. */
export interface PaymentState {
  /** `default`: quarterly in arrears, made for an imported commitment until staff set their own. */
  readonly basis: 'default' | 'set';
  readonly instalments: readonly Instalment[];
  readonly claims: readonly Claim[];
  readonly checkpointsMet: readonly string[];
}

/** Above this a claim needs a second approval by a third person, unless the framework sets its own. */
export const DEFAULT_SECOND_APPROVAL_ABOVE_PENCE: Pence = 1_000_000;

/** Instalment and claim ids appear in deadline keys and URLs: letters, digits, _ and - only. */
export const PAYMENT_ID = /^[\w-]{1,60}$/;
