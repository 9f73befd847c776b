import { phaseOf } from '../workflows/open-commands';
import type { DeadlineKind } from '../shared/codes';
import type { CaseState } from './case.model';


export interface DeadlineRef {
  readonly caseId: string;
  readonly kind: DeadlineKind;
  readonly measureId?: string;
  readonly period?: string;
}

/** `<caseId>:plf-meeting`, `<caseId>:contract-end`, `<caseId>:performance-report:<measureId>:<period>`. */
export function deadlineKey(ref: DeadlineRef): string {
  return ref.kind === 'performance-report' ? `${ref.caseId}:${ref.kind}:${ref.measureId}:${ref.period}` : `${ref.caseId}:${ref.kind}`;
}

export function parseDeadlineKey(key: string): DeadlineRef | undefined {
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
    case 'contract-end': {
      const rule = state.workflow.deadlines.find((d) => d.kind === 'contract-end');
      if (state.endedBy && rule?.metBy.includes(state.endedBy)) return 'met';
      return ended ? 'cancelled' : 'open';
    }
  }
}
