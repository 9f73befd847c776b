import type { Response } from 'express';
import { csvField } from '@app/projections';
import { budgetRows, type BudgetView } from '@app/projections/budget';

export { csvField };

export function budgetCsv(view: BudgetView): string {
  const lines = [['breakdown', 'key', 'pence', 'amount'], ...budgetRows(view).map((r) => [r.breakdown, r.key, r.pence, r.amount])];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Sets the headers of a download and returns the body for Nest to send as it is. */
export function sendBudgetCsv(response: Response, view: BudgetView): string {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="budget-${view.financialYear}.csv"`);
  return budgetCsv(view);
}
