import { type BusinessDate, type FrameworkDefinition, type OpenCase, type Pence, phaseOf, publishesAsGrant } from '@app/domain';
import type { PublishingSettings } from '../publishing.settings';
import { type Party, recipientOf } from './parties';
import type { LoggedCaseEvent, PublishedCase } from './year-history';

/**
 * What a case has awarded, as of the history folded: the contract (imported or awarded, as
 * varied since), or, for a CSP's PLF allocation still awaiting its agreement, the allocation
 * the framework earmarked for it on its issue. Nothing while a case is still being
 * commissioned for anything else, nor once it ended without an award.
 */
export interface Award {
  readonly pence: Pence;
  readonly awardedOn: BusinessDate;
  /** The event that awarded it (its id names the award). */
  readonly awardedBy: LoggedCaseEvent;
  readonly startDate: BusinessDate;
  readonly endDate: BusinessDate;
  readonly recipient: Party | undefined;
  /** What the agreement holds the recipient to (outcomes, quality standards, the under-achievement clause). */
  readonly conditions: readonly string[];
  readonly kind: 'contract' | 'allocation';
}

const AWARDING = new Set(['ContractAwarded', 'ExistingCommitmentImported']);

export function awardOf(published: PublishedCase, definition: FrameworkDefinition, settings: PublishingSettings): Award | undefined {
  const { state, events } = published;
  const recipient = recipientOf(published, definition, settings);
  const contract = state.contract;
  const awarding = [...events].reverse().find((logged) => AWARDING.has(logged.event.type));
  if (contract && awarding) {
    const awarded = awarding.event;
    return {
      pence: contract.valuePence,
      awardedOn: awarded.type === 'ContractAwarded' || awarded.type === 'ExistingCommitmentImported' ? awarded.data.on : '',
      awardedBy: awarding,
      startDate: contract.startDate,
      endDate: contract.endDate,
      recipient,
      conditions: [...contract.outcomes, ...contract.qualityStandards, contract.underAchievementClause],
      kind: 'contract',
    };
  }
  const opening = events[0];
  if (opening?.event.type !== 'CspPlanRequested' || phaseOf(state) === 'ended') return undefined;
  return {
    pence: opening.event.data.allocationPence,
    awardedOn: opening.event.data.on,
    awardedBy: opening,
    startDate: definition.period.start,
    endDate: definition.period.end,
    recipient,
    conditions: [],
    kind: 'allocation',
  };
}

export const isGrant = (published: PublishedCase, definition: FrameworkDefinition): boolean =>
  publishesAsGrant(definition, published.state.profile.mechanism);

/** The case's title and purpose as the framework or the proposal wrote them. */
export const purposeOf = (state: OpenCase): string => state.profile.description?.trim() || state.profile.title;

export const mechanismNameOf = (definition: FrameworkDefinition, state: OpenCase): string =>
  definition.fundingMechanisms.find((m) => m.code === state.profile.mechanism)?.name ?? 'Not classified';

/** Why it was funded: the theme and strategic priorities it serves, in the framework's words. */
export function reasonsOf(definition: FrameworkDefinition, state: OpenCase): string[] {
  const theme = definition.themes.find((t) => t.code === state.profile.theme);
  const priorities = [...state.profile.primaryPriorities, ...state.profile.secondaryPriorities]
    .map((code) => definition.strategicPriorities.find((p) => p.code === code))
    .filter((p) => p !== undefined)
    .map((p) => `${p.code}: ${p.title}`);
  return [...(theme ? [`Theme: ${theme.name}`] : []), ...priorities];
}
