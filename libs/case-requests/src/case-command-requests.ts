import type { Type } from '@nestjs/common';
import { Matches } from 'class-validator';
import { PATH_SEGMENT, type PersonCaseCommand } from '@app/auth';
import { AssignBoardDto, RecordBoardDecisionDto } from './co-commissioning.dto';
import { AwardContractDto, CloseContractDto, TerminateContractDto, VaryContractDto } from './contract.dto';
import { GrantSingleProviderDispensationDto, IssueTenderDto, SelectProviderDto } from './direct.dto';
import { Identifier } from './dto-fields';
import { AssessGrantApplicationDto, DeclineGrantDto } from './grant.dto';
import {
  ApproveClaimDto,
  CarryForwardInstalmentsDto,
  RecordCheckpointMetDto,
  RecordClaimDto,
  RecordPaymentDto,
  RecoverPaymentDto,
  RejectClaimDto,
  ReprofilePaymentScheduleDto,
  SetPaymentScheduleDto,
} from './payments.dto';
import { AgreePerformanceMeasuresDto, AgreeRemedialActionDto, ReportPerformanceDto } from './performance.dto';
import { ExcludeDuplicatePlanLinesDto, ExtendMeetingDeadlineDto, HoldCspMeetingDto, ScheduleCspMeetingDto, SubmitCspPlanDto } from './plf.dto';
import { RejectProposalDto, WithdrawProposalDto } from './proposal-closing.dto';
import { CompleteCheckpointDto, RecordApprovalDto } from './steps.dto';

/** `checkpoints/:step`, `approvals/:step`: a step of the case's workflow, one path segment. */
export class StepPath {
  @Matches(PATH_SEGMENT, { message: 'step must be a step id of 1–80 letters, digits, _ or -' })
  step!: string;
}

/** `payments/claims/:claimId/…`: the claim, as the API's route takes it. */
export class ClaimPath {
  @Identifier({ example: '2016-Q1-claim-1' })
  claimId!: string;
}

/** What the adapter adds to a command, never given in a request: who gives it, or what the case's framework says. */
export type AddedField = 'by' | 'frameworkBoards' | 'secondApprovalAbovePence';

/** The rules a person-given case command's request meets. */
export interface CaseCommandRequest {
  /** Its body: the request class the API validates it against. */
  readonly body: Type<object>;
  /** What its path names (CASE_COMMAND_ACCESS's `:params`); carried as fields where there is no path, as in a scenario. */
  readonly path?: Type<object>;
  readonly adds?: readonly AddedField[];
}

const BY = ['by'] as const;

/**
 * Every case command a person gives, to the rules of its request: the API's routes, the web
 * app's forms (through those routes) and a simulation scenario's actions all meet these.
 */
export const CASE_COMMAND_REQUESTS: { readonly [T in PersonCaseCommand]: CaseCommandRequest } = {
  IssueTender: { body: IssueTenderDto },
  SelectProvider: { body: SelectProviderDto },
  GrantSingleProviderDispensation: { body: GrantSingleProviderDispensationDto },
  AssignBoard: { body: AssignBoardDto, adds: ['frameworkBoards'] },
  RecordBoardDecision: { body: RecordBoardDecisionDto },
  SubmitCspPlan: { body: SubmitCspPlanDto },
  ScheduleCspMeeting: { body: ScheduleCspMeetingDto },
  ExtendMeetingDeadline: { body: ExtendMeetingDeadlineDto },
  HoldCspMeeting: { body: HoldCspMeetingDto },
  ExcludeDuplicatePlanLines: { body: ExcludeDuplicatePlanLinesDto },
  AssessGrantApplication: { body: AssessGrantApplicationDto },
  DeclineGrant: { body: DeclineGrantDto },
  RejectProposal: { body: RejectProposalDto },
  WithdrawProposal: { body: WithdrawProposalDto },
  AwardContract: { body: AwardContractDto },
  ReportPerformance: { body: ReportPerformanceDto },
  AgreePerformanceMeasures: { body: AgreePerformanceMeasuresDto },
  AgreeRemedialAction: { body: AgreeRemedialActionDto },
  VaryContract: { body: VaryContractDto },
  CloseContract: { body: CloseContractDto },
  TerminateContract: { body: TerminateContractDto },
  CompleteCheckpoint: { body: CompleteCheckpointDto, path: StepPath, adds: BY },
  RecordApproval: { body: RecordApprovalDto, path: StepPath, adds: BY },
  SetPaymentSchedule: { body: SetPaymentScheduleDto, adds: BY },
  ReprofilePaymentSchedule: { body: ReprofilePaymentScheduleDto, adds: BY },
  RecordClaim: { body: RecordClaimDto, adds: BY },
  ApproveClaim: { body: ApproveClaimDto, path: ClaimPath, adds: ['by', 'secondApprovalAbovePence'] },
  RejectClaim: { body: RejectClaimDto, path: ClaimPath, adds: BY },
  RecordPayment: { body: RecordPaymentDto, path: ClaimPath, adds: BY },
  RecoverPayment: { body: RecoverPaymentDto, adds: BY },
  RecordCheckpointMet: { body: RecordCheckpointMetDto, adds: BY },
  CarryForwardInstalments: { body: CarryForwardInstalmentsDto, adds: BY },
};
