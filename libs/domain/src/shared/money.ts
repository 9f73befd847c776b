/** Money is integer pence end to end; pounds appear only when formatted for people. */
export type Pence = number;

/**
 * £1,000,000,000.00: more than any commissioner's whole budget, far below where sums of
 * pence stop being exact. A figure beyond it is a typing slip or an attack, and refused.
 */
export const MAX_PENCE: Pence = 100_000_000_000;

/** A whole number of pence, within ±MAX_PENCE. */
export const isPence = (value: unknown): value is Pence => typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= MAX_PENCE;

export const sumPence = (values: readonly Pence[]): Pence => values.reduce((total, value) => total + value, 0);

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2 });

/** 33901700 → "£339,017.00"; negative amounts as "-£1.00". */
export function formatPence(pence: Pence): string {
  return gbp.format(pence / 100);
}
