import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import type { CarriedCaseProfile } from './framework.events';
import type { Board, FrameworkDefinition, Locality, StrategicPriority, WorkflowSlot } from './framework.types';

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
export type CarryInCommitment = { type: 'CarryInCommitment'; caseId: string; pence: Pence; fromYear: string; instalmentIds: readonly string[]; profile: CarriedCaseProfile };
export type DrawOnReserve = { type: 'DrawOnReserve'; pence: Pence; reason: string; decisionRef: string; decidedOn: BusinessDate };
export type SwitchPccGrantRounds = { type: 'SwitchPccGrantRounds'; open: boolean; reason: string };
export type OpenPccGrantRound = {
  type: 'OpenPccGrantRound';
  roundId: string;
  title: string;
  opensOn: BusinessDate;
  closesOn: BusinessDate;
};

/** Amendments during the year: each says why and when; what is left out of ChangeBudget stays as it is. */
export type ChangeBudget = { type: 'ChangeBudget'; on: BusinessDate; reason: string; totalBudgetPence?: Pence; reservePence?: Pence };
export type AddBoard = { type: 'AddBoard'; on: BusinessDate; reason: string; board: Board };
export type AddLocality = { type: 'AddLocality'; on: BusinessDate; reason: string; locality: Locality };
/**
 * `locality` joins `into`: its allocation and VLI share move there; `plfAllocationPence` sets the result (default: the sum).
 * `casesInLocality`: the year's cases placed in `locality`, filled from the log by the service, not by the caller.
 */
export type MergeLocalities = {
  type: 'MergeLocalities';
  on: BusinessDate;
  reason: string;
  locality: string;
  into: string;
  plfAllocationPence?: Pence;
  casesInLocality?: readonly string[];
};
export type AddStrategicPriority = { type: 'AddStrategicPriority'; on: BusinessDate; reason: string; priority: StrategicPriority };
export type FrameworkAmendment = ChangeBudget | AddBoard | AddLocality | MergeLocalities | AddStrategicPriority;

export type FrameworkCommand =
  | ImportFramework
  | FrameworkAmendment
  | SetCaseCommitment
  | CarryInCommitment
  | DrawOnReserve
  | SwitchPccGrantRounds
  | OpenPccGrantRound
  | PublishWorkflowVersion;
