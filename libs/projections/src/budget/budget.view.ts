import { formatPence, type Pence, potsLeftTotal, uncommittedPence } from '@app/domain';
import type { BudgetDoc, BudgetLine } from './budget.document';

export type Breakdown = Readonly<Record<string, Pence>>;

/** Key of a line in each breakdown; null leaves the line out of that breakdown. */
export const BREAKDOWNS = {
  /** Appendix C lines count under the theme the seed infers from their linkage text; PLF lines are "various". */
  byTheme: (line) => line.theme ?? (line.mechanism === 'plf' ? 'various' : 'unassigned'),
  byMechanism: (line) => line.mechanism ?? 'unassigned',
  byPriority: (line) => line.priorityKey,
  /** Only lines that belong to one locality (the PLF split of Table 1): it does not sum to committed. */
  byLocality: (line) => line.locality,
  byProvider: (line) => line.provider ?? 'unassigned',
  byGeographicalReach: (line) => reachKey(line),
  bySource: (line) => line.source ?? 'unassigned',
} satisfies Record<string, (line: BudgetLine) => string | null>;

export type BreakdownName = keyof typeof BREAKDOWNS;
export const BREAKDOWN_NAMES = Object.keys(BREAKDOWNS) as BreakdownName[];

function reachKey(line: BudgetLine): string {
  const reach = line.reach;
  if (!reach) return 'unassigned';
  if (reach.scope !== 'localities') return reach.scope;
  if (reach.localities.length === 1) return reach.localities[0];
  return reach.localities.length > 1 ? 'multiple-localities' : 'unassigned';
}

/** Sums held pence by key, largest first (ties by key): whole pence only, never a share of one. */
export function breakdownOf(lines: readonly BudgetLine[], keyOf: (line: BudgetLine) => string | null): Breakdown {
  const sums = new Map<string, Pence>();
  for (const line of lines) {
    const key = keyOf(line);
    if (key !== null) sums.set(key, (sums.get(key) ?? 0) + line.heldPence);
  }
  return Object.fromEntries([...sums].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}

export interface BudgetFigures {
  readonly totalPence: Pence;
  readonly committedPence: Pence;
  readonly allocatedPence: Pence;
  readonly availablePence: Pence;
  readonly reservePence: Pence;
  /** Left in the mechanisms' pots, in all and by mechanism: neither committed nor available to other work. */
  readonly potsLeftPence: Pence;
  readonly pots: Breakdown;
}

export function figuresOf(doc: BudgetDoc): BudgetFigures {
  const lines = Object.values(doc.lines);
  const committedPence = lines.reduce((sum, line) => sum + line.heldPence, 0);
  const allocatedPence = lines.filter((line) => line.status === 'allocated').reduce((sum, line) => sum + line.heldPence, 0);
  // A year document written before pots were kept has none.
  const potsPence = doc.potsPence ?? {};
  return {
    totalPence: doc.totalPence,
    committedPence,
    allocatedPence,
    availablePence: uncommittedPence({ totalPence: doc.totalPence, reservePence: doc.reservePence, potsPence, committedPence }),
    reservePence: doc.reservePence,
    potsLeftPence: potsLeftTotal(potsPence),
    pots: Object.fromEntries(Object.entries(potsPence).filter((entry): entry is [string, Pence] => entry[1] !== undefined)),
  };
}

const formatAll = (breakdown: Breakdown): Record<string, string> =>
  Object.fromEntries(Object.entries(breakdown).map(([key, pence]) => [key, formatPence(pence)]));

export type BudgetView = BudgetFigures & { readonly financialYear: string } & Record<BreakdownName, Breakdown> & {
    readonly formatted: Record<'total' | 'committed' | 'allocated' | 'available' | 'reserve' | 'potsLeft', string> & Record<BreakdownName, Record<string, string>>;
    readonly lineCount: number;
    readonly asOfPosition: number;
  };

/** The budget as people and programs read it: pence for programs, UK money strings beside. */
export function budgetView(doc: BudgetDoc): BudgetView {
  const lines = Object.values(doc.lines);
  const figures = figuresOf(doc);
  const breakdowns = Object.fromEntries(BREAKDOWN_NAMES.map((name) => [name, breakdownOf(lines, BREAKDOWNS[name])])) as Record<BreakdownName, Breakdown>;
  return {
    financialYear: doc.financialYear,
    ...figures,
    ...breakdowns,
    formatted: {
      total: formatPence(figures.totalPence),
      committed: formatPence(figures.committedPence),
      allocated: formatPence(figures.allocatedPence),
      available: formatPence(figures.availablePence),
      reserve: formatPence(figures.reservePence),
      potsLeft: formatPence(figures.potsLeftPence),
      ...(Object.fromEntries(BREAKDOWN_NAMES.map((name) => [name, formatAll(breakdowns[name])])) as Record<BreakdownName, Record<string, string>>),
    },
    lineCount: lines.length,
    asOfPosition: doc.position,
  };
}

export interface BudgetRow {
  readonly breakdown: 'summary' | BreakdownName;
  readonly key: string;
  readonly pence: Pence;
  readonly amount: string;
}

/** The view flattened for a spreadsheet: the summary figures, then one row per breakdown and key. */
export function budgetRows(view: BudgetView): BudgetRow[] {
  const row = (breakdown: BudgetRow['breakdown'], key: string, pence: Pence): BudgetRow => ({ breakdown, key, pence, amount: formatPence(pence) });
  return [
    row('summary', 'total', view.totalPence),
    row('summary', 'committed', view.committedPence),
    row('summary', 'allocated', view.allocatedPence),
    row('summary', 'available', view.availablePence),
    row('summary', 'reserve', view.reservePence),
    ...Object.entries(view.pots).map(([mechanism, pence]) => row('summary', `pot:${mechanism}`, pence)),
    ...BREAKDOWN_NAMES.flatMap((name) => Object.entries(view[name]).map(([key, pence]) => row(name, key, pence))),
  ];
}
