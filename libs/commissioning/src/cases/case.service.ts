import { Inject, Injectable } from '@nestjs/common';
import {
  type CaseCommand,
  type CaseEvent,
  caseDecider,
  type CaseOpeningCommand,
  type CaseState,
  carriedProfileOf,
  caseStreamId,
  commitmentAfter,
  DomainError,
  type FrameworkEvent,
  frameworkDecider,
  type FrameworkState,
  frameworkStreamId,
  type OpenCase,
  upcastCase,
  withBusinessDate,
  slotOf,
  CASE_EVENT_SCHEMA_VERSION,
} from '@app/domain';
import {
  type AppendResult,
  EVENT_STORE,
  type EventStore,
  type MultiAppendOptions,
  type StoredEvent,
  type StreamAppend,
  WrongExpectedRevision,
} from '@app/event-store';
import {
  appendDecided,
  asDomainEvent,
  checkExpectedRevision,
  type CommandContext,
  type CommandOutcome,
  KeyedQueue,
  newEventsFor,
  replayOf,
  retryOnConflict,
  StreamCache,
} from '@app/platform';

@Injectable()
export class CaseService {
  /** Fault injection for the crash test of the combined append; nothing in production sets it. */
  faults?: MultiAppendOptions;

  /**
   * Each year's budget ledger as last folded: an award reads the year's position without
   * refolding the framework stream (no history kept: it is thousands of commitments long).
   */
  private readonly ledgers: StreamCache<FrameworkEvent, FrameworkState>;
  /** Each case as last folded: a command reads only what its stream recorded since. */
  private readonly cases: StreamCache<CaseEvent, CaseState>;
  private readonly queue = new KeyedQueue();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.ledgers = new StreamCache(store, frameworkDecider, asDomainEvent<FrameworkEvent>, { streams: 100, events: 0, history: false });
    this.cases = new StreamCache(store, caseDecider, upcastCase);
  }

  async get(caseId: string): Promise<OpenCase & { revision: number }> {
    const loaded = await this.cases.load(caseStreamId(caseId));
    if (loaded.state.status !== 'open') throw new DomainError('NOT_FOUND', `No case ${caseId}`, { caseId });
    return { ...loaded.state, revision: loaded.revision };
  }

  /**
   * What the case is (its year, mechanism, locality): fixed when it opens, but for the
   * moves of a locality merger. The access check before a command loads the case as the
   * command then does, so the command finds it already folded.
   */
  async profileOf(caseId: string): Promise<OpenCase['profile']> {
    const { state } = await this.cases.load(caseStreamId(caseId));
    if (state.status !== 'open') throw new DomainError('NOT_FOUND', `No case ${caseId}`, { caseId });
    return state.profile;
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
   * budget (an award, a variation), the framework's budget ledger decides too (and may
   * refuse), and both streams are appended in one transaction: no crash can leave money
   * committed to a decision that was not recorded, or a decision without its money.
   */
  execute(caseId: string, command: CaseCommand, context: CommandContext): Promise<CommandOutcome<CaseState>> {
    const streamId = caseStreamId(caseId);
    return this.queue.run(streamId, () =>
      retryOnConflict(context, () =>
        this.decideOnce(caseId, streamId, command, context).catch((error: unknown) => {
          // Another writer got there first (or the log is not what was held): read it afresh.
          if (error instanceof WrongExpectedRevision) this.cases.forget(streamId);
          throw error;
        }),
      ),
    );
  }

  private async decideOnce(caseId: string, streamId: string, command: CaseCommand, context: CommandContext): Promise<CommandOutcome<CaseState>> {
    const loaded = await this.cases.load(streamId);
    const replay = replayOf(loaded, streamId, context);
    if (replay) return { streamId, revision: loaded.revision, events: replay, state: loaded.state, replayed: true };
    checkExpectedRevision(loaded, streamId, context);
    const decided = caseDecider.decide(command, loaded.state);
    // A decision that changes nothing is already done: nothing to append.
    if (decided.length === 0) return { streamId, revision: loaded.revision, events: [], state: loaded.state, replayed: false };
    const after = decided.reduce(caseDecider.evolve, loaded.state);
    const ledgers = await this.ledgerMoves(caseId, loaded.state, after, command, decided);
    const stamped = withBusinessDate(decided, command.on);
    const caseEvents = newEventsFor(streamId, stamped, context, CASE_EVENT_SCHEMA_VERSION);
    if (ledgers.length === 0) {
      const appended = await appendDecided(this.store, streamId, loaded.revision, stamped, context, CASE_EVENT_SCHEMA_VERSION);
      return { streamId, revision: appended.revision, events: appended.events, state: after, replayed: appended.duplicate };
    }
    const [result] = await this.appendAll(
      { streamId, events: caseEvents, expected: loaded.revision === -1 ? 'no_stream' : loaded.revision },
      ledgers.map((ledger) => ({ streamId: ledger.streamId, events: newEventsFor(ledger.streamId, ledger.events, context), expected: ledger.revision === -1 ? 'no_stream' : ledger.revision })),
    );
    const events = await this.store.readStream(streamId, { from: result.nextRevision - caseEvents.length + 1, to: result.nextRevision });
    return { streamId, revision: result.nextRevision, events, state: after, replayed: result.duplicate };
  }

  /** One transaction where the store has them; KurrentDB has no multi-stream transaction, so there the ledgers go first. */
  private async appendAll(caseAppend: StreamAppend, ledgerAppends: readonly StreamAppend[]): Promise<AppendResult[]> {
    try {
      return await this.appendInOrder(caseAppend, ledgerAppends);
    } catch (error) {
      if (error instanceof WrongExpectedRevision) ledgerAppends.forEach((ledger) => this.ledgers.forget(ledger.streamId));
      throw error;
    }
  }

  private async appendInOrder(caseAppend: StreamAppend, ledgerAppends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.store.appendToStreams) return this.store.appendToStreams([caseAppend, ...ledgerAppends], this.faults);
    const ledgers: AppendResult[] = [];
    for (const ledger of ledgerAppends) ledgers.push(await this.store.appendToStream(ledger.streamId, ledger.events, { expected: ledger.expected }));
    return [await this.store.appendToStream(caseAppend.streamId, caseAppend.events, { expected: caseAppend.expected }), ...ledgers];
  }

  /**
   * The ledgers a decision moves: its own year's when the case's share changes; for a
   * year-end carry-forward, the next year's too, which refuses when its framework is
   * missing or its budget cannot hold what is carried.
   */
  private async ledgerMoves(
    caseId: string,
    before: CaseState,
    after: CaseState,
    command: CaseCommand,
    decided: readonly CaseEvent[],
  ): Promise<Array<{ streamId: string; revision: number; events: FrameworkEvent[] }>> {
    const own = await this.ledgerMove(caseId, before, after, command);
    const moves = own ? [own] : [];
    for (const event of decided) {
      if (event.type !== 'InstalmentsCarriedForward' || after.status !== 'open') continue;
      const { toYear, fromYear, pence, instalmentIds } = event.data;
      const streamId = frameworkStreamId(toYear);
      const framework = await this.ledgers.load(streamId);
      if (!framework.state.definition) throw DomainError.field('NO_NEXT_FRAMEWORK', 'toYear', `no framework has been imported for ${toYear}: import it before carrying into it`);
      const events = frameworkDecider.decide({ type: 'CarryInCommitment', caseId, pence, fromYear, instalmentIds, profile: carriedProfileOf(after) }, framework.state);
      moves.push({ streamId, revision: framework.revision, events: [...events] });
    }
    return moves;
  }

  /**
   * What the framework's budget ledger records for this decision, decided on the ledger as
   * it stands (refusing with BUDGET_EXCEEDED), or null when the case's share does not change.
   */
  private async ledgerMove(
    caseId: string,
    before: CaseState,
    after: CaseState,
    command: CaseCommand,
  ): Promise<{ streamId: string; revision: number; events: FrameworkEvent[] } | null> {
    const held = commitmentAfter(after);
    if (held === undefined || after.status !== 'open' || held === commitmentAfter(before)) return null;
    const reason = command.type === 'VaryContract' ? 'variation' : command.type === 'CarryForwardInstalments' ? 'carry-forward' : 'award';
    const streamId = frameworkStreamId(after.profile.financialYear);
    const framework = await this.ledgers.load(streamId);
    const events = frameworkDecider.decide({ type: 'SetCaseCommitment', caseId, pence: held, reason, mechanism: slotOf(after.profile.mechanism) }, framework.state);
    return events.length === 0 ? null : { streamId, revision: framework.revision, events: [...events] };
  }
}
