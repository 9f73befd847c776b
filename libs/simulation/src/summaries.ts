import type { SqlDatabase } from '@app/database';
import { formatPence, formatUkDate } from '@app/domain';
import { budgetView, readBudget } from '@app/projections/budget';
import { type OutcomeDoc, outcomeView } from '@app/projections/outcomes';

/** The year's budget as the read model holds it at the end of the run. */
export async function budgetSummary(db: SqlDatabase, financialYear: string): Promise<string[]> {
  const doc = await readBudget(db, financialYear);
  if (!doc) return [`No budget for ${financialYear}`];
  const view = budgetView(doc);
  const line = (label: string, pence: number) => `  ${label.padEnd(28)} ${formatPence(pence).padStart(16)}`;
  return [
    `Budget ${financialYear}`,
    line('Total', view.totalPence),
    line('Committed', view.committedPence),
    line('  of which allocated', view.allocatedPence),
    line('Available', view.availablePence),
    line('Commissioning reserve', view.reservePence),
    ...Object.entries(view.byMechanism).map(([mechanism, pence]) => line(`  ${mechanism}`, pence)),
  ];
}

/** Contracts monitored, their latest RAG, and what is under-achieving, as of `today`. */
export async function outcomeSummary(db: SqlDatabase, today: string): Promise<string[]> {
  const { rows } = await db.query<{ doc: OutcomeDoc }>(`select doc from rm_outcomes where doc->>'kind' = 'outcome'`);
  const views = rows.map((r) => outcomeView(r.doc, today));
  const measured = views.filter((v) => v.measures.length > 0);
  const count = (rag: string) => measured.filter((v) => v.rag === rag).length;
  const under = views.filter((v) => v.underAchievement);
  return [
    `Outcomes as of ${formatUkDate(today)}`,
    `  ${views.length} contracts and agreements; ${measured.length} with performance measures`,
    `  latest RAG: ${count('green')} green, ${count('amber')} amber, ${count('red')} red`,
    `  under-achievement flagged: ${under.length ? under.map((v) => `${v.caseId} ${v.title} (${v.provider})`).join('; ') : 'none'}`,
    `  remedial actions agreed: ${views.reduce((n, v) => n + v.remedialActions.length, 0)}`,
  ];
}
