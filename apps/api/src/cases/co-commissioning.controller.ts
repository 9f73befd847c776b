import { Body, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AssignBoardDto, RecordBoardDecisionDto } from '@app/case-requests';
import { CaseService, FrameworkService } from '@app/commissioning';
import { frameworkBoardCodes } from '@app/domain';
import { CaseIdPipe } from '@app/platform';
import { CaseCommand, CaseCommandController } from './case-command.decorators';
import { CaseRunner } from './case-runner';

/** Co-commissioning (6.2b): an existing board commissions on the PCC's behalf. */
@CaseCommandController('co-commissioning')
export class CoCommissioningController {
  constructor(
    private readonly runner: CaseRunner,
    private readonly cases: CaseService,
    private readonly frameworks: FrameworkService,
  ) {}

  @CaseCommand('board', "Assign the proposal to one of the framework's commissioning boards")
  async assignBoard(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: AssignBoardDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const frameworkBoards = await this.boardsOfCase(caseId);
    const command = { type: 'AssignBoard' as const, on: this.runner.on(request), board: body.board, frameworkBoards };
    return this.runner.run(caseId, command, request, response);
  }

  @CaseCommand('board-decision', "Record the board's decision: approved (award may follow) or rejected (the case ends)")
  recordDecision(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Body() body: RecordBoardDecisionDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'RecordBoardDecision' as const, on: this.runner.on(request), decision: body.decision, notes: body.notes };
    return this.runner.run(caseId, command, request, response);
  }

  /** The boards of the framework the case belongs to: the domain checks the choice against them. */
  private async boardsOfCase(caseId: string): Promise<string[]> {
    const state = await this.cases.get(caseId);
    const framework = await this.frameworks.load(state.profile.financialYear);
    return frameworkBoardCodes(framework.definition);
  }
}
