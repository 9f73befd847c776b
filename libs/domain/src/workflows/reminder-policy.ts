import type { DeadlineKind } from '../shared/codes';

/** How a framework wants one kind of deadline chased: reminders so many days before, and escalation when missed. */
export interface ReminderPolicy {
  readonly remindDaysBefore: readonly number[];
  readonly escalate: boolean;
}

export type ReminderPolicies = Readonly<Partial<Record<DeadlineKind, ReminderPolicy>>>;

const KINDS: readonly DeadlineKind[] = ['plf-meeting', 'performance-report', 'contract-end', 'payment-instalment'];

/**
 * A framework document's optional `reminderPolicies`, e.g.
 * `{ "plf-meeting": { "remindDaysBefore": [28, 14, 7, 1, 0], "escalate": true } }`.
 * Entries that are not well formed are ignored: the workflow's own offsets then apply.
 */
export function reminderPoliciesOf(framework: unknown): ReminderPolicies {
  const raw = (framework as { reminderPolicies?: unknown } | null)?.reminderPolicies;
  if (!raw || typeof raw !== 'object') return {};
  const policies: Partial<Record<DeadlineKind, ReminderPolicy>> = {};
  for (const kind of KINDS) {
    const entry = (raw as Record<string, unknown>)[kind] as { remindDaysBefore?: unknown; escalate?: unknown } | undefined;
    const days = entry?.remindDaysBefore;
    if (!Array.isArray(days) || !days.every((d) => Number.isInteger(d) && d >= 0)) continue;
    policies[kind] = { remindDaysBefore: days as number[], escalate: entry?.escalate !== false };
  }
  return policies;
}

/**
 * The one rule for how a deadline is chased: the framework's policy for its kind, else the
 * offsets its workflow version declared, escalated when missed. The deadlines read model
 * records the result and the scheduler schedules exactly what the read model shows.
 */
export function reminderPolicyFor(
  deadline: { readonly kind: DeadlineKind; readonly remindDaysBefore: readonly number[] },
  policies: ReminderPolicies = {},
): ReminderPolicy {
  const policy = policies[deadline.kind];
  return policy ? { remindDaysBefore: [...policy.remindDaysBefore], escalate: policy.escalate } : { remindDaysBefore: [...deadline.remindDaysBefore], escalate: true };
}
