import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { RunCaseCommand } from '@app/commissioning';
import type { CaseCommand, CaseState } from '@app/domain';
import { Clock, type CommandOutcome } from '@app/platform';
import { respond } from '../http/outcome-response';
import { businessDateFor, commandContextFrom } from '../http/request-context';

/** Distributes a case command over the CommandBus and answers with ETag, stage and events. */
@Injectable()
export class CaseRunner {
  constructor(
    private readonly bus: CommandBus,
    readonly clock: Clock,
  ) {}

  /** The request's business date: the body's `on`, or today in Europe/London. */
  on(request: Request): string {
    return businessDateFor(request, this.clock);
  }

  async run(caseId: string, command: CaseCommand, request: Request, response: Response) {
    const outcome: CommandOutcome<CaseState> = await this.bus.execute(
      new RunCaseCommand(caseId, command, commandContextFrom(request, this.clock)),
    );
    const stage = outcome.state.status === 'open' ? outcome.state.stage : null;
    return respond(response, outcome, { caseId, stage });
  }
}
