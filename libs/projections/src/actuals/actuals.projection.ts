import {
  type CaseEvent,
  type CaseOpeningEvent,
  defaultSchedule,
  evolvePayments,
  isPaymentEvent,
  isProfileChange,
  localityAfterChange,
  type MechanismCode,
  type Pence,
  type PaymentState,
  scheduleOf,
  upcastCase,
} from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { Projection } from '../projection';

/** One case's payments: what the breakdowns group it by, its contract value, and its schedule as the domain folds it. */
export interface ActualsDoc {
  readonly caseId: string;
  readonly financialYear: string;
  readonly ref: string | null;
  readonly title: string;
  readonly theme: string | null;
  /** "SP1", "SP5+SP6" (several primary priorities count whole, never split), "unassigned". */
  readonly priorityKey: string;
  readonly mechanism: MechanismCode | null;
  readonly locality: string | null;
  readonly provider: string | null;
  readonly valuePence: Pence;
  /** null until the case has a contract with a schedule. */
  readonly payments: PaymentState | null;
  readonly position: number;
}

const CASE_STREAM = /^case-(.+)$/;
const OPENING = new Set(['ExistingCommitmentImported', 'AdditionalAllocationImported', 'ProposalRaised', 'CspPlanRequested', 'GrantApplicationReceived']);
const FACTS = new Set(['ContractAwarded', 'ContractVaried']);

function opened(event: CaseOpeningEvent): ActualsDoc {
  const { profile } = event.data;
  const imported = event.type === 'ExistingCommitmentImported' ? event.data.contract : null;
  return {
    caseId: profile.caseId,
    financialYear: profile.financialYear,
    ref: profile.origin.ref,
    title: profile.title,
    theme: profile.theme,
    priorityKey: profile.primaryPriorities.length > 0 ? profile.primaryPriorities.join('+') : 'unassigned',
    mechanism: profile.mechanism,
    locality: profile.locality,
    provider: imported?.provider ?? null,
    valuePence: imported?.valuePence ?? 0,
    // The same default the case itself folds (libs/domain/src/payments/payment-schedule.ts).
    payments: imported ? scheduleOf(defaultSchedule(imported), 'default') : null,
    position: 0,
  };
}

function evolve(doc: ActualsDoc, e: CaseEvent): ActualsDoc {
  if (isPaymentEvent(e)) return { ...doc, payments: evolvePayments(doc.payments ?? undefined, e) ?? null };
  if (e.type === 'ContractAwarded') return { ...doc, provider: e.data.contract.provider, valuePence: e.data.contract.valuePence };
  if (e.type === 'ContractVaried') return { ...doc, valuePence: e.data.valuePence };
  if (isProfileChange(e)) return { ...doc, locality: localityAfterChange(doc.locality, e) };
  return doc;
}

/**
 * Actual spend (key: case id): each case's schedule, claims, approvals, payments,
 * withholdings and recoveries, folded by the domain's own evolve, with what the budget
 * breakdowns group it by. Year figures are summed at read time (actuals.view.ts).
 */
export const actualsProjection: Projection<ActualsDoc> = {
  name: 'actuals',
  version: 1,
  keysOf(event: StoredEvent) {
    if (!OPENING.has(event.type) && !FACTS.has(event.type) && !isPaymentEvent(event) && !isProfileChange(event)) return [];
    const caseId = CASE_STREAM.exec(event.streamId)?.[1];
    return caseId ? [caseId] : [];
  },
  evolve(doc, event) {
    const e = upcastCase(event);
    const current = doc ?? (OPENING.has(e.type) ? opened(e as CaseOpeningEvent) : undefined);
    if (!current) return undefined;
    return { ...(doc ? evolve(current, e) : current), position: event.globalPosition };
  },
};
