import { csvField } from '../csv';
import { SPEND_CSV_COLUMNS, type spendOver } from './actuals.view';

/** One row per payment over the threshold, month first (RFC 4180, CRLF): the API's download and the CLI's file. */
export function spendCsv(spend: Pick<ReturnType<typeof spendOver>, 'months'>): string {
  const rows = spend.months.flatMap((m) => m.items.map((item) => SPEND_CSV_COLUMNS.map((column) => csvField(item[column] ?? ''))));
  return [SPEND_CSV_COLUMNS.join(','), ...rows.map((row) => row.join(','))].join('\r\n') + '\r\n';
}
