import { businessDateOf, type CaseOpeningEvent, type Commitment, type ContractAwarded, financialYearOf, type FrameworkEvent, potsAfter, upcastCase } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { Projection } from '../projection';
import { type BudgetLine, type BudgetRecord, type BudgetYearDoc, emptyYear, lineFromCommitment, lineFromProfile, lineKey, type LineStatus, placeholderLine } from './budget.document';

const FRAMEWORK_STREAM = /^framework-(\d{4}-\d{2})$/;
/** Case ids begin with their financial year ("2016-17-B01"); a later case event is keyed by it. */
const CASE_STREAM = /^case-((\d{4}-\d{2})-.+)$/;

const LEDGER_EVENTS = new Set(['FrameworkImported', 'FundsCommitted', 'FundsReleased', 'ReserveDrawn', 'FrameworkBudgetChanged', 'LocalitiesMerged']);
const OPENING_EVENTS = new Set(['ExistingCommitmentImported', 'AdditionalAllocationImported', 'ProposalRaised', 'CspPlanRequested', 'GrantApplicationReceived']);
/** Case events that move a line's status; the money itself moves only on the framework ledger. */
const STATUS_AFTER: Readonly<Record<string, LineStatus>> = {
  ContractAwarded: 'committed',
  ContractClosed: 'ended',
  ContractTerminated: 'ended',
  ProposalRejected: 'ended',
  ProposalWithdrawn: 'ended',
  GrantDeclined: 'ended',
};

/** The year's document and the lines a ledger or opening event changes (none: it changes no line). */
function touched(event: StoredEvent): { year: string; caseIds: readonly string[] } | null {
  if (LEDGER_EVENTS.has(event.type)) {
    const year = FRAMEWORK_STREAM.exec(event.streamId)?.[1];
    if (!year) return null;
    const e = event as unknown as FrameworkEvent;
    if (e.type === 'FrameworkImported') return { year, caseIds: e.data.commitments.map((c) => c.caseId) };
    if (e.type === 'FundsCommitted' || e.type === 'FundsReleased') return { year, caseIds: [e.data.caseId] };
    if (e.type === 'LocalitiesMerged') return { year, caseIds: e.data.movedCaseIds };
    return { year, caseIds: [] };
  }
  if (OPENING_EVENTS.has(event.type)) {
    const { profile } = (event as StoredEvent & CaseOpeningEvent).data;
    return { year: profile.financialYear, caseIds: [profile.caseId] };
  }
  return null;
}

/**
 * A case's status event moves its line in its own year and in every later year it may have
 * been carried into: a commitment is carried only by a decision recorded before the event,
 * so no later than the year after the one the event happened in.
 */
function statusKeys(event: StoredEvent): readonly string[] {
  const match = CASE_STREAM.exec(event.streamId);
  if (!match) return [];
  const [, caseId, year] = match;
  const occurred = event.metadata.occurredAt ? financialYearOf(businessDateOf(new Date(event.metadata.occurredAt))) : year;
  const last = Math.min(Number(occurred.slice(0, 4)) + 1, Number(year.slice(0, 4)) + MAX_YEARS_CARRIED);
  const keys: string[] = [year];
  for (let start = Number(year.slice(0, 4)); start <= last; start += 1) keys.push(lineKey(financialYearOf(`${start}-04-01`), caseId));
  return keys;
}
/** A bound on how far forward the years are looked at, whatever the event's date says. */
const MAX_YEARS_CARRIED = 10;

function keysOf(event: StoredEvent): readonly string[] {
  if (STATUS_AFTER[event.type]) return statusKeys(event);
  const t = touched(event);
  return t ? [t.year, ...t.caseIds.map((caseId) => lineKey(t.year, caseId))] : [];
}

