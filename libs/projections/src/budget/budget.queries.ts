import type { SqlQueryable } from '@app/database';
import { DocumentTable } from '../document-table';
import { tableOf } from '../projection';
import { type BudgetDoc, budgetFromDocs } from './budget.document';
import { budgetProjection } from './budget.projection';

const TABLE = new DocumentTable(tableOf(budgetProjection.name));

/** A year's budget from rm_budget: its document and its lines, one range of the primary key. */
export async function readBudget(db: SqlQueryable, financialYear: string): Promise<BudgetDoc | undefined> {
  const rows = await TABLE.withPrefix(db, financialYear);
  return budgetFromDocs(financialYear, rows.map((row) => [row.key, row.doc] as const));
}
