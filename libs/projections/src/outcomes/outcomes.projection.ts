import {
  type BusinessDate,
  type CaseEvent,
  type CaseProfile,
  canonicalPeriod,
  type ContractTerms,
  isProfileChange,
  localityAfterChange,
  type Measure,
  profileAfterLocalityChange,
  reportsExpectedSince,
  type WorkflowRef,
} from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { Projection } from '../projection';
import { asCaseEvent, caseIdOf, stageAfter, workflowOf } from './case-event';
import type { MeasureRecord, MeasureReport, OutcomeDoc, OutcomesDoc, PendingCaseDoc } from './outcomes.types';

/** Events of a contract once it exists; everything else before the award goes to the pending case. */
const CONTRACT_EVENTS = new Set([
  'PerformanceReported',
  'PerformanceMeasuresAgreed',
  'UnderAchievementFlagged',
  'RemedialActionAgreed',
  'ContractVaried',
  'ContractClosed',
  'ContractTerminated',
]);

export const pendingKey = (caseId: string): string => `pending:${caseId}`;

const FALLBACK_REPORT_DUE_DAYS = 14;

/**
 * Outcome monitoring: one document per contracted case (keyed by case id) with its
 * measures, their report history and RAG, under-achievement and remedial action. A case
 * not yet awarded is held as `pending:<caseId>` (its profile and stage) until its award.
 * Overdue reports depend on today, so they are worked out at query time (outcomes.view.ts).
 */
export const outcomesProjection: Projection<OutcomesDoc> = {
  name: 'outcomes',
  // 2: events are read through the upcaster, so a case opened at version 1 keeps its workflow whole, as one opened since does.
  version: 2,
  keysOf(event) {
    const caseId = caseIdOf(event);
    if (caseId === null) return [];
    if (event.type === 'ExistingCommitmentImported') return [caseId];
    if (event.type === 'ContractAwarded') return [caseId, pendingKey(caseId)];
    if (CONTRACT_EVENTS.has(event.type)) return [caseId];
    // A locality merger moves the case wherever it is held: awarded or not yet.
    if (isProfileChange(event)) return [caseId, pendingKey(caseId)];
    return [pendingKey(caseId)];
  },
  evolve(doc, event, key, lookup) {
    if (key.startsWith('pending:')) return evolvePending(doc?.kind === 'pending' ? doc : undefined, event);
    const current = doc?.kind === 'outcome' ? doc : undefined;
    const e = asCaseEvent(event);
    if (e.type === 'ExistingCommitmentImported') {
      return opened(e.data.profile, e.data.workflow, e.data.contract, e.data.on, stageAfter(e.data.workflow, null, event, e));
    }
    if (e.type === 'ContractAwarded') {
      const pending = lookup(pendingKey(key));
      if (pending?.kind !== 'pending') return current;
      return opened(pending.profile, pending.workflow, e.data.contract, e.data.on, stageAfter(pending.workflow, pending.stage, event, e));
    }
    if (!current) return undefined;
    return { ...withContractEvent(current, e), stage: stageAfter(current.workflow, current.stage, event, e) };
  },
};

function evolvePending(doc: PendingCaseDoc | undefined, event: StoredEvent): PendingCaseDoc | undefined {
  if (event.type === 'ContractAwarded') return undefined;
  const e = asCaseEvent(event);
  if (doc && isProfileChange(e)) return { ...doc, profile: profileAfterLocalityChange(doc.profile, e) };
  if (doc) return { ...doc, stage: stageAfter(doc.workflow, doc.stage, event, e) };
  const data = e.data as { profile?: CaseProfile; workflow?: WorkflowRef };
  if (!data.profile || !data.workflow) return undefined;
  return { kind: 'pending', profile: data.profile, workflow: data.workflow, stage: stageAfter(data.workflow, null, event, e) };
}

