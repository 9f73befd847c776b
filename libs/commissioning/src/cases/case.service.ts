import { randomUUID } from 'node:crypto';
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
import { EVENT_STORE, type EventStore, prepareEvents, type StoredEvent } from '@app/event-store';
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
      // Refuse what the store would refuse before the ledger moves.
      prepareEvents(streamId, decided.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: context })), new Date().toISOString());
      const undo = await this.settleBudget(caseId, loaded.state, after, command, context);
      try {
        const appended = await appendDecided(this.store, streamId, loaded.revision, decided, context);
        return { streamId, revision: appended.revision, events: appended.events, state: after, replayed: appended.duplicate };
      } catch (error) {
        await undo();
        throw error;
      }
    });
  }

  /**
   * Moves the case's share of the budget on the framework's ledger; returns how to put it
   * back should the case's own append then fail (a concurrent writer won), so the ledger
   * never holds money for a decision that was not recorded.
   */
  private async settleBudget(
    caseId: string,
    before: CaseState,
    after: CaseState,
    command: CaseCommand,
    context: CommandContext,
  ): Promise<() => Promise<void>> {
    const held = commitmentAfter(after);
    if (held === undefined || after.status !== 'open' || held === commitmentAfter(before)) return async () => undefined;
    const reason = command.type === 'VaryContract' ? 'variation' : 'award';
    const ledger = { ...context, idempotencyKey: undefined, expectedRevision: undefined };
    const stream = frameworkStreamId(after.profile.financialYear);
    const setTo = (pence: number) =>
      retryOnConflict(ledger, () => executeCommand(this.store, frameworkDecider, stream, { type: 'SetCaseCommitment', caseId, pence, reason }, ledger));
    const heldBefore = (await loadStream(this.store, frameworkDecider, stream)).state.committedByCase[caseId] ?? 0;
    const moved = (await setTo(held)).events.length > 0;
    return async () => {
      if (moved) await setTo(heldBefore).catch(() => undefined);
    };
  }
}
