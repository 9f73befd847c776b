import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  casesFromFramework,
  DomainError,
  type FrameworkCommand,
  frameworkDecider,
  type FrameworkState,
  frameworkStreamId,
  readFrameworkImport,
} from '@app/domain';
import { canonicalJson, EVENT_STORE, type EventStore } from '@app/event-store';
import { type CommandContext, type CommandOutcome, executeCommand, loadStream, occurredAtFor, retryOnConflict } from '@app/platform';
import { CaseService } from '../cases/case.service';

export interface ImportReport {
  readonly financialYear: string;
  readonly frameworkImported: boolean;
  readonly casesOpened: number;
  readonly casesAlreadyPresent: number;
  readonly lines: number;
}

export type ImportProgress = (done: number, total: number, label: string) => void;

@Injectable()
export class FrameworkService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cases: CaseService,
  ) {}

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
   * Imports a framework document: the framework stream first, then a case per line. The
   * same document again appends nothing; an import cut short resumes where it stopped.
   */
  async importDocument(document: unknown, context: CommandContext, onProgress: ImportProgress = () => undefined): Promise<ImportReport> {
    const checksum = createHash('sha256').update(canonicalJson(document, '(body)')).digest('hex');
    const { definition, workflowVersions } = readFrameworkImport(document, checksum);
    // The commitments take effect as of the document, whenever it is imported.
    const occurredAt = occurredAtFor(definition.issuedOn, new Date(context.occurredAt));
    const importContext = { ...context, occurredAt, idempotencyKey: `import-${checksum}`, requestFingerprint: checksum };
    const framework = await this.execute(definition.financialYear, { type: 'ImportFramework', definition, workflowVersions }, importContext);
    const planned = casesFromFramework(definition, framework.state);
    let opened = 0;
    let present = 0;
    onProgress(0, planned.length, 'framework');
    for (const [index, { caseId, command }] of planned.entries()) {
      const outcome = await this.cases.open(caseId, command, importContext);
      if (outcome.replayed || outcome.events.length === 0) present += 1;
      else opened += 1;
      onProgress(index + 1, planned.length, caseId);
    }
    return {
      financialYear: definition.financialYear,
      frameworkImported: framework.events.length > 0 && !framework.replayed,
      casesOpened: opened,
      casesAlreadyPresent: present,
      lines: planned.length,
    };
  }
}

export const documentChecksum = (document: unknown): string =>
  createHash('sha256').update(canonicalJson(document, '(body)')).digest('hex');
