import { amountOf } from '../shared/keyed-amounts';
import { isBusinessDate } from '../shared/business-date';
import { DomainError } from '../shared/domain-error';
import { formatPence, isPence, type Pence } from '../shared/money';
import type { ChangeBudget, FrameworkAmendment, MergeLocalities } from './framework.commands';
import type { FrameworkAmended, FrameworkEvent } from './framework.events';
import type { FrameworkDefinition } from './framework.types';
import { plfCaseIdOf } from './framework.import';
import { potsLeftTotal, uncommittedPence } from './budget-figures';

/** What an amendment needs of the framework's state (FrameworkState, without the import cycle). */
export interface AmendableState {
  readonly definition: FrameworkDefinition | null;
  readonly reservePence: Pence;
  readonly committedPence: Pence;
  readonly potsPence: Readonly<Record<string, Pence | undefined>>;
  readonly committedByCase: Parameters<typeof amountOf>[0];
}

const availableOf = (state: AmendableState, definition: FrameworkDefinition): Pence =>
  uncommittedPence({ totalPence: definition.totalBudgetPence, reservePence: state.reservePence, potsPence: state.potsPence, committedPence: state.committedPence });

function checkCommon(command: FrameworkAmendment): void {
  if (!isBusinessDate(command.on)) throw DomainError.field('INVALID_DATE', 'on', 'must be a business date (YYYY-MM-DD)');
  if (typeof command.reason !== 'string' || command.reason.trim() === '') throw DomainError.field('REASON_REQUIRED', 'reason', 'must say why');
}

const pence = (value: unknown, field: string): Pence => {
  if (!isPence(value) || value < 0) throw DomainError.field('INVALID_AMOUNT', field, 'must be a whole number of pence, zero or more');
  return value;
};

const text = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw DomainError.field('INVALID_FIELD', field, 'must not be empty');
  return value;
};

/**
 * Changes to a framework during its year. Each is refused, naming the field, where it would
 * break what is already committed or clash with what the framework holds; an amendment
 * that changes nothing is already done (no events).
 */
export function decideAmendment(command: FrameworkAmendment, state: AmendableState, definition: FrameworkDefinition): FrameworkAmended[] {
  checkCommon(command);
  const { on, reason } = command;
  switch (command.type) {
    case 'ChangeBudget':
      return decideBudget(command, state, definition);
    case 'AddBoard': {
      const code = text(command.board?.code, 'board.code');
      text(command.board.name, 'board.name');
      const existing = definition.boards.find((b) => b.code === code);
      if (existing && existing.name === command.board.name) return [];
      if (existing) throw DomainError.field('BOARD_EXISTS', 'board.code', `"${code}" is already the ${existing.name}`);
      return [{ type: 'BoardAdded', data: { on, reason, board: { code, name: command.board.name } } }];
    }
    case 'AddStrategicPriority': {
      const { priority } = command;
      const code = text(priority?.code, 'priority.code');
      text(priority.title, 'priority.title');
      const existing = definition.strategicPriorities.find((p) => p.code === code);
      if (existing && JSON.stringify(existing) === JSON.stringify(priority)) return [];
      if (existing) throw DomainError.field('PRIORITY_EXISTS', 'priority.code', `"${code}" is already "${existing.title}"`);
      if (!Number.isInteger(priority.number) || priority.number < 1) throw DomainError.field('INVALID_FIELD', 'priority.number', 'must be a whole number, 1 or more');
      const sameNumber = definition.strategicPriorities.find((p) => p.number === priority.number);
      if (sameNumber) throw DomainError.field('PRIORITY_EXISTS', 'priority.number', `${priority.number} is already ${sameNumber.code}`);
      if (!definition.themes.some((t) => t.code === priority.theme)) {
        throw DomainError.field('UNKNOWN_THEME', 'priority.theme', `"${String(priority.theme)}" is not a theme: ${definition.themes.map((t) => t.code).join(', ')}`);
      }
      return [{ type: 'StrategicPriorityAdded', data: { on, reason, priority: { code, number: priority.number, theme: priority.theme, title: priority.title } } }];
    }
    case 'AddLocality':
      return decideNewLocality(command, state, definition);
    case 'MergeLocalities':
      return decideMerge(command, state, definition);
  }
}

