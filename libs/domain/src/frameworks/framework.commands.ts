import type { BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { FrameworkDefinition } from './framework.types';

export type ImportFramework = { type: 'ImportFramework'; definition: FrameworkDefinition };
/** Sets what a case holds of the year's budget; the difference is committed or released. */
export type SetCaseCommitment = {
  type: 'SetCaseCommitment';
  caseId: string;
  pence: Pence;
  reason: 'award' | 'variation' | 'termination';
};
export type DrawOnReserve = { type: 'DrawOnReserve'; pence: Pence; reason: string; decisionRef: string; decidedOn: BusinessDate };
export type SwitchPccGrantRounds = { type: 'SwitchPccGrantRounds'; open: boolean; reason: string };
export type OpenPccGrantRound = {
  type: 'OpenPccGrantRound';
  roundId: string;
  title: string;
  opensOn: BusinessDate;
  closesOn: BusinessDate;
};

export type FrameworkCommand = ImportFramework | SetCaseCommitment | DrawOnReserve | SwitchPccGrantRounds | OpenPccGrantRound;
