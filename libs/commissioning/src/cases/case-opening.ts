import { randomBytes } from 'node:crypto';
import {
  type CaseProfile,
  DomainError,
  type FrameworkState,
  type GeographicalReach,
  type MechanismCode,
  type PersonalContact,
  type RaiseProposal,
  type ReceiveGrantApplication,
  type RequestCspPlan,
  meetingDeadlineOf,
  plfCaseIdOf,
  workflowForMechanism,
} from '@app/domain';

/** What a person says about a new case; the framework checks every reference in it. */
export interface CaseInput {
  readonly financialYear: string;
  readonly caseId?: string;
  readonly title: string;
  readonly description?: string | null;
  readonly theme?: string | null;
  readonly primaryPriorities?: readonly string[];
  readonly secondaryPriorities?: readonly string[];
  readonly geographicalReach?: Omit<GeographicalReach, 'asPrinted'>;
  readonly locality?: string | null;
  /** Hex the id is derived from when caseId is absent (a retried opening opens one case); else random. */
  readonly caseIdSeed?: string;
}

const PREFIX: Record<MechanismCode, string> = { direct: 'D', 'co-commissioning': 'C', plf: 'PLF', 'pcc-grant': 'G' };

export function newCaseId(financialYear: string, mechanism: MechanismCode, seed?: string): string {
  return `${financialYear}-${PREFIX[mechanism]}-${seed ? seed.slice(0, 12) : randomBytes(3).toString('hex')}`;
}

function profile(framework: FrameworkState, input: CaseInput, mechanism: MechanismCode, source: CaseProfile['origin']['source']): CaseProfile {
  const d = framework.definition;
  if (!d) throw new DomainError('NOT_FOUND', `No framework for ${input.financialYear}`);
  if (input.caseId !== undefined && !input.caseId.startsWith(`${d.financialYear}-`)) {
    throw DomainError.field('VALIDATION_FAILED', 'caseId', `must start with the financial year, e.g. ${d.financialYear}-hate-crime-advocacy`);
  }
  const theme = input.theme ?? null;
  if (theme !== null && !d.themes.some((t) => t.code === theme)) {
    throw DomainError.field('UNKNOWN_THEME', 'theme', `must be one of ${d.themes.map((t) => t.code).join(', ')}`);
  }
  const known = new Set(d.strategicPriorities.map((p) => p.code));
  for (const field of ['primaryPriorities', 'secondaryPriorities'] as const) {
    const unknown = (input[field] ?? []).find((code) => !known.has(code));
    if (unknown) throw DomainError.field('UNKNOWN_PRIORITY', field, `"${unknown}" is not one of ${d.financialYear}'s strategic priorities: ${[...known].join(', ')}`);
  }
  const slugs = new Set(d.localities.map((l) => l.slug));
  const localities = input.geographicalReach?.localities ?? (input.locality ? [input.locality] : []);
  const badLocality = [input.locality, ...localities].find((slug) => slug && !slugs.has(slug));
  if (badLocality) throw DomainError.field('UNKNOWN_LOCALITY', input.locality === badLocality ? 'locality' : 'geographicalReach.localities', `"${badLocality}" is not a locality: ${[...slugs].join(', ')}`);
  if (!d.fundingMechanisms.some((m) => m.code === mechanism)) {
    throw DomainError.field('UNKNOWN_MECHANISM', 'mechanism', `${d.financialYear} has no ${mechanism} mechanism`);
  }
  return {
    caseId: input.caseId ?? newCaseId(d.financialYear, mechanism, input.caseIdSeed),
    financialYear: d.financialYear,
    mechanism,
    title: input.title,
    description: input.description ?? null,
    theme,
    primaryPriorities: input.primaryPriorities ?? [],
    secondaryPriorities: input.secondaryPriorities ?? [],
    geographicalReach: { asPrinted: null, scope: input.geographicalReach?.scope ?? (localities.length ? 'localities' : 'area'), localities },
    locality: input.locality ?? null,
    origin: { source, ref: null },
  };
}

export function raiseProposal(framework: FrameworkState, input: CaseInput & { mechanism: MechanismCode; estimatedValuePence: number }, on: string): RaiseProposal {
  return {
    type: 'RaiseProposal',
    on,
    profile: profile(framework, input, input.mechanism, 'proposal'),
    workflow: workflowForMechanism(framework, input.mechanism),
    estimatedValuePence: input.estimatedValuePence,
  };
}

/** The locality's allocation and the meeting deadline come from the framework, not the caller. */
export function requestCspPlan(framework: FrameworkState, input: CaseInput & { locality: string }, on: string): RequestCspPlan {
  const locality = framework.definition?.localities.find((l) => l.slug === input.locality);
  if (!framework.definition || !locality) {
    const known = framework.definition?.localities.map((l) => l.slug).join(', ') ?? 'none';
    throw DomainError.field('UNKNOWN_LOCALITY', 'locality', `"${input.locality}" is not a locality: ${known}`);
  }
  // One PLF case per locality per year: its id is the locality's, so a second request finds the first.
  const caseId = plfCaseIdOf(framework.definition, locality.slug);
  if (input.caseId !== undefined && input.caseId !== caseId) {
    throw DomainError.field('PLF_CASE_EXISTS', 'caseId', `${locality.name}'s ${framework.definition.financialYear} PLF case is ${caseId}; a locality holds one PLF case a year`, { caseId });
  }
  const base = profile(framework, { ...input, caseId }, 'plf', 'csp-plan');
  return {
    type: 'RequestCspPlan',
    on,
    profile: base,
    workflow: workflowForMechanism(framework, 'plf'),
    allocationPence: locality.plfAllocationPence,
    meetingDeadline: framework.definition ? meetingDeadlineOf(framework.definition, locality.slug) : on,
  };
}

export function receiveGrantApplication(
  framework: FrameworkState,
  input: CaseInput & { roundId: string; applicant: string; requestedPence: number; contact?: PersonalContact },
  on: string,
): ReceiveGrantApplication {
  return {
    type: 'ReceiveGrantApplication',
    on,
    profile: profile(framework, input, 'pcc-grant', 'grant-application'),
    workflow: workflowForMechanism(framework, 'pcc-grant'),
    roundId: input.roundId,
    round: framework.grantRounds[input.roundId] ?? null,
    applicant: input.applicant,
    requestedPence: input.requestedPence,
    ...(input.contact ? { contact: { name: input.contact.name, ...(input.contact.email ? { email: input.contact.email } : {}), ...(input.contact.phone ? { phone: input.contact.phone } : {}) } } : {}),
  };
}
