import { caseDecider, type CaseProfile, type ContractTerms, fold, type OpenCase } from '@app/domain';
import type { MailSettings } from '@app/reminders';

export const MAIL: MailSettings = {
  from: 'Commissioning Ledger <commissioning@example.org>',
  outboxDir: '/tmp/outbox',
  publicUrl: 'https://ledger.example.org',
  opccLead: 'opcc.lead@example.org',
  cspTemplate: 'csp.{locality}@example.org',
  contractManager: 'contracts@example.org',
};

export const plfProfile = (caseId: string, locality = 'hinckley-and-bosworth'): CaseProfile => ({
  caseId,
  financialYear: '2016-17',
  mechanism: 'plf',
  title: 'Hinckley and Bosworth PLF',
  description: 'Contribution towards the community safety plan',
  theme: null,
  primaryPriorities: [],
  secondaryPriorities: [],
  geographicalReach: { asPrinted: null, scope: 'localities', localities: [locality] },
  locality,
  origin: { source: 'appendix-b', ref: 'B50' },
});

export const MENTORING_CONTRACT: ContractTerms = {
  kind: 'contract',
  provider: 'Twenty-Twenty',
  valuePence: 5_000_000,
  outcomes: ['Young people mentored'],
  qualityStandards: [],
  measures: [{ id: 'mentored', name: 'Young people completing mentoring', unit: 'young people', target: 60, frequency: 'quarterly', direction: 'higher-is-better' }],
  underAchievementClause: 'Remedial plan',
  startDate: '2016-04-01',
  endDate: '2017-03-31',
};

/** A case as its opening command leaves it, decided by the domain. */
export function openedCase(command: Parameters<typeof caseDecider.decide>[0]): OpenCase {
  const events = caseDecider.decide(command, caseDecider.initialState);
  return fold(caseDecider, events) as OpenCase;
}
