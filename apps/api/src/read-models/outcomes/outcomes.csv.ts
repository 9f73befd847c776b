import type { Response } from 'express';
import { OUTCOME_CSV_HEADER, outcomeCsvRows, type OutcomeView } from '@app/projections/outcomes';

type Field = string | number | boolean | null;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; lines end CRLF; null is empty. */
export function csvField(value: Field): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function outcomesCsv(items: readonly OutcomeView[]): string {
  const lines: Field[][] = [[...OUTCOME_CSV_HEADER], ...outcomeCsvRows(items)];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Sets the headers of a download and returns the body for Nest to send as it is. */
export function sendOutcomesCsv(response: Response, items: readonly OutcomeView[], financialYear?: string): string {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="outcomes${financialYear ? `-${financialYear}` : ''}.csv"`);
  return outcomesCsv(items);
}
