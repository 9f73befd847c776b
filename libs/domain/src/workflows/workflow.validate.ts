import { PAYMENT_EVENT_TYPES } from '../payments/payment.events';
import type { CaseOpeningCommand } from '../cases/case.commands';
import { DomainError } from '../shared/domain-error';
import { isPence } from '../shared/money';
import { MECHANISMS } from '../frameworks/framework.types';
import { GUARDS, isGuardName } from './guards';
import {
  COMMAND_EVENTS, isCaseCommandType, isCaseEventType, OPENING_COMMANDS, STAGE_EVENT_TYPES, STEP_COMMANDS, STEP_EVENTS, SYSTEM_COMMANDS,
} from './vocabulary';
import { WORKFLOW_SCHEMA, type GuardUse, type StageTarget, type WorkflowDefinition } from './workflow.types';

/** One reason a workflow document is refused, at its JSON path (`commands[3].guards[1]`). */
export interface WorkflowProblem {
  readonly field: string;
  readonly reason: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const PHASES = ['pre-award', 'contract', 'ended'];
const FREQUENCIES = ['monthly', 'quarterly', 'six-monthly', 'annual'];
const DEADLINE_DUE: Readonly<Record<string, string>> = {
  'plf-meeting': 'meeting-deadline',
  'performance-report': 'measure-frequency',
  'contract-end': 'contract-end',
  'payment-instalment': 'payment-schedule',
};
const RECIPIENTS = ['csp', 'contract-manager', 'opcc-lead'];
const KEYS = ['schema', 'id', 'version', 'title', 'mechanism', 'opensWith', 'stages', 'steps', 'commands', 'events', 'deadlines', 'settings'];

/**
 * Checks a workflow document before anything uses it, and names the path of every problem:
 * a rule that points at no stage, a stage nothing reaches, a guard on a command it does not
 * apply to or with the wrong parameters, a deadline opened, met or cancelled by an event the
 * workflow cannot produce, settings out of range. Pure: the same answer for the same document.
 */
export function validateWorkflow(document: unknown): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field, reason });
  if (!isObject(document)) return [{ field: '(document)', reason: 'must be a JSON object' }];
  const doc = document;
  Object.keys(doc).filter((k) => !KEYS.includes(k)).forEach((k) => add(k, 'is not a field of a workflow document'));
  if (doc.schema !== undefined && doc.schema !== WORKFLOW_SCHEMA) add('schema', `must be "${WORKFLOW_SCHEMA}"`);
  if (typeof doc.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(doc.id)) add('id', 'must be lower-case letters, digits and hyphens (up to 63)');
  if (!Number.isSafeInteger(doc.version) || (doc.version as number) < 1) add('version', 'must be a whole number, 1 or more');
  if (typeof doc.title !== 'string' || doc.title.trim() === '') add('title', 'must be a non-empty string');
  if (doc.mechanism !== null && !MECHANISMS.includes(doc.mechanism as never)) add('mechanism', `must be one of ${MECHANISMS.join(', ')} or null`);

  const stages = list(doc.stages).filter(isObject);
  if (!Array.isArray(doc.stages) || stages.length === 0) add('stages', 'must list at least one stage');
  const stageIds = new Set<string>();
  list(doc.stages).forEach((s, i) => {
    if (!isObject(s) || typeof s.id !== 'string' || s.id === '' || s.id === 'same') return add(`stages[${i}].id`, 'must be a non-empty string other than "same"');
    if (stageIds.has(s.id)) add(`stages[${i}].id`, `"${s.id}" is defined twice`);
    stageIds.add(s.id);
    if (typeof s.label !== 'string' || s.label.trim() === '') add(`stages[${i}].label`, 'must be a non-empty string');
    if (!PHASES.includes(s.phase as string)) add(`stages[${i}].phase`, `must be one of ${PHASES.join(', ')}`);
  });

  const steps = new Map<string, Json>();
  list(doc.steps).forEach((s, i) => {
    const at = `steps[${i}]`;
    if (!isObject(s) || typeof s.id !== 'string' || s.id === '') return add(`${at}.id`, 'must be a non-empty string');
    if (steps.has(s.id)) add(`${at}.id`, `"${s.id}" is defined twice`);
    steps.set(s.id, s);
    if (typeof s.label !== 'string' || s.label.trim() === '') add(`${at}.label`, 'must be a non-empty string');
    if (s.kind === 'checkpoint') {
      const outcomes = list(s.outcomes);
      if (outcomes.length === 0 || !outcomes.every((o) => typeof o === 'string' && o !== '')) add(`${at}.outcomes`, 'must list at least one outcome');
    } else if (s.kind === 'approval') {
      if (!isPence(s.thresholdPence) || s.thresholdPence < 0) add(`${at}.thresholdPence`, 'must be a whole number of pence, zero or more');
    } else add(`${at}.kind`, 'must be "checkpoint" or "approval"');
  });
  list(doc.steps).forEach((s, i) => {
    if (isObject(s) && s.kind === 'approval' && steps.get(String(s.approves))?.kind !== 'checkpoint') {
      add(`steps[${i}].approves`, `must name one of the workflow's checkpoint steps`);
    }
  });

  const stageRef = (value: unknown, at: string) => {
    if (typeof value !== 'string' || !stageIds.has(value)) add(at, `points to no stage: "${String(value)}" is not one of ${[...stageIds].join(', ')}`);
  };
  const stepRef = (rule: Json, kind: string | undefined, at: string) => {
    if (kind === undefined) {
      if (rule.step !== undefined) add(`${at}.step`, 'only the generic step commands and events name a step');
      return;
    }
    const step = steps.get(String(rule.step));
    if (!step) add(`${at}.step`, `must name one of the workflow's ${kind} steps`);
    else if (step.kind !== kind) add(`${at}.step`, `"${String(rule.step)}" is a ${String(step.kind)} step, not a ${kind}`);
  };

  const opensWith = list(doc.opensWith);
  if (opensWith.length === 0) add('opensWith', 'must name at least one opening command');
  opensWith.forEach((c, i) => {
    if (!OPENING_COMMANDS.includes(c as CaseOpeningCommand['type'])) add(`opensWith[${i}]`, `must be one of ${OPENING_COMMANDS.join(', ')}`);
  });

  const eventRules = list(doc.events).filter(isObject);
  list(doc.events).forEach((r, i) => {
    const at = `events[${i}]`;
    if (!isObject(r)) return add(at, 'must be an object');
    if (!isCaseEventType(r.event) || !STAGE_EVENT_TYPES.includes(r.event)) return add(`${at}.event`, `"${String(r.event)}" is not a case event a stage rule can name`);
    stepRef(r, STEP_EVENTS[r.event], at);
    list(r.from).forEach((stage, j) => stageRef(stage, `${at}.from[${j}]`));
    if (!Array.isArray(r.from)) add(`${at}.from`, 'must be a list of stages ([] for the opening event)');
    checkTarget(r.to as StageTarget, `${at}.to`, stageRef, add);
  });
  // Payment events are decided in any stage (no event rule places them) and may open or meet a deadline.
  const produced = new Set([...eventRules.map((r) => String(r.event)), ...PAYMENT_EVENT_TYPES]);

  opensWith.forEach((c, i) => {
    const event = COMMAND_EVENTS[c as CaseOpeningCommand['type']]?.[0];
    if (event && !eventRules.some((r) => r.event === event && list(r.from).length === 0)) {
      add(`opensWith[${i}]`, `${String(c)} records ${event}, which has no event rule with "from": [] to place the new case`);
    }
  });

  list(doc.commands).forEach((r, i) => {
    const at = `commands[${i}]`;
    if (!isObject(r)) return add(at, 'must be an object');
    if (!isCaseCommandType(r.command) || OPENING_COMMANDS.includes(r.command as never) || SYSTEM_COMMANDS.includes(r.command)) {
      return add(`${at}.command`, `"${String(r.command)}" is not a command a workflow can allow in a stage`);
    }
    const command = r.command;
    stepRef(r, STEP_COMMANDS[command], at);
    if (!Array.isArray(r.from) || r.from.length === 0) add(`${at}.from`, 'must list the stages the command is allowed in');
    list(r.from).forEach((stage, j) => {
      stageRef(stage, `${at}.from[${j}]`);
      const event = COMMAND_EVENTS[command][0];
      const placed = eventRules.some((e) => e.event === event && list(e.from).includes(stage) && (e.step === undefined || e.step === r.step));
      if (stageIds.has(String(stage)) && !placed) add(`${at}.from[${j}]`, `${command} records ${event}, and no event rule places it from "${String(stage)}"`);
    });
    list(r.guards).forEach((g, j) => checkGuard(g as GuardUse, command, `${at}.guards[${j}]`, add));
  });

  list(doc.deadlines).forEach((d, i) => {
    const at = `deadlines[${i}]`;
    if (!isObject(d)) return add(at, 'must be an object');
    if (!(String(d.kind) in DEADLINE_DUE)) add(`${at}.kind`, `must be one of ${Object.keys(DEADLINE_DUE).join(', ')}`);
    else if (!isObject(d.due) || d.due.kind !== DEADLINE_DUE[String(d.kind)]) add(`${at}.due.kind`, `a ${String(d.kind)} deadline is due by "${DEADLINE_DUE[String(d.kind)]}"`);
    if (typeof d.label !== 'string' || d.label.trim() === '') add(`${at}.label`, 'must be a non-empty string');
    if (!RECIPIENTS.includes(String(d.concerns))) add(`${at}.concerns`, `must be one of ${RECIPIENTS.join(', ')}`);
    if (d.escalateTo !== 'opcc-lead') add(`${at}.escalateTo`, 'must be "opcc-lead"');
    for (const field of ['opensOn', 'metBy', 'cancelledBy'] as const) {
      if (!Array.isArray(d[field])) add(`${at}.${field}`, 'must be a list of events');
      list(d[field]).forEach((e, j) => {
        if (!produced.has(String(e))) add(`${at}.${field}[${j}]`, `"${String(e)}" is not an event this workflow can produce (it has no event rule)`);
      });
    }
    if (list(d.opensOn).length === 0) add(`${at}.opensOn`, 'must name at least one event');
    const days = list(d.remindDaysBefore);
    if (!Array.isArray(d.remindDaysBefore) || !days.every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 366)) {
      add(`${at}.remindDaysBefore`, 'must be a list of whole numbers of days, 0 to 366');
    } else if (new Set(days).size !== days.length) add(`${at}.remindDaysBefore`, 'names a day twice');
  });

  checkSettings(doc.settings, add);
  if (problems.length === 0) checkReachable(doc, add);
  return problems;
}

