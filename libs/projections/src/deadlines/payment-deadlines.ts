import { type BusinessDate, type CaseEvent, type DeadlineRule, defaultSchedule, type InstalmentPlan } from '@app/domain';
import { cancelled, met, missed, moved, openDeadline } from './deadline-rules';
import type { CaseDeadlinesDoc, TrackedDeadline } from './deadlines.types';

export const instalmentDeadlineKey = (caseId: string, instalmentId: string): string => `${caseId}:payment-instalment:${instalmentId}`;

/** The schedule's instalments the deadlines follow: what each holds and has been paid, to know when it is paid in full. */
type Tracked = Record<string, { pence: number; paidPence: number }>;

const put = (doc: CaseDeadlinesDoc, deadline: TrackedDeadline): CaseDeadlinesDoc => ({ ...doc, deadlines: { ...doc.deadlines, [deadline.key]: deadline } });

/**
 * A deadline per instalment of the case's payment schedule (the default one of an imported
 * commitment, then each schedule set or re-profiled): opened on its due date, moved when a
 * re-profile moves it, cancelled when it leaves the schedule; met when it falls due with its
 * condition met or is paid in full; missed when the due check withholds it, and met late
 * once released.
 */
export function applyInstalmentDeadlines(doc: CaseDeadlinesDoc, rule: DeadlineRule, e: CaseEvent, on: BusinessDate): CaseDeadlinesDoc {
  if (rule.cancelledBy.includes(e.type)) {
    return Object.values(doc.deadlines)
      .filter((d) => d.kind === rule.kind)
      .reduce((next, d) => put(next, cancelled(d, on)), doc);
  }
  switch (e.type) {
    case 'ExistingCommitmentImported':
      return schedule(doc, rule, defaultSchedule(e.data.contract), on, 'default schedule');
    case 'PaymentScheduleSet':
    case 'PaymentScheduleReprofiled':
      return schedule(doc, rule, e.data.instalments, on, e.type === 'PaymentScheduleSet' ? 'schedule set' : e.data.reason);
    case 'InstalmentFellDue':
      // The due check runs the day after: its condition held on the day itself.
      return change(doc, e.data.instalmentId, (d) => met(d, e.data.dueOn));
    case 'InstalmentWithheld':
      return e.data.reason === 'condition-unmet' ? change(doc, e.data.instalmentId, (d) => missed(d, on)) : doc;
    case 'InstalmentReleased':
      return e.data.reason === 'condition-unmet' ? change(doc, e.data.instalmentId, (d) => met(d, on)) : doc;
    case 'ClaimPaid': {
      const tracked = doc.instalments?.[e.data.instalmentId];
      if (!tracked) return doc;
      const paidPence = tracked.paidPence + e.data.pence;
      const next = { ...doc, instalments: { ...doc.instalments, [e.data.instalmentId]: { ...tracked, paidPence } } };
      return paidPence >= tracked.pence ? change(next, e.data.instalmentId, (d) => (d.status === 'open' ? met(d, on) : d)) : next;
    }
    default:
      return doc;
  }
}

const change = (doc: CaseDeadlinesDoc, instalmentId: string, fn: (d: TrackedDeadline) => TrackedDeadline): CaseDeadlinesDoc => {
  const deadline = doc.deadlines[instalmentDeadlineKey(doc.caseId, instalmentId)];
  return deadline ? put(doc, fn(deadline)) : doc;
};

function schedule(doc: CaseDeadlinesDoc, rule: DeadlineRule, plans: readonly InstalmentPlan[], on: BusinessDate, reason: string): CaseDeadlinesDoc {
  let next = doc;
  const instalments: Tracked = {};
  for (const plan of plans) {
    const key = instalmentDeadlineKey(doc.caseId, plan.id);
    instalments[plan.id] = { pence: plan.pence, paidPence: doc.instalments?.[plan.id]?.paidPence ?? 0 };
    const existing = next.deadlines[key];
    if (!existing || existing.status === 'cancelled') {
      next = put(next, { ...openDeadline(next, rule, key, plan.dueOn, on), label: `${rule.label}: ${plan.id}`, instalmentId: plan.id });
    } else {
      next = put(next, moved(existing, plan.dueOn, on, reason));
    }
  }
  for (const deadline of Object.values(next.deadlines)) {
    if (deadline.kind === rule.kind && deadline.instalmentId && !instalments[deadline.instalmentId]) next = put(next, cancelled(deadline, on));
  }
  return { ...next, instalments };
}