/** The budget may not fall below what is committed, the reserve and the pots left. */
function decideBudget(command: ChangeBudget, state: AmendableState, definition: FrameworkDefinition): FrameworkAmended[] {
  if (command.totalBudgetPence === undefined && command.reservePence === undefined) {
    throw DomainError.field('NOTHING_TO_CHANGE', 'totalBudgetPence', 'give a new total, a new reserve, or both');
  }
  const total = command.totalBudgetPence === undefined ? definition.totalBudgetPence : pence(command.totalBudgetPence, 'totalBudgetPence');
  const reserve = command.reservePence === undefined ? state.reservePence : pence(command.reservePence, 'reservePence');
  if (total === definition.totalBudgetPence && reserve === state.reservePence) return [];
  const held = state.committedPence + potsLeftTotal(state.potsPence);
  if (held + reserve > total) {
    const field = command.totalBudgetPence !== undefined && total < definition.totalBudgetPence ? 'totalBudgetPence' : 'reservePence';
    throw DomainError.field(
      'BUDGET_BELOW_COMMITTED',
      field,
      `${formatPence(total)} cannot hold what is committed (${formatPence(state.committedPence)}), the pots left (${formatPence(potsLeftTotal(state.potsPence))}) ` +
        `and a reserve of ${formatPence(reserve)}: at least ${formatPence(held + reserve)} is needed`,
      { totalBudgetPence: total, reservePence: reserve, committedPence: state.committedPence, potsPence: potsLeftTotal(state.potsPence) },
    );
  }
  const data = { on: command.on, reason: command.reason, totalBudgetPence: total, reservePence: reserve, totalBeforePence: definition.totalBudgetPence, reserveBeforePence: state.reservePence };
  return [{ type: 'FrameworkBudgetChanged', data }];
}

/** A new locality's PLF allocation must fit in what is available: the year's PLF grows by it. */
function decideNewLocality(command: Extract<FrameworkAmendment, { type: 'AddLocality' }>, state: AmendableState, definition: FrameworkDefinition): FrameworkAmended[] {
  const { locality } = command;
  const slug = text(locality?.slug, 'locality.slug');
  text(locality.name, 'locality.name');
  const allocation = pence(locality.plfAllocationPence, 'locality.plfAllocationPence');
  if (typeof locality.vliSharePercent !== 'number' || !(locality.vliSharePercent >= 0 && locality.vliSharePercent <= 100)) {
    throw DomainError.field('INVALID_FIELD', 'locality.vliSharePercent', 'must be a percentage, 0 to 100');
  }
  if (locality.plfMeetingDeadline !== undefined && !isBusinessDate(locality.plfMeetingDeadline)) {
    throw DomainError.field('INVALID_DATE', 'locality.plfMeetingDeadline', 'must be a business date (YYYY-MM-DD)');
  }
  const existing = definition.localities.find((l) => l.slug === slug);
  if (existing && JSON.stringify(existing) === JSON.stringify(locality)) return [];
  if (existing) throw DomainError.field('LOCALITY_EXISTS', 'locality.slug', `"${slug}" is already ${existing.name}`);
  const available = availableOf(state, definition);
  if (allocation > available) {
    throw DomainError.field('BUDGET_EXCEEDED', 'locality.plfAllocationPence', `${formatPence(allocation)} is more than the ${formatPence(available)} available`, {
      requestedPence: allocation,
      availablePence: available,
    });
  }
  return [{ type: 'LocalityAdded', data: { on: command.on, reason: command.reason, locality: { ...locality, slug } } }];
}

/**
 * One locality joins another: its allocation and VLI share move to the one it joins, and
 * its lines count there. The result may not be less than the two PLF cases already hold,
 * and what it adds must be available.
 */
