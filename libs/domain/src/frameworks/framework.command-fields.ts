import { DEFAULT_SECOND_APPROVAL_ABOVE_PENCE } from '../payments/payment.types';
import type { Pence } from '../shared/money';
import type { FrameworkDefinition } from './framework.types';

/**
 * What a case command carries from its case's framework rather than from whoever gives it:
 * the API and a simulation scenario fill these the same way.
 */

/** AssignBoard's `frameworkBoards`: the codes of the framework's boards (none without a framework). */
export const frameworkBoardCodes = (framework: FrameworkDefinition | null | undefined): string[] => (framework?.boards ?? []).map((board) => board.code);

/** ApproveClaim's `secondApprovalAbovePence`: the framework's threshold, or the default. */
export const secondApprovalAbovePence = (framework: FrameworkDefinition | null | undefined): Pence =>
  framework?.payments?.secondApprovalAbovePence ?? DEFAULT_SECOND_APPROVAL_ABOVE_PENCE;
