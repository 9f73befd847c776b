import type { Type } from '@nestjs/common';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { isPersonCaseCommand, mayGive, pathParametersOf, type PersonCaseCommand } from '@app/auth';
import { type AddedField, CASE_COMMAND_REQUESTS } from '@app/case-requests';
import {
  type BusinessDate,
  businessDateProblem,
  type CaseCommand,
  type FieldProblem,
  type FrameworkDefinition,
  frameworkBoardCodes,
  secondApprovalAbovePence,
} from '@app/domain';
import { validateAsBody } from '@app/platform';
import SCENARIO_SCHEMA from '../../../infra/scenarios/scenario.schema.json';

export { SCENARIO_SCHEMA };

/** One business action of a scenario, on its date, by someone in a role, on a case of the framework. */
export interface ScriptedAction {
  /** Where the action stands in the scenario document: `actions[12]`. */
  readonly index: number;
  readonly on: BusinessDate;
  /** A locality slug (its PLF case) or a line ref (B05), as written. */
  readonly target: { readonly locality: string } | { readonly ref: string };
  readonly caseId: string;
  readonly actor: { readonly id: string; readonly role: 'opcc-staff' | 'csp' | 'admin'; readonly locality?: string };
  readonly command: CaseCommand;
  readonly note: string;
}

/** A scenario read against its framework: every action resolved to its case. */
export interface Scenario {
  readonly financialYear: string;
  readonly title: string;
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly actions: readonly ScriptedAction[];
}

/** A scenario refused before anything runs, with every problem found and where. */
export class ScenarioRefused extends Error {
  constructor(
    readonly problems: readonly FieldProblem[],
    source = 'The scenario',
  ) {
    super(`${source} is refused:\n${problems.map((p) => `  ${p.field}: ${p.reason}`).join('\n')}`);
    this.name = 'ScenarioRefused';
  }
}

const validateShape = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(SCENARIO_SCHEMA);

/** ajv's `/actions/3/target` as the field the rest of the ledger names: `actions[3].target`. */
const fieldOf = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '') || '(document)';

function shapeProblems(errors: readonly ErrorObject[]): FieldProblem[] {
  // A oneOf reports each branch's failure too; the branches' own errors say more.
  const specific = errors.filter((e) => e.keyword !== 'oneOf' || errors.every((o) => o === e || !o.instancePath.startsWith(e.instancePath)));
  const problems = specific.map((e): FieldProblem => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
    const reason = e.keyword === 'false schema' && /\/command\/on$/.test(e.instancePath) ? 'must not carry `on`: the action\'s `on` is its date' : `${e.message ?? 'is not allowed'}${extra}`;
    return { field: fieldOf(e.instancePath), reason };
  });
  return problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.reason === p.reason) === i);
}

type Json = Record<string, any>;

/**
 * Reads a scenario document against the framework it runs on: its shape by its published
 * schema (infra/scenarios/scenario.schema.json), then each command by the rules of its
 * request (@app/case-requests, validated as the API validates a body), then what only the
 * framework can answer. What the case decides is the case's to judge when each one runs.
 */
export async function readScenario(document: unknown, framework: FrameworkDefinition): Promise<Scenario> {
  if (!validateShape(document)) throw new ScenarioRefused(shapeProblems(validateShape.errors ?? []));
  const doc = document as Json;
  const problems: FieldProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field, reason });
  if (doc.financialYear !== framework.financialYear) {
    add('financialYear', `is ${doc.financialYear}, but the framework is for ${framework.financialYear}`);
  }
  const from: string = doc.from ?? framework.issuedOn;
  const to: string = doc.to ?? framework.period.end;
  for (const [field, value] of [['from', doc.from], ['to', doc.to]] as const) {
    const problem = value === undefined ? undefined : businessDateProblem(value);
    if (problem) add(field, problem);
  }
  if (to < from) add('to', `${to} is before from (${from})`);
  const actions: ScriptedAction[] = [];
  for (const [index, action] of (doc.actions as Json[]).entries()) {
    const at = `actions[${index}]`;
    const before = problems.length;
    const dateProblem = businessDateProblem(action.on);
    if (dateProblem) add(`${at}.on`, dateProblem);
    else if (action.on < from || action.on > to) add(`${at}.on`, `${action.on} is outside the scenario's run, ${from} to ${to}`);
    const caseId = caseOf(framework, action.target, `${at}.target`, add);
    const type = String(action.command.type);
    if (!isPersonCaseCommand(type)) {
      add(`${at}.command.type`, `"${type}" is not a case command a person gives`);
      continue;
    }
    if (caseId) {
      const locality = framework.commitments.find((c) => c.caseId === caseId)?.locality ?? null;
      if (!mayGive(action.actor, type, locality)) {
        add(`${at}.actor`, `${describeActor(action.actor)} may not give ${type} on ${caseId}${locality ? ` (${locality})` : ''}`);
      }
    }
    const fields = await requestedFields(type, action, framework, `${at}.command`, add);
    if (problems.length > before || !caseId || !fields) continue;
    const command = { type, on: action.on, ...fields } as CaseCommand;
    actions.push({ index, on: action.on, target: action.target, caseId, actor: action.actor, command, note: action.note ?? '' });
  }
  if (problems.length) throw new ScenarioRefused(problems);
  return { financialYear: framework.financialYear, title: doc.title ?? `Scenario ${framework.financialYear}`, from, to, actions };
}

