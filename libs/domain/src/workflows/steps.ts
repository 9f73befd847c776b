import type { OpenCase, StepRecord } from '../cases/case.model';
import type { Pence } from '../shared/money';

/** What a case's generic steps have recorded so far. */
export const stepRecord = (state: OpenCase, step: string): StepRecord | undefined => state.steps?.[step];

/** The value at stake in a case, for an approval's threshold: the contract, else what is asked or allocated. */
export function caseValuePence(state: OpenCase): Pence {
  return state.contract?.valuePence ?? state.grant?.requestedPence ?? state.estimatedValuePence ?? state.allocationPence ?? 0;
}
