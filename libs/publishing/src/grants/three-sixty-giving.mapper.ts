import { type FrameworkDefinition, geoCodeTypeOf, type Locality, type OpenCase } from '@app/domain';
import { poundsOf } from '../money';
import type { PublishingSettings } from '../publishing.settings';
import { awardOf, isGrant, mechanismNameOf, purposeOf } from '../source/case-facts';
import type { PublishedCase, YearHistory } from '../source/year-history';

/** The 360Giving Data Standard version the packages declare (major.minor). */
export const THREE_SIXTY_GIVING_VERSION = '1.4';

export interface ThreeSixtyGivingPackage {
  readonly version: string;
  readonly license: string;
  readonly grants: readonly Record<string, unknown>[];
}

/** A 360Giving grant per case the framework publishes as a grant and that has awarded something, in case order. */
export function threeSixtyGivingPackage(history: YearHistory, settings: PublishingSettings): ThreeSixtyGivingPackage {
  const grants = history.cases.flatMap((c) => {
    const grant = isGrant(c, history.definition) ? grantOf(c, history.definition, settings, history.formerLocalities) : undefined;
    return grant ? [grant] : [];
  });
  return { version: THREE_SIXTY_GIVING_VERSION, license: settings.license, grants };
}

export function grantOf(
  published: PublishedCase,
  definition: FrameworkDefinition,
  settings: PublishingSettings,
  formerLocalities: readonly Locality[] = [],
): Record<string, unknown> | undefined {
  const award = awardOf(published, definition, settings);
  if (!award?.recipient) return undefined;
  const { state } = published;
  const last = published.events[published.events.length - 1];
  return {
    id: `360G-${settings.grantPrefix}-${published.caseId}`,
    title: state.profile.title,
    description: purposeOf(state),
    currency: 'GBP',
    amountAwarded: poundsOf(award.pence),
    awardDate: award.awardedOn,
    plannedDates: [{ startDate: award.startDate, endDate: award.endDate }],
    recipientOrganization: [award.recipient],
    fundingOrganization: [settings.funder],
    ...optional('beneficiaryLocation', beneficiaryLocations(definition, state, formerLocalities)),
    grantProgramme: [{ code: state.profile.mechanism ?? 'unclassified', title: mechanismNameOf(definition, state) }],
    ...optional('classifications', classificationsOf(definition, state)),
    dateModified: new Date(last.recordedAt).toISOString(),
  };
}

const optional = <T>(key: string, items: readonly T[]) => (items.length > 0 ? { [key]: items } : {});

/**
 * Where its beneficiaries are: the case's own localities, or every locality of the framework
 * for a force-wide reach, each with its ONS code where the framework gives one; the country
 * for a national reach.
 */
function beneficiaryLocations(definition: FrameworkDefinition, state: OpenCase, formerLocalities: readonly Locality[]): Record<string, string>[] {
  const reach = state.profile.geographicalReach;
  if (reach.scope === 'national') return [{ name: 'United Kingdom', countryCode: 'GB' }];
  // The reach is the geography; the locality a case is placed in counts only where the reach names none (a merger moves the one, not the other).
  const own = reach.localities.length > 0 ? reach.localities : state.profile.locality ? [state.profile.locality] : [];
  const slugs = reach.scope === 'llr' ? definition.localities.map((l) => l.slug) : [...new Set(own)];
  return slugs
    .map((slug) => definition.localities.find((l) => l.slug === slug) ?? formerLocalities.find((l) => l.slug === slug))
    .filter((l) => l !== undefined)
    .map((l) => {
      const type = l.geoCode ? geoCodeTypeOf(l.geoCode) : undefined;
      return { name: l.name, countryCode: 'GB', ...(l.geoCode ? { geoCode: l.geoCode } : {}), ...(type ? { geoCodeType: type } : {}) };
    });
}

/** The framework's own vocabularies: its themes and its strategic priorities. */
function classificationsOf(definition: FrameworkDefinition, state: OpenCase): Record<string, string>[] {
  const theme = definition.themes.find((t) => t.code === state.profile.theme);
  const priorities = [...state.profile.primaryPriorities, ...state.profile.secondaryPriorities]
    .map((code) => definition.strategicPriorities.find((p) => p.code === code))
    .filter((p) => p !== undefined);
  return [
    ...(theme ? [{ vocabulary: `${definition.title}: themes`, code: theme.code, title: theme.name }] : []),
    ...priorities.map((p) => ({ vocabulary: `${definition.title}: strategic priorities`, code: p.code, title: p.title })),
  ];
}
