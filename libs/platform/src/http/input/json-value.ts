import { formatPence, MAX_PENCE } from '@app/domain';
import type { FieldError } from '../problem-details';
import { CONTROL_CHARACTER, FORBIDDEN_KEYS, INPUT_LIMITS, LONE_SURROGATE } from './input-limits';

/**
 * The first thing in a parsed JSON body no field of this API may hold, named by its path
 * (`lines[2].valuePence`, as the validation pipe names fields): a property named like
 * Object.prototype's, a string with a lone UTF-16 surrogate or a control character (tab
 * and line breaks allowed; fields that must be one line say so themselves), a number
 * beyond the integers a double holds exactly, an amount of pence (a property named `pence`
 * or `…Pence`, as every amount is) beyond MAX_PENCE.
 * The depth is already bounded (json-text.ts).
 */
export function refusalInJson(value: unknown, path = ''): FieldError | undefined {
  if (typeof value === 'string') return refusalInText(value, path || '(body)');
  if (typeof value === 'number') return refusalInNumber(value, path || '(body)');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = refusalInJson(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      const badKey = refusalInKey(key, field);
      if (badKey) return badKey;
      const found = refusalInJson(child, field) ?? refusalInAmount(key, child, field);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether a number is an amount is told by its name: `pence`, `valuePence`, `estimatedValuePence`. */
function refusalInAmount(key: string, value: unknown, field: string): FieldError | undefined {
  if (typeof value !== 'number' || !(key === 'pence' || key.endsWith('Pence'))) return undefined;
  if (Math.abs(value) > MAX_PENCE) return { field, reason: `is more than ${formatPence(MAX_PENCE)} (${MAX_PENCE.toLocaleString('en-GB')} pence), beyond any commissioning budget` };
  return undefined;
}

function refusalInKey(key: string, field: string): FieldError | undefined {
  const printable = printableField(field);
  if (FORBIDDEN_KEYS.has(key)) return { field: printable, reason: `a property may not be named ${key}` };
  if (key.length > INPUT_LIMITS.keyLength) return { field: printable.slice(0, 80), reason: `a property name may be at most ${INPUT_LIMITS.keyLength} characters` };
  if (LONE_SURROGATE.test(key) || CONTROL_CHARACTER.test(key) || key === '') return { field: printable, reason: 'a property name must be printable text' };
  return undefined;
}

function refusalInText(text: string, field: string): FieldError | undefined {
  if (LONE_SURROGATE.test(text)) return { field, reason: 'contains a lone UTF-16 surrogate: text must be well-formed Unicode' };
  if (CONTROL_CHARACTER.test(text)) return { field, reason: 'must not contain control characters (tab and line breaks excepted)' };
  return undefined;
}

function refusalInNumber(n: number, field: string): FieldError | undefined {
  if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER) {
    return { field, reason: `is out of range: numbers must lie within ±${Number.MAX_SAFE_INTEGER.toLocaleString('en-GB')}` };
  }
  return undefined;
}

/** A path fit to print back: what makes the key unfit is replaced, so the problem itself is clean. */
function printableField(field: string): string {
  return field.replace(new RegExp(`${LONE_SURROGATE.source}|${CONTROL_CHARACTER.source}`, 'g'), '\uFFFD');
}
