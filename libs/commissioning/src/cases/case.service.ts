import { Inject, Injectable } from '@nestjs/common';
import {
  type CaseCommand,
  caseDecider,
  type CaseOpeningCommand,
  type CaseState,
  caseStreamId,
  commitmentAfter,
  DomainError,
  frameworkDecider,
  frameworkStreamId,
  type OpenCase,
} from '@app/domain';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@app/event-store';
import {
  appendDecided,
  checkExpectedRevision,
  type CommandContext,
  type CommandOutcome,
  executeCommand,
  loadStream,
  replayOf,
  retryOnConflict,
} from '@app/platform';

@Injectable()
export class CaseService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async get(caseId: string): Promise<OpenCase & { revision: number }> {
    const loaded = await loadStream(this.store, caseDecider, caseStreamId(caseId));
    if (loaded.state.status !== 'open') throw new DomainError('NOT_FOUND', `No case ${caseId}`, { caseId });
    return { ...loaded.state, revision: loaded.revision };
  }

  async history(caseId: string): Promise<StoredEvent[]> {
    const events = await this.store.readStream(caseStreamId(caseId));
    if (events.length === 0) throw new DomainError('NOT_FOUND', `No case ${caseId}`, { caseId });
    return events;
  }

  open(caseId: string, command: CaseOpeningCommand, context: CommandContext): Promise<CommandOutcome<CaseState>> {
    return this.execute(caseId, command, context);
  }

  /**
   * Decides on the case; when the decision changes what the case holds of its year's
   * budget (an award, a variation), the framework's budget ledger records that first and
   * may refuse it. A crash between the two leaves funds committed to a case still
   * awaiting its award, which a retry of the same request completes.
   */
  execute(caseId: string, command: CaseCommand, context: CommandContext): Promise<CommandOutcome<CaseState>> {
    const streamId = caseStreamId(caseId);
    return retryOnConflict(context, async () => {
      const loaded = await loadStream(this.store, caseDecider, streamId);
      const replay = replayOf(loaded, streamId, context);
      if (replay) return { streamId, revision: loaded.revision, events: replay, state: loaded.state, replayed: true };
      checkExpectedRevision(loaded, streamId, context);
      const decided = caseDecider.decide(command, loaded.state);
      const after = decided.reduce(caseDecider.evolve, loaded.state);
      await this.settleBudget(caseId, loaded.state, after, command, context);
      const appended = await appendDecided(this.store, streamId, loaded.revision, decided, context);
      return { streamId, revision: appended.revision, events: appended.events, state: after, replayed: appended.duplicate };
    });
  }

  private async settleBudget(caseId: string, before: CaseState, after: CaseState, command: CaseCommand, context: CommandContext) {
    const held = commitmentAfter(after);
    if (held === undefined || after.status !== 'open' || held === commitmentAfter(before)) return;
    const reason = command.type === 'VaryContract' ? 'variation' : 'award';
    const ledger = { ...context, idempotencyKey: undefined, expectedRevision: undefined };
    await retryOnConflict(ledger, () =>
      executeCommand(this.store, frameworkDecider, frameworkStreamId(after.profile.financialYear), { type: 'SetCaseCommitment', caseId, pence: held, reason }, ledger),
    );
  }
}
