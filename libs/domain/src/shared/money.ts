/** Money is integer pence end to end; pounds appear only when formatted for people. */
export type Pence = number;

export const isPence = (value: unknown): value is Pence => typeof value === 'number' && Number.isSafeInteger(value);

export const sumPence = (values: readonly Pence[]): Pence => values.reduce((total, value) => total + value, 0);

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2 });

/** 33901700 → "£339,017.00"; negative amounts as "-£1.00". */
export function formatPence(pence: Pence): string {
  return gbp.format(pence / 100);
}
