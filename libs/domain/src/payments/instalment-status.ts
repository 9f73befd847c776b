import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { Instalment, InstalmentCondition, PaymentState } from './payment.types';

/**
 * Where an instalment stands on a date: paid in full; approved (a claim approved, not yet
 * paid); claimed (a claim awaiting approval); withheld; due (its date has come); scheduled.
 */
export type InstalmentStatus = 'paid' | 'approved' | 'claimed' | 'withheld' | 'due' | 'scheduled';

/**
 * An instalment's pence by where they stand; paid + recovered + approvedUnpaid + withheld +
 * due + forecast is always the instalment's amount, so figures sum to the schedule exactly.
 */
export interface InstalmentFigures {
  readonly status: InstalmentStatus;
  /** Paid less recovered. */
  readonly paidPence: Pence;
  readonly recoveredPence: Pence;
  readonly approvedUnpaidPence: Pence;
  readonly claimedPence: Pence;
  readonly withheldPence: Pence;
  readonly duePence: Pence;
  readonly forecastPence: Pence;
}

export function instalmentFigures(payments: PaymentState, instalment: Instalment, on: BusinessDate): InstalmentFigures {
  const claims = payments.claims.filter((c) => c.instalmentId === instalment.id);
  const sum = (status: string) => claims.filter((c) => c.status === status).reduce((total, c) => total + c.pence, 0);
  const approved = sum('approved');
  const claimed = sum('received');
  const unpaid = Math.max(0, instalment.pence - instalment.paidPence - approved);
  const withheld = instalment.withheld.length > 0 ? unpaid : 0;
  const isDue = withheld === 0 && instalment.dueOn <= on;
  const status: InstalmentStatus =
    instalment.paidPence >= instalment.pence
      ? 'paid'
      : withheld > 0
        ? 'withheld'
        : approved > 0
          ? 'approved'
          : claimed > 0
            ? 'claimed'
            : isDue
              ? 'due'
              : 'scheduled';
  return {
    status,
    paidPence: instalment.paidPence - instalment.recoveredPence,
    recoveredPence: instalment.recoveredPence,
    approvedUnpaidPence: approved,
    claimedPence: claimed,
    withheldPence: withheld,
    duePence: isDue ? unpaid : 0,
    forecastPence: withheld === 0 && !isDue ? unpaid : 0,
  };
}

/** When an instalment may be paid, in words: "when due", "once the 2016-Q1 performance report is in", "once checkpoint "mobilised" is met". */
export function conditionInWords(condition: InstalmentCondition): string {
  if (condition.kind === 'performance-report') return `once the ${condition.period} performance report is in`;
  if (condition.kind === 'checkpoint') return `once checkpoint "${condition.name}" is met`;
  return 'when due';
}
