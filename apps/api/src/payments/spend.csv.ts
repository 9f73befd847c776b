import { SPEND_CSV_COLUMNS, type spendOver } from '@app/projections/actuals';
import { csvField } from '../read-models/budget/budget.csv';

/** One row per payment over the threshold, month first (RFC 4180, CRLF). */
export function spendCsv(spend: ReturnType<typeof spendOver>): string {
  const rows = spend.months.flatMap((m) => m.items.map((item) => SPEND_CSV_COLUMNS.map((column) => csvField(item[column] ?? ''))));
  return [SPEND_CSV_COLUMNS.join(','), ...rows.map((row) => row.join(','))].join('\r\n') + '\r\n';
}
