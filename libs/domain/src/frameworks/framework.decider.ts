import { type Decider, assertNever } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { amountOf, amountsOf, emptyAmounts, type KeyedAmounts, withAmount } from '../shared/keyed-amounts';
import { formatPence, isPence, type Pence } from '../shared/money';
import { DEFAULT_WORKFLOW_REFS } from '../workflows/workflow.registry';
import type { FrameworkCommand } from './framework.commands';
import type { FrameworkEvent } from './framework.events';
import type { FrameworkDefinition, WorkflowSlot } from './framework.types';

import { amendedDefinition, decideAmendment } from './framework.amendments';
import { potsAfter, potsLeftTotal, uncommittedPence } from './budget-figures';
import { decidePublish, evolvePublished, type FrameworkWorkflows } from './framework.workflows';
import type { WorkflowRef } from '../cases/case.types';
import type { WorkflowDefinition } from '../workflows/workflow.types';

export interface FrameworkState extends FrameworkWorkflows {
  readonly definition: FrameworkDefinition | null;
  readonly reservePence: Pence;
  readonly committedPence: Pence;
  /** What is left in each mechanism's pot. */
  readonly potsPence: Readonly<Partial<Record<WorkflowSlot, Pence>>>;
  /** What each case holds of the year (read with amountOf). */
  readonly committedByCase: KeyedAmounts;
  readonly newGrantRoundsOpen: boolean;
  readonly grantRounds: Readonly<Record<string, { opensOn: string; closesOn: string }>>;
}

export const initialFrameworkState: FrameworkState = {
  definition: null,
  reservePence: 0,
  committedPence: 0,
  potsPence: {},
  committedByCase: emptyAmounts,
  newGrantRoundsOpen: false,
  grantRounds: {},
  workflowVersions: [],
  workflows: null,
};

/** What may still be committed without touching the reserve. */
export const availablePence = (state: FrameworkState): Pence =>
  uncommittedPence({ totalPence: state.definition?.totalBudgetPence ?? 0, reservePence: state.reservePence, potsPence: state.potsPence, committedPence: state.committedPence });

export const potsLeftPence = (state: FrameworkState): Pence => potsLeftTotal(state.potsPence);

export function evolveFramework(state: FrameworkState, event: FrameworkEvent): FrameworkState {
  switch (event.type) {
    case 'FrameworkImported': {
      const committedByCase = amountsOf(event.data.commitments.map((c) => [c.caseId, c.valuePence] as const));
      return {
        ...state,
        definition: event.data,
        reservePence: event.data.reservePence,
        potsPence: potsAfter(state.potsPence, event),
        committedPence: event.data.commitments.reduce((sum, c) => sum + c.valuePence, 0),
        committedByCase,
        newGrantRoundsOpen: event.data.pccGrant.newRoundsOpen,
        workflows: workflowsOf(event.data),
      };
    }
    case 'FundsCommitted':
    case 'FundsReleased': {
      const sign = event.type === 'FundsCommitted' ? 1 : -1;
      const held = (amountOf(state.committedByCase, event.data.caseId) ?? 0) + sign * event.data.pence;
      return {
        ...state,
        committedPence: state.committedPence + sign * event.data.pence,
        potsPence: potsAfter(state.potsPence, event),
        committedByCase: withAmount(state.committedByCase, event.data.caseId, held),
      };
    }
    case 'ReserveDrawn':
      return { ...state, reservePence: state.reservePence - event.data.pence };
    case 'PccGrantRoundsSwitched':
      return { ...state, newGrantRoundsOpen: event.data.open };
    case 'PccGrantRoundOpened':
      return {
        ...state,
        grantRounds: { ...state.grantRounds, [event.data.roundId]: { opensOn: event.data.opensOn, closesOn: event.data.closesOn } },
      };
    case 'WorkflowVersionPublished':
      return { ...state, ...evolvePublished(state, event.data.workflow, event.data.assignedTo) };
    case 'FrameworkBudgetChanged':
    case 'BoardAdded':
    case 'LocalityAdded':
    case 'LocalitiesMerged':
    case 'StrategicPriorityAdded': {
      if (!state.definition) return state;
      const reservePence = event.type === 'FrameworkBudgetChanged' ? event.data.reservePence : state.reservePence;
      return { ...state, definition: amendedDefinition(state.definition, event), reservePence };
    }
    default:
      return assertNever(event);
  }
}

/** Frameworks imported before they named workflow versions run the first shipped version of each. */
const workflowsOf = (definition: FrameworkDefinition): Record<WorkflowSlot, WorkflowRef> => ({
  ...DEFAULT_WORKFLOW_REFS,
  ...(definition.workflows ?? {}),
});

