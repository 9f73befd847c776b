import { type BusinessDate, formatPence, formatUkDate, type Instalment, instalmentFigures, type InstalmentFigures, type Pence, SPEND_PUBLISHED_OVER_PENCE, yearOfInstalment } from '@app/domain';
import type { ActualsDoc } from './actuals.projection';

/**
 * Pence by where they stand. paid + recovered + approvedUnpaid + withheld + due + forecast
 * = scheduled, to the penny; remaining = scheduled − paid.
 */
export interface SpendFigures {
  readonly scheduledPence: Pence;
  readonly paidPence: Pence;
  readonly recoveredPence: Pence;
  readonly approvedUnpaidPence: Pence;
  readonly withheldPence: Pence;
  readonly duePence: Pence;
  readonly forecastPence: Pence;
  readonly remainingPence: Pence;
}

const ZERO: SpendFigures = { scheduledPence: 0, paidPence: 0, recoveredPence: 0, approvedUnpaidPence: 0, withheldPence: 0, duePence: 0, forecastPence: 0, remainingPence: 0 };

function add(a: SpendFigures, b: SpendFigures): SpendFigures {
  return Object.fromEntries(Object.keys(ZERO).map((k) => [k, a[k as keyof SpendFigures] + b[k as keyof SpendFigures]])) as unknown as SpendFigures;
}

const fromInstalment = (i: Instalment, f: InstalmentFigures): SpendFigures => ({
  scheduledPence: i.pence,
  paidPence: f.paidPence,
  recoveredPence: f.recoveredPence,
  approvedUnpaidPence: f.approvedUnpaidPence,
  withheldPence: f.withheldPence,
  duePence: f.duePence,
  forecastPence: f.forecastPence,
  remainingPence: i.pence - f.paidPence,
});

export const formatFigures = (f: SpendFigures): Record<string, string> =>
  Object.fromEntries(Object.entries(f).map(([k, pence]) => [k.replace(/Pence$/, ''), formatPence(pence)]));

/** A case's schedule on a date, each instalment with its state and figures, its claims beside. */
export function caseSchedule(doc: ActualsDoc, on: BusinessDate) {
  const payments = doc.payments;
  const instalments = (payments?.instalments ?? []).map((i) => {
    const f = instalmentFigures(payments!, i, on);
    return {
      id: i.id,
      dueOn: i.dueOn,
      dueOnFormatted: formatUkDate(i.dueOn),
      pence: i.pence,
      amount: formatPence(i.pence),
      condition: i.condition,
      financialYear: yearOfInstalment(i, doc.financialYear),
      carriedTo: i.carriedTo ?? null,
      withheldFor: i.withheld,
      ...f,
      claims: payments!.claims.filter((c) => c.instalmentId === i.id),
    };
  });
  const totals = (payments?.instalments ?? []).reduce((sum, i) => add(sum, fromInstalment(i, instalmentFigures(payments!, i, on))), ZERO);
  return {
    caseId: doc.caseId,
    financialYear: doc.financialYear,
    ref: doc.ref,
    title: doc.title,
    provider: doc.provider,
    valuePence: doc.valuePence,
    on,
    basis: payments?.basis ?? null,
    checkpointsMet: payments?.checkpointsMet ?? [],
    instalments,
    totals,
    formatted: formatFigures(totals),
    asOfPosition: doc.position,
  };
}

/** A case's instalments that count in a year: its own year's, less those carried out, and those carried into it. */
const instalmentsIn = (doc: ActualsDoc, financialYear: string): Instalment[] =>
  (doc.payments?.instalments ?? []).filter((i) => yearOfInstalment(i, doc.financialYear) === financialYear);

/** Whether any of a case's schedule counts in the year. */
export const countsIn = (doc: ActualsDoc, financialYear: string): boolean =>
  doc.payments !== null && (doc.financialYear === financialYear || instalmentsIn(doc, financialYear).length > 0);

const figuresOf = (doc: ActualsDoc, financialYear: string, on: BusinessDate): SpendFigures =>
  instalmentsIn(doc, financialYear).reduce((sum, i) => add(sum, fromInstalment(i, instalmentFigures(doc.payments!, i, on))), ZERO);

export const SPEND_BREAKDOWNS = {
  byTheme: (d) => d.theme ?? (d.mechanism === 'plf' ? 'various' : 'unassigned'),
  byPriority: (d) => d.priorityKey,
  byMechanism: (d) => d.mechanism ?? 'unassigned',
  byLocality: (d) => d.locality,
  byProvider: (d) => d.provider ?? 'unassigned',
} satisfies Record<string, (doc: ActualsDoc) => string | null>;

