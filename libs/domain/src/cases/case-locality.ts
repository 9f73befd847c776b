import type { BusinessDate } from '../shared/business-date';
import { DomainError } from '../shared/domain-error';
import type { CaseProfile } from './case.types';

/**
 * When one locality of a year's framework merges into another, every case of that year
 * placed in it moves with it: the framework's merger and the cases' moves
 * are recorded together, so the case's own history says where it stood on any date.
 */
export type ChangeLocality = { type: 'ChangeLocality'; on: BusinessDate; reason: string; from: string; into: string };
export type LocalityChanged = { type: 'LocalityChanged'; data: { on: BusinessDate; reason: string; from: string; into: string } };

/**
 * Nothing to move once the case stands in `into`; refused when it was never placed in `from`.
 * Only where the case is placed moves: its geographical reach is where its beneficiaries
 * are, which a merger of two partnerships does not change (publications name a merged-away
 * locality from the framework's former localities).
 */
export function decideLocalityChange(command: ChangeLocality, profile: CaseProfile): LocalityChanged[] {
  if (command.from === command.into) throw DomainError.field('INVALID_FIELD', 'into', 'a locality cannot be merged into itself');
  if (profile.locality === command.into) return [];
  if (profile.locality !== command.from) {
    throw DomainError.field('UNKNOWN_LOCALITY', 'from', `case ${profile.caseId} is placed in ${profile.locality ? `"${profile.locality}"` : 'no locality'}, not "${command.from}"`);
  }
  const { on, reason, from, into } = command;
  return [{ type: 'LocalityChanged', data: { on, reason, from, into } }];
}

/** Where a case placed in `locality` stands after the move (a read model that keeps only the locality asks this). */
export const localityAfterChange = (locality: string | null, event: LocalityChanged): string | null => (locality === event.data.from ? event.data.into : locality);

/** The profile after the move. */
export const profileAfterLocalityChange = (profile: CaseProfile, event: LocalityChanged): CaseProfile => ({ ...profile, locality: localityAfterChange(profile.locality, event) });

/** The events after its opening that change what a case is: a read model keeping the profile folds them. */
export const isProfileChange = (event: { type: string }): event is LocalityChanged => event.type === 'LocalityChanged';