export function decideFramework(command: FrameworkCommand, state: FrameworkState): FrameworkEvent[] {
  if (command.type === 'ImportFramework') return decideImport(command.definition, state, command.workflowVersions ?? []);
  const definition = state.definition;
  if (!definition) throw new DomainError('FRAMEWORK_NOT_FOUND', 'No framework has been imported for this financial year');
  switch (command.type) {
    case 'SetCaseCommitment':
      return decideCommitment(command, state, definition);
    case 'CarryInCommitment': {
      const available = availablePence(state);
      if (command.pence > available) {
        throw DomainError.field(
          'BUDGET_EXCEEDED',
          'instalmentIds',
          `carrying ${formatPence(command.pence)} would take ${definition.financialYear} past its budget: ${formatPence(available)} is available ` +
            `(budget ${formatPence(definition.totalBudgetPence)}, committed ${formatPence(state.committedPence)}, reserve ${formatPence(state.reservePence)})`,
          { requestedPence: command.pence, availablePence: available, budgetPence: definition.totalBudgetPence, committedPence: state.committedPence, reservePence: state.reservePence },
        );
      }
      const carriedFrom = { financialYear: command.fromYear, instalmentIds: [...command.instalmentIds], profile: command.profile };
      return [
        { type: 'FundsCommitted', data: { caseId: command.caseId, pence: command.pence, reason: 'carry-forward', committedAfterPence: state.committedPence + command.pence, carriedFrom } },
      ];
    }
    case 'DrawOnReserve': {
      if (!isPence(command.pence) || command.pence <= 0) throw DomainError.field('INVALID_AMOUNT', 'pence', 'must be a whole number of pence, more than zero');
      if (command.pence > state.reservePence) {
        throw new DomainError(
          'RESERVE_INSUFFICIENT',
          `Cannot draw ${formatPence(command.pence)}: the commissioning reserve holds ${formatPence(state.reservePence)}`,
          { requestedPence: command.pence, reservePence: state.reservePence },
        );
      }
      const { type: _type, ...decision } = command;
      return [{ type: 'ReserveDrawn', data: { ...decision, reserveAfterPence: state.reservePence - command.pence } }];
    }
    case 'SwitchPccGrantRounds':
      if (state.newGrantRoundsOpen === command.open) return [];
      return [{ type: 'PccGrantRoundsSwitched', data: { open: command.open, reason: command.reason } }];
    case 'OpenPccGrantRound':
      if (!state.newGrantRoundsOpen) {
        throw new DomainError(
          'GRANT_ROUNDS_SWITCHED_OFF',
          `New PCC grant rounds are switched off in the ${definition.financialYear} framework; only grants agreed earlier continue`,
        );
      }
      if (state.grantRounds[command.roundId]) {
        throw DomainError.field('GRANT_ROUND_EXISTS', 'roundId', `round "${command.roundId}" is already open`);
      }
      if (command.closesOn < command.opensOn) throw DomainError.field('INVALID_DATES', 'closesOn', 'must not be before opensOn');
      return [
        { type: 'PccGrantRoundOpened', data: { roundId: command.roundId, title: command.title, opensOn: command.opensOn, closesOn: command.closesOn } },
      ];
    case 'PublishWorkflowVersion':
      return decidePublish(command, state);
    case 'ChangeBudget':
    case 'AddBoard':
    case 'AddLocality':
    case 'MergeLocalities':
    case 'AddStrategicPriority':
      return decideAmendment(command, state, definition);
    default:
      return assertNever(command);
  }
}

/** The framework first, then each workflow version it carries (already checked when the document was read). */
function decideImport(definition: FrameworkDefinition, state: FrameworkState, versions: readonly WorkflowDefinition[]): FrameworkEvent[] {
  if (!state.definition) {
    return [
      { type: 'FrameworkImported', data: definition },
      ...versions.map((workflow): FrameworkEvent => ({
        type: 'WorkflowVersionPublished',
        data: { workflow, assignedTo: [], reason: `Published with the ${definition.financialYear} framework` },
      })),
    ];
  }
  if (state.definition.checksum === definition.checksum) return [];
  throw new DomainError(
    'FRAMEWORK_ALREADY_IMPORTED',
    `The ${definition.financialYear} framework was imported from a different document; changes to it are recorded as their own events`,
    { financialYear: definition.financialYear },
  );
}

function decideCommitment(
  command: Extract<FrameworkCommand, { type: 'SetCaseCommitment' }>,
  state: FrameworkState,
  definition: FrameworkDefinition,
): FrameworkEvent[] {
  if (!isPence(command.pence) || command.pence < 0) throw DomainError.field('INVALID_AMOUNT', 'pence', 'must be a whole number of pence, zero or more');
  const held = amountOf(state.committedByCase, command.caseId) ?? 0;
  const change = command.pence - held;
  if (change === 0) return [];
  if (change < 0) {
    const pence = -change;
    return [{ type: 'FundsReleased', data: { caseId: command.caseId, pence, reason: command.reason, committedAfterPence: state.committedPence - pence } }];
  }
  const potLeft = command.mechanism ? (state.potsPence[command.mechanism] ?? 0) : 0;
  const fromPot = Math.min(potLeft, change);
  const available = availablePence(state) + fromPot;
  if (change > available) {
    throw new DomainError(
      'BUDGET_EXCEEDED',
      `Committing ${formatPence(change)} more would take ${definition.financialYear} past its budget: ` +
        `${formatPence(available)} is available (budget ${formatPence(definition.totalBudgetPence)}, ` +
        `committed ${formatPence(state.committedPence)}, reserve ${formatPence(state.reservePence)}). ` +
        'Drawing on the reserve is its own recorded decision.',
      {
        requestedPence: change,
        availablePence: available,
        budgetPence: definition.totalBudgetPence,
        committedPence: state.committedPence,
        reservePence: state.reservePence,
      },
    );
  }
  if (command.reason === 'termination') throw new DomainError('INVALID_COMMITMENT', 'A termination cannot commit more funds');
  const pot = fromPot > 0 && command.mechanism ? { fromPot: { mechanism: command.mechanism, pence: fromPot } } : {};
  return [{ type: 'FundsCommitted', data: { caseId: command.caseId, pence: change, reason: command.reason, committedAfterPence: state.committedPence + change, ...pot } }];
}

export const frameworkDecider: Decider<FrameworkCommand, FrameworkEvent, FrameworkState> = {
  initialState: initialFrameworkState,
  evolve: evolveFramework,
  decide: decideFramework,
};
