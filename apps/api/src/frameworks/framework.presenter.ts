import { type Commitment, formatPence, formatUkDate, type FrameworkState } from '@app/domain';
import { availablePence, potsLeftPence } from '@app/domain';

const money = (pence: number) => ({ pence, formatted: formatPence(pence) });

/** The framework as people and programs read it: pence for programs, £ and UK dates beside. */
export function presentFramework(state: FrameworkState & { revision: number }) {
  const d = state.definition;
  if (!d) throw new Error('no framework');
  return {
    financialYear: d.financialYear,
    title: d.title,
    issuedOn: d.issuedOn,
    period: { ...d.period, formatted: `${formatUkDate(d.period.start)} – ${formatUkDate(d.period.end)}` },
    revision: state.revision,
    budget: {
      totalPence: d.totalBudgetPence,
      committedPence: state.committedPence,
      availablePence: availablePence(state),
      reservePence: state.reservePence,
      potsPence: state.potsPence,
      potsLeftPence: potsLeftPence(state),
      formatted: {
        total: formatPence(d.totalBudgetPence),
        committed: formatPence(state.committedPence),
        available: formatPence(availablePence(state)),
        reserve: formatPence(state.reservePence),
        potsLeft: formatPence(potsLeftPence(state)),
      },
    },
    /** Which workflow version each mechanism's new cases open under, and the versions the framework published. */
    workflows: state.workflows,
    workflowVersions: state.workflowVersions.map((w) => ({ id: w.id, version: w.version, title: w.title, mechanism: w.mechanism })),
    themes: d.themes,
    strategicPriorities: d.strategicPriorities,
    fundingMechanisms: d.fundingMechanisms,
    boards: d.boards,
    localities: d.localities.map((l) => ({ ...l, plfAllocation: formatPence(l.plfAllocationPence) })),
    plf: { totalPence: d.plf.totalPence, total: formatPence(d.plf.totalPence), meetingDeadline: d.plf.meetingDeadline, meetingDeadlineFormatted: formatUkDate(d.plf.meetingDeadline) },
    pccGrant: { newRoundsOpen: state.newGrantRoundsOpen, rounds: state.grantRounds },
    checksum: d.checksum,
  };
}

export function presentCommitment(line: Commitment) {
  return {
    ref: line.ref,
    caseId: line.caseId,
    source: line.source,
    title: line.title,
    description: line.description,
    valuePence: line.valuePence,
    value: money(line.valuePence).formatted,
    organisation: line.organisation,
    mechanism: line.mechanism,
    classificationAsPrinted: line.classificationAsPrinted,
    theme: line.theme,
    themeAsPrinted: line.themeAsPrinted,
    primaryPriority: line.primaryPriorityAsPrinted ?? (line.primaryPriorities.join('/') || null),
    primaryPriorities: line.primaryPriorities,
    secondaryPriority: line.secondaryPriorityAsPrinted || line.secondaryPriorities.join('/') || null,
    secondaryPriorities: line.secondaryPriorities,
    geographicalReach: line.geographicalReach,
    locality: line.locality,
    sourceNotes: line.sourceNotes,
  };
}
