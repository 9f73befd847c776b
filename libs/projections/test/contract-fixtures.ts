import type { CaseEvent, CaseProfile, ContractTerms, Measure } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { stored } from './projection-spec';

/** Small, readable cases for the outcomes and deadlines specs: only what a rule looks at differs. */
export const profile = (caseId: string, overrides: Partial<CaseProfile> = {}): CaseProfile => ({
  caseId,
  financialYear: '2016-17',
  mechanism: 'direct',
  title: 'Youth Mentoring',
  description: 'Working with those at risk of entering the criminal justice system',
  theme: 'reducing-offending',
  primaryPriorities: ['SP1'],
  secondaryPriorities: ['SP2'],
  geographicalReach: { asPrinted: 'LLR', scope: 'llr', localities: [] },
  locality: null,
  origin: { source: 'appendix-b', ref: 'B05' },
  ...overrides,
});

export const measure = (id: string, overrides: Partial<Measure> = {}): Measure => ({
  id,
  name: `Measure ${id}`,
  unit: 'young people',
  target: 60,
  frequency: 'quarterly',
  direction: 'higher-is-better',
  ...overrides,
});

export const contract = (overrides: Partial<ContractTerms> = {}): ContractTerms => ({
  kind: 'contract',
  provider: 'Twenty-Twenty',
  valuePence: 14_755_600,
  outcomes: ['Young people diverted from offending'],
  qualityStandards: [],
  measures: [measure('mentored')],
  underAchievementClause: 'Two consecutive red quarters call for a remedial action plan',
  startDate: '2016-04-01',
  endDate: '2017-03-31',
  ...overrides,
});

let revisions = new Map<string, number>();

/** Forget revisions between specs. */
export const resetRevisions = (): void => {
  revisions = new Map();
};

/** An event of the case's stream at its next revision, occurring at 09:00 London time on `on`. */
export function onCase(caseId: string, event: CaseEvent | { type: string; data: unknown }, on = '2016-04-01'): StoredEvent {
  const revision = revisions.get(caseId) ?? 0;
  revisions.set(caseId, revision + 1);
  return stored(`case-${caseId}`, event, { revision, occurredAt: `${on}T09:00:00+01:00` });
}

/** An Appendix B line imported as an awarded contract (direct workflow, version 1). */
export const imported = (caseId: string, terms = contract(), overrides: Partial<CaseProfile> = {}): StoredEvent =>
  onCase(caseId, {
    type: 'ExistingCommitmentImported',
    data: { profile: profile(caseId, overrides), workflow: { id: 'direct', version: 1 }, contract: terms, on: '2015-10-23' },
  }, '2015-10-23');

export const reported = (caseId: string, measureId: string, period: string, actual: number, rag: 'red' | 'amber' | 'green', reportedOn: string, target = 60) =>
  onCase(caseId, { type: 'PerformanceReported', data: { measureId, period, actual, target, rag, on: reportedOn, commentary: '' } }, reportedOn);
