import { isPence, type Pence } from '@app/domain';

/** "29700.50": the decimal pounds of integer pence, written from their digits, never rounded. */
export function poundsText(pence: Pence): string {
  if (!isPence(pence)) throw new RangeError(`${String(pence)} is not a whole number of pence`);
  const digits = String(Math.abs(pence)).padStart(3, '0');
  return `${pence < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Pounds as the standards write amounts (a JSON number): the number its decimal text parses
 * to, so 2970050 pence is 29700.5 exactly as "29700.50" reads, with no float arithmetic.
 */
export const poundsOf = (pence: Pence): number => Number(poundsText(pence));
