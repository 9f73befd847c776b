import type { DeadlineKind, Frequency, MechanismCode, OpeningCommandType } from '../shared/codes';

export type { DeadlineKind } from '../shared/codes';

export type Phase = 'pre-award' | 'contract' | 'ended';

export interface StageDefinition {
  readonly id: string;
  readonly label: string;
  /** pre-award: being commissioned; contract: money committed and monitored; ended: nothing more happens. */
  readonly phase: Phase;
}

/**
 * A stage a framework adds without code. A checkpoint (due diligence, a conflict-of-interest
 * declaration, a scoring panel) is completed with one of its outcomes and notes. An approval
 * is given by someone other than the person who completed the step it approves, and is
 * required only when the case's value is above its threshold.
 */
export type StepDefinition =
  | { readonly id: string; readonly kind: 'checkpoint'; readonly label: string; readonly outcomes: readonly string[] }
  | {
      readonly id: string;
      readonly kind: 'approval';
      readonly label: string;
      /** The checkpoint whose recorder may not approve it. */
      readonly approves: string;
      /** The approval applies when the value at stake is more than this. */
      readonly thresholdPence: number;
    };

export type StepKind = StepDefinition['kind'];

/** A guard by name, or with its parameters. */
export type GuardUse = string | { readonly guard: string; readonly params?: Readonly<Record<string, unknown>> };

/** Which command may be given in which stages, and what must hold for it. */
export interface CommandRule {
  readonly command: string;
  /** For the generic step commands: which of the workflow's steps. */
  readonly step?: string;
  readonly from: readonly string[];
  readonly guards?: readonly GuardUse[];
}

export type StageTarget = string | { readonly byField: string; readonly values: Readonly<Record<string, string>> };

/** Where an event moves a case. `same` keeps the stage; `byField` picks by a value of the event's data. */
export interface EventRule {
  readonly event: string;
  readonly step?: string;
  readonly from: readonly string[];
  readonly to: StageTarget;
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
  readonly kind: DeadlineKind;
  readonly label: string;
  readonly opensOn: readonly string[];
  readonly due: DueRule;
  readonly metBy: readonly string[];
  readonly cancelledBy: readonly string[];
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
  /** How often a measure is reported when its agreement does not say. */
  readonly defaultReportingFrequency: Frequency;
}

/**
 * A funding mechanism's workflow: a document (infra/workflows/*.json, or one a framework
 * publishes), checked by `validateWorkflow` before use. A case keeps the version it opened under.
 */
export interface WorkflowDefinition {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly mechanism: MechanismCode | null;
  readonly opensWith: readonly OpeningCommandType[];
  readonly stages: readonly StageDefinition[];
  readonly steps: readonly StepDefinition[];
  readonly commands: readonly CommandRule[];
  readonly events: readonly EventRule[];
  readonly deadlines: readonly DeadlineRule[];
  readonly settings: WorkflowSettings;
}

export const WORKFLOW_SCHEMA = 'commissioning-workflow/v1';
