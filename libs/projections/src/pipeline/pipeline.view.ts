import { type BusinessDate, daysBetween, formatUkDate, refOf, resolveWorkflow } from '@app/domain';
import type { PipelineDoc } from './pipeline.projection';

/** A case as the pipeline lists it; days in stage are counted to `today`, a business date. */
export function pipelineItem(doc: PipelineDoc, today: BusinessDate) {
  return {
    caseId: doc.caseId,
    financialYear: doc.financialYear,
    mechanism: doc.mechanism,
    title: doc.title,
    locality: doc.locality,
    workflow: refOf(doc.workflow),
    stage: doc.stage,
    stageLabel: doc.stageLabel,
    phase: doc.phase,
    /** Where the stage comes in its workflow (0 first): a board lists stages in the workflow's own order. */
    stageOrder: resolveWorkflow(doc.workflow).stages.findIndex((s) => s.id === doc.stage),
    stageSince: doc.stageSince,
    stageSinceFormatted: formatUkDate(doc.stageSince),
    daysInStage: Math.max(0, daysBetween(doc.stageSince, today)),
    openedOn: doc.openedOn,
    history: doc.history,
  };
}

export type PipelineItem = ReturnType<typeof pipelineItem>;

/** The mechanism key the pipeline groups and filters by: cases with no mechanism (Appendix C) are "unassigned". */
export const mechanismKey = (mechanism: string | null): string => mechanism ?? 'unassigned';

/** Counts by mechanism, then stage: { plf: { "plan-requested": 9 }, … }. */
export function countByMechanismAndStage(rows: readonly { mechanism: string | null; stage: string; count: number }[]) {
  const counts: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    const byStage = (counts[mechanismKey(row.mechanism)] ??= {});
    byStage[row.stage] = (byStage[row.stage] ?? 0) + row.count;
  }
  return counts;
}
