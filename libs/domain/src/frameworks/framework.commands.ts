import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import type { FrameworkDefinition, WorkflowSlot } from './framework.types';

/** `workflowVersions`: the checked versions the framework document carries, published with it. */
export type ImportFramework = {
  type: 'ImportFramework';
  definition: FrameworkDefinition;
  workflowVersions?: readonly WorkflowDefinition[];
};
/** A workflow document (unchecked JSON): refused, naming the path, unless `validateWorkflow` passes it. */
export type PublishWorkflowVersion = { type: 'PublishWorkflowVersion'; document: unknown; assignTo: readonly WorkflowSlot[]; reason: string };
/** Sets what a case holds of the year's budget; the difference is committed or released. */
export type SetCaseCommitment = {
  type: 'SetCaseCommitment';
  caseId: string;
  pence: Pence;
  reason: 'award' | 'variation' | 'termination' | 'carry-forward';
  /** The case's mechanism: an award draws first on the framework's pot for it. */
  mechanism?: WorkflowSlot;
};
/** Year-end: a case's unpaid instalments of the year before, committed in this year's budget. */
export type CarryInCommitment = { type: 'CarryInCommitment'; caseId: string; pence: Pence; fromYear: string; instalmentIds: readonly string[] };
export type DrawOnReserve = { type: 'DrawOnReserve'; pence: Pence; reason: string; decisionRef: string; decidedOn: BusinessDate };
export type SwitchPccGrantRounds = { type: 'SwitchPccGrantRounds'; open: boolean; reason: string };
export type OpenPccGrantRound = {
  type: 'OpenPccGrantRound';
  roundId: string;
  title: string;
  opensOn: BusinessDate;
  closesOn: BusinessDate;
};

export type FrameworkCommand =
  | ImportFramework
  | SetCaseCommitment
  | CarryInCommitment
  | DrawOnReserve
  | SwitchPccGrantRounds
  | OpenPccGrantRound
  | PublishWorkflowVersion;
