import {
  type BusinessDate,
  daysBetween,
  type DeadlineMissed,
  formatPence,
  formatUkDate,
  type InstalmentCondition,
  type InstalmentReleased,
  type InstalmentWithheld,
  type OpenCase,
  parseDeadlineKey,
  type ReminderSent,
} from '@app/domain';
import type { MailSettings } from '../reminder-settings';

export type Recipient = ReminderSent['data']['recipient'];
/** The events that send an email: a reminder, a missed deadline, an instalment withheld or released. */
export type NotifyingEvent = ReminderSent | DeadlineMissed | InstalmentWithheld | InstalmentReleased;
export const NOTIFYING_TYPES: ReadonlySet<string> = new Set<NotifyingEvent['type']>(['ReminderSent', 'DeadlineMissed', 'InstalmentWithheld', 'InstalmentReleased']);

export interface Email {
  readonly to: string;
  readonly cc?: string;
  readonly subject: string;
  readonly text: string;
  /** Derived from the event id: the same notification always carries the same Message-ID. */
  readonly messageId: string;
}

/** What the log says, enough to write the message: the event, its case as it stands, and the locality's name. */
export interface NotificationFacts {
  readonly eventId: string;
  readonly event: NotifyingEvent;
  readonly state: OpenCase;
  readonly localityName?: string;
}

export function addressOf(recipient: Recipient, state: OpenCase, mail: MailSettings): string {
  switch (recipient) {
    case 'csp':
      return mail.cspTemplate.replace('{locality}', state.profile.locality ?? 'unknown');
    case 'contract-manager':
      return mail.contractManager;
    case 'opcc-lead':
      return mail.opccLead;
  }
}

function whom(recipient: Recipient, facts: NotificationFacts): string {
  const { state, localityName } = facts;
  switch (recipient) {
    case 'csp':
      return `the Community Safety Partnership for ${localityName ?? state.profile.locality ?? 'its locality'}`;
    case 'contract-manager':
      return `the contract manager for ${state.contract?.provider ?? 'the provider'}`;
    case 'opcc-lead':
      return 'the OPCC commissioning lead';
  }
}

/** "PLF meeting to be held", or "Performance report due: <measure>, 2016-Q1", in the workflow version's own words. */
function whatIsDue(deadlineKey: string, state: OpenCase): { what: string; concerns: Recipient } {
  const ref = parseDeadlineKey(deadlineKey);
  const rule = state.workflow.deadlines.find((d) => d.kind === ref?.kind);
  const label = rule?.label ?? ref?.kind ?? deadlineKey;
  if (ref?.kind !== 'performance-report') return { what: label, concerns: rule?.concerns ?? 'opcc-lead' };
  const measure = state.contract?.measures.find((m) => m.id === ref.measureId)?.name ?? ref.measureId;
  return { what: `${label}: ${measure}, ${ref.period}`, concerns: rule?.concerns ?? 'contract-manager' };
}

const when = (from: BusinessDate, to: BusinessDate): string => {
  const days = daysBetween(from, to);
  return days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
};

const conditionText = (condition: InstalmentCondition): string => {
  switch (condition.kind) {
    case 'performance-report':
      return `the ${condition.period} performance report`;
    case 'checkpoint':
      return `the checkpoint "${condition.name}"`;
    case 'none':
      return 'its condition';
  }
};

/**
 * An instalment withheld or released, to the contract manager (copied to the CSP when the
 * case is a locality's): which instalment, how much, why, and what releases it.
 */
function renderPaymentNotice(facts: NotificationFacts & { event: InstalmentWithheld | InstalmentReleased }, mail: MailSettings, footer: string, messageId: string): Email {
  const { event, state } = facts;
  const title = state.profile.title;
  const instalment = state.payments?.instalments.find((i) => i.id === event.data.instalmentId);
  const amount = instalment ? formatPence(instalment.pence - instalment.paidPence) : 'the amount due';
  const cc = state.profile.locality ? { cc: addressOf('csp', state, mail) } : {};
  const to = addressOf('contract-manager', state, mail);
  const head = `For ${whom('contract-manager', facts)}${state.profile.locality ? ` and ${whom('csp', facts)}` : ''}.\n\n`;
  if (event.type === 'InstalmentWithheld') {
    const { instalmentId, reason, condition, dueOn, on } = event.data;
    const why =
      reason === 'under-achievement'
        ? 'the case is flagged for under-achievement with no remedial action agreed; it is released when one is'
        : `${conditionText(condition)} had not been received by its due date, ${formatUkDate(dueOn)}; it is released when it is`;
    return {
      to,
      ...cc,
      subject: `Payment withheld: instalment ${instalmentId}, ${amount} (${title})`,
      text: `${head}Instalment ${instalmentId} of "${title}" (${amount}) was withheld on ${formatUkDate(on)}: ${why}. No claim against it can be approved meanwhile.\n${footer}`,
      messageId,
    };
  }
  const { instalmentId, reason, on } = event.data;
  const because = reason === 'under-achievement' ? 'a remedial action has been agreed' : instalment ? `${conditionText(instalment.condition)} is in` : 'its condition is met';
  return {
    to,
    ...cc,
    subject: `Payment released: instalment ${instalmentId}, ${amount} (${title})`,
    text: `${head}Instalment ${instalmentId} of "${title}" (${amount}) was released on ${formatUkDate(on)}: ${because}. A claim against it can now be approved.\n${footer}`,
    messageId,
  };
}

/** One email per notifying event: what is due (or withheld, or released), for whom, by when, and where the case is. */
export function renderNotification(facts: NotificationFacts, mail: MailSettings): Email {
  const { event, state, eventId } = facts;
  const link = `${mail.publicUrl}/cases/${encodeURIComponent(state.profile.caseId)}`;
  const messageId = `<${eventId}@${new URL(mail.publicUrl).hostname || 'commissioning-ledger'}>`;
  const footer = `\nCase: ${link}\n\nThis message is recorded in the case's history (${event.type}, event ${eventId}) and is sent once.\n`;
  if (event.type === 'InstalmentWithheld' || event.type === 'InstalmentReleased') return renderPaymentNotice({ ...facts, event }, mail, footer, messageId);
  const { what, concerns } = whatIsDue(event.data.deadlineKey, state);
  const title = state.profile.title;
  const by = formatUkDate(event.data.dueOn);
  if (event.type === 'ReminderSent') {
    const { recipient, on, dueOn } = event.data;
    return {
      to: addressOf(recipient, state, mail),
      subject: `Reminder: ${what} by ${by} (${title})`,
      text: `For ${whom(recipient, facts)}.\n\n${what} for "${title}" is due by ${by}, ${when(on, dueOn)}.\n${footer}`,
      messageId,
    };
  }
  const cc = concerns === 'opcc-lead' ? undefined : addressOf(concerns, state, mail);
  return {
    to: addressOf(event.data.escalatedTo, state, mail),
    ...(cc ? { cc } : {}),
    subject: `Missed deadline: ${what} was due by ${by} (${title})`,
    text:
      `For ${whom('opcc-lead', facts)}, escalated.\n\n${what} for "${title}" was due by ${by} and had not been done when the day ended ` +
      `(recorded ${formatUkDate(event.data.on)}). It concerns ${whom(concerns, facts)}.\n${footer}`,
    messageId,
  };
}
