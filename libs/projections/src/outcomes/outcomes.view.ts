import { type BusinessDate, countRags, formatPence, formatUkDate, parsePeriod, periodsBetween, type Rag, type RagCounts, reportDueOn, worstRag } from '@app/domain';
import type { MeasureRecord, MeasureReport, OutcomeDoc } from './outcomes.types';

/** A report that should be in: its period and the day it was due. */
export interface DueReport {
  readonly period: string;
  readonly dueOn: BusinessDate;
  readonly dueOnFormatted: string;
}

export interface MeasureView extends Omit<MeasureRecord, 'latest'> {
  readonly latest: MeasureReport | null;
  readonly latestRag: Rag | null;
  /** Reports whose due day has passed with nothing reported for their period. */
  readonly overduePeriods: readonly DueReport[];
  readonly overdue: boolean;
  /** The first period not yet reported whose report is not yet late. */
  readonly nextReport: DueReport | null;
}

export type OutcomeView = ReturnType<typeof outcomeView>;

const due = (period: string, dueOn: BusinessDate): DueReport => ({ period, dueOn, dueOnFormatted: formatUkDate(dueOn) });

/**
 * Which reports are overdue today: every period from the one containing the measure's
 * `since` date up to the contract end, whose due day (period end + the workflow's
 * reportDueDaysAfterPeriod) is before today and which has no report. A closed or
 * terminated contract owes nothing more.
 */
export function measureView(doc: OutcomeDoc, measure: MeasureRecord, today: BusinessDate): MeasureView {
  const reported = new Set(measure.reports.map((r) => r.period));
  const expected = doc.ended ? [] : periodsBetween(measure.since, doc.endDate, measure.frequency);
  const unreported = expected.filter((p) => !reported.has(p.label)).map((p) => due(p.label, reportDueOn(p, doc.reportDueDaysAfterPeriod)));
  const overduePeriods = unreported.filter((r) => r.dueOn < today);
  return {
    ...measure,
    latestRag: measure.latest?.rag ?? null,
    overduePeriods,
    overdue: overduePeriods.length > 0,
    nextReport: unreported.find((r) => r.dueOn >= today) ?? null,
  };
}

/** The worst latest RAG of the contract's measures; null while none is reported. */
export function overallRag(measures: readonly { latest: MeasureReport | null }[]): Rag | null {
  return worstRag(measures.map((m) => m.latest?.rag ?? null));
}

/**
 * Under-achievement stands from its flag until the contract ends or the flagged measure's
 * latest report is green again (the log records no "resolved" event; a green report is the evidence).
 */
export function isUnderAchieving(doc: OutcomeDoc): boolean {
  if (!doc.underAchievement || doc.ended) return false;
  const measure = doc.measures.find((m) => m.id === doc.underAchievement?.measureId);
  return measure?.latest?.rag !== 'green';
}

/** A contract as the API shows it today: pence and £ side by side, UK dates, overdue worked out. */
export function outcomeView(doc: OutcomeDoc, today: BusinessDate) {
  const { kind: _kind, formerMeasures, ...rest } = doc;
  const measures = doc.measures.map((m) => measureView(doc, m, today));
  const underAchieving = isUnderAchieving(doc);
  const flagged = doc.underAchievement ? doc.measures.find((m) => m.id === doc.underAchievement?.measureId) : undefined;
  return {
    ...rest,
    value: formatPence(doc.valuePence),
    period: `${formatUkDate(doc.startDate)} – ${formatUkDate(doc.endDate)}`,
    closed: doc.ended?.kind === 'closed' ? doc.ended : null,
    terminated: doc.ended?.kind === 'terminated' ? doc.ended : null,
    measures,
    formerMeasures,
    latestRag: Object.fromEntries(measures.map((m) => [m.id, m.latestRag])) as Record<string, Rag | null>,
    rag: overallRag(measures),
    overdue: measures.some((m) => m.overdue),
    underAchieving,
    underAchievement: doc.underAchievement
      ? { ...doc.underAchievement, current: underAchieving, currentConsecutiveReds: flagged?.consecutiveReds ?? null }
      : null,
  };
}

export interface OutcomeQuery {
  readonly financialYear?: string;
  readonly locality?: string;
  readonly theme?: string;
  readonly priority?: string;
  /** Matches the contract's overall (worst latest) RAG. */
  readonly rag?: Rag;
  readonly underAchieving?: boolean;
  readonly overdue?: boolean;
}

export function matchesOutcomeQuery(view: OutcomeView, q: OutcomeQuery): boolean {
  return (
    (q.financialYear === undefined || view.financialYear === q.financialYear) &&
    (q.locality === undefined || view.locality === q.locality) &&
    (q.theme === undefined || view.theme === q.theme) &&
    (q.priority === undefined || view.primaryPriorities.includes(q.priority)) &&
    (q.rag === undefined || view.rag === q.rag) &&
    (q.underAchieving === undefined || view.underAchieving === q.underAchieving) &&
    (q.overdue === undefined || view.overdue === q.overdue)
  );
}

export const byCaseId = (a: { caseId: string }, b: { caseId: string }): number => a.caseId.localeCompare(b.caseId, 'en', { numeric: true });

/** Filters, orders by case id and pages; `total` counts every match. */
export function queryOutcomes(docs: readonly OutcomeDoc[], q: OutcomeQuery, today: BusinessDate, page: { limit?: number; offset?: number } = {}) {
  const matching = docs
    .map((doc) => outcomeView(doc, today))
    .filter((view) => matchesOutcomeQuery(view, q))
    .sort(byCaseId);
  const offset = page.offset ?? 0;
  return { items: page.limit === undefined ? matching.slice(offset) : matching.slice(offset, offset + page.limit), total: matching.length };
}

