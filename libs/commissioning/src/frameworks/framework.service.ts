import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  type FrameworkCommand,
  frameworkDecider,
  type FrameworkState,
  frameworkStreamId,
  readFrameworkImport,
} from '@app/domain';
import { type AppendResult, canonicalJson, EVENT_STORE, type EventStore, type MultiAppendOptions, type StreamAppend } from '@app/event-store';
import { type CommandContext, type CommandOutcome, executeCommand, loadStream, occurredAtFor, retryOnConflict } from '@app/platform';
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
    return retryOnConflict(context, () =>
      executeCommand(this.store, frameworkDecider, frameworkStreamId(financialYear), command, context),
    );
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
