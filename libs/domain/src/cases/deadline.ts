import { phaseOf } from '../workflows/open-commands';
import type { DeadlineKind } from '../shared/codes';
import type { CaseState } from './case.model';


export interface DeadlineRef {
  readonly caseId: string;
  readonly kind: DeadlineKind;
  readonly measureId?: string;
  readonly period?: string;
  readonly instalmentId?: string;
}

/** `<caseId>:plf-meeting`, `<caseId>:contract-end`, `<caseId>:performance-report:<measureId>:<period>`, `<caseId>:payment-instalment:<instalmentId>`. */
export function deadlineKey(ref: DeadlineRef): string {
  if (ref.kind === 'payment-instalment') return `${ref.caseId}:${ref.kind}:${ref.instalmentId}`;
  return ref.kind === 'performance-report' ? `${ref.caseId}:${ref.kind}:${ref.measureId}:${ref.period}` : `${ref.caseId}:${ref.kind}`;
}

export function parseDeadlineKey(key: string): DeadlineRef | undefined {
  const instalment = /^([\w-]+):payment-instalment:([\w-]+)$/.exec(key);
  if (instalment) return { caseId: instalment[1], kind: 'payment-instalment', instalmentId: instalment[2] };
  const match = /^([\w-]+):(plf-meeting|contract-end|performance-report)(?::([^:]+):([^:]+))?$/.exec(key);
  if (!match) return undefined;
  const [, caseId, kind, measureId, period] = match;
  if (kind === 'performance-report') return measureId && period ? { caseId, kind, measureId, period } : undefined;
  return { caseId, kind: kind as DeadlineKind };
}

/**
 * Whether the thing a deadline asks for is done, no longer wanted, or still awaited, by the
 * case's own history and its workflow's data: met by the rule's `metBy` events, cancelled
 * once the case has ended (its stage's phase) without meeting it.
 */
export function deadlineStatus(state: CaseState, ref: DeadlineRef): 'open' | 'met' | 'cancelled' {
  if (state.status !== 'open') return 'cancelled';
  const ended = phaseOf(state) === 'ended';
  switch (ref.kind) {
    case 'plf-meeting':
      if (state.meetingHeldOn) return 'met';
      return ended ? 'cancelled' : 'open';
    case 'performance-report':
      if (state.reports.some((r) => r.measureId === ref.measureId && r.period === ref.period)) return 'met';
      return ended ? 'cancelled' : 'open';
    case 'payment-instalment': {
      const instalment = state.payments?.instalments.find((i) => i.id === ref.instalmentId);
      if (!instalment) return 'cancelled';
      return instalment.dueChecked || instalment.paidPence >= instalment.pence ? 'met' : 'open';
    }
    case 'contract-end': {
      const rule = state.workflow.deadlines.find((d) => d.kind === 'contract-end');
      if (state.endedBy && rule?.metBy.includes(state.endedBy)) return 'met';
      return ended ? 'cancelled' : 'open';
    }
  }
}
