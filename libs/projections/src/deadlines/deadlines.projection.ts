import {
  type BusinessDate,
  type CaseEvent,
  type CaseProfile,
  canonicalPeriod,
  type ContractTerms,
  type DeadlineRule,
  localityAfterChange,
  parsePeriod,
  reminderPoliciesOf,
  reportDueOn,
  reportsExpectedSince,
  type WorkflowRef,
} from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { Projection } from '../projection';
import { asCaseEvent, caseIdOf, eventDate, workflowOf } from '../outcomes/case-event';
import { cancelled, deadlineKey, met, missed, moved, openDeadline, reconcileReports, reportDeadlineKey } from './deadline-rules';
import { type CaseDeadlinesDoc, type TrackedDeadline, type DeadlinesDoc, type FrameworkRemindersDoc, frameworkRemindersKey, type TrackedMeasure } from './deadlines.types';
import { applyInstalmentDeadlines } from './payment-deadlines';

const FALLBACK_REPORT_DUE_DAYS = 14;

/**
 * Deadlines as the case's workflow version declares them (its `deadlines` data): which
 * events open, meet and cancel each kind, who is told and when reminded. What the data
 * cannot say is written here: where each due day comes from, an extension or variation
 * moving it, and DeadlineMissed.
 */
export const deadlinesProjection: Projection<DeadlinesDoc> = {
  name: 'deadlines',
  // 5: a case's document keeps its workflow's deadline rules, not the whole workflow, and each deadline leaves its case's fields to the document.
  version: 5,
  keysOf: (event) => {
    const year = importedYear(event);
    if (year) return [frameworkRemindersKey(year)];
    const caseId = caseIdOf(event);
    return caseId === null ? [] : [caseId];
  },
  readsOf: (event) => {
    const year = (event.data as { profile?: CaseProfile } | null)?.profile?.financialYear;
    return caseIdOf(event) !== null && year ? [frameworkRemindersKey(year)] : [];
  },
  evolve(doc, event, _key, lookup) {
    const year = importedYear(event);
    if (year) return { financialYear: year, frameworkReminderPolicies: reminderPoliciesOf(event.data) };
    const e = asCaseEvent(event);
    const known = doc as CaseDeadlinesDoc | undefined;
    const opened = known ?? openedCase(e, lookup);
    if (!opened) return undefined;
    const on = eventDate(event, e);
    const withFacts = withCaseFacts(opened, e);
    const rules = withFacts.rules;
    // The report chain depends on the contract, its end and its own deadlines: unchanged, it stands as last reconciled.
    const factsChanged = withFacts !== opened || !known;
    return rules.reduce((current, rule) => applyRule(current, rule, e, on, factsChanged), withFacts);
  },
};

/** The year of a FrameworkImported event on its framework stream. */
function importedYear(event: StoredEvent): string | undefined {
  if (event.type !== 'FrameworkImported') return undefined;
  return FRAMEWORK_STREAM.exec(event.streamId)?.[1];
}

const FRAMEWORK_STREAM = /^framework-(.+)$/;

function openedCase(event: CaseEvent, lookup: (key: string) => DeadlinesDoc | undefined): CaseDeadlinesDoc | undefined {
  const data = event.data as { profile?: CaseProfile; workflow?: WorkflowRef };
  if (!data.profile || !data.workflow) return undefined;
  const framework = lookup(frameworkRemindersKey(data.profile.financialYear)) as FrameworkRemindersDoc | undefined;
  const policies = framework?.frameworkReminderPolicies;
  const workflow = workflowOf(data.workflow);
  return {
    caseId: data.profile.caseId,
    financialYear: data.profile.financialYear,
    title: data.profile.title,
    locality: data.profile.locality,
    workflow: { id: data.workflow.id, version: data.workflow.version },
    rules: workflow?.deadlines ?? [],
    ...(policies && Object.keys(policies).length > 0 ? { reminderPolicies: policies } : {}),
    reportDueDaysAfterPeriod: workflow?.settings.reportDueDaysAfterPeriod ?? FALLBACK_REPORT_DUE_DAYS,
    contract: null,
    ended: false,
    deadlines: {},
  };
}

const tracked = (contract: ContractTerms): NonNullable<CaseDeadlinesDoc['contract']> => ({
  provider: contract.provider,
  startDate: contract.startDate,
  endDate: contract.endDate,
  measures: contract.measures.map((m) => ({ id: m.id, name: m.name, frequency: m.frequency, since: contract.startDate })),
});

