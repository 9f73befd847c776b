import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CaseEvent,
  DomainEvent,
  CaseProfile,
  ContractTerms,
  FrameworkDefinition,
  MechanismCode,
  Measure,
  PlanLine,
  WorkflowDefinition,
  WorkflowRef,
} from '@app/domain';
import { DEFAULT_WORKFLOW_REFS, DomainError, workflowFor } from '@app/domain';

/**
 * Shared fixtures for the domain specifications. Histories are written out event by event
 * (never produced by the deciders under test), so a spec's "given" does not depend on the
 * behaviour it checks. Figures come from the 2016/17 framework where one fits.
 */

// ---------------------------------------------------------------------------------------------
// Helpers

type EventOf<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>;

/** A case event, typed by its name. */
export const event = <T extends CaseEvent['type']>(type: T, data: EventOf<T>['data']): CaseEvent => ({ type, data }) as CaseEvent;

/** Runs `fn`, which must throw a DomainError, and returns it (for checking details). */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

/**
 * An event whose `data` names only the fields a spec cares about, for `thenMatches`
 * (toMatchObject matches nested objects partially; the helper's type is a shallow Partial).
 */
export const like = <E extends DomainEvent = CaseEvent>(type: E['type'], data: Record<string, unknown>): Partial<E> =>
  ({ type, data }) as unknown as Partial<E>;

/** The shipped first version of a workflow, whole, as a case opened under it records it. */
export const v1 = (id: string): WorkflowDefinition => workflowFor(id, 1);

/** The shipped first version for a profile's mechanism: what the 2016/17 framework names. */
export const workflowOfProfile = (p: CaseProfile): WorkflowDefinition => workflowFor(p.mechanism ?? 'additional-allocation', 1);

/** Only the reference, as cases recorded before they carried their whole workflow. */
export const refV1 = (id: string): WorkflowRef => ({ id, version: 1 });

// ---------------------------------------------------------------------------------------------
// Profiles, measures, contract terms

export const BOARDS = ['reducing-reoffending-board', 'substance-misuse-board', 'joint-commissioning-assurance-board'] as const;

export function profile(mechanism: MechanismCode | null, overrides: Partial<CaseProfile> = {}): CaseProfile {
  return {
    caseId: `2016-17-P-${mechanism ?? 'allocation'}`,
    financialYear: '2016-17',
    mechanism,
    title: 'Neighbourhood watch co-ordination',
    description: null,
    theme: 'safer-communities',
    primaryPriorities: ['SP10'],
    secondaryPriorities: [],
    geographicalReach: { asPrinted: null, scope: 'llr', localities: [] },
    locality: null,
    origin: { source: 'proposal', ref: null },
    ...overrides,
  };
}

export const directProfile = profile('direct', { caseId: '2016-17-P-0001', title: 'Youth diversion programme', theme: 'reducing-offending', primaryPriorities: ['SP1'] });
export const coComProfile = profile('co-commissioning', {
  caseId: '2016-17-P-0002',
  title: 'Integrated offender management',
  theme: 'reducing-offending',
  primaryPriorities: ['SP2'],
});
/** Blaby's PLF line (B51): £29,700 of the £450,000 (Table 1). */
export const BLABY_ALLOCATION = 2_970_000;
export const PLF_DEADLINE = '2016-02-29';
export const blabyProfile = profile('plf', {
  caseId: '2016-17-B51',
  title: 'Blaby PLF',
  theme: null,
  primaryPriorities: [],
  geographicalReach: { asPrinted: 'Blaby', scope: 'localities', localities: ['blaby'] },
  locality: 'blaby',
  origin: { source: 'appendix-b', ref: 'B51' },
});
export const grantProfile = profile('pcc-grant', {
  caseId: '2016-17-G-0001',
  title: 'Hotspot youth outreach',
  theme: 'supporting-victims',
  primaryPriorities: ['SP8'],
  geographicalReach: { asPrinted: null, scope: 'localities', localities: ['leicester-city'] },
  origin: { source: 'grant-application', ref: null },
});
/** Project 360 (C01): £292,000 set aside with no provider or mechanism. */
export const allocationProfile = profile(null, {
  caseId: '2016-17-C01',
  title: 'Project 360 (DAST)',
  theme: 'supporting-victims',
  primaryPriorities: ['SP5'],
  origin: { source: 'appendix-c', ref: 'C01' },
});
export const PROJECT_360_ALLOCATION = 29_200_000;

