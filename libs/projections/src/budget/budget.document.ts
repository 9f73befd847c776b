import type { CaseProfile, Commitment, GeographicalReach, MechanismCode, Pence, PotsLeft } from '@app/domain';

/**
 * allocated: earmarked, awaiting its award (PLF allocations, Appendix C, new cases);
 * committed: a contract or agreement holds it; ended: closed, terminated, rejected, withdrawn
 * or declined. An ended line still counts for whatever the framework ledger says it holds.
 */
export type LineStatus = 'allocated' | 'committed' | 'ended';

export type LineSource = CaseProfile['origin']['source'];

/** One case's share of its year's budget, with what the breakdowns group it by. */
export interface BudgetLine {
  readonly caseId: string;
  readonly ref: string | null;
  readonly title: string;
  /** null: the case is known only from the framework ledger so far (funds before its opening). */
  readonly source: LineSource | null;
  readonly theme: string | null;
  /** The primary priorities as one key: "SP3", "SP5+SP6" (several, never split), "various", "unassigned". */
  readonly priorityKey: string;
  readonly mechanism: MechanismCode | null;
  /** The locality a PLF line belongs to (Table 1); null for every other line. */
  readonly locality: string | null;
  readonly provider: string | null;
  /** null only for a placeholder line. */
  readonly reach: { readonly scope: GeographicalReach['scope']; readonly localities: readonly string[] } | null;
  readonly status: LineStatus;
  /** What the framework ledger says the case holds: the line's value, then FundsCommitted/Released. */
  readonly heldPence: Pence;
}

/** One financial year's budget: the framework's figures and every case's line. */
export interface BudgetDoc {
  readonly financialYear: string;
  /** False while only cases are known and no framework has been imported for the year. */
  readonly imported: boolean;
  readonly totalPence: Pence;
  readonly reservePence: Pence;
  /** What is left in each mechanism's pot (set aside besides the reserve). */
  readonly potsPence: PotsLeft;
  readonly lines: Readonly<Record<string, BudgetLine>>;
  /** Global position of the last event folded into this year's budget. */
  readonly position: number;
}

/** The year's own document in rm_budget (key "2016-17"); each line is a document of its own. */
export type BudgetYearDoc = Omit<BudgetDoc, 'lines'>;

/** What rm_budget holds: a year's document or one of its lines. */
export type BudgetRecord = BudgetYearDoc | BudgetLine;

/** The key of a case's line: its year's key, a slash, the case id. */
export const lineKey = (financialYear: string, caseId: string): string => `${financialYear}/${caseId}`;

export const emptyYear = (financialYear: string): BudgetYearDoc => ({
  financialYear,
  imported: false,
  totalPence: 0,
  reservePence: 0,
  potsPence: {},
  position: 0,
});

export const emptyBudget = (financialYear: string): BudgetDoc => ({ ...emptyYear(financialYear), lines: {} });

/** A year's budget put together from its documents (any order); undefined when the year has none. */
export function budgetFromDocs(financialYear: string, docs: Iterable<readonly [string, unknown]>): BudgetDoc | undefined {
  let year: BudgetYearDoc | undefined;
  const lines: Record<string, BudgetLine> = {};
  const prefix = `${financialYear}/`;
  for (const [key, doc] of docs) {
    if (key === financialYear) year = doc as BudgetYearDoc;
    else if (key.startsWith(prefix)) {
      const line = doc as BudgetLine;
      lines[line.caseId] = line;
    }
  }
  return year ? { ...year, lines } : undefined;
}

function priorityKeyOf(priorities: readonly string[], asPrinted: string | null, mechanism: MechanismCode | null): string {
  if (priorities.length > 0) return priorities.join('+');
  if (asPrinted?.trim().toLowerCase() === 'various' || mechanism === 'plf') return 'various';
  return 'unassigned';
}

const reachOf = (reach: GeographicalReach) => ({ scope: reach.scope, localities: [...reach.localities] });

/** A framework line: PLF allocations and Appendix C lines await their award; the rest are contracts. */
export function lineFromCommitment(line: Commitment): BudgetLine {
  const allocated = line.mechanism === 'plf' || line.source === 'appendix-c';
  return {
    caseId: line.caseId,
    ref: line.ref,
    title: line.title,
    source: line.source,
    theme: line.theme,
    priorityKey: priorityKeyOf(line.primaryPriorities, line.primaryPriorityAsPrinted, line.mechanism),
    mechanism: line.mechanism,
    locality: line.locality,
    provider: line.organisation,
    reach: reachOf(line.geographicalReach),
    status: allocated ? 'allocated' : 'committed',
    heldPence: line.valuePence,
  };
}

/** What a line is made from: a case's opening profile, or the one its carried commitment recorded. */
type LineProfile = Pick<CaseProfile, 'caseId' | 'origin' | 'title' | 'theme' | 'primaryPriorities' | 'mechanism' | 'locality' | 'geographicalReach'>;

/** A case opened after the import: it holds nothing until the framework ledger commits funds to it. */
export function lineFromProfile(profile: LineProfile, status: LineStatus, provider: string | null): BudgetLine {
  return {
    caseId: profile.caseId,
    ref: profile.origin.ref,
    title: profile.title,
    source: profile.origin.source,
    theme: profile.theme,
    priorityKey: priorityKeyOf(profile.primaryPriorities, null, profile.mechanism),
    mechanism: profile.mechanism,
    locality: profile.locality,
    provider,
    reach: reachOf(profile.geographicalReach),
    status,
    heldPence: 0,
  };
}

/** Funds recorded against a case the budget has not seen open yet; its opening fills the rest in. */
export function placeholderLine(caseId: string): BudgetLine {
  return {
    caseId,
    ref: null,
    title: caseId,
    source: null,
    theme: null,
    priorityKey: 'unassigned',
    mechanism: null,
    locality: null,
    provider: null,
    reach: null,
    status: 'allocated',
    heldPence: 0,
  };
}
