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
