import type { IncomingHttpHeaders } from 'node:http';
import type { FieldError } from '../problem-details';
import { CONTROL_CHARACTER, HEADER_RULES, INPUT_LIMITS } from './input-limits';

/** The first header the API would read or record that is not of its declared form. */
export function refusalInHeaders(headers: IncomingHttpHeaders): FieldError | undefined {
  for (const rule of HEADER_RULES) {
    const value = headers[rule.name.toLowerCase()];
    if (value === undefined) continue;
    if (Array.isArray(value) || !rule.pattern.test(value)) return { field: rule.name, reason: rule.reason };
  }
  for (const [name, value] of Object.entries(headers)) {
    const values = Array.isArray(value) ? value : [value ?? ''];
    if (values.some((v) => v.length > INPUT_LIMITS.headerLength)) return { field: name, reason: `is longer than the ${INPUT_LIMITS.headerLength} characters a header may be` };
  }
  return undefined;
}

/**
 * The first query parameter that no filter of this API could mean: too long, or holding a
 * control character (a NUL would reach the database as text it refuses). Each filter's
 * own form (a date, a page size of 1–500) is its DTO's to check.
 */
export function refusalInQuery(url: string): FieldError | undefined {
  const at = url.indexOf('?');
  if (at < 0) return undefined;
  const raw = url.slice(at + 1);
  if (raw.length > INPUT_LIMITS.queryLength) return { field: '(query)', reason: `the query string is longer than ${INPUT_LIMITS.queryLength} characters` };
  for (const [name, value] of new URLSearchParams(raw)) {
    const field = name.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), '\uFFFD').slice(0, 80) || '(query)';
    if (CONTROL_CHARACTER.test(name)) return { field, reason: 'a query parameter name must be printable text' };
    if (CONTROL_CHARACTER.test(value)) return { field, reason: 'must not contain control characters' };
    if (value.length > INPUT_LIMITS.queryValueLength) return { field, reason: `is longer than ${INPUT_LIMITS.queryValueLength} characters` };
  }
  return undefined;
}

/** The path must decode (`%ud800` does not) to printable text: a route parameter can name no field otherwise. */
export function refusalInPath(url: string): FieldError | undefined {
  const path = url.split('?')[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { field: '(path)', reason: 'is not valid percent-encoded UTF-8' };
  }
  if (CONTROL_CHARACTER.test(decoded)) return { field: '(path)', reason: 'must not contain control characters' };
  return undefined;
}
