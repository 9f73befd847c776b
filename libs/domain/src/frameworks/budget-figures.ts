import type { Pence } from '../shared/money';
import type { FrameworkEvent } from './framework.events';

/** What is left in each mechanism's pot, by mechanism. */
export type PotsLeft = Readonly<Record<string, Pence | undefined>>;

/** The year's figures the available amount is worked out from. */
export interface LedgerFigures {
  readonly totalPence: Pence;
  readonly reservePence: Pence;
  readonly potsPence: PotsLeft;
  readonly committedPence: Pence;
}

export const potsLeftTotal = (pots: PotsLeft): Pence => Object.values(pots).reduce((sum: number, pence) => sum + (pence ?? 0), 0);

/**
 * What may still be committed without touching the reserve or a mechanism's pot: the one
 * rule the decider, the amendments and the budget read model all use.
 */
export const uncommittedPence = (figures: LedgerFigures): Pence =>
  figures.totalPence - figures.reservePence - potsLeftTotal(figures.potsPence) - figures.committedPence;

/** The pots after a ledger event: a commitment drawn from a pot leaves that much less in it; nothing else moves them. */
export function potsAfter(pots: PotsLeft, event: FrameworkEvent): PotsLeft {
  if (event.type === 'FrameworkImported') return { ...(event.data.pots ?? {}) };
  if (event.type !== 'FundsCommitted' || !event.data.fromPot) return pots;
  const { mechanism, pence } = event.data.fromPot;
  return { ...pots, [mechanism]: (pots[mechanism] ?? 0) - pence };
}