/** What the adapter adds to a command, as the API adds it: the scenario does not write these. */
const ADDED: { readonly [F in AddedField]: { readonly from: string; readonly value: (action: Json, framework: FrameworkDefinition) => unknown } } = {
  by: { from: "the action's actor gives the command", value: (action) => action.actor.id },
  frameworkBoards: { from: "they are the framework's boards", value: (_action, framework) => frameworkBoardCodes(framework) },
  secondApprovalAbovePence: { from: "it is the framework's threshold", value: (_action, framework) => secondApprovalAbovePence(framework) },
};

/**
 * A command's fields checked by the rules of its request, as the API checks its body and
 * path (the path's `:step` or `:claimId` is a field here, there being no path): the
 * fields, as the request reads them, with what the adapter adds; or undefined, every
 * problem added. Its `on` is the action's.
 */
async function requestedFields(
  type: PersonCaseCommand,
  action: Json,
  framework: FrameworkDefinition,
  at: string,
  add: (field: string, reason: string) => void,
): Promise<Record<string, unknown> | undefined> {
  const request = CASE_COMMAND_REQUESTS[type];
  const { type: _type, ...body } = action.command as Json;
  const added: Record<string, unknown> = {};
  let refused = false;
  for (const field of request.adds ?? []) {
    if (Object.hasOwn(body, field)) {
      add(`${at}.${field}`, `is not written: ${ADDED[field].from}`);
      refused = true;
      delete body[field];
    }
    added[field] = ADDED[field].value(action, framework);
  }
  const path: Json = {};
  for (const name of pathParametersOf(type)) {
    if (Object.hasOwn(body, name)) path[name] = body[name];
    delete body[name];
  }
  const checked = await Promise.all([checkedFields(body, request.body, at, add), request.path ? checkedFields(path, request.path, at, add) : {}]);
  if (refused || checked.some((fields) => fields === undefined)) return undefined;
  return Object.assign({}, ...checked, added);
}

async function checkedFields(value: Json, rules: Type<object>, at: string, add: (field: string, reason: string) => void): Promise<Json | undefined> {
  const result = await validateAsBody(value, rules);
  if ('errors' in result) {
    for (const error of result.errors) add(`${at}.${error.field}`, error.reason);
    return undefined;
  }
  // Plain JSON, as the store takes it: the request's instances (nested ones too) lose their
  // classes, and the optional fields left out (declared on the class, so present as undefined) stay out.
  return JSON.parse(JSON.stringify(result.value)) as Json;
}

function caseOf(framework: FrameworkDefinition, target: Json, field: string, add: (field: string, reason: string) => void): string | undefined {
  if ('locality' in target) {
    const found = framework.commitments.find((c) => c.mechanism === 'plf' && c.locality === target.locality);
    if (!found) {
      const known = framework.commitments.filter((c) => c.mechanism === 'plf').map((c) => c.locality);
      add(`${field}.locality`, `"${target.locality}" is not a locality with a PLF case in ${framework.title}: ${known.join(', ')}`);
    }
    return found?.caseId;
  }
  const found = framework.commitments.find((c) => c.ref === target.ref);
  if (!found) add(`${field}.ref`, `"${target.ref}" is not a line of ${framework.title}: ${framework.commitments.map((c) => c.ref).join(', ')}`);
  return found?.caseId;
}

const describeActor = (actor: ScriptedAction['actor']): string =>
  `${actor.id} (${actor.role}${actor.locality ? ` of ${actor.locality}` : ''})`;