function evolveYear(current: BudgetYearDoc, event: StoredEvent): BudgetYearDoc {
  const e = event as unknown as FrameworkEvent;
  const doc = { ...current, potsPence: potsAfter(current.potsPence ?? {}, e) };
  if (e.type === 'FrameworkImported') return { ...doc, imported: true, totalPence: e.data.totalBudgetPence, reservePence: e.data.reservePence, position: event.globalPosition };
  if (e.type === 'ReserveDrawn') return { ...doc, reservePence: doc.reservePence - e.data.pence, position: event.globalPosition };
  if (e.type === 'FrameworkBudgetChanged') return { ...doc, totalPence: e.data.totalBudgetPence, reservePence: e.data.reservePence, position: event.globalPosition };
  return { ...doc, position: event.globalPosition };
}

/** An import's lines by case id, worked out once per event however many lines it has. */
const commitmentsOf = new WeakMap<object, ReadonlyMap<string, Commitment>>();
function commitmentFor(event: StoredEvent & FrameworkEvent & { type: 'FrameworkImported' }, caseId: string): Commitment | undefined {
  let byCase = commitmentsOf.get(event.data);
  if (!byCase) {
    byCase = new Map(event.data.commitments.map((c) => [c.caseId, c]));
    commitmentsOf.set(event.data, byCase);
  }
  return byCase.get(caseId);
}

function evolveLine(line: BudgetLine | undefined, event: StoredEvent, caseId: string): BudgetLine | undefined {
  const e = event as unknown as StoredEvent & FrameworkEvent;
  switch (e.type) {
    case 'FrameworkImported': {
      const commitment = commitmentFor(e as StoredEvent & FrameworkEvent & { type: 'FrameworkImported' }, caseId);
      return commitment ? lineFromCommitment(commitment) : line;
    }
    case 'FundsCommitted':
    case 'FundsReleased': {
      const held = line ?? carriedInLine(e) ?? placeholderLine(caseId);
      const sign = e.type === 'FundsCommitted' ? 1 : -1;
      return { ...held, heldPence: held.heldPence + sign * e.data.pence };
    }
    case 'LocalitiesMerged':
      // The line's money now counts under the locality it joined; a case not yet open has no line.
      return line && line.locality === e.data.locality ? { ...line, locality: e.data.into } : line;
    default:
      break;
  }
  if (OPENING_EVENTS.has(event.type)) return evolveOpening(line, upcastCase(event) as CaseOpeningEvent);
  if (!line) return undefined;
  const awarded = event.type === 'ContractAwarded' ? (upcastCase(event) as ContractAwarded) : undefined;
  const provider = awarded ? awarded.data.contract.provider : line.provider;
  return { ...line, status: STATUS_AFTER[event.type], provider };
}

/**
 * A commitment carried in from an earlier year: the case opened there, so its line here is
 * made from the profile the ledger recorded with it (none on events recorded before it was kept).
 */
function carriedInLine(event: FrameworkEvent): BudgetLine | undefined {
  const profile = event.type === 'FundsCommitted' ? event.data.carriedFrom?.profile : undefined;
  return profile ? lineFromProfile(profile, 'committed', profile.provider) : undefined;
}

/** A line the import already made is kept; a placeholder (funds seen first) gets its attributes. */
function evolveOpening(existing: BudgetLine | undefined, event: CaseOpeningEvent): BudgetLine {
  const { profile } = event.data;
  if (existing && existing.source !== null) return existing;
  const opened =
    event.type === 'ExistingCommitmentImported'
      ? lineFromProfile(profile, 'committed', event.data.contract.provider)
      : lineFromProfile(profile, 'allocated', null);
  return existing ? { ...opened, heldPence: existing.heldPence } : opened;
}

/**
 * The budget of each financial year: a document for the year (key "2016-17": the
 * framework's total and reserve) and one per case (key "2016-17/2016-17-B01": what the
 * framework ledger committed to it), so an event changes only the line it is about,
 * however many cases the year has. readBudget/budgetFromDocs put a year together;
 * breakdowns are folded from the lines at read time (budget.view.ts).
 */
export const budgetProjection: Projection<BudgetRecord> = {
  name: 'budget',
  version: 4,
  keysOf,
  evolve(doc, event, key) {
    const slash = key.indexOf('/');
    if (slash < 0) return evolveYear((doc as BudgetYearDoc | undefined) ?? emptyYear(key), event);
    return evolveLine(doc as BudgetLine | undefined, event, key.slice(slash + 1));
  },
};
