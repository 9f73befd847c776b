import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { FrameworkDefinition } from './framework.types';

export type FrameworkImported = { type: 'FrameworkImported'; data: FrameworkDefinition };
export type FundsCommitted = {
  type: 'FundsCommitted';
  data: { caseId: string; pence: Pence; reason: 'award' | 'variation'; committedAfterPence: Pence };
};
export type FundsReleased = {
  type: 'FundsReleased';
  data: { caseId: string; pence: Pence; reason: 'award' | 'variation' | 'termination'; committedAfterPence: Pence };
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

export type FrameworkEvent =
  | FrameworkImported
  | FundsCommitted
  | FundsReleased
  | ReserveDrawn
  | PccGrantRoundsSwitched
  | PccGrantRoundOpened;

export const frameworkStreamId = (financialYear: string): string => `framework-${financialYear}`;
