import { type Caller, isPersonCaseCommand, mayGive, pathOfCommand, type PersonCaseCommand } from '@app/auth';
import { followingFinancialYear, formatPence, formatUkDate, isCarriable, type OpenCase, openCommands, openPaymentCommands, upcastCase, workflowPath } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { Deadline } from '@app/projections/deadlines';
import { CASE_FORMS, type FormField } from '../forms/case-forms';
import { inputName } from '../forms/form-body';
import { fieldId } from '../views/web-views';

/** "CspPlanSubmitted" → "Csp plan submitted": the event's own name, in words. */
export const inWords = (type: string): string => {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** What an event's data says in a sentence a person reads on the timeline (why, notes, amounts). */
function describe(event: StoredEvent): string {
  const data = (upcastCase(event).data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['reason', 'notes', 'commentary', 'decision', 'provider', 'board', 'meetingOn', 'newDeadline', 'period', 'actual', 'rag', 'action', 'from', 'into']) {
    if (typeof data[key] === 'string' || typeof data[key] === 'number') parts.push(`${key}: ${String(data[key])}`);
  }
  const contract = data.contract as { valuePence?: number; provider?: string } | undefined;
  if (contract?.valuePence !== undefined) parts.push(`value: ${formatPence(contract.valuePence)}`);
  if (Array.isArray(data.budgetLines)) parts.push(`${data.budgetLines.length} budget line(s)`);
  return parts.join('; ');
}

export interface ActionView {
  readonly command: string;
  /** The command's path on this case, its parameters filled in (checkpoints/due-diligence, payments/claims/c-1/approval). */
  readonly path: string;
  /** The path as a name for ids and for the form that was posted. */
  readonly slug: string;
  readonly title: string;
  readonly button: string;
  readonly page?: string;
  readonly warning?: boolean;
  readonly fields: ReadonlyArray<FormField & { id: string; input: string; anchor?: string }>;
}

/** Where one command stands open: the workflow's step or the claim it acts on, and the choices the case gives its fields. */
interface OpenAction {
  readonly command: PersonCaseCommand;
  readonly params?: Record<string, string>;
  readonly subject?: string;
  readonly options?: Readonly<Record<string, ReadonlyArray<{ value: string; text: string }>>>;
}

export const slugOf = (path: string): string => path.replace(/[^\w-]+/g, '-');

const pick = (values: readonly string[]) => values.map((value) => ({ value, text: value }));

/** The workflow's open commands at this stage, a generic step named with its outcomes. */
function workflowActions(state: OpenCase): OpenAction[] {
  return openCommands(state.workflow, state).flatMap((rule): OpenAction[] => {
    if (!isPersonCaseCommand(rule.command)) return [];
    const command = rule.command;
    if (!rule.step) return [{ command, options: command === 'ReportPerformance' ? { measureId: (state.contract?.measures ?? []).map((m) => ({ value: m.id, text: m.name })) } : {} }];
    const step = rule.step;
    return [{ command, params: { step: step.id }, subject: step.label, options: step.kind === 'checkpoint' ? { outcome: pick(step.outcomes) } : {} }];
  });
}

/** The payment commands open on the contract for this person, each claim's own. */
function paymentActions(state: OpenCase, caller: Caller): OpenAction[] {
  const payments = state.payments;
  const option = (i: { id: string; pence: number; dueOn: string }) => ({ value: i.id, text: `${i.id} (${formatPence(i.pence)}, due ${formatUkDate(i.dueOn)})` });
  const instalments = {
    instalmentId: (payments?.instalments ?? []).map(option),
    instalmentIds: (payments?.instalments ?? []).filter((i) => isCarriable(payments!, i)).map(option),
    toYear: pick([followingFinancialYear(state.profile.financialYear)]),
  };
  const checkpoints = pick([...new Set((payments?.instalments ?? []).flatMap((i) => (i.condition.kind === 'checkpoint' ? [i.condition.name] : [])))]);
  return openPaymentCommands(state, caller.id).map(({ command, claim }) =>
    claim
      ? { command, params: { claimId: claim.claimId }, subject: `${claim.claimId}, ${formatPence(claim.pence)} on ${claim.instalmentId} (recorded by ${claim.recordedBy})` }
      : { command, options: { ...instalments, checkpoint: checkpoints } },
  );
}

/**
 * The actions open now: the commands the case's workflow version allows at its stage
 * (openCommands) and the payment commands its contract leaves open (openPaymentCommands),
 * those the caller's role may give (CASE_COMMAND_ACCESS), each with its form.
 */
export function actionsFor(state: OpenCase, caller: Caller): ActionView[] {
  return [...workflowActions(state), ...paymentActions(state, caller)]
    .filter(({ command }) => mayGive(caller, command, state.profile.locality))
    .map(({ command, params, subject, options }) => {
      const form = CASE_FORMS[command];
      const path = pathOfCommand(command, params);
      const slug = slugOf(path);
      // A problem may name a whole list (instalments): its first row's first field carries the list's anchor.
      const firsts = new Map((form.lists ?? []).map((list) => [form.fields.find((f) => f.name.startsWith(`${list}.`))?.name, list]));
      const fields = form.fields.map((field) => ({
        ...field,
        id: fieldId(`${slug}.${field.name}`),
        input: inputName(field.name),
        ...(firsts.has(field.name) ? { anchor: fieldId(`${slug}.${firsts.get(field.name)}`) } : {}),
        ...(options?.[field.name] ? { options: options[field.name] } : {}),
      }));
      const title = subject ? `${form.title}: ${subject}` : form.title;
      return { command, path, slug, title, button: form.button, page: form.page, warning: form.warning, fields };
    });
}

export function casePage(state: OpenCase & { revision: number }, history: readonly StoredEvent[], deadlines: readonly Deadline[], caller: Caller) {
  // The version the case opened under, recorded whole on the case.
  const workflow = state.workflow;
  const stage = workflow.stages.find((s) => s.id === state.stage);
  const measures = (state.contract?.measures ?? state.plan?.measures ?? []).map((measure) => ({
    ...measure,
    reports: state.reports.filter((r) => r.measureId === measure.id),
  }));
  return {
    state,
    workflow,
    stage,
    path: workflowPath(workflow, state.stage),
    value: state.contract?.valuePence ?? state.allocationPence ?? state.estimatedValuePence ?? state.grant?.requestedPence,
    measures,
    deadlines,
    actions: actionsFor(state, caller),
    timeline: [...history].reverse().map((event) => ({
      label: { text: inWords(event.type) },
      byline: { text: `${event.metadata.actor?.id ?? 'system'} (${event.metadata.actor?.role ?? 'system'})` },
      datetime: { timestamp: event.metadata.occurredAt, format: 'datetime' },
      text: [describe(event), `recorded ${event.metadata.recordedAt}`].filter(Boolean).join(' · '),
    })),
  };
}
