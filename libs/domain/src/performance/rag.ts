import type { Direction, Rag } from '../cases/case.types';

/**
 * Red/amber/green against target: on or better than target is green; short of it by no
 * more than the tolerance (a percentage of the target) is amber; further short is red.
 */
export function ragFor(actual: number, target: number, direction: Direction, amberTolerancePercent: number): Rag {
  const slack = (Math.abs(target) * amberTolerancePercent) / 100;
  if (direction === 'higher-is-better') {
    if (actual >= target) return 'green';
    return actual >= target - slack ? 'amber' : 'red';
  }
  if (actual <= target) return 'green';
  return actual <= target + slack ? 'amber' : 'red';
}

/** Severity, worst first: a set of ratings is as bad as its worst. */
const BY_SEVERITY: readonly Rag[] = ['red', 'amber', 'green'];

/** The worst of some ratings (red over amber over green), ignoring the unrated; null when none is rated. */
export function worstRag(rags: Iterable<Rag | null>): Rag | null {
  const seen = new Set(rags);
  return BY_SEVERITY.find((rag) => seen.has(rag)) ?? null;
}

export interface RagCounts {
  readonly red: number;
  readonly amber: number;
  readonly green: number;
  /** Not yet rated (nothing reported). */
  readonly unrated: number;
}

/** How many of each rating, the unrated counted apart. */
export function countRags(rags: Iterable<Rag | null>): RagCounts {
  const counts = { red: 0, amber: 0, green: 0, unrated: 0 };
  for (const rag of rags) counts[rag ?? 'unrated'] += 1;
  return counts;
}
