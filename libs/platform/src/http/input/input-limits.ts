/**
 * The bounds of what the API reads, in one place. They are generous for any real
 * commissioning document (a framework is ~100 KB and nests 6 levels) and far below what
 * would hurt the process: recursion in validation and hashing stays shallow, no number
 * loses precision, no header or query value is stored at a size nobody could read.
 */
export const INPUT_LIMITS = {
  /** Request body, bytes. */
  bodyBytes: 2 * 1024 * 1024,
  bodyLabel: '2 MB',
  /** Nesting of objects and arrays in a JSON body. */
  depth: 32,
  /** A property name in a JSON body. */
  keyLength: 200,
  /** The whole query string, and each of its values. */
  queryLength: 4096,
  queryValueLength: 500,
  /** Any header value not named below. */
  headerLength: 8192,
} as const;

/** Headers whose values the API reads or records, each with the form it must have. */
export const HEADER_RULES: ReadonlyArray<{ name: string; pattern: RegExp; reason: string }> = [
  { name: 'X-Correlation-Id', pattern: /^[\w.:/+=-]{1,128}$/, reason: 'must be 1–128 letters, digits, or . _ : / + = -' },
  { name: 'Idempotency-Key', pattern: /^[\w.:-]{1,200}$/, reason: 'must be 1–200 letters, digits, or . _ : -' },
  { name: 'If-Match', pattern: /^[\x20-\x7e]{1,64}$/, reason: 'must be the ETag of the case, e.g. "3"' },
];

/** Property names that would reach Object.prototype through a careless merge. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
