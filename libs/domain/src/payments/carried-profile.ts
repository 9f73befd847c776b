import type { OpenCase } from '../cases/case.model';
import type { CarriedCaseProfile } from '../frameworks/framework.events';

/** What the next year's ledger records of a case whose instalments are carried into it: its profile and provider now. */
export function carriedProfileOf(state: OpenCase): CarriedCaseProfile {
  const { caseId, financialYear, mechanism, title, theme, primaryPriorities, geographicalReach, locality, origin } = state.profile;
  return { caseId, financialYear, mechanism, title, theme, primaryPriorities, geographicalReach, locality, origin, provider: state.contract?.provider ?? null };
}