function checkTarget(to: StageTarget, at: string, stageRef: (v: unknown, at: string) => void, add: (f: string, r: string) => void): void {
  if (to === 'same') return;
  if (typeof to === 'string') return stageRef(to, at);
  if (!isObject(to) || typeof to.byField !== 'string' || !isObject(to.values) || Object.keys(to.values).length === 0) {
    return add(at, 'must be a stage, "same", or { "byField": …, "values": { …: stage } }');
  }
  Object.entries(to.values).forEach(([value, stage]) => stageRef(stage, `${at}.values.${value}`));
}

function checkGuard(use: GuardUse, command: string, at: string, add: (f: string, r: string) => void): void {
  const name = typeof use === 'string' ? use : isObject(use) ? use.guard : undefined;
  if (!isGuardName(name)) return add(typeof use === 'string' ? at : `${at}.guard`, `"${String(name)}" is not a guard`);
  const spec = GUARDS[name];
  if (!spec.commands.includes(command as never)) {
    add(at, `${name} does not apply to ${command}; it applies to ${spec.commands.join(', ')}`);
  }
  const params = typeof use === 'string' ? {} : isObject(use.params) ? use.params : use.params === undefined ? {} : null;
  if (params === null) return add(`${at}.params`, 'must be an object');
  for (const [param, type] of Object.entries(spec.params)) {
    const value = params[param];
    const ok = type === 'pence' ? isPence(value) && value >= 0 : typeof value === 'string' && value !== '';
    if (!ok) add(`${at}.params.${param}`, type === 'pence' ? 'must be a whole number of pence, zero or more' : 'must be a non-empty string');
  }
  Object.keys(params).filter((p) => !(p in spec.params)).forEach((p) => add(`${at}.params.${p}`, `${name} takes no parameter "${p}"`));
}