function decideMerge(command: MergeLocalities, state: AmendableState, definition: FrameworkDefinition): FrameworkAmended[] {
  const known = definition.localities.map((l) => l.slug);
  const find = (slug: string, field: string) => {
    const found = definition.localities.find((l) => l.slug === slug);
    if (!found) throw DomainError.field('UNKNOWN_LOCALITY', field, `"${String(slug)}" is not a locality: ${known.join(', ')}`);
    return found;
  };
  const from = find(command.locality, 'locality');
  const into = find(command.into, 'into');
  if (from.slug === into.slug) throw DomainError.field('INVALID_FIELD', 'into', 'a locality cannot be merged into itself');
  const sum = from.plfAllocationPence + into.plfAllocationPence;
  const result = command.plfAllocationPence === undefined ? sum : pence(command.plfAllocationPence, 'plfAllocationPence');
  const held = [from, into].reduce((total, l) => total + (amountOf(state.committedByCase, plfCaseIdOf(definition, l.slug)) ?? 0), 0);
  if (result < held) {
    throw DomainError.field('ALLOCATION_BELOW_COMMITTED', 'plfAllocationPence', `${formatPence(result)} is less than the ${formatPence(held)} the two localities' PLF cases already hold`, {
      plfAllocationPence: result,
      committedPence: held,
    });
  }
  const available = availableOf(state, definition);
  if (result - sum > available) {
    throw DomainError.field('BUDGET_EXCEEDED', 'plfAllocationPence', `${formatPence(result - sum)} more than the two allocations is more than the ${formatPence(available)} available`);
  }
  const lines = definition.commitments.filter((c) => c.locality === from.slug).map((c) => c.caseId);
  const movedCaseIds = [...new Set([...lines, plfCaseIdOf(definition, from.slug), ...(command.casesInLocality ?? [])])];
  const vliSharePercent = Math.round((from.vliSharePercent + into.vliSharePercent) * 1000) / 1000;
  return [
    {
      type: 'LocalitiesMerged',
      data: { on: command.on, reason: command.reason, locality: from.slug, into: into.slug, plfAllocationPence: result, vliSharePercent, movedCaseIds },
    },
  ];
}

/** The framework as amended. */
export function amendedDefinition(definition: FrameworkDefinition, event: FrameworkAmended): FrameworkDefinition {
  switch (event.type) {
    case 'FrameworkBudgetChanged':
      return { ...definition, totalBudgetPence: event.data.totalBudgetPence, reservePence: event.data.reservePence };
    case 'BoardAdded':
      return { ...definition, boards: [...definition.boards, event.data.board] };
    case 'StrategicPriorityAdded':
      return { ...definition, strategicPriorities: [...definition.strategicPriorities, event.data.priority] };
    case 'LocalityAdded':
      return {
        ...definition,
        localities: [...definition.localities, event.data.locality],
        plf: { ...definition.plf, totalPence: definition.plf.totalPence + event.data.locality.plfAllocationPence },
      };
    case 'LocalitiesMerged': {
      const { locality, into, plfAllocationPence, vliSharePercent } = event.data;
      const before = definition.localities.filter((l) => l.slug === locality || l.slug === into).reduce((sum, l) => sum + l.plfAllocationPence, 0);
      return {
        ...definition,
        localities: definition.localities.filter((l) => l.slug !== locality).map((l) => (l.slug === into ? { ...l, plfAllocationPence, vliSharePercent } : l)),
        plf: { ...definition.plf, totalPence: definition.plf.totalPence + plfAllocationPence - before },
      };
    }
  }
}

export const AMENDMENT_EVENTS: ReadonlySet<FrameworkEvent['type']> = new Set(['FrameworkBudgetChanged', 'BoardAdded', 'LocalityAdded', 'LocalitiesMerged', 'StrategicPriorityAdded']);
export const isAmendment = (event: FrameworkEvent): event is FrameworkAmended => AMENDMENT_EVENTS.has(event.type);