export const referrals: Measure = {
  id: 'referrals',
  name: 'Young people referred and engaged',
  unit: 'people',
  target: 100,
  frequency: 'quarterly',
  direction: 'higher-is-better',
};
/** Lower is better: repeat incidents. */
export const repeats: Measure = {
  id: 'repeats',
  name: 'Repeat domestic abuse incidents',
  unit: 'incidents',
  target: 50,
  frequency: 'quarterly',
  direction: 'lower-is-better',
};

export function contractTerms(overrides: Partial<ContractTerms> = {}): ContractTerms {
  return {
    kind: 'contract',
    provider: 'Twenty-Twenty',
    valuePence: 14_755_600,
    outcomes: ['Fewer first-time entrants to the youth justice system'],
    qualityStandards: ['Safeguarding policy reviewed annually'],
    measures: [referrals, repeats],
    underAchievementClause: 'Two consecutive red quarters lead to a remedial action plan; a third may end the contract',
    startDate: '2016-06-01',
    endDate: '2017-03-31',
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Direct commissioning histories

export const DIRECT_PROVIDER = 'Twenty-Twenty';
export const DISPENSED_PROVIDER = 'Crimestoppers';
const directContract = contractTerms();

export const direct = {
  raised: event('ProposalRaised', { profile: directProfile, workflow: v1('direct'), estimatedValuePence: 15_000_000, on: '2016-04-04' }),
  tenderIssued: event('TenderIssued', { reference: 'OPCC-T-2016-07', on: '2016-04-11', closesOn: '2016-05-09' }),
  providerSelected: event('ProviderSelected', { provider: DIRECT_PROVIDER, bidsReceived: 3, on: '2016-05-16' }),
  dispensationGranted: event('SingleProviderDispensationGranted', {
    provider: DISPENSED_PROVIDER,
    reason: 'The only national anonymous reporting line',
    on: '2016-04-18',
  }),
  awarded: event('ContractAwarded', { contract: directContract, on: '2016-05-23' }),
  contract: directContract,
};

export const directHistories = {
  proposed: [direct.raised],
  tendering: [direct.raised, direct.tenderIssued],
  providerSelected: [direct.raised, direct.tenderIssued, direct.providerSelected],
  dispensationGranted: [direct.raised, direct.dispensationGranted],
  active: [direct.raised, direct.tenderIssued, direct.providerSelected, direct.awarded],
};

// ---------------------------------------------------------------------------------------------
// Co-commissioning histories

const coComContract = contractTerms({ kind: 'agreement', provider: 'Reducing Reoffending Board', valuePence: 36_800_000 });
export const coCom = {
  raised: event('ProposalRaised', { profile: coComProfile, workflow: v1('co-commissioning'), estimatedValuePence: 36_800_000, on: '2016-04-04' }),
  boardAssigned: event('BoardAssigned', { board: 'reducing-reoffending-board', on: '2016-04-08' }),
  approved: event('BoardDecisionRecorded', { board: 'reducing-reoffending-board', decision: 'approved', notes: 'Minute 12/16', on: '2016-05-02' }),
  rejected: event('BoardDecisionRecorded', { board: 'reducing-reoffending-board', decision: 'rejected', notes: 'Duplicates CRC work', on: '2016-05-02' }),
  awarded: event('ContractAwarded', { contract: coComContract, on: '2016-05-09' }),
  contract: coComContract,
};

export const coComHistories = {
  proposed: [coCom.raised],
  withBoard: [coCom.raised, coCom.boardAssigned],
  boardApproved: [coCom.raised, coCom.boardAssigned, coCom.approved],
  boardRejected: [coCom.raised, coCom.boardAssigned, coCom.rejected],
  active: [coCom.raised, coCom.boardAssigned, coCom.approved, coCom.awarded],
};

// ---------------------------------------------------------------------------------------------
// PLF histories (Blaby)

export const blabyPlan: PlanLine[] = [
  { id: 'L1', description: 'Street pastors, Blaby town centre', pence: 1_500_000 },
  { id: 'L2', description: 'Youth diversion evenings', pence: 1_000_000 },
  { id: 'L3', description: 'Domestic abuse outreach worker (part)', pence: 470_000 },
];
export const blabyPlanTotal = 1_500_000 + 1_000_000 + 470_000;
export const asbIncidents: Measure = {
  id: 'asb',
  name: 'ASB incidents in the town centre',
  unit: 'incidents',
  target: 400,
  frequency: 'quarterly',
  direction: 'lower-is-better',
};
const blabyAgreement = contractTerms({
  kind: 'agreement',
  provider: 'Blaby District Council',
  valuePence: BLABY_ALLOCATION,
  measures: [asbIncidents],
  startDate: '2016-04-01',
});

export const plf = {
  requested: event('CspPlanRequested', {
    profile: blabyProfile,
    workflow: v1('plf'),
    allocationPence: BLABY_ALLOCATION,
    meetingDeadline: PLF_DEADLINE,
    on: '2015-10-23',
  }),
  submitted: event('CspPlanSubmitted', { on: '2016-01-15', budgetLines: blabyPlan, totalPence: blabyPlanTotal, performanceFramework: [asbIncidents] }),
  scheduled: event('CspMeetingScheduled', { meetingOn: '2016-02-25', on: '2016-01-20' }),
  held: event('CspMeetingHeld', { on: '2016-02-25', notes: 'Plan agreed subject to L3 check' }),
  awarded: event('ContractAwarded', { contract: blabyAgreement, on: '2016-03-10' }),
  contract: blabyAgreement,
};

export const plfHistories = {
  planRequested: [plf.requested],
  planSubmitted: [plf.requested, plf.submitted],
  meetingScheduled: [plf.requested, plf.submitted, plf.scheduled],
  meetingHeld: [plf.requested, plf.submitted, plf.scheduled, plf.held],
  active: [plf.requested, plf.submitted, plf.scheduled, plf.held, plf.awarded],
};

// ---------------------------------------------------------------------------------------------
// PCC Grant histories

export const GRANT_ROUND = { opensOn: '2016-06-01', closesOn: '2016-06-30' };
export const GRANT_REQUESTED = 1_500_000;
const grantContract = contractTerms({ kind: 'grant', provider: 'Go-Getta CIC', valuePence: GRANT_REQUESTED });
export const grant = {
  received: event('GrantApplicationReceived', {
    profile: grantProfile,
    workflow: v1('pcc-grant'),
    roundId: '2016-17-R1',
    applicant: 'Go-Getta CIC',
    requestedPence: GRANT_REQUESTED,
    on: '2016-06-10',
  }),
  assessedAward: event('GrantApplicationAssessed', { score: 72, recommendation: 'award', notes: 'Strong hotspot evidence', on: '2016-07-05' }),
  assessedDecline: event('GrantApplicationAssessed', { score: 31, recommendation: 'decline', notes: 'No hotspot evidence', on: '2016-07-05' }),
  declined: event('GrantDeclined', { reason: 'Assessment score below threshold', on: '2016-07-12' }),
  awarded: event('ContractAwarded', { contract: grantContract, on: '2016-07-12' }),
  contract: grantContract,
};

export const grantHistories = {
  applicationReceived: [grant.received],
  assessed: [grant.received, grant.assessedAward],
  assessedDecline: [grant.received, grant.assessedDecline],
  declined: [grant.received, grant.assessedDecline, grant.declined],
  active: [grant.received, grant.assessedAward, grant.awarded],
};

// ---------------------------------------------------------------------------------------------
// Additional allocation histories (Appendix C)

const allocationContract = contractTerms({ provider: 'Project 360 partnership', valuePence: PROJECT_360_ALLOCATION, measures: [repeats] });
export const allocation = {
  imported: event('AdditionalAllocationImported', {
    profile: allocationProfile,
    workflow: v1('additional-allocation'),
    allocationPence: PROJECT_360_ALLOCATION,
    on: '2015-10-23',
  }),
  awarded: event('ContractAwarded', { contract: allocationContract, on: '2016-04-20' }),
  contract: allocationContract,
};

export const allocationHistories = {
  allocated: [allocation.imported],
  active: [allocation.imported, allocation.awarded],
};

// ---------------------------------------------------------------------------------------------
// Existing commitments (Appendix B), imported already awarded

export const importedCommitment = (mechanism: MechanismCode, contract: ContractTerms = contractTerms()): CaseEvent =>
  event('ExistingCommitmentImported', {
    profile: profile(mechanism, { caseId: `2016-17-B-${mechanism}`, origin: { source: 'appendix-b', ref: 'B05' } }),
    workflow: v1(mechanism),
    contract,
    on: '2015-10-23',
  });

// ---------------------------------------------------------------------------------------------
// The contract lifecycle, on top of any active history

export const report = (measureId: string, period: string, rag: 'red' | 'amber' | 'green', actual: number, target: number): CaseEvent =>
  event('PerformanceReported', { measureId, period, actual, target, rag, on: '2016-07-14', commentary: '' });

export const flagged = (measureId = 'referrals'): CaseEvent =>
  event('UnderAchievementFlagged', { measureId, consecutiveReds: 2, on: '2016-10-14' });

export const remedialAgreed = event('RemedialActionAgreed', { action: 'Weekly outreach sessions added', reviewBy: '2016-12-31', on: '2016-10-21' });

/** Active, then two red quarters on `referrals`, flagged. */
export const underAchievement = (active: readonly CaseEvent[]): CaseEvent[] => [
  ...active,
  report('referrals', '2016-Q1', 'red', 60, 100),
  report('referrals', '2016-Q2', 'red', 70, 100),
  flagged(),
];
export const remedialAction = (active: readonly CaseEvent[]): CaseEvent[] => [...underAchievement(active), remedialAgreed];

/** Every workflow's way to an active contract, with the contract it holds. */
export const ACTIVE_BY_WORKFLOW: readonly { workflow: string; history: readonly CaseEvent[]; contract: ContractTerms }[] = [
  { workflow: 'direct', history: directHistories.active, contract: direct.contract },
  { workflow: 'co-commissioning', history: coComHistories.active, contract: coCom.contract },
  { workflow: 'plf', history: plfHistories.active, contract: plf.contract },
  { workflow: 'pcc-grant', history: grantHistories.active, contract: grant.contract },
  { workflow: 'additional-allocation', history: allocationHistories.active, contract: allocation.contract },
];

// ---------------------------------------------------------------------------------------------
// Framework

/** The real framework document, as the seed script reads it. */
export const SEED_PATH = join(__dirname, '..', '..', '..', 'infra', 'seed', 'framework-2016-17.json');
export const readSeedDocument = (): Record<string, any> => JSON.parse(readFileSync(SEED_PATH, 'utf8'));

/**
 * A small framework: budget £100,000, reserve £10,000, two lines holding £80,000 between
 * them, so £10,000 is available.
 */
export function smallFramework(overrides: Partial<FrameworkDefinition> = {}): FrameworkDefinition {
  const line = (ref: string, valuePence: number, source: 'appendix-b' | 'appendix-c') => ({
    ref,
    caseId: `2016-17-${ref}`,
    source,
    title: `Line ${ref}`,
    description: null,
    valuePence,
    organisation: source === 'appendix-b' ? 'Leicestershire Police' : null,
    mechanism: source === 'appendix-b' ? ('direct' as const) : null,
    classificationAsPrinted: null,
    theme: 'safer-communities',
    themeAsPrinted: null,
    primaryPriorities: ['SP10'],
    primaryPriorityAsPrinted: 'SP10',
    secondaryPriorities: [],
    secondaryPriorityAsPrinted: null,
    geographicalReach: { asPrinted: null, scope: 'llr' as const, localities: [] },
    locality: null,
    sourceNotes: [],
  });
  return {
    financialYear: '2016-17',
    title: 'Small framework',
    issuedOn: '2015-10-23',
    period: { start: '2016-04-01', end: '2017-03-31' },
    totalBudgetPence: 10_000_000,
    reservePence: 1_000_000,
    themes: [{ code: 'safer-communities', number: 3, name: 'Making communities and neighbourhoods safer' }],
    strategicPriorities: [{ code: 'SP10', number: 10, theme: 'safer-communities', title: 'Reducing crime' }],
    fundingMechanisms: [{ code: 'direct', name: 'Direct commissioning' }],
    boards: [],
    localities: [],
    plf: { totalPence: 0, meetingDeadline: PLF_DEADLINE },
    pccGrant: { newRoundsOpen: false },
    commitments: [line('B01', 6_000_000, 'appendix-b'), line('C01', 2_000_000, 'appendix-c')],
    workflows: DEFAULT_WORKFLOW_REFS,
    checksum: 'sha256-small-1',
    ...overrides,
  };
}
