/**
 * Values of a pure computation remembered by key, at most `kept` of them: when full, all are
 * forgotten at once and the memo fills again. For the small, hot sets a fold or a schedule
 * asks for again and again (reporting periods, due days, London instants): a long-running
 * process keeps a bounded number, never everything it has seen.
 */
export class BoundedMemo<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly kept: number) {
    if (!Number.isSafeInteger(kept) || kept < 1) throw new RangeError(`a memo keeps at least one value, not ${kept}`);
  }

  /** The value kept for `key`, or `compute()`'s, kept from now on. */
  of(key: string, compute: () => V): V {
    const known = this.values.get(key);
    if (known !== undefined || this.values.has(key)) return known as V;
    const value = compute();
    if (this.values.size >= this.kept) this.values.clear();
    this.values.set(key, value);
    return value;
  }

  get size(): number {
    return this.values.size;
  }
}
