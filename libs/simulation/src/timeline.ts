import { businessDateOf, formatPence, formatUkDate } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

export interface TimelineLine {
  readonly on: string;
  readonly position: number;
  readonly type: string;
  readonly stream: string;
  readonly summary: string;
}

type Data = Record<string, unknown> & { profile?: { locality?: string | null; title?: string } };

/** What an event says, in a few words for the timeline. */
function summarise(event: StoredEvent): string {
  const d = event.data as Data;
  switch (event.type) {
    case 'FrameworkImported':
      return `${String(d.title)}: budget ${formatPence(Number(d.totalBudgetPence))}, reserve ${formatPence(Number(d.reservePence))}`;
    case 'CspPlanRequested':
      return `${d.profile?.locality}: allocation ${formatPence(Number(d.allocationPence))}, meeting by ${formatUkDate(String(d.meetingDeadline))}`;
    case 'ExistingCommitmentImported':
    case 'AdditionalAllocationImported':
      return String(d.profile?.title ?? '');
    case 'CspPlanSubmitted':
      return `plan of ${formatPence(Number(d.totalPence))}`;
    case 'CspMeetingScheduled':
      return `meeting on ${formatUkDate(String(d.meetingOn))}`;
    case 'MeetingDeadlineExtended':
      return `deadline ${formatUkDate(String(d.previousDeadline))} → ${formatUkDate(String(d.newDeadline))}: ${String(d.reason)}`;
    case 'ContractAwarded': {
      const contract = d.contract as { provider: string; valuePence: number };
      return `${contract.provider}, ${formatPence(contract.valuePence)}`;
    }
    case 'FundsCommitted':
    case 'FundsReleased':
      return `${String(d.caseId)}: ${formatPence(Number(d.pence))}`;
    case 'PerformanceReported':
      return `${String(d.measureId)} ${String(d.period)}: ${String(d.actual)} against ${String(d.target)} → ${String(d.rag).toUpperCase()}`;
    case 'UnderAchievementFlagged':
      return `${String(d.measureId)}: ${String(d.consecutiveReds)} consecutive reds`;
    case 'RemedialActionAgreed':
      return `${String(d.action)} (review by ${formatUkDate(String(d.reviewBy))})`;
    case 'ReminderSent':
      return `${String(d.kind)} due ${formatUkDate(String(d.dueOn))}: ${Number(d.daysBefore) === 0 ? 'on the day' : `${String(d.daysBefore)} day(s) before`} → ${String(d.recipient)}`;
    case 'DeadlineMissed':
      return `${String(d.kind)} due ${formatUkDate(String(d.dueOn))} missed; escalated to the ${String(d.escalatedTo)}`;
    default:
      return '';
  }
}

/** Every event in business-date order (ties in log order), one line each. */
export function timelineOf(events: readonly StoredEvent[]): TimelineLine[] {
  return events
    .map((event) => ({
      on: businessDateOf(new Date(event.metadata.occurredAt)),
      position: event.globalPosition,
      type: event.type,
      stream: event.streamId,
      summary: summarise(event),
    }))
    .sort((a, b) => (a.on === b.on ? a.position - b.position : a.on < b.on ? -1 : 1));
}

export function formatTimelineLine(line: TimelineLine): string {
  return `${formatUkDate(line.on).padEnd(12)} ${line.type.padEnd(30)} ${line.stream.padEnd(22)} ${line.summary}`.trimEnd();
}
