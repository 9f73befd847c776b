import type { CaseEvent } from '../cases/case.events';
import type { OpenCase } from '../cases/case.model';
import { DomainError } from '../shared/domain-error';
import { formatPence } from '../shared/money';
import type { PaymentEvent } from './payment.events';
import { evenShares } from './payment-schedule';
import { isSettled } from './payment.state';
import { planOf, releasesWhereMet } from './payment.decider';
import type { InstalmentPlan, PaymentState } from './payment.types';

/**
 * What a case decision means for its payments, decided with it and appended with it:
 * - a report that meets an unmet condition releases the instalments withheld for it;
 * - under-achievement flagged withholds every instalment not yet paid in full, until
 *   remedial action is agreed, which releases them;
 * - a variation re-profiles the unsettled instalments to the new value (refused below
 *   what is settled already).
 * `after` is the case with `decided` folded in.
 */
export function paymentConsequences(after: OpenCase, decided: readonly CaseEvent[], on: string): PaymentEvent[] {
  const payments = after.payments;
  if (!payments) return [];
  const out: PaymentEvent[] = [];
  for (const event of decided) {
    switch (event.type) {
      case 'PerformanceReported':
        out.push(...releasesWhereMet(after, payments, on));
        break;
      case 'UnderAchievementFlagged':
        for (const i of payments.instalments) {
          if (i.paidPence < i.pence && !i.withheld.includes('under-achievement')) {
            out.push({ type: 'InstalmentWithheld', data: { instalmentId: i.id, reason: 'under-achievement', condition: i.condition, dueOn: i.dueOn, on } });
          }
        }
        break;
      case 'RemedialActionAgreed':
        for (const i of payments.instalments.filter((x) => x.withheld.includes('under-achievement'))) {
          out.push({ type: 'InstalmentReleased', data: { instalmentId: i.id, reason: 'under-achievement', on } });
        }
        break;
      case 'ContractVaried':
        out.push(...reprofileForVariation(payments, event.data.valuePence, event.data.reason, on));
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * The new value less what settled instalments hold, spread evenly over the unsettled ones
 * (remainder on the last), keeping their dates and conditions; with none left, one new
 * instalment on the last due date, with no condition.
 */
function reprofileForVariation(payments: PaymentState, valuePence: number, reason: string, on: string): PaymentEvent[] {
  const settled = payments.instalments.filter((i) => isSettled(payments, i));
  const open = payments.instalments.filter((i) => !isSettled(payments, i));
  const settledPence = settled.reduce((sum, i) => sum + i.pence, 0);
  const toSpread = valuePence - settledPence;
  if (toSpread < 0) {
    throw DomainError.field(
      'VARIATION_BELOW_SETTLED',
      'valuePence',
      `${formatPence(valuePence)} is less than the ${formatPence(settledPence)} already claimed or paid in instalments`,
      { settledPence },
    );
  }
  const current = open.reduce((sum, i) => sum + i.pence, 0);
  if (toSpread === current) return [];
  let spread: InstalmentPlan[];
  if (open.length === 0) {
    const last = [...payments.instalments].sort((a, b) => a.dueOn.localeCompare(b.dueOn)).at(-1);
    spread = [{ id: `variation-${on}`, dueOn: last?.dueOn ?? on, pence: toSpread, condition: { kind: 'none' } }];
  } else {
    const shares = evenShares(toSpread, open.length);
    spread = open.map((i, n) => ({ ...planOf(i), pence: shares[n] })).filter((plan) => plan.pence > 0);
  }
  const instalments = [...settled.map(planOf), ...spread].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
  return [{ type: 'PaymentScheduleReprofiled', data: { instalments, totalPence: valuePence, cause: 'variation', reason, reprofiledBy: null, on } }];
}
