import type { CaseOpeningEvent, ContractAwarded, FrameworkEvent } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { Projection } from '../projection';
import { type BudgetDoc, type BudgetLine, emptyBudget, lineFromCommitment, lineFromProfile, type LineStatus, placeholderLine } from './budget.document';

const FRAMEWORK_STREAM = /^framework-(\d{4}-\d{2})$/;
/** Case ids begin with their financial year ("2016-17-B01"); a later case event is keyed by it. */
const CASE_STREAM = /^case-((\d{4}-\d{2})-.+)$/;

const LEDGER_EVENTS = new Set(['FrameworkImported', 'FundsCommitted', 'FundsReleased', 'ReserveDrawn']);
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

function keysOf(event: StoredEvent): readonly string[] {
  if (LEDGER_EVENTS.has(event.type)) {
    const year = FRAMEWORK_STREAM.exec(event.streamId)?.[1];
    return year ? [year] : [];
  }
  if (OPENING_EVENTS.has(event.type)) return [(event as StoredEvent & CaseOpeningEvent).data.profile.financialYear];
  if (STATUS_AFTER[event.type]) {
    const year = CASE_STREAM.exec(event.streamId)?.[2];
    return year ? [year] : [];
  }
  return [];
}

const withLine = (doc: BudgetDoc, line: BudgetLine): BudgetDoc => ({ ...doc, lines: { ...doc.lines, [line.caseId]: line } });

function evolveLedger(doc: BudgetDoc, event: FrameworkEvent): BudgetDoc {
  switch (event.type) {
    case 'FrameworkImported': {
      const lines = Object.fromEntries(event.data.commitments.map((c) => [c.caseId, lineFromCommitment(c)]));
      return { ...doc, imported: true, totalPence: event.data.totalBudgetPence, reservePence: event.data.reservePence, lines: { ...doc.lines, ...lines } };
    }
    case 'FundsCommitted':
    case 'FundsReleased': {
      const line = doc.lines[event.data.caseId] ?? placeholderLine(event.data.caseId);
      const sign = event.type === 'FundsCommitted' ? 1 : -1;
      return withLine(doc, { ...line, heldPence: line.heldPence + sign * event.data.pence });
    }
    case 'ReserveDrawn':
      return { ...doc, reservePence: doc.reservePence - event.data.pence };
    default:
      return doc;
  }
}

/** A line the import already made is kept; a placeholder (funds seen first) gets its attributes. */
function evolveOpening(doc: BudgetDoc, event: CaseOpeningEvent): BudgetDoc {
  const { profile } = event.data;
  const existing = doc.lines[profile.caseId];
  if (existing && existing.source !== null) return doc;
  const opened =
    event.type === 'ExistingCommitmentImported'
      ? lineFromProfile(profile, 'committed', event.data.contract.provider)
      : lineFromProfile(profile, 'allocated', null);
  return withLine(doc, existing ? { ...opened, heldPence: existing.heldPence } : opened);
}

function evolveStatus(doc: BudgetDoc, event: StoredEvent, caseId: string): BudgetDoc {
  const line = doc.lines[caseId];
  if (!line) return doc;
  const provider = event.type === 'ContractAwarded' ? (event.data as ContractAwarded['data']).contract.provider : line.provider;
  return withLine(doc, { ...line, status: STATUS_AFTER[event.type], provider });
}

/**
 * The budget of each financial year (key: "2016-17"): the framework's total and reserve, and
 * a line per case holding what the framework ledger committed to it. Breakdowns are folded
 * from the lines at read time (budget.view.ts).
 */
export const budgetProjection: Projection<BudgetDoc> = {
  name: 'budget',
  version: 1,
  keysOf,
  evolve(doc, event, key) {
    const current = doc ?? emptyBudget(key);
    let next: BudgetDoc;
    if (LEDGER_EVENTS.has(event.type)) next = evolveLedger(current, event as unknown as FrameworkEvent);
    else if (OPENING_EVENTS.has(event.type)) next = evolveOpening(current, event as unknown as CaseOpeningEvent);
    else next = evolveStatus(current, event, CASE_STREAM.exec(event.streamId)?.[1] ?? '');
    return { ...next, position: event.globalPosition };
  },
};
