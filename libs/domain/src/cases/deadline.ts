import type { CaseState } from './case.model';

export type DeadlineKind = 'plf-meeting' | 'performance-report' | 'contract-end';

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

const ENDED = ['closed', 'terminated', 'rejected', 'withdrawn', 'declined', 'board-rejected'];

/** Whether the thing a deadline asks for is done, no longer wanted, or still awaited, by the case's own history. */
export function deadlineStatus(state: CaseState, ref: DeadlineRef): 'open' | 'met' | 'cancelled' {
  if (state.status !== 'open') return 'cancelled';
  switch (ref.kind) {
    case 'plf-meeting':
      if (state.meetingHeldOn) return 'met';
      return ENDED.includes(state.stage) ? 'cancelled' : 'open';
    case 'performance-report':
      if (state.reports.some((r) => r.measureId === ref.measureId && r.period === ref.period)) return 'met';
      return ENDED.includes(state.stage) ? 'cancelled' : 'open';
    case 'contract-end':
      return state.stage === 'closed' || state.stage === 'terminated' ? 'met' : ENDED.includes(state.stage) ? 'cancelled' : 'open';
  }
}