export interface OnTargetShare {
  /** Measures whose latest report is green. */
  readonly numerator: number;
  /** Measures with at least one report (an unreported measure is neither on nor off target). */
  readonly denominator: number;
  readonly fraction: number | null;
  readonly formatted: string;
}

export interface Rollup {
  readonly contracts: number;
  readonly valuePence: number;
  readonly value: string;
  /** Of valuePence, what comes from contracts listed under more than one primary priority (counted in each). */
  readonly sharedValuePence: number;
  readonly measures: number;
  readonly onTarget: OnTargetShare;
  /** The worst overall RAG among the contracts (null while none has reported). */
  readonly rag: Rag | null;
  /** Contracts by their overall RAG. */
  readonly contractRags: RagCounts;
}

/** Where a contract with no primary priority or theme (the PLF lines printed "Various") is counted. */
export const UNATTRIBUTED = 'unattributed';

function share(numerator: number, denominator: number): OnTargetShare {
  const fraction = denominator === 0 ? null : numerator / denominator;
  const percent = fraction === null ? 'no reports' : `${Math.round(fraction * 1000) / 10}%`;
  return { numerator, denominator, fraction, formatted: `${numerator} of ${denominator} on target (${percent})` };
}

function rollup(docs: readonly OutcomeDoc[], isShared: (doc: OutcomeDoc) => boolean): Rollup {
  const valuePence = docs.reduce((sum, d) => sum + d.valuePence, 0);
  const measures = docs.flatMap((d) => d.measures);
  const reported = measures.filter((m) => m.latest !== null);
  return {
    contracts: docs.length,
    valuePence,
    value: formatPence(valuePence),
    sharedValuePence: docs.filter(isShared).reduce((sum, d) => sum + d.valuePence, 0),
    measures: measures.length,
    onTarget: share(reported.filter((m) => m.latest?.rag === 'green').length, reported.length),
    rag: worstRag(docs.map((d) => overallRag(d.measures))),
    contractRags: countRags(docs.map((d) => overallRag(d.measures))),
  };
}

function groupBy(docs: readonly OutcomeDoc[], keysOf: (doc: OutcomeDoc) => readonly string[]): Map<string, OutcomeDoc[]> {
  const groups = new Map<string, OutcomeDoc[]>();
  for (const doc of docs) {
    for (const key of keysOf(doc)) groups.set(key, [...(groups.get(key) ?? []), doc]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

/**
 * Spend, contracts, measures and the share of measures on target, per primary strategic
 * priority and per theme. A contract with two primary priorities (the source's "SP5/6")
 * counts in full under each, so priority totals can exceed the year's spend; the theme
 * totals cannot.
 */
export function outcomeRollups(docs: readonly OutcomeDoc[]) {
  const priorities = groupBy(docs, (d) => (d.primaryPriorities.length > 0 ? d.primaryPriorities : [UNATTRIBUTED]));
  const themes = groupBy(docs, (d) => [d.theme ?? UNATTRIBUTED]);
  const sharedPriority = (d: OutcomeDoc) => d.primaryPriorities.length > 1;
  return {
    byPriority: Object.fromEntries([...priorities].map(([code, group]) => [code, rollup(group, sharedPriority)])) as Record<string, Rollup>,
    byTheme: Object.fromEntries([...themes].map(([code, group]) => [code, rollup(group, () => false)])) as Record<string, Rollup>,
    total: rollup(docs, () => false),
  };
}

export interface RagPeriod {
  readonly period: string;
  /** Reports of the period by their RAG (every measure's report counts once). */
  readonly counts: Omit<RagCounts, 'unrated'>;
  readonly worst: Rag | null;
}

/** Periods in time order (by their end, then label): a quarterly and a monthly measure interleave honestly. */
const endOf = (label: string): string => parsePeriod(label)?.end ?? label;

/**
 * RAG over time: per reporting period, how many reports were red, amber and green across the
 * contracts given, and the worst of them. Retired measures' reports count for the periods they covered.
 */
export function ragOverTime(docs: readonly OutcomeDoc[]): RagPeriod[] {
  const byPeriod = new Map<string, Rag[]>();
  for (const measure of docs.flatMap((d) => [...d.measures, ...d.formerMeasures])) {
    for (const report of measure.reports) byPeriod.set(report.period, [...(byPeriod.get(report.period) ?? []), report.rag]);
  }
  return [...byPeriod]
    .sort(([a], [b]) => endOf(a).localeCompare(endOf(b)) || a.localeCompare(b))
    .map(([period, rags]) => {
      const { unrated: _unrated, ...counts } = countRags(rags);
      return { period, counts, worst: worstRag(rags) };
    });
}

export const OUTCOME_CSV_HEADER = [
  'caseId', 'title', 'provider', 'measure', 'unit', 'target', 'direction', 'frequency',
  'latestPeriod', 'latestActual', 'latestRag', 'overdue', 'underAchieving', 'valuePence', 'value',
] as const;

/** One row per measure; a contract with no measures yet has one row with the measure columns empty. */
export function outcomeCsvRows(views: readonly OutcomeView[]): Array<Array<string | number | boolean | null>> {
  return views.flatMap((v) => {
    const tail = [v.valuePence, v.value];
    if (v.measures.length === 0) return [[v.caseId, v.title, v.provider, null, null, null, null, null, null, null, null, false, v.underAchieving, ...tail]];
    return v.measures.map((m) => [
      v.caseId, v.title, v.provider, m.name, m.unit, m.target, m.direction, m.frequency,
      m.latest?.period ?? null, m.latest?.actual ?? null, m.latestRag, m.overdue, v.underAchieving, ...tail,
    ]);
  });
}
