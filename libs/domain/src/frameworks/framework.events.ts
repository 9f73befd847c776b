import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import type { CaseProfile } from '../cases/case.types';
import type { Board, FrameworkDefinition, Locality, StrategicPriority, WorkflowSlot } from './framework.types';

/**
 * What a carried commitment is, as the case stood when carried: the next year's budget groups
 * it by these (theme, priorities, mechanism, locality, provider), since the case opened in
 * the earlier year and its opening event belongs to that year's budget.
 */
export type CarriedCaseProfile = Pick<CaseProfile, 'caseId' | 'financialYear' | 'mechanism' | 'title' | 'theme' | 'primaryPriorities' | 'geographicalReach' | 'locality' | 'origin'> & {
  readonly provider: string | null;
};

export type FrameworkImported = { type: 'FrameworkImported'; data: FrameworkDefinition };
export type FundsCommitted = {
  type: 'FundsCommitted';
  data: {
    caseId: string;
    pence: Pence;
    reason: 'award' | 'variation' | 'carry-forward';
    committedAfterPence: Pence;
    fromPot?: { mechanism: WorkflowSlot; pence: Pence };
    /** A year-end carry-forward: the year and instalments the commitment comes from; `profile` absent on those recorded before it was kept. */
    carriedFrom?: { financialYear: string; instalmentIds: string[]; profile?: CarriedCaseProfile };
  };
};
export type FundsReleased = {
  type: 'FundsReleased';
  data: { caseId: string; pence: Pence; reason: 'award' | 'variation' | 'termination' | 'carry-forward'; committedAfterPence: Pence };
};
export type ReserveDrawn = {
  type: 'ReserveDrawn';
  data: { pence: Pence; reason: string; decisionRef: string; decidedOn: BusinessDate; reserveAfterPence: Pence };
};
export type PccGrantRoundsSwitched = { type: 'PccGrantRoundsSwitched'; data: { open: boolean; reason: string } };
export type PccGrantRoundOpened = {
  type: 'PccGrantRoundOpened';
  data: { roundId: string; title: string; opensOn: BusinessDate; closesOn: BusinessDate };
};

/** A workflow version the framework owns: checked, then recorded whole; `assignedTo` are the mechanisms whose new cases take it. */
export type WorkflowVersionPublished = {
  type: 'WorkflowVersionPublished';
  data: { workflow: WorkflowDefinition; assignedTo: WorkflowSlot[]; reason: string };
};

/** Amendments during the year, each with its business date and reason. */
export type FrameworkBudgetChanged = {
  type: 'FrameworkBudgetChanged';
  data: { on: BusinessDate; reason: string; totalBudgetPence: Pence; reservePence: Pence; totalBeforePence: Pence; reserveBeforePence: Pence };
};
export type BoardAdded = { type: 'BoardAdded'; data: { on: BusinessDate; reason: string; board: Board } };
export type LocalityAdded = { type: 'LocalityAdded'; data: { on: BusinessDate; reason: string; locality: Locality } };
/**
 * `movedCaseIds`: the framework's lines, the PLF case of `locality` and every case of the year placed in it (each of which records its own LocalityChanged in the same append); their budget lines now count under `into`.
 */
export type LocalitiesMerged = {
  type: 'LocalitiesMerged';
  data: { on: BusinessDate; reason: string; locality: string; into: string; plfAllocationPence: Pence; vliSharePercent: number; movedCaseIds: string[] };
};
export type StrategicPriorityAdded = { type: 'StrategicPriorityAdded'; data: { on: BusinessDate; reason: string; priority: StrategicPriority } };
export type FrameworkAmended = FrameworkBudgetChanged | BoardAdded | LocalityAdded | LocalitiesMerged | StrategicPriorityAdded;

export type FrameworkEvent =
  | FrameworkImported
  | FrameworkAmended
  | FundsCommitted
  | FundsReleased
  | ReserveDrawn
  | PccGrantRoundsSwitched
  | PccGrantRoundOpened
  | WorkflowVersionPublished;

export const frameworkStreamId = (financialYear: string): string => `framework-${financialYear}`;
