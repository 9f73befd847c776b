import { type BusinessDate, type DeadlineRule, nextPeriod, parsePeriod, periodContaining, reminderPolicyFor, reportDueOn, type ReportingPeriod } from '@app/domain';
import type { CaseDeadlinesDoc, TrackedDeadline, TrackedMeasure } from './deadlines.types';

type Deadlines = Record<string, TrackedDeadline>;

export const deadlineKey = (caseId: string, kind: DeadlineRule['kind']): string => `${caseId}:${kind}`;
export const reportDeadlineKey = (caseId: string, measureId: string, period: string): string =>
  `${caseId}:performance-report:${measureId}:${period}`;

/** A new open deadline of the rule, addressed as the rule says (the CSP of the case's locality, the contract manager, the OPCC lead). */
export function openDeadline(
  doc: CaseDeadlinesDoc,
  rule: DeadlineRule,
  key: string,
  dueOn: BusinessDate,
  on: BusinessDate,
  report?: { measure: TrackedMeasure; period: ReportingPeriod },
): TrackedDeadline {
  const policy = reminderPolicyFor(rule, doc.reminderPolicies);
  return {
    key,
    kind: rule.kind,
    label: report ? `${rule.label}: ${report.measure.name}, ${report.period.label}` : rule.label,
    dueOn,
    status: 'open',
    openedOn: on,
    metOn: null,
    missedOn: null,
    cancelledOn: null,
    concerns: rule.concerns,
    provider: doc.contract?.provider ?? null,
    remindDaysBefore: policy.remindDaysBefore,
    escalate: policy.escalate,
    escalateTo: rule.escalateTo,
    ...(report ? { measureId: report.measure.id, period: report.period.label } : {}),
    moves: [],
  };
}

/** Met on time, or met-late when it was recorded missed or is met after its due day. */
export function met(deadline: TrackedDeadline, on: BusinessDate): TrackedDeadline {
  if (deadline.status !== 'open' && deadline.status !== 'missed') return deadline;
  const late = deadline.status === 'missed' || on > deadline.dueOn;
  return { ...deadline, status: late ? 'met-late' : 'met', metOn: on };
}

export const cancelled = (deadline: TrackedDeadline, on: BusinessDate): TrackedDeadline =>
  deadline.status === 'open' ? { ...deadline, status: 'cancelled', cancelledOn: on } : deadline;

export const missed = (deadline: TrackedDeadline, on: BusinessDate): TrackedDeadline =>
  deadline.status === 'open' ? { ...deadline, status: 'missed', missedOn: on } : deadline;

/** A new due day (an extension, a varied end date): open again if it had been missed. */
export function moved(deadline: TrackedDeadline, to: BusinessDate, on: BusinessDate, reason: string): TrackedDeadline {
  if ((deadline.status !== 'open' && deadline.status !== 'missed') || deadline.dueOn === to) return deadline;
  return { ...deadline, dueOn: to, status: 'open', moves: [...deadline.moves, { from: deadline.dueOn, to, on, reason }] };
}

const reportPeriodOf = (d: TrackedDeadline): ReportingPeriod | null => (d.period ? parsePeriod(d.period) : null);

/**
 * Keeps each measure's chain of report deadlines as the contract now stands: the first
 * period (containing the measure's `since` date) opens when the measure is agreed; once a
 * period's deadline is met or recorded missed, the next period's opens, while periods
 * start on or before the contract end. Open deadlines of a measure dropped, of a changed
 * frequency or past a shortened end are cancelled. With `onlyMeasure`, only that measure's
 * chain is looked at: an event about one measure's report changes no other chain.
 * One pass over the case's deadlines: each measure's chain is known by its latest period.
 */
export function reconcileReports(doc: CaseDeadlinesDoc, rule: DeadlineRule, on: BusinessDate, onlyMeasure?: string): Deadlines {
  const contract = doc.contract;
  if (!contract) return doc.deadlines as Deadlines;
  let deadlines: Deadlines | undefined;
  const change = (d: TrackedDeadline) => {
    deadlines ??= { ...doc.deadlines };
    deadlines[d.key] = d;
  };
  const measures = new Map(contract.measures.map((m) => [m.id, m]));
  const latest = new Map<string, { deadline: TrackedDeadline; period: ReportingPeriod }>();
  for (const d of Object.values(doc.deadlines)) {
    if (d.kind !== rule.kind || (onlyMeasure !== undefined && d.measureId !== onlyMeasure)) continue;
    const measure = d.measureId === undefined ? undefined : measures.get(d.measureId);
    const period = reportPeriodOf(d);
    let current = d;
    if (!measure || period?.frequency !== measure.frequency || period.start > contract.endDate) {
      current = cancelled(d, on);
      if (current !== d) change(current);
    }
    if (!measure || !period || period.frequency !== measure.frequency) continue;
    const seen = latest.get(measure.id);
    if (!seen || period.start > seen.period.start || (period.start === seen.period.start && current.key > seen.deadline.key)) latest.set(measure.id, { deadline: current, period });
  }
  if (doc.ended) return deadlines ?? (doc.deadlines as Deadlines);
  for (const measure of contract.measures) {
    if (onlyMeasure !== undefined && measure.id !== onlyMeasure) continue;
    const last = latest.get(measure.id);
    if (last && (last.deadline.status === 'open' || last.deadline.status === 'cancelled')) continue;
    const period = last ? nextPeriod(last.period) : periodContaining(measure.since, measure.frequency);
    const key = reportDeadlineKey(doc.caseId, measure.id, period.label);
    if (period.start > contract.endDate || (deadlines ?? doc.deadlines)[key]) continue;
    change(openDeadline(doc, rule, key, reportDueOn(period, doc.reportDueDaysAfterPeriod), on, { measure, period }));
  }
  return deadlines ?? (doc.deadlines as Deadlines);
}
