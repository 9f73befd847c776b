import { addDays, addMonths, type BusinessDate } from '../shared/business-date';
import type { Pence } from '../shared/money';
import type { ContractTerms } from '../cases/case.types';
import type { InstalmentPlan } from './payment.types';

/** The financial-year quarter containing a date, labelled as reporting periods are ("2016-Q1" = Apr–Jun 2016). */
export function quarterOf(date: BusinessDate): { label: string; start: BusinessDate; end: BusinessDate } {
  const [y, m] = date.split('-').map(Number);
  const year = m >= 4 ? y : y - 1;
  const slot = Math.floor(((m + 8) % 12) / 3);
  const start = addMonths(`${year}-04-01`, slot * 3);
  return { label: `${year}-Q${slot + 1}`, start, end: addDays(addMonths(start, 3), -1) };
}

/** The last day of the month after the one a date falls in: when a quarter's instalment is paid in arrears. */
const endOfFollowingMonth = (date: BusinessDate): BusinessDate => addDays(addMonths(`${date.slice(0, 7)}-01`, 2), -1);

/** Splits pence into `parts` whole-pence shares, the remainder on the last: 100 over 3 → 33, 33, 34. */
export function evenShares(pence: Pence, parts: number): Pence[] {
  if (parts <= 0) return [];
  const share = Math.floor(pence / parts);
  return Array.from({ length: parts }, (_, i) => (i === parts - 1 ? pence - share * (parts - 1) : share));
}

/**
 * An imported commitment's schedule until staff set their own: quarterly in arrears across
 * the contract's quarters, each due at the end of the month after its quarter and paid once
 * that quarter's performance report is in; the pence remainder on the last instalment.
 */
export function defaultSchedule(contract: Pick<ContractTerms, 'valuePence' | 'startDate' | 'endDate'>): InstalmentPlan[] {
  const quarters: ReturnType<typeof quarterOf>[] = [];
  for (let q = quarterOf(contract.startDate); q.start <= contract.endDate && quarters.length < 400; q = quarterOf(addDays(q.end, 1))) {
    quarters.push(q);
  }
  const shares = evenShares(contract.valuePence, quarters.length);
  return quarters.map((q, i) => ({
    id: q.label,
    dueOn: endOfFollowingMonth(q.end),
    pence: shares[i],
    condition: { kind: 'performance-report', period: q.label },
  }));
}
