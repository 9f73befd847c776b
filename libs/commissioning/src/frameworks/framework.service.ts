import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CASE_EVENT_SCHEMA_VERSION,
  caseDecider,
  caseStreamId,
  DomainError,
  type FrameworkCommand,
  type MergeLocalities,
  type OpenCase,
  upcastCase,
  withBusinessDate,
  frameworkDecider,
  type FrameworkState,
  frameworkStreamId,
  readFrameworkImport,
} from '@app/domain';
import { type AppendResult, canonicalJson, EVENT_STORE, type EventStore, type MultiAppendOptions, type StreamAppend } from '@app/event-store';
import {
  checkExpectedRevision,
  type CommandContext,
  type CommandOutcome,
  executeCommand,
  loadStream,
  newEventsFor,
  occurredAtFor,
  replayOf,
  retryOnConflict,
} from '@app/platform';
import { type ImportProgress, planImport } from './framework-import.plan';

export type { ImportProgress } from './framework-import.plan';

export interface ImportReport {
  readonly financialYear: string;
  readonly frameworkImported: boolean;
  readonly casesOpened: number;
  readonly casesAlreadyPresent: number;
  readonly lines: number;
}

@Injectable()
export class FrameworkService {
  /** Fault injection for the crash test of the import's append; nothing in production sets it. */
  faults?: MultiAppendOptions;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(financialYear: string): Promise<FrameworkState & { revision: number }> {
    const loaded = await loadStream(this.store, frameworkDecider, frameworkStreamId(financialYear));
    if (!loaded.state.definition) {
      throw new DomainError('NOT_FOUND', `No framework has been imported for ${financialYear}`, { financialYear });
    }
    return { ...loaded.state, revision: loaded.revision };
  }

  execute(financialYear: string, command: FrameworkCommand, context: CommandContext): Promise<CommandOutcome<FrameworkState>> {
    if (command.type === 'MergeLocalities') return retryOnConflict(context, () => this.merge(financialYear, command, context));
    return retryOnConflict(context, () =>
      executeCommand(this.store, frameworkDecider, frameworkStreamId(financialYear), command, context),
    );
  }

  /**
   * A locality merger moves the framework and every case of the year placed in the
   * locality: the cases are found in the log, each records its LocalityChanged, and the
   * framework and the cases are appended in one transaction, at the revisions read here (a
   * case written meanwhile makes the whole merger decide again).
   */
  private async merge(financialYear: string, command: MergeLocalities, context: CommandContext): Promise<CommandOutcome<FrameworkState>> {
    const streamId = frameworkStreamId(financialYear);
    const loaded = await loadStream(this.store, frameworkDecider, streamId);
    const replay = replayOf(loaded, streamId, context);
    if (replay) return { streamId, revision: loaded.revision, events: replay, state: loaded.state, replayed: true };
    checkExpectedRevision(loaded, streamId, context);
    const cases = await this.casesTouching(financialYear, command.locality);
    const decided = frameworkDecider.decide({ ...command, casesInLocality: cases.map((c) => c.state.profile.caseId) }, loaded.state);
    if (decided.length === 0) return { streamId, revision: loaded.revision, events: [], state: loaded.state, replayed: false };
    const move = { type: 'ChangeLocality' as const, on: command.on, reason: command.reason, from: command.locality, into: command.into };
    const caseAppends = cases.flatMap(({ streamId: caseStream, revision, state }): StreamAppend[] => {
      const events = withBusinessDate(caseDecider.decide(move, state), command.on);
      return events.length === 0 ? [] : [{ streamId: caseStream, events: newEventsFor(caseStream, events, context, CASE_EVENT_SCHEMA_VERSION), expected: revision }];
    });
    const frameworkEvents = newEventsFor(streamId, decided, context);
    const [result] = await this.appendAll([{ streamId, events: frameworkEvents, expected: loaded.revision === -1 ? 'no_stream' : loaded.revision }, ...caseAppends]);
    const events = await this.store.readStream(streamId, { from: result.nextRevision - frameworkEvents.length + 1, to: result.nextRevision });
    return { streamId, revision: result.nextRevision, events, state: decided.reduce(frameworkDecider.evolve, loaded.state), replayed: result.duplicate };
  }

  /** The year's cases (their ids begin with the year) placed in `locality` now. */
  private async casesTouching(financialYear: string, locality: string): Promise<Array<{ streamId: string; revision: number; state: OpenCase }>> {
    const found: Array<{ streamId: string; revision: number; state: OpenCase }> = [];
    for (const streamId of await this.store.streamIds(caseStreamId(`${financialYear}-`))) {
      const loaded = await loadStream(this.store, caseDecider, streamId, upcastCase);
      if (loaded.state.status === 'open' && loaded.state.profile.locality === locality) found.push({ streamId, revision: loaded.revision, state: loaded.state });
    }
    return found;
  }

  /**
   * Imports a framework document: the framework stream and a case per line, all decided
   * first and appended in one transaction where the store has them, so a refusal at any
   * point leaves the log as it was. The same document again appends nothing; a year an
   * earlier import left half done gets only its missing cases.
   */
  async importDocument(document: unknown, context: CommandContext, onProgress: ImportProgress = () => undefined): Promise<ImportReport> {
    const checksum = documentChecksum(document);
    const { definition, workflowVersions } = readFrameworkImport(document, checksum);
    // The commitments take effect as of the document, whenever it is imported.
    const occurredAt = occurredAtFor(definition.issuedOn, new Date(context.occurredAt));
    const importContext = { ...context, occurredAt, idempotencyKey: `import-${checksum}`, requestFingerprint: checksum };
    return retryOnConflict(importContext, async () => {
      const plan = await planImport(this.store, definition, workflowVersions, importContext, onProgress);
      const appends = [...(plan.frameworkAppend ? [plan.frameworkAppend] : []), ...plan.caseAppends];
      const results = await this.appendAll(appends);
      const fresh = (i: number) => results[i] && !results[i].duplicate;
      const offset = plan.frameworkAppend ? 1 : 0;
      return {
        financialYear: definition.financialYear,
        frameworkImported: plan.frameworkAppend !== null && fresh(0),
        casesOpened: plan.caseAppends.filter((_, i) => fresh(i + offset)).length,
        casesAlreadyPresent: plan.casesAlreadyPresent + plan.caseAppends.filter((_, i) => !fresh(i + offset)).length,
        lines: plan.lines,
      };
    });
  }

  /**
   * One transaction on PostgreSQL and PGlite. KurrentDB has no multi-stream transaction:
   * there the checked plan is appended stream by stream, framework first; only the
   * connection can fail part way, and importing again appends just what is missing.
   */
  private async appendAll(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    if (this.store.appendToStreams) return this.store.appendToStreams(appends, this.faults);
    const results: AppendResult[] = [];
    for (const part of appends) results.push(await this.store.appendToStream(part.streamId, part.events, { expected: part.expected }));
    return results;
  }
}

export const documentChecksum = (document: unknown): string =>
  createHash('sha256').update(canonicalJson(document, '(body)')).digest('hex');
