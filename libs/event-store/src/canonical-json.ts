import { InvalidEvent } from './event-store.errors';

/**
 * Canonical JSON (RFC 8785 style: keys sorted by UTF-16 code units, no whitespace,
 * numbers as ECMAScript prints them). Refuses anything that would not survive a
 * round trip through JSON, naming the path, so what is hashed is what is stored.
 */
export function canonicalJson(value: unknown, path = 'data'): string {
  return write(value, path, new Set());
}

function write(value: unknown, path: string, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      if (value.includes('\u0000')) throw new InvalidEvent(path, 'contains a NUL character, which cannot be stored');
      return JSON.stringify(value);
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidEvent(path, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return writeObject(value, path, seen);
    default:
      throw new InvalidEvent(path, `a ${typeof value} is not JSON-serialisable`);
  }
}

function writeObject(value: object, path: string, seen: Set<object>): string {
  if (seen.has(value)) throw new InvalidEvent(path, 'circular reference is not JSON-serialisable');
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item, i) => write(item, `${path}[${i}]`, seen)).join(',')}]`;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new InvalidEvent(path, `a ${name} is not plain JSON (use strings or numbers)`);
    }
    // As JSON.stringify does, a property whose value is undefined is simply absent.
    const keys = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort();
    const nul = keys.find((key) => key.includes('\u0000'));
    if (nul !== undefined) throw new InvalidEvent(path, 'a key contains a NUL character, which cannot be stored');
    const parts = keys.map((key) => `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key], `${path}.${key}`, seen)}`);
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(value);
  }
}
