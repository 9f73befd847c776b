import { createHash } from 'node:crypto';
import type { Commitment, FrameworkDefinition } from '@app/domain';
import type { PublishingSettings } from '../publishing.settings';
import type { PublishedCase } from './year-history';

export interface Party {
  readonly id: string;
  readonly name: string;
}

/** The source's own words for an organisation it does not yet know. */
const UNNAMED = /^(to be confirmed|tbc|tbd|not known)$/i;

export const isNamed = (name: string | null | undefined): name is string => typeof name === 'string' && name.trim() !== '' && !UNNAMED.test(name.trim());

export const lineOf = (definition: FrameworkDefinition, caseId: string): Commitment | undefined =>
  definition.commitments.find((line) => line.caseId === caseId);

/**
 * An organisation's identifier: the org-id the framework records for the line, when the
 * organisation is the one the line names; otherwise the publisher's own identifier for it
 * (360G-<prefix>-org-<name>), as 360Giving asks of organisations with no registered number.
 */
export function partyFor(name: string, line: Commitment | undefined, settings: PublishingSettings): Party {
  const registered = line?.recipientOrgId && line.organisation?.trim() === name.trim() ? line.recipientOrgId : undefined;
  return { id: registered ?? `360G-${settings.grantPrefix}-org-${slugOf(name)}`, name: name.trim() };
}

/** Who the case's money goes to, as of now: the contracted provider, else the organisation its line names. */
export function recipientOf(published: PublishedCase, definition: FrameworkDefinition, settings: PublishingSettings): Party | undefined {
  const line = lineOf(definition, published.caseId);
  const name = [published.state.contract?.provider, line?.organisation].find(isNamed);
  return name ? partyFor(name, line, settings) : undefined;
}

function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || createHash('sha256').update(name).digest('hex').slice(0, 12);
}
