import { type CaseAsOf, describeAsOf } from '@app/audit';
import { presentCase } from '../cases/case.presenter';

/** A case as it stood then, in the shape GET /cases/:caseId gives it now, with what the answer rests on. */
export function presentCaseAsOf(found: CaseAsOf) {
  const { state } = found;
  return {
    asOf: describeAsOf(found.asOf),
    revision: found.revision,
    lastEvent: found.lastEvent,
    laterEvents: found.laterEvents,
    backDated: found.backDated,
    case: presentCase({ ...state, revision: found.revision }),
  };
}
