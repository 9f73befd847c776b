import {
  amountOf,
  CASE_EVENT_SCHEMA_VERSION,
  caseDecider,
  caseStreamId,
  casesFromFramework,
  commitmentAfter,
  DomainError,
  type FrameworkDefinition,
  frameworkDecider,
  frameworkStreamId,
  upcastCase,
  withBusinessDate,
  type WorkflowDefinition,
} from '@app/domain';
import type { EventStore, StreamAppend } from '@app/event-store';
import { type CommandContext, loadStream, newEventsFor, replayOf } from '@app/platform';

/** Everything an import will append, decided before the first write; a refusal anywhere leaves nothing to undo. */
export interface ImportPlan {
  readonly frameworkAppend: StreamAppend | null;
  readonly caseAppends: readonly StreamAppend[];
  readonly casesAlreadyPresent: number;
  readonly lines: number;
}

export type ImportProgress = (done: number, total: number, label: string) => void;

const expectedOf = (revision: number) => (revision === -1 ? ('no_stream' as const) : revision);

/**
 * Decides the framework stream and every line's case on the log as it stands. A case the
 * same document already opened (an import cut short, also one made before imports were
 * atomic) counts as present; any other refusal — a line whose case id is taken, a framework
 * imported from another document — throws before anything is appended.
 */
export async function planImport(
  store: EventStore,
  definition: FrameworkDefinition,
  workflowVersions: readonly WorkflowDefinition[],
  context: CommandContext,
  onProgress: ImportProgress,
): Promise<ImportPlan> {
  const frameworkId = frameworkStreamId(definition.financialYear);
  const framework = await loadStream(store, frameworkDecider, frameworkId);
  const frameworkEvents = replayOf(framework, frameworkId, context)
    ? []
    : frameworkDecider.decide({ type: 'ImportFramework', definition, workflowVersions }, framework.state);
  const ledger = frameworkEvents.reduce(frameworkDecider.evolve, framework.state);
  const planned = casesFromFramework(definition, ledger);
  const caseAppends: StreamAppend[] = [];
  let present = 0;
  onProgress(0, planned.length, 'framework');
  for (const [index, { caseId, command }] of planned.entries()) {
    const streamId = caseStreamId(caseId);
    const loaded = await loadStream(store, caseDecider, streamId, upcastCase);
    if (replayOf(loaded, streamId, context)) present += 1;
    else {
      const decided = caseDecider.decide(command, loaded.state);
      const held = commitmentAfter(decided.reduce(caseDecider.evolve, loaded.state));
      // What the case holds once under contract is what the framework's ledger holds for it.
      const ledgerHolds = amountOf(ledger.committedByCase, caseId) ?? 0;
      if (held !== undefined && held !== ledgerHolds) {
        throw new DomainError('INVALID_FRAMEWORK', `${caseId} would hold ${held} pence but the framework's ledger holds ${ledgerHolds}`, { caseId });
      }
      const events = newEventsFor(streamId, withBusinessDate(decided, command.on), context, CASE_EVENT_SCHEMA_VERSION);
      caseAppends.push({ streamId, events, expected: expectedOf(loaded.revision) });
    }
    onProgress(index + 1, planned.length, caseId);
  }
  const frameworkAppend = frameworkEvents.length
    ? { streamId: frameworkId, events: newEventsFor(frameworkId, frameworkEvents, context), expected: expectedOf(framework.revision) }
    : null;
  return { frameworkAppend, caseAppends, casesAlreadyPresent: present, lines: planned.length };
}
