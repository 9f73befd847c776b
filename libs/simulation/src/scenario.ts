import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { isPersonCaseCommand, mayGive } from '@app/auth';
import { type BusinessDate, businessDateProblem, type CaseCommand, type FieldProblem, type FrameworkDefinition } from '@app/domain';
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
 * schema (infra/scenarios/scenario.schema.json), then what only the framework can answer.
 * The commands' own content is the case's to judge when each one runs.
 */
export function readScenario(document: unknown, framework: FrameworkDefinition): Scenario {
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
  const actions = (doc.actions as Json[]).flatMap((action, index): ScriptedAction[] => {
    const at = `actions[${index}]`;
    const before = problems.length;
    const dateProblem = businessDateProblem(action.on);
    if (dateProblem) add(`${at}.on`, dateProblem);
    else if (action.on < from || action.on > to) add(`${at}.on`, `${action.on} is outside the scenario's run, ${from} to ${to}`);
    const caseId = caseOf(framework, action.target, `${at}.target`, add);
    const type = String(action.command.type);
    if (!isPersonCaseCommand(type)) add(`${at}.command.type`, `"${type}" is not a case command a person gives`);
    else if (caseId) {
      const locality = framework.commitments.find((c) => c.caseId === caseId)?.locality ?? null;
      if (!mayGive(action.actor, type, locality)) {
        add(`${at}.actor`, `${describeActor(action.actor)} may not give ${type} on ${caseId}${locality ? ` (${locality})` : ''}`);
      }
    }
    if (problems.length > before || !caseId) return [];
    const { type: _type, ...fields } = action.command;
    const command = { type, on: action.on, ...fields } as CaseCommand;
    return [{ index, on: action.on, target: action.target, caseId, actor: action.actor, command, note: action.note ?? '' }];
  });
  if (problems.length) throw new ScenarioRefused(problems);
  return { financialYear: framework.financialYear, title: doc.title ?? `Scenario ${framework.financialYear}`, from, to, actions };
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
