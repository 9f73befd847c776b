import { formatPence, formatUkDate, type OpenCase, openCommands, phaseOf } from '@app/domain';

/** A case as people and programs read it: pence for programs, £ and UK dates beside. */
export function presentCase(state: OpenCase & { revision: number }) {
  return {
    ...state.profile,
    revision: state.revision,
    workflow: { id: state.workflow.id, version: state.workflow.version, title: state.workflow.title },
    stage: state.stage,
    phase: phaseOf(state) ?? null,
    /** What the case's workflow allows now; generic steps name their step. */
    openCommands: openCommands(state.workflow, state).map((c) => (c.step ? { command: c.command, step: c.step.id, label: c.step.label } : { command: c.command })),
    steps: state.steps ?? {},
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
