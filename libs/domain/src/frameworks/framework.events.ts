import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import type { FrameworkDefinition, WorkflowSlot } from './framework.types';

export type FrameworkImported = { type: 'FrameworkImported'; data: FrameworkDefinition };
export type FundsCommitted = {
  type: 'FundsCommitted';
  data: {
    caseId: string;
    pence: Pence;
    reason: 'award' | 'variation' | 'carry-forward';
    committedAfterPence: Pence;
    fromPot?: { mechanism: WorkflowSlot; pence: Pence };
    /** A year-end carry-forward: the year and instalments the commitment comes from. */
    carriedFrom?: { financialYear: string; instalmentIds: string[] };
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

export type FrameworkEvent =
  | FrameworkImported
  | FundsCommitted
  | FundsReleased
  | ReserveDrawn
  | PccGrantRoundsSwitched
  | PccGrantRoundOpened
  | WorkflowVersionPublished;

export const frameworkStreamId = (financialYear: string): string => `framework-${financialYear}`;
