import type { Pence } from '../shared/money';

/** A plan's budget lines against its locality's allocation: what the guard refuses and the plan page shows as it is typed. */
export interface PlanAgainstAllocation {
  readonly totalPence: Pence;
  readonly allocationPence: Pence;
  readonly over: boolean;
  /** How far over, or how much is left. */
  readonly differencePence: Pence;
}

export function planAgainstAllocation(linesPence: readonly Pence[], allocationPence: Pence): PlanAgainstAllocation {
  const totalPence = linesPence.reduce((sum, pence) => sum + pence, 0);
  return { totalPence, allocationPence, over: totalPence > allocationPence, differencePence: Math.abs(allocationPence - totalPence) };
}
