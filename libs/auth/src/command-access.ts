import type { CaseCommandType } from '@app/domain';
import type { Caller } from './principal';
import { type Grant, roleOf } from './roles';

const STAFF: readonly Grant[] = ['opcc-staff', 'admin'];
/** What a CSP gives on its own locality's case: its plan and its performance reports. */
const STAFF_OR_OWN_CSP: readonly Grant[] = ['opcc-staff', 'csp:own-case', 'admin'];

export interface CommandAccess {
  /** The command's path under /cases/:caseId/ in the API (and /app/cases/:caseId/ in the web app). */
  readonly path: string;
  readonly grants: readonly Grant[];
}

/**
 * Who may give which command on a case: the one table the API's routes and the web app's
 * case page both read, so a page never offers what the API would refuse.
 */
export const CASE_COMMAND_ACCESS = {
  IssueTender: { path: 'tender', grants: STAFF },
  SelectProvider: { path: 'provider-selection', grants: STAFF },
  GrantSingleProviderDispensation: { path: 'single-provider-dispensation', grants: STAFF },
  AssignBoard: { path: 'board', grants: STAFF },
  RecordBoardDecision: { path: 'board-decision', grants: STAFF },
  SubmitCspPlan: { path: 'plan', grants: STAFF_OR_OWN_CSP },
  ScheduleCspMeeting: { path: 'meeting', grants: STAFF },
  ExtendMeetingDeadline: { path: 'meeting-deadline-extension', grants: STAFF },
  HoldCspMeeting: { path: 'meeting-held', grants: STAFF },
  ExcludeDuplicatePlanLines: { path: 'duplicate-exclusions', grants: STAFF },
  AssessGrantApplication: { path: 'assessment', grants: STAFF },
  DeclineGrant: { path: 'decline', grants: STAFF },
  RejectProposal: { path: 'rejection', grants: STAFF },
  WithdrawProposal: { path: 'withdrawal', grants: STAFF },
  AwardContract: { path: 'award', grants: STAFF },
  ReportPerformance: { path: 'performance-reports', grants: STAFF_OR_OWN_CSP },
  AgreePerformanceMeasures: { path: 'performance-measures', grants: STAFF },
  AgreeRemedialAction: { path: 'remedial-actions', grants: STAFF },
  VaryContract: { path: 'variations', grants: STAFF },
  CloseContract: { path: 'closure', grants: STAFF },
  TerminateContract: { path: 'termination', grants: STAFF },
  // The generic steps a workflow document adds: one route per kind, the step named in the path.
  CompleteCheckpoint: { path: 'checkpoints/:step', grants: STAFF },
  RecordApproval: { path: 'approvals/:step', grants: STAFF },
  // Paying for outcomes: decided on the contract's history whatever its stage; a claim is named in the path.
  SetPaymentSchedule: { path: 'payments/schedule', grants: STAFF },
  ReprofilePaymentSchedule: { path: 'payments/reprofile', grants: STAFF },
  RecordClaim: { path: 'payments/claims', grants: STAFF_OR_OWN_CSP },
  ApproveClaim: { path: 'payments/claims/:claimId/approval', grants: STAFF },
  RejectClaim: { path: 'payments/claims/:claimId/rejection', grants: STAFF },
  RecordPayment: { path: 'payments/claims/:claimId/payment', grants: STAFF },
  RecoverPayment: { path: 'payments/recoveries', grants: STAFF },
  RecordCheckpointMet: { path: 'payments/checkpoints', grants: STAFF },
  CarryForwardInstalments: { path: 'payments/carry-forward', grants: STAFF },
} as const satisfies Partial<Record<CaseCommandType, CommandAccess>>;

/** A workflow command a person gives on an existing case over a route of its own. */
export type PersonCaseCommand = keyof typeof CASE_COMMAND_ACCESS;

const BY_PATH = new Map<string, CommandAccess & { type: PersonCaseCommand }>(
  Object.entries(CASE_COMMAND_ACCESS).map(([type, access]) => [access.path, { type: type as PersonCaseCommand, ...access }]),
);

/** The command a path names (`meeting-held` → HoldCspMeeting), or undefined. */
export const commandAtPath = (path: string): (CommandAccess & { type: PersonCaseCommand }) | undefined => BY_PATH.get(path);

/** What a `:param` of a command's path may be: one path segment of letters, digits, _ and -. */
export const PATH_SEGMENT = /^[\w-]{1,80}$/;

/**
 * The command a concrete path names, with the values of its `:params`
 * (`payments/claims/c-1/approval` → ApproveClaim, { claimId: 'c-1' }), or undefined.
 */
export function commandForPath(concrete: string): (CommandAccess & { type: PersonCaseCommand; params: Record<string, string> }) | undefined {
  const parts = concrete.split('/');
  for (const access of BY_PATH.values()) {
    const pattern = access.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((part, index) => {
      if (!part.startsWith(':')) return part === parts[index];
      params[part.slice(1)] = parts[index];
      return PATH_SEGMENT.test(parts[index]);
    });
    if (fits) return { ...access, params };
  }
  return undefined;
}

/** A command's path with its `:params` filled in: what a form posts to. */
export const pathOfCommand = (type: PersonCaseCommand, params: Record<string, string> = {}): string =>
  CASE_COMMAND_ACCESS[type].path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));

/** The names of a command's path parameters (`payments/claims/:claimId/approval` → claimId). */
export const pathParametersOf = (type: PersonCaseCommand): string[] => [...CASE_COMMAND_ACCESS[type].path.matchAll(/:(\w+)/g)].map((match) => match[1]);

export const isPersonCaseCommand = (type: string): type is PersonCaseCommand => Object.hasOwn(CASE_COMMAND_ACCESS, type);

/**
 * Whether a caller admitted in its role may give a command on a case of `caseLocality`:
 * a CSP grant holds only on its own locality's case. The guard enforces the same grants.
 */
export function mayGive(caller: Caller, type: PersonCaseCommand, caseLocality: string | null): boolean {
  return (CASE_COMMAND_ACCESS[type].grants as readonly Grant[]).some((grant) => {
    if (roleOf(grant) !== caller.role) return false;
    return grant === 'csp:own-case' ? caller.locality !== undefined && caller.locality === caseLocality : true;
  });
}