/** What the derivation needs to know of the contract, kept up to date. */
function withCaseFacts(doc: CaseDeadlinesDoc, e: CaseEvent): CaseDeadlinesDoc {
  switch (e.type) {
    case 'ExistingCommitmentImported':
    case 'ContractAwarded':
      return { ...doc, contract: tracked(e.data.contract) };
    case 'PerformanceMeasuresAgreed': {
      const contract = doc.contract;
      if (!contract) return doc;
      const measures = e.data.measures.map((m): TrackedMeasure => {
        const kept = contract.measures.find((old) => old.id === m.id);
        return { id: m.id, name: m.name, frequency: m.frequency, since: reportsExpectedSince(kept, m.frequency, contract.startDate, e.data.on) };
      });
      return { ...doc, contract: { ...contract, measures } };
    }
    case 'ContractVaried':
      return doc.contract ? { ...doc, contract: { ...doc.contract, endDate: e.data.endDate } } : doc;
    case 'ContractClosed':
    case 'ContractTerminated':
      return { ...doc, ended: true };
    case 'LocalityChanged': {
      const locality = localityAfterChange(doc.locality, e);
      return locality === doc.locality ? doc : { ...doc, locality };
    }
    default:
      return doc;
  }
}

const update = (doc: CaseDeadlinesDoc, key: string, change: (d: TrackedDeadline) => TrackedDeadline): CaseDeadlinesDoc =>
  doc.deadlines[key] ? { ...doc, deadlines: { ...doc.deadlines, [key]: change(doc.deadlines[key]) } } : doc;

const add = (doc: CaseDeadlinesDoc, deadline: TrackedDeadline): CaseDeadlinesDoc =>
  doc.deadlines[deadline.key] ? doc : { ...doc, deadlines: { ...doc.deadlines, [deadline.key]: deadline } };

function applyRule(doc: CaseDeadlinesDoc, rule: DeadlineRule, e: CaseEvent, on: BusinessDate, factsChanged: boolean): CaseDeadlinesDoc {
  if (rule.due.kind === 'payment-schedule') return applyInstalmentDeadlines(doc, rule, e, on);
  let next = doc;
  const single = deadlineKey(doc.caseId, rule.kind);
  if (rule.opensOn.includes(e.type)) {
    if (rule.due.kind === 'meeting-deadline' && e.type === 'CspPlanRequested') next = add(next, openDeadline(next, rule, single, e.data.meetingDeadline, on));
    if (rule.due.kind === 'contract-end' && next.contract) next = add(next, openDeadline(next, rule, single, next.contract.endDate, on));
  }
  if (rule.metBy.includes(e.type)) next = rule.due.kind === 'measure-frequency' ? reportMet(next, rule, e, on) : update(next, single, (d) => met(d, on));
  if (rule.cancelledBy.includes(e.type)) {
    const open = Object.values(next.deadlines).filter((d) => d.kind === rule.kind);
    next = open.reduce((current, d) => update(current, d.key, (x) => cancelled(x, on)), next);
  }
  if (e.type === 'MeetingDeadlineExtended' && rule.due.kind === 'meeting-deadline') {
    next = update(next, single, (d) => moved(d, e.data.newDeadline, on, e.data.reason));
  }
  if (e.type === 'ContractVaried' && rule.due.kind === 'contract-end') next = update(next, single, (d) => moved(d, e.data.endDate, on, e.data.reason));
  if (e.type === 'DeadlineMissed') {
    const data = e.data;
    if (next.deadlines[data.deadlineKey]?.kind === rule.kind) next = update(next, data.deadlineKey, (d) => missed(d, on));
  }
  // Reconciling is idempotent, so with nothing it reads changed by this event the result is the document as it is.
  if (rule.due.kind !== 'measure-frequency' || (!factsChanged && next === doc)) return next;
  // With the contract as it was, a report or a missed report deadline moves only its own measure's chain.
  const measureId = factsChanged ? undefined : measureOfEvent(next, e);
  const deadlines = reconcileReports(next, rule, on, measureId);
  return deadlines === next.deadlines ? next : { ...next, deadlines };
}

/** The measure a report or a missed report deadline is about (undefined: any other event). */
function measureOfEvent(doc: CaseDeadlinesDoc, e: CaseEvent): string | undefined {
  if (e.type === 'PerformanceReported') return e.data.measureId;
  if (e.type === 'DeadlineMissed') return doc.deadlines[e.data.deadlineKey]?.measureId;
  return undefined;
}

/** The reported period's deadline is met; a period reported out of turn is recorded as met where it would have been. */
function reportMet(doc: CaseDeadlinesDoc, rule: DeadlineRule, e: CaseEvent, on: BusinessDate): CaseDeadlinesDoc {
  const { measureId, period: written } = e.data as { measureId: string; period: string };
  const key = reportDeadlineKey(doc.caseId, measureId, canonicalPeriod(written));
  if (!doc.deadlines[key]) {
    const measure = doc.contract?.measures.find((m) => m.id === measureId);
    const period = parsePeriod(written);
    if (!measure || !period) return doc;
    return add(doc, met(openDeadline(doc, rule, key, reportDueOn(period, doc.reportDueDaysAfterPeriod), on, { measure, period }), on));
  }
  return update(doc, key, (d) => met(d, on));
}