function checkSettings(raw: unknown, add: (f: string, r: string) => void): void {
  if (!isObject(raw)) return add('settings', 'must be an object');
  const whole = (field: string, min: number, max: number) => {
    const v = raw[field];
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) add(`settings.${field}`, `must be a whole number from ${min} to ${max}`);
  };
  whole('underAchievementAfterConsecutiveReds', 1, 12);
  whole('reportDueDaysAfterPeriod', 0, 90);
  const amber = raw.amberTolerancePercent;
  if (typeof amber !== 'number' || !Number.isFinite(amber) || amber < 0 || amber > 50) add('settings.amberTolerancePercent', 'must be a number from 0 to 50');
  if (!FREQUENCIES.includes(raw.defaultReportingFrequency as string)) add('settings.defaultReportingFrequency', `must be one of ${FREQUENCIES.join(', ')}`);
  const known = ['underAchievementAfterConsecutiveReds', 'amberTolerancePercent', 'reportDueDaysAfterPeriod', 'defaultReportingFrequency'];
  Object.keys(raw).filter((k) => !known.includes(k)).forEach((k) => add(`settings.${k}`, 'is not a setting'));
}

/** Every stage must be reachable from an opening event through the event rules. */
function checkReachable(doc: Json, add: (f: string, r: string) => void): void {
  const rules = list(doc.events) as { from: string[]; to: StageTarget }[];
  const targets = (to: StageTarget): string[] => (to === 'same' ? [] : typeof to === 'string' ? [to] : Object.values(to.values));
  const reached = new Set(rules.filter((r) => r.from.length === 0).flatMap((r) => targets(r.to)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const rule of rules) {
      if (!rule.from.some((s) => reached.has(s))) continue;
      for (const stage of targets(rule.to)) {
        if (reached.has(stage)) continue;
        reached.add(stage);
        grew = true;
      }
    }
  }
  list(doc.stages).forEach((s, i) => {
    const id = (s as { id: string }).id;
    if (!reached.has(id)) add(`stages[${i}]`, `nothing reaches "${id}": no event rule moves a case there from an opening or a reachable stage`);
  });
}

/** A checked workflow document, or a refusal naming every problem. */
export function readWorkflowDocument(document: unknown, at = ''): WorkflowDefinition {
  const problems = validateWorkflow(document);
  if (problems.length > 0) {
    const errors = problems.map((p) => ({ field: at ? `${at}.${p.field}` : p.field, reason: p.reason }));
    throw new DomainError(
      'INVALID_WORKFLOW',
      `The workflow document was refused: ${errors.slice(0, 3).map((e) => `${e.field}: ${e.reason}`).join('; ')}` +
        (errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''),
      { errors },
    );
  }
  const { schema: _schema, ...definition } = document as Json;
  return { steps: [], ...definition } as unknown as WorkflowDefinition;
}
