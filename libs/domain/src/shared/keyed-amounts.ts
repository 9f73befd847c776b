import type { Pence } from './money';

/**
 * An amount per key (a year's commitment per case) that a change copies in part: keys
 * fall into BUCKETS buckets by a hash, and setting one copies the bucket array and that
 * one bucket, never the whole map. A year with 10,000 cases then costs an award what a
 * year with 50 does; a spread of the whole record cost ~30 ms per award at 10,000.
 * Plain arrays and records, so it stays a value (comparable, serialisable).
 */
export interface KeyedAmounts {
  readonly buckets: readonly (Readonly<Record<string, Pence>> | undefined)[];
}

const BUCKETS = 1024;

export const emptyAmounts: KeyedAmounts = { buckets: [] };

/** FNV-1a over the key's UTF-16 code units. */
function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

export const amountOf = (amounts: KeyedAmounts, key: string): Pence | undefined => amounts.buckets[bucketOf(key)]?.[key];

export function withAmount(amounts: KeyedAmounts, key: string, pence: Pence): KeyedAmounts {
  const index = bucketOf(key);
  const buckets = amounts.buckets.length === BUCKETS ? amounts.buckets.slice() : Array.from({ length: BUCKETS }, (_, i) => amounts.buckets[i]);
  buckets[index] = { ...buckets[index], [key]: pence };
  return { buckets };
}

export function amountsOf(entries: Iterable<readonly [string, Pence]>): KeyedAmounts {
  const buckets: (Record<string, Pence> | undefined)[] = Array.from({ length: BUCKETS }, () => undefined);
  for (const [key, pence] of entries) (buckets[bucketOf(key)] ??= {})[key] = pence;
  return { buckets };
}

/** Every key and its amount, sorted by key. */
export const amountEntries = (amounts: KeyedAmounts): [string, Pence][] =>
  amounts.buckets.flatMap((bucket) => Object.entries(bucket ?? {})).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
