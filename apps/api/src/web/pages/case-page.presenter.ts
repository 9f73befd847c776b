import { type Caller, CASE_COMMAND_ACCESS, isPersonCaseCommand, mayGive } from '@app/auth';
import { formatPence, type OpenCase, openCommands, workflowPath } from '@app/domain';
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
  const data = (event.data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['reason', 'notes', 'commentary', 'decision', 'provider', 'board', 'meetingOn', 'newDeadline', 'period', 'actual', 'rag', 'action']) {
    if (typeof data[key] === 'string' || typeof data[key] === 'number') parts.push(`${key}: ${String(data[key])}`);
  }
  const contract = data.contract as { valuePence?: number; provider?: string } | undefined;
  if (contract?.valuePence !== undefined) parts.push(`value: ${formatPence(contract.valuePence)}`);
  if (Array.isArray(data.budgetLines)) parts.push(`${data.budgetLines.length} budget line(s)`);
  return parts.join('; ');
}

export interface ActionView {
  readonly command: string;
  readonly path: string;
  readonly title: string;
  readonly button: string;
  readonly page?: string;
  readonly warning?: boolean;
  readonly fields: ReadonlyArray<FormField & { id: string; input: string }>;
}

/**
 * The actions open now: the commands the case's workflow version allows at its stage
 * (openCommands), those the caller's role may give (CASE_COMMAND_ACCESS), each with its form.
 */
export function actionsFor(state: OpenCase, caller: Caller): ActionView[] {
  return openCommands(state.workflow, state)
    .map((rule) => rule.command)
    .filter(isPersonCaseCommand)
    .filter((command) => mayGive(caller, command, state.profile.locality))
    .map((command) => {
      const form = CASE_FORMS[command];
      const measures = state.contract?.measures ?? [];
      const fields = form.fields.map((field) => ({
        ...field,
        id: fieldId(`${CASE_COMMAND_ACCESS[command].path}.${field.name}`),
        input: inputName(field.name),
        ...(command === 'ReportPerformance' && field.name === 'measureId' ? { options: measures.map((m) => ({ value: m.id, text: m.name })) } : {}),
      }));
      return { command, path: CASE_COMMAND_ACCESS[command].path, title: form.title, button: form.button, page: form.page, warning: form.warning, fields };
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
