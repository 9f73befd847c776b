import { Body, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { callerOf } from '@app/auth';
import {
  ApproveClaimDto,
  CarryForwardInstalmentsDto,
  ID,
  RecordCheckpointMetDto,
  RecordClaimDto,
  RecordPaymentDto,
  RecoverPaymentDto,
  RejectClaimDto,
  ReprofilePaymentScheduleDto,
  SetPaymentScheduleDto,
  toPlan,
} from '@app/case-requests';
import { CaseService, FrameworkService } from '@app/commissioning';
import { secondApprovalAbovePence } from '@app/domain';
import { CaseIdPipe, PatternPipe } from '@app/platform';
import { CaseCommandController } from '../cases/case-command.decorators';
import { PaymentCommand } from './payment-command.decorator';
import { CaseRunner } from '../cases/case-runner';

const ClaimIdPipe = new PatternPipe('claimId', ID, 'a claim id of letters, digits, _ and -');

/**
 * Paying for outcomes: the schedule, claims, four-eyes approvals, payments, recoveries and
 * checkpoints of a case's contract. Who acts is the token's; the domain refuses the same
 * person approving twice or approving their own claim.
 */
@CaseCommandController('payments')
export class PaymentsController {
  constructor(
    private readonly runner: CaseRunner,
    private readonly cases: CaseService,
    private readonly frameworks: FrameworkService,
  ) {}

  private by(request: Request): string {
    return callerOf(request)?.id ?? '';
  }

  @PaymentCommand('schedule', 'Set the payment schedule; its instalments must sum exactly to the contract value (SCHEDULE_SUM_MISMATCH)')
  setSchedule(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: SetPaymentScheduleDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'SetPaymentSchedule' as const, on: this.runner.on(request), by: this.by(request), instalments: body.instalments.map(toPlan) };
    return this.runner.run(caseId, command, request, response);
  }

  @PaymentCommand('reprofile', 'Re-profile the instalments with no claim on them; they must make up the rest of the contract value')
  reprofile(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: ReprofilePaymentScheduleDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'ReprofilePaymentSchedule' as const, on: this.runner.on(request), by: this.by(request), instalments: body.instalments.map(toPlan), reason: body.reason };
    return this.runner.run(caseId, command, request, response);
  }

  @PaymentCommand('claims', 'Record a claim against an instalment, up to what may still be claimed, with its evidence (a CSP for its own agreement)')
  claim(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: RecordClaimDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { instalmentId, pence, evidenceRef } = body;
    const command = { type: 'RecordClaim' as const, on: this.runner.on(request), by: this.by(request), instalmentId, pence, evidenceRef };
    return this.runner.run(caseId, command, request, response);
  }

  @PaymentCommand(
    'claims/:claimId/approval',
    "Approve a claim: never by whoever recorded it (FOUR_EYES); above the framework's threshold (default £10,000) a second approval by a third person",
  )
  async approve(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('claimId', ClaimIdPipe) claimId: string,
    @Body() _body: ApproveClaimDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const year = (await this.cases.get(caseId)).profile.financialYear;
    const framework = await this.frameworks.load(year).catch(() => undefined);
    const command = {
      type: 'ApproveClaim' as const,
      on: this.runner.on(request),
      by: this.by(request),
      claimId,
      secondApprovalAbovePence: secondApprovalAbovePence(framework?.definition),
    };
    return this.runner.run(caseId, command, request, response);
  }

  @PaymentCommand('claims/:claimId/rejection', 'Reject a claim, with the reason; what it asked may be claimed again')
  reject(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('claimId', ClaimIdPipe) claimId: string,
    @Body() body: RejectClaimDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.runner.run(caseId, { type: 'RejectClaim', on: this.runner.on(request), by: this.by(request), claimId, reason: body.reason }, request, response);
  }

  @PaymentCommand('claims/:claimId/payment', 'Record that an approved claim was paid, with the payment reference; the date is the business date')
  pay(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('claimId', ClaimIdPipe) claimId: string,
    @Body() body: RecordPaymentDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.runner.run(caseId, { type: 'RecordPayment', on: this.runner.on(request), by: this.by(request), claimId, paymentRef: body.paymentRef }, request, response);
  }

  @PaymentCommand('recoveries', 'Recover (claw back) an amount paid on an instalment, with the reason: its own decision')
  recover(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: RecoverPaymentDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'RecoverPayment' as const, on: this.runner.on(request), by: this.by(request), instalmentId: body.instalmentId, pence: body.pence, reason: body.reason };
    return this.runner.run(caseId, command, request, response);
  }

  @PaymentCommand('checkpoints', 'Record a payment checkpoint as met; instalments withheld for it are released')
  checkpoint(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: RecordCheckpointMetDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'RecordCheckpointMet' as const, on: this.runner.on(request), by: this.by(request), checkpoint: body.checkpoint, evidenceRef: body.evidenceRef };
    return this.runner.run(caseId, command, request, response);
  }

  @PaymentCommand(
    'carry-forward',
    'Year-end: carry unpaid instalments to the next financial year, by recorded decision; refused without its framework or room in its budget (BUDGET_EXCEEDED)',
  )
  carryForward(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: CarryForwardInstalmentsDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const command = { type: 'CarryForwardInstalments' as const, on: this.runner.on(request), by: this.by(request), instalmentIds: body.instalmentIds, toYear: body.toYear, reason: body.reason };
    return this.runner.run(caseId, command, request, response);
  }
}
