import type { FrameworkDefinition, MechanismCode } from './framework.types';

/**
 * What the framework says about publishing its agreements: which mechanisms' agreements
 * are grants, which identifiers and area codes it may carry. One copy of each rule, asked
 * by the framework import and by the publications.
 */

/** PLF agreements (a grant to the CSP's lead council) and PCC grants are grants unless the framework says otherwise. */
const GRANT_MECHANISMS_BY_DEFAULT: readonly MechanismCode[] = ['plf', 'pcc-grant'];

export function publishesAsGrant(definition: Pick<FrameworkDefinition, 'fundingMechanisms'>, mechanism: MechanismCode | null): boolean {
  if (mechanism === null) return false;
  const declared = definition.fundingMechanisms.find((m) => m.code === mechanism)?.publishAsGrant;
  return declared ?? GRANT_MECHANISMS_BY_DEFAULT.includes(mechanism);
}

/**
 * An org-id.guide identifier: a list code (two-letter jurisdiction, a register code) and the
 * organisation's identifier in that register, e.g. GB-LAE-BLA, GB-CHC-1124127, GB-COH-06577534.
 */
export const ORG_ID = /^(XI|XM|[A-Z]{2})-[A-Z0-9]{2,}-[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/;

/** An ONS (GSS) geography code: a country letter, a two-digit entity and a six-digit instance (E07000129). */
export const GSS_CODE = /^[EWSNK]\d{8}$/;

/**
 * The 360Giving geoCodeType of a GSS code, from its entity (its first three characters), as
 * the 360Giving geoCodeType codelist maps ONS entities; undefined for an entity it does not name.
 */
const GEO_CODE_TYPES: Readonly<Record<string, string>> = {
  E05: 'WD',
  E06: 'UA',
  E07: 'NMD',
  E08: 'MD',
  E09: 'LONB',
  E10: 'CTY',
  E12: 'RGN/GOR',
  E22: 'CSP',
  E23: 'PFA',
  W06: 'UA',
  S12: 'CA',
};

export const geoCodeTypeOf = (gssCode: string): string | undefined => GEO_CODE_TYPES[gssCode.slice(0, 3)];

/**
 * What the Elected Local Policing Bodies (Specified Information) Order 2011 asks a PCC to
 * publish, by value: contracts over £10,000, and each item of expenditure over £500 (the
 * Local Government Transparency Code's threshold too). Over, not at.
 */
export const CONTRACTS_PUBLISHED_OVER_PENCE = 1_000_000;
export const SPEND_PUBLISHED_OVER_PENCE = 50_000;
