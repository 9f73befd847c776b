import { DomainError } from '@app/domain';
import type { FormField } from './case-forms';

/** contract.measures.0.id → contract[measures][0][id]: the name the urlencoded parser nests back. */
export const inputName = (name: string): string => name.split('.').map((part, index) => (index === 0 ? part : `[${part}]`)).join('');

/** The value at a dotted path of the parsed form. */
export function valueAt(body: unknown, name: string): unknown {
  return name.split('.').reduce<unknown>((value, part) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), body);
}

function setAt(target: Record<string, unknown>, name: string, value: unknown): void {
  const parts = name.split('.');
  let node: Record<string, unknown> = target;
  parts.slice(0, -1).forEach((part, index) => {
    node[part] ??= /^\d+$/.test(parts[index + 1]) ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
  node[parts[parts.length - 1]] = value;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const refused = (field: string, reason: string) => DomainError.field('VALIDATION_FAILED', field, reason);

/** £1,234.56 (or 1234.5, or 1234) → 123456 pence, by the digits, never through a float. */
export function penceOf(field: string, typed: string): number {
  const match = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(typed.replace(/\s+/g, ''));
  if (!match) throw refused(field, 'must be an amount in pounds, such as 1,234.56');
  const pence = Number(match[1].replace(/,/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(pence)) throw refused(field, 'is too large');
  return pence;
}

/** A GOV.UK date input's day, month and year → YYYY-MM-DD for the API to check; all blank → absent. */
export function dateOf(value: unknown): string | undefined {
  const parts = (value ?? {}) as Record<string, unknown>;
  const [day, month, year] = [text(parts.day), text(parts.month), text(parts.year)];
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function coerce(field: FormField, raw: unknown): unknown {
  switch (field.kind) {
    case 'date':
      return dateOf(raw);
    case 'money':
      return text(raw) === '' ? undefined : penceOf(field.name, text(raw));
    case 'integer':
    case 'number': {
      const typed = text(raw).replace(/,/g, '');
      return typed === '' ? undefined : /^-?\d+(\.\d+)?$/.test(typed) ? Number(typed) : typed;
    }
    case 'lines':
      return text(raw).split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    case 'checkboxes':
      // None ticked posts nothing: an empty list, for the API to refuse by the field's name.
      return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(text).filter(Boolean);
    default: {
      const typed = text(raw);
      return typed === '' && field.optional ? undefined : typed;
    }
  }
}

const isBlank = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' ? value.trim() === '' : typeof value === 'object' && value !== null && Object.values(value).every(isBlank));

/** The row a field of a list belongs to (instalments.2.condition.kind → instalments.2), if it is one of `lists`. */
const rowOf = (name: string, lists: readonly string[]): string | undefined => lists.map((list) => new RegExp(`^${list}\\.\\d+`).exec(name)?.[0]).find(Boolean);

/**
 * The API's JSON body from a posted form: each field read from its input, typed as its kind
 * says. A row of one of `lists` whose typed inputs (all but its choices) are blank is left out.
 */
export function bodyOf(fields: readonly FormField[], posted: unknown, lists: readonly string[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const blankRows = new Set(
    fields.map((field) => rowOf(field.name, lists)).filter((row): row is string => !!row)
      .filter((row) => fields.filter((f) => f.kind !== 'select' && rowOf(f.name, lists) === row).every((f) => isBlank(valueAt(posted, f.name)))),
  );
  for (const field of fields) {
    const row = rowOf(field.name, lists);
    if (row && blankRows.has(row)) continue;
    const value = coerce(field, valueAt(posted, field.name));
    if (value !== undefined) setAt(body, field.name, value);
  }
  // Rows left out leave holes: the list is what was filled in, in order.
  for (const list of lists) {
    const rows = valueAt(body, list);
    if (Array.isArray(rows)) setAt(body, list, rows.filter((r) => r !== undefined));
  }
  return body;
}
