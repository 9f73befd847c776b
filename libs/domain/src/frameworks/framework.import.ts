import type { CaseOpeningCommand } from '../cases/case.commands';
import type { CaseProfile, ContractTerms } from '../cases/case.types';
import type { Commitment, FrameworkDefinition } from './framework.types';
import { type FrameworkWorkflows, workflowForMechanism } from './framework.workflows';
import { DEFAULT_WORKFLOW_REFS } from '../workflows/workflow.registry';

/** The source gives no clause of its own for the contracts it lists. */
export const IMPORTED_CLAUSE = 'As agreed with the provider; the framework document does not set it out';

export interface ImportedCase {
  readonly caseId: string;
  readonly command: CaseOpeningCommand;
}

export function profileOf(definition: FrameworkDefinition, line: Commitment): CaseProfile {
  return {
    caseId: line.caseId,
    financialYear: definition.financialYear,
    mechanism: line.mechanism,
    title: line.title,
    description: line.description,
    theme: line.theme,
    primaryPriorities: line.primaryPriorities,
    secondaryPriorities: line.secondaryPriorities,
    geographicalReach: line.geographicalReach,
    locality: line.locality,
    origin: { source: line.source, ref: line.ref },
  };
}

/**
 * Each line of the framework becomes a case of its mechanism: an existing commitment is an
 * awarded contract to monitor; a PLF line is its CSP's allocation, awaiting the plan,
 * meeting and agreement; an Appendix C line is an allocation awaiting its award.
 */
export function casesFromFramework(
  definition: FrameworkDefinition,
  framework: FrameworkWorkflows = { workflowVersions: [], workflows: { ...DEFAULT_WORKFLOW_REFS, ...definition.workflows } },
): ImportedCase[] {
  const on = definition.issuedOn;
  return definition.commitments.map((line): ImportedCase => {
    const profile = profileOf(definition, line);
    if (line.mechanism === 'plf') {
      const workflow = workflowForMechanism(framework, 'plf');
      const meetingDeadline = meetingDeadlineOf(definition, line.locality);
      return { caseId: line.caseId, command: { type: 'RequestCspPlan', on, profile, workflow, allocationPence: line.valuePence, meetingDeadline } };
    }
    if (line.source === 'appendix-c' || line.mechanism === null) {
      const workflow = workflowForMechanism(framework, null);
      return { caseId: line.caseId, command: { type: 'ImportAdditionalAllocation', on, profile, workflow, allocationPence: line.valuePence } };
    }
    const contract: ContractTerms = {
      kind: line.mechanism === 'co-commissioning' ? 'agreement' : line.mechanism === 'pcc-grant' ? 'grant' : 'contract',
      provider: line.organisation ?? 'To be confirmed',
      valuePence: line.valuePence,
      outcomes: [],
      qualityStandards: [],
      measures: [],
      underAchievementClause: IMPORTED_CLAUSE,
      startDate: definition.period.start,
      endDate: definition.period.end,
    };
    const workflow = workflowForMechanism(framework, line.mechanism);
    return { caseId: line.caseId, command: { type: 'ImportExistingCommitment', on, profile, workflow, contract } };
  });
}

/**
 * The one PLF case a locality holds in a year: the framework's PLF line for it, else the
 * case id a plan request makes for it. A locality never has two.
 */
export function plfCaseIdOf(definition: FrameworkDefinition, locality: string): string {
  return definition.commitments.find((c) => c.mechanism === 'plf' && c.locality === locality)?.caseId ?? `${definition.financialYear}-PLF-${locality}`;
}

/** A locality's PLF meeting deadline: its own where the framework sets one, else the framework's. */
export function meetingDeadlineOf(definition: FrameworkDefinition, locality: string | null): string {
  return definition.localities.find((l) => l.slug === locality)?.plfMeetingDeadline ?? definition.plf.meetingDeadline;
}
