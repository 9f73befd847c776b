import { ERASED, openValue, sealedSubject } from './sealed-value';
import type { SubjectKeys } from './subject-keys';

/**
 * Opens sealed personal fields for a reader who may see the record: every sealed string
 * anywhere in a value becomes its plaintext, or "[erased]" once its subject's key is gone.
 * One pass collects the subjects, one query fetches their keys.
 */
export class PersonalDataVault {
  constructor(private readonly keys: SubjectKeys) {}

  async reveal<T>(value: T): Promise<T> {
    const subjects = new Set<string>();
    collect(value, subjects);
    if (subjects.size === 0) return value;
    const keys = await this.keys.keysOf([...subjects]);
    return replace(value, (text) => {
      const subjectId = sealedSubject(text);
      if (!subjectId) return text;
      const key = keys.get(subjectId);
      if (!key) return ERASED;
      try {
        return openValue(text, key);
      } catch {
        return ERASED;
      }
    }) as T;
  }
}

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    const subject = sealedSubject(value);
    if (subject) into.add(subject);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collect(item, into);
  }
}

function replace(value: unknown, open: (text: string) => string): unknown {
  if (typeof value === 'string') return open(value);
  if (Array.isArray(value)) return value.map((item) => replace(item, open));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v, open)]));
  }
  return value;
}
