import type { CaseCommandType, CaseOpeningCommand } from '../cases/case.commands';
import type { CaseEventType } from '../cases/case.events';
import type { MechanismCode } from '../frameworks/framework.types';
import type { GuardName } from './guards';

export interface StageDefinition {
  readonly id: string;
  readonly label: string;
  /** pre-award: being commissioned; contract: money committed and monitored; ended: nothing more happens. */
  readonly phase: 'pre-award' | 'contract' | 'ended';
}

/** Which command may be given in which stages, and what must hold for it. */
export interface CommandRule {
  readonly command: CaseCommandType;
  readonly from: readonly string[];
  readonly guards?: readonly GuardName[];
}

/** Where an event moves a case. `same` keeps the stage; `byField` picks by a value of the event's data. */
export interface EventRule {
  readonly event: CaseEventType;
  readonly from: readonly string[];
  readonly to: string | 'same' | { readonly byField: string; readonly values: Readonly<Record<string, string>> };
}

/** Where a deadline's date comes from. */
export type DueRule =
  | { readonly kind: 'meeting-deadline' }
  | { readonly kind: 'measure-frequency' }
  | { readonly kind: 'contract-end' }
  /** One deadline per instalment of the case's payment schedule, due on its due date. */
  | { readonly kind: 'payment-schedule' };

/** A deadline the case's events open and close; the reminder schedule derives from these. */
export interface DeadlineRule {
  readonly kind: 'plf-meeting' | 'performance-report' | 'contract-end' | 'payment-instalment';
  readonly label: string;
  readonly opensOn: readonly CaseEventType[];
  readonly due: DueRule;
  readonly metBy: readonly CaseEventType[];
  readonly cancelledBy: readonly CaseEventType[];
  /** Who is told: the CSP of the locality, the provider's contract manager, or the OPCC lead. */
  readonly concerns: 'csp' | 'contract-manager' | 'opcc-lead';
  readonly remindDaysBefore: readonly number[];
  readonly escalateTo: 'opcc-lead';
}

export interface WorkflowSettings {
  /** Consecutive red reports on one measure that flag under-achievement. */
  readonly underAchievementAfterConsecutiveReds: number;
  /** How far short of target still rates amber, in percent of the target. */
  readonly amberTolerancePercent: number;
  /** Days after a period ends by which its performance report is due. */
  readonly reportDueDaysAfterPeriod: number;
}

/** A funding mechanism's workflow: data, versioned. A case keeps the version it opened under. */
export interface WorkflowDefinition {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly mechanism: MechanismCode | null;
  readonly opensWith: readonly CaseOpeningCommand['type'][];
  readonly stages: readonly StageDefinition[];
  readonly commands: readonly CommandRule[];
  readonly events: readonly EventRule[];
  readonly deadlines: readonly DeadlineRule[];
  readonly settings: WorkflowSettings;
}
