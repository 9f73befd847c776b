import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CaseCommand, caseDecider, type CaseEvent, type CaseProfile, type CaseState, type ContractTerms, DEFAULT_WORKFLOW_REFS, readFrameworkDocument, workflowFor } from '@app/domain';
import {
  DocumentValidator,
  type Json,
  type LoggedCaseEvent,
  ocdsRecordPackage,
  type PublishedCase,
  publishingSettings,
  threeSixtyGivingPackage,
  transparencyRows,
  type YearHistory,
} from '@app/publishing';
import { loadConfig } from '@app/config';

const SEED = join(__dirname, '..', '..', '..', 'infra', 'seed', 'framework-2016-17.json');
const definition = readFrameworkDocument(JSON.parse(readFileSync(SEED, 'utf8')), 'sha256-test');
const settings = publishingSettings(loadConfig({ PUBLISH_360G_PREFIX: 'leicspcc', PUBLISH_OCID_PREFIX: 'ocds-l3ics0' }));
const validator = new DocumentValidator();

const profile = (caseId: string, mechanism: CaseProfile['mechanism']): CaseProfile => ({
  caseId,
  financialYear: '2016-17',
  mechanism,
  title: `Case ${caseId}`,
  description: 'Diversionary activities for young people',
  theme: 'reducing-offending',
  primaryPriorities: ['SP1'],
  secondaryPriorities: [],
  geographicalReach: { asPrinted: null, scope: 'localities', localities: ['melton'] },
  locality: null,
  origin: { source: mechanism === 'pcc-grant' ? 'grant-application' : 'proposal', ref: null },
});

const terms = (provider: string, valuePence: number): ContractTerms => ({
  kind: 'grant',
  provider,
  valuePence,
  outcomes: ['Fewer first-time entrants'],
  qualityStandards: [],
  measures: [],
  underAchievementClause: 'Repayment of unspent funds',
  startDate: '2016-07-01',
  endDate: '2017-03-31',
});

/** A case's history as the domain decides it, each event with an id and its two clocks. */
function decided(caseId: string, commands: readonly CaseCommand[]): PublishedCase {
  let state: CaseState = caseDecider.initialState;
  const events: LoggedCaseEvent[] = [];
  for (const command of commands) {
    for (const event of caseDecider.decide(command, state) as CaseEvent[]) {
      state = caseDecider.evolve(state, event);
      const at = `${command.on}T12:00:00+01:00`;
      events.push({ id: `${caseId}-${events.length}`, event, occurredAt: at, recordedAt: at });
    }
  }
  if (state.status !== 'open') throw new Error('not opened');
  return { caseId, events, state };
}

const year = (cases: PublishedCase[]): YearHistory => ({ financialYear: '2016-17', definition, formerLocalities: [], cases, lastRecordedAt: '2017-01-10T12:00:00+00:00' });

const workflowOf = (slot: 'direct' | 'pcc-grant') => workflowFor(DEFAULT_WORKFLOW_REFS[slot].id, DEFAULT_WORKFLOW_REFS[slot].version);

const GRANT = '2016-17-G-melton-youth';
const round = { opensOn: '2016-04-01', closesOn: '2016-06-30' };
const grantCase = (until: number) =>
  decided(
    GRANT,
    (
      [
        { type: 'ReceiveGrantApplication', on: '2016-05-02', profile: profile(GRANT, 'pcc-grant'), workflow: workflowOf('pcc-grant'), roundId: 'R1', round, applicant: 'Melton Youth Trust', requestedPence: 1_200_050, contact: { name: 'Ann Example', email: 'ann@example.org' } },
        { type: 'AssessGrantApplication', on: '2016-05-20', score: 72, recommendation: 'award', notes: 'Strong local partnerships' },
        { type: 'AwardContract', on: '2016-06-01', contract: terms('Melton Youth Trust', 1_200_050) },
        { type: 'TerminateContract', on: '2017-01-10', reason: 'The trust closed' },
      ] as CaseCommand[]
    ).slice(0, until),
  );

describe('the mappers, on histories the domain decides', () => {
  it('publishes a PCC grant from an application only once awarded, with pounds from pence', () => {
    expect(threeSixtyGivingPackage(year([grantCase(2)]), settings).grants).toEqual([]);
    const [grant] = threeSixtyGivingPackage(year([grantCase(3)]), settings).grants;
    expect(grant).toMatchObject({
      id: `360G-leicspcc-${GRANT}`,
      amountAwarded: 12000.5,
      awardDate: '2016-06-01',
      recipientOrganization: [{ id: '360G-leicspcc-org-melton-youth-trust', name: 'Melton Youth Trust' }],
      beneficiaryLocation: [{ name: 'Melton', countryCode: 'GB', geoCode: 'E07000133', geoCodeType: 'NMD' }],
      classifications: [
        { vocabulary: 'Commissioning Framework 2016/17 Refresh: themes', code: 'reducing-offending', title: 'Reducing offending and re-offending' },
        { vocabulary: 'Commissioning Framework 2016/17 Refresh: strategic priorities', code: 'SP1', title: 'Preventing and diverting young people from offending' },
      ],
    });
    expect(validator.check('360giving', threeSixtyGivingPackage(year([grantCase(3)]), settings))).toBeDefined();
  });

  it('ends a terminated grant’s contract in OCDS, and lists it as ended; the applicant’s contact never leaves', () => {
    const history = year([grantCase(4)]);
    const records = validator.check('ocds-records', ocdsRecordPackage(history, settings, 'https://example.org/ocds')) as { records: Json[] };
    const releases = records.records[0].releases as Json[];
    expect(releases.map((r) => r.tag)).toEqual([['planning'], ['award', 'contract'], ['contractTermination']]);
    expect(((records.records[0].compiledRelease as Json).contracts as Json[])[0]).toMatchObject({ status: 'terminated', period: { startDate: '2016-07-01T00:00:00+01:00', endDate: '2017-01-10T23:59:59+00:00' } });
    expect(transparencyRows(history, 'grants', settings)).toEqual([expect.objectContaining({ reference: GRANT, value: '12000.50', status: 'ended', conditions: 'Fewer first-time entrants; Repayment of unspent funds' })]);
    const everything = JSON.stringify([records, threeSixtyGivingPackage(history, settings), transparencyRows(history, 'grants', settings)]);
    expect(everything).not.toMatch(/Ann Example|ann@example\.org|Strong local partnerships|The trust closed/);
  });

  it('cancels the tender of a withdrawn proposal and publishes no award for it', () => {
    const id = '2016-17-D-withdrawn';
    const withdrawn = decided(id, [
      { type: 'RaiseProposal', on: '2016-05-03', profile: profile(id, 'direct'), workflow: workflowOf('direct'), estimatedValuePence: 300_000 },
      { type: 'WithdrawProposal', on: '2016-06-01', reason: 'Need met by the council' },
    ] as CaseCommand[]);
    const { records } = validator.check('ocds-records', ocdsRecordPackage(year([withdrawn]), settings, 'https://example.org/ocds')) as { records: Json[] };
    expect((records[0].compiledRelease as Json).tender).toMatchObject({ status: 'withdrawn' });
    expect(records[0].compiledRelease).not.toHaveProperty('awards');
    expect(transparencyRows(year([withdrawn]), 'contracts', settings)).toEqual([]);
  });
});
