import { INPUT_LIMITS } from './input-limits';
import { invalid, unsupportedMediaType } from './input-refused';
import { refusalInJson } from './json-value';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const [OPEN_OBJECT, OPEN_ARRAY, CLOSE_OBJECT, CLOSE_ARRAY, QUOTE, BACKSLASH] = ['{', '[', '}', ']', '"', '\\'].map((c) => c.charCodeAt(0));

/**
 * Checks the raw bytes of a JSON body before anything parses them: UTF-8 only (RFC 8259
 * §8.1), well-formed, and nested no deeper than the limit. The depth is counted in one
 * pass with no recursion, so a body of 200,000 brackets is refused rather than followed
 * down by every recursive walker after the parser.
 */
export function checkJsonBytes(body: Buffer, charset: string | null | undefined, field = '(body)'): void {
  if (charset && !/^utf-?8$/i.test(charset)) throw unsupportedMediaType(`charset=${charset} is not accepted: send application/json in UTF-8 (or with no charset)`);
  try {
    utf8.decode(body);
  } catch {
    throw invalid(field, 'is not well-formed UTF-8');
  }
  const depth = nestingDepth(body);
  if (depth > INPUT_LIMITS.depth) throw invalid(field, `nests objects and arrays ${depth > 10_000 ? 'more than 10,000' : depth} levels deep; at most ${INPUT_LIMITS.depth} are accepted`);
}

/**
 * A JSON document that arrives inside a form field or an uploaded file rather than as the
 * body (a framework document on the web import form): the same checks as a JSON body, in
 * the same order, with refusals named by `field`. `notJson` is the reason given when the
 * bytes are well-formed UTF-8 but not JSON.
 */
export function parseJsonField(bytes: Buffer, field: string, notJson = 'is not JSON'): unknown {
  checkJsonBytes(bytes, undefined, field);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalid(field, notJson);
  }
  const found = refusalInJson(value, field);
  if (found) throw invalid(found.field, found.reason);
  return value;
}

/** The deepest nesting of brackets outside strings (stops counting a little past the limit's use). */
export function nestingDepth(body: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > 10_000) return deepest;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth -= 1;
  }
  return deepest;
}
