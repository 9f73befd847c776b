import { formatPence, formatUkDate, type OpenCase } from '@app/domain';

/** A case as people and programs read it: pence for programs, £ and UK dates beside. */
export function presentCase(state: OpenCase & { revision: number }) {
  return {
    ...state.profile,
    revision: state.revision,
    workflow: state.workflow,
    stage: state.stage,
    openedOn: state.openedOn,
    allocationPence: state.allocationPence ?? null,
    allocation: state.allocationPence === undefined ? null : formatPence(state.allocationPence),
    meetingDeadline: state.meetingDeadline ?? null,
    meetingDeadlineFormatted: state.meetingDeadline ? formatUkDate(state.meetingDeadline) : null,
    plan: state.plan ?? null,
    chosenProvider: state.chosenProvider ?? null,
    board: state.board ?? null,
    grant: state.grant ?? null,
    contract: state.contract ? { ...state.contract, value: formatPence(state.contract.valuePence) } : null,
    reports: state.reports,
  };
}