type BreakdownName = keyof typeof SPEND_BREAKDOWNS;

/** A year's actual spend against its commitments on a date: due and forecast depend on the date, the rest on the log. */
export function yearActuals(financialYear: string, docs: readonly ActualsDoc[], on: BusinessDate) {
  const scheduled = docs.filter((d) => countsIn(d, financialYear));
  const perCase = scheduled.map((d) => [d, figuresOf(d, financialYear, on)] as const);
  const total = perCase.reduce((sum, [, f]) => add(sum, f), ZERO);
  const breakdowns = Object.fromEntries(
    (Object.keys(SPEND_BREAKDOWNS) as BreakdownName[]).map((name) => {
      const sums = new Map<string, SpendFigures>();
      for (const [doc, f] of perCase) {
        const key = SPEND_BREAKDOWNS[name](doc);
        if (key !== null) sums.set(key, add(sums.get(key) ?? ZERO, f));
      }
      return [name, Object.fromEntries([...sums].sort(([a, x], [b, y]) => y.scheduledPence - x.scheduledPence || a.localeCompare(b)))];
    }),
  ) as Record<BreakdownName, Record<string, SpendFigures>>;
  return {
    financialYear,
    on,
    ...total,
    formatted: formatFigures(total),
    ...breakdowns,
    caseCount: scheduled.length,
    asOfPosition: Math.max(0, ...docs.map((d) => d.position)),
  };
}

export type YearActuals = ReturnType<typeof yearActuals>;

/** Transparency: payments over £500 (the Local Government Transparency Code's threshold). */
export const SPEND_THRESHOLD_PENCE: Pence = SPEND_PUBLISHED_OVER_PENCE;

export interface SpendItem {
  readonly month: string;
  readonly paidOn: BusinessDate;
  readonly caseId: string;
  readonly ref: string | null;
  readonly title: string;
  readonly provider: string | null;
  readonly theme: string | null;
  readonly instalmentId: string;
  readonly claimId: string;
  readonly paymentRef: string;
  readonly pence: Pence;
  readonly amount: string;
}

/** Every payment above the threshold against the year's commitments (carried ones in the year they were carried to), by month of payment, oldest first. */
export function spendOver(financialYear: string, docs: readonly ActualsDoc[], thresholdPence = SPEND_THRESHOLD_PENCE) {
  const items: SpendItem[] = docs
    .filter((d) => countsIn(d, financialYear))
    .flatMap((d) =>
      (d.payments?.claims ?? [])
        .filter((c) => c.status === 'paid' && c.pence > thresholdPence && c.paidOn)
        .filter((c) => instalmentsIn(d, financialYear).some((i) => i.id === c.instalmentId))
        .map((c) => ({
          month: (c.paidOn as string).slice(0, 7),
          paidOn: c.paidOn as string,
          caseId: d.caseId,
          ref: d.ref,
          title: d.title,
          provider: d.provider,
          theme: d.theme,
          instalmentId: c.instalmentId,
          claimId: c.claimId,
          paymentRef: c.paymentRef ?? '',
          pence: c.pence,
          amount: formatPence(c.pence),
        })),
    )
    .sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.caseId.localeCompare(b.caseId) || a.claimId.localeCompare(b.claimId));
  const months = [...new Set(items.map((i) => i.month))].map((month) => {
    const of = items.filter((i) => i.month === month);
    const totalPence = of.reduce((s, i) => s + i.pence, 0);
    return { month, totalPence, total: formatPence(totalPence), items: of };
  });
  return { financialYear, thresholdPence, threshold: formatPence(thresholdPence), months };
}

export const SPEND_CSV_COLUMNS = ['month', 'paidOn', 'caseId', 'ref', 'title', 'provider', 'theme', 'instalmentId', 'claimId', 'paymentRef', 'pence', 'amount'] as const;

/** The spend list cut to the months from `from` to `to` (YYYY-MM, inclusive; either left open). */
export function spendInMonths<S extends { readonly months: ReadonlyArray<{ readonly month: string }> }>(spend: S, from?: string, to?: string): S {
  return { ...spend, months: spend.months.filter((m) => (from === undefined || m.month >= from) && (to === undefined || m.month <= to)) };
}