function opened(profile: CaseProfile, workflow: WorkflowRef, contract: ContractTerms, awardedOn: BusinessDate, stage: string): OutcomeDoc {
  return {
    kind: 'outcome',
    caseId: profile.caseId,
    financialYear: profile.financialYear,
    title: profile.title,
    provider: contract.provider,
    contractKind: contract.kind,
    mechanism: profile.mechanism,
    theme: profile.theme,
    primaryPriorities: profile.primaryPriorities,
    secondaryPriorities: profile.secondaryPriorities,
    locality: profile.locality,
    geographicalReach: profile.geographicalReach,
    valuePence: contract.valuePence,
    stage,
    workflow,
    reportDueDaysAfterPeriod: workflowOf(workflow)?.settings.reportDueDaysAfterPeriod ?? FALLBACK_REPORT_DUE_DAYS,
    awardedOn,
    startDate: contract.startDate,
    endDate: contract.endDate,
    outcomes: contract.outcomes,
    measures: contract.measures.map((m) => newMeasure(m, contract.startDate)),
    formerMeasures: [],
    underAchievement: null,
    remedialActions: [],
    variations: [],
    ended: null,
  };
}

const newMeasure = (measure: Measure, since: BusinessDate): MeasureRecord => ({
  ...plainMeasure(measure),
  since,
  reports: [],
  latest: null,
  consecutiveReds: 0,
});

const plainMeasure = (m: Measure): Measure => ({ id: m.id, name: m.name, unit: m.unit, target: m.target, frequency: m.frequency, direction: m.direction });

function withContractEvent(doc: OutcomeDoc, e: CaseEvent): OutcomeDoc {
  switch (e.type) {
    case 'PerformanceReported': {
      const period = canonicalPeriod(e.data.period);
      const report: MeasureReport = {
        period,
        ...(period !== e.data.period ? { periodAsReported: e.data.period } : {}),
        actual: e.data.actual,
        target: e.data.target,
        rag: e.data.rag,
        reportedOn: e.data.on,
      };
      return { ...doc, measures: doc.measures.map((m) => (m.id === e.data.measureId ? withReport(m, report) : m)) };
    }
    case 'PerformanceMeasuresAgreed':
      return withMeasuresAgreed(doc, e.data.measures, e.data.on);
    case 'UnderAchievementFlagged': {
      const { measureId, consecutiveReds, on: flaggedOn } = e.data;
      const previous = doc.underAchievement?.measureId === measureId ? doc.underAchievement : null;
      const timesFlagged = (previous?.timesFlagged ?? 0) + 1;
      return { ...doc, underAchievement: { measureId, since: previous?.since ?? flaggedOn, consecutiveReds, flaggedOn, timesFlagged } };
    }
    case 'RemedialActionAgreed':
      return { ...doc, remedialActions: [...doc.remedialActions, { action: e.data.action, reviewBy: e.data.reviewBy, agreedOn: e.data.on }] };
    case 'ContractVaried': {
      const { previousValuePence, valuePence, endDate, reason, on: variedOn } = e.data;
      return { ...doc, valuePence, endDate, variations: [...doc.variations, { previousValuePence, valuePence, endDate, reason, variedOn }] };
    }
    case 'ContractClosed':
      return { ...doc, ended: { kind: 'closed', on: e.data.on, note: e.data.notes } };
    case 'ContractTerminated':
      return { ...doc, ended: { kind: 'terminated', on: e.data.on, note: e.data.reason } };
    case 'LocalityChanged':
      return { ...doc, locality: localityAfterChange(doc.locality, e) };
    default:
      return doc;
  }
}

function withReport(measure: MeasureRecord, report: MeasureReport): MeasureRecord {
  return { ...measure, reports: [...measure.reports, report], latest: report, consecutiveReds: report.rag === 'red' ? measure.consecutiveReds + 1 : 0 };
}

/**
 * The agreed set replaces the current one. A measure kept (same id) keeps its history;
 * one new, or whose frequency changed, is expected from the period containing the later
 * of the contract start and the agreement; one dropped moves to formerMeasures.
 */
function withMeasuresAgreed(doc: OutcomeDoc, agreed: readonly Measure[], agreedOn: BusinessDate): OutcomeDoc {
  const measures = agreed.map((m) => {
    const kept = doc.measures.find((old) => old.id === m.id);
    const since = reportsExpectedSince(kept, m.frequency, doc.startDate, agreedOn);
    return kept ? { ...kept, ...plainMeasure(m), since } : newMeasure(m, since);
  });
  const dropped = doc.measures.filter((old) => !agreed.some((m) => m.id === old.id)).map((m) => ({ ...m, retiredOn: agreedOn }));
  return { ...doc, measures, formerMeasures: [...doc.formerMeasures, ...dropped] };
}
