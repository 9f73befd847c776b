import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAsOf } from '@app/audit';
import type { ContractTerms } from '@app/domain';
import { type Json, publicationSet, PublishingService } from '@app/publishing';
import { PublishCommand } from '../../apps/cli/src/publish.command';
import { seed201617 } from '@test/support/seed';
import { OFFICER, type PublishingLedger, publishingLedger } from './publishing-ledger';

const TENDERED = '2016-17-D-hate-crime-advocacy';
const DISPENSED = '2016-17-D-crimestoppers';
const STREET_SPORT = '2016-17-B27';
const GRANTED = '2016-17-G-hotspot-youth';
/** The applicant's contact person: a living individual, whose details no publication may carry. */
const CONTACT = { name: 'Jo Bloggs', email: 'jo.bloggs@hotspot-youth.example.org', phone: '0116 496 0123' };
const TRACES = ['Jo Bloggs', 'Bloggs', 'jo.bloggs', '496 0123'];
const CLERK = 'officer.payments-clerk';
const APPROVER = 'officer.payments-approver';

const terms = (provider: string, valuePence: number): ContractTerms => ({
  kind: 'contract',
  provider,
  valuePence,
  outcomes: ['More victims of hate crime supported to cope and recover'],
  qualityStandards: ['Victims Code of Practice'],
  measures: [{ id: 'referrals', name: 'Victims referred for advocacy', unit: 'referrals', target: 100, frequency: 'quarterly', direction: 'higher-is-better' }],
  underAchievementClause: 'Two consecutive red quarters call for a remedial action plan',
  startDate: '2016-07-01',
  endDate: '2017-03-31',
});

/** Integer pence of a published amount in pounds (the test's own sum never adds floats). */
const pence = (pounds: unknown): number => Math.round(Number(pounds) * 100);
const sum = (amounts: readonly unknown[]) => amounts.reduce<number>((total, amount) => total + pence(amount), 0);

/** The source's figures, read from the document itself: the truth the publications must match. */
function sourceTotals() {
  const doc = seed201617() as { appendixB: { sections: { lines: { mechanism: string | null; valuePence: number }[] }[] }; appendixC: { totalPence: number } };
  const lines = doc.appendixB.sections.flatMap((s) => s.lines);
  const of = (mechanism: string) => lines.filter((l) => l.mechanism === mechanism);
  return {
    plf: of('plf'),
    pccGrant: of('pcc-grant'),
    appendixB: lines.reduce((t, l) => t + l.valuePence, 0),
    appendixC: doc.appendixC.totalPence,
  };
}

const amountOf = (record: Json) => {
  const compiled = record.compiledRelease as Json;
  const contract = (compiled.contracts as Json[] | undefined)?.[0];
  const budget = (compiled.planning as Json | undefined)?.budget as Json | undefined;
  return ((contract?.value ?? budget?.amount) as Json).amount;
};

describe('publishing the 2016/17 year from the log', () => {
  let ledger: PublishingLedger;
  const asOf = (at: string, basis?: string) => ({ financialYear: '2016-17', asOf: parseAsOf(at, basis) });
  const now = { financialYear: '2016-17' };

  beforeAll(async () => {
    ledger = await publishingLedger();
    await ledger.framework({ type: 'DrawOnReserve', pence: 10_000_000, reason: 'New PCC priorities', decisionRef: 'PCC/DEC/2016/041', decidedOn: '2016-05-02' }, '2016-05-02');
    await ledger.propose(TENDERED, 'direct', 2_500_000, '2016-05-03');
    await ledger.run(TENDERED, { type: 'IssueTender', on: '2016-05-16', reference: 'OPCC-2016-017', closesOn: '2016-06-10' });
    await ledger.run(TENDERED, { type: 'SelectProvider', on: '2016-06-14', provider: 'Hate Crime Advocacy Service', bidsReceived: 3 });
    await ledger.run(TENDERED, { type: 'AwardContract', on: '2016-06-20', contract: terms('Hate Crime Advocacy Service', 2_500_000) });
    await ledger.propose(DISPENSED, 'direct', 1_000_000, '2016-05-03', { theme: 'safer-communities', primaryPriorities: ['SP11'] });
    await ledger.run(DISPENSED, { type: 'GrantSingleProviderDispensation', on: '2016-05-10', provider: 'Crimestoppers Trust', reason: 'The only national anonymous reporting line' });
    await ledger.run(DISPENSED, { type: 'AwardContract', on: '2016-05-12', contract: terms('Crimestoppers Trust', 1_000_000) });
    await ledger.run(STREET_SPORT, { type: 'VaryContract', on: '2016-09-01', valuePence: 2_500_000, endDate: '2017-03-31', reason: 'Two more sessions a week in Loughborough' });
    // Payments on the tendered contract: two over £500, one under and one at it, neither of which the spend list carries.
    const instalments = [
      { id: 'q2', dueOn: '2016-07-01', pence: 1_200_000 },
      { id: 'small', dueOn: '2016-08-01', pence: 40_000 },
      { id: 'at-500', dueOn: '2016-08-01', pence: 50_000 },
      { id: 'q3', dueOn: '2016-10-01', pence: 1_210_000 },
    ].map((i) => ({ ...i, condition: { kind: 'none' as const } }));
    await ledger.run(TENDERED, { type: 'SetPaymentSchedule', on: '2016-06-21', by: CLERK, instalments });
    const pay = async (instalmentId: string, pence: number, on: string, paymentRef: string) => {
      await ledger.run(TENDERED, { type: 'RecordClaim', on, by: CLERK, instalmentId, pence, evidenceRef: `invoice-${instalmentId}`, claimId: `claim-${instalmentId}` });
      await ledger.run(TENDERED, { type: 'ApproveClaim', on, by: APPROVER, claimId: `claim-${instalmentId}`, secondApprovalAbovePence: 10_000_000 });
      await ledger.run(TENDERED, { type: 'RecordPayment', on, by: CLERK, claimId: `claim-${instalmentId}`, paymentRef });
    };
    await pay('q2', 1_200_000, '2016-07-08', 'BACS-160708-01');
    await pay('small', 40_000, '2016-08-05', 'BACS-160805-01');
    await pay('at-500', 50_000, '2016-08-05', 'BACS-160805-02');
    // Recorded in the order of the business dates, so that an as-of by recording time sees them in turn.
    await ledger.run(TENDERED, { type: 'ReportPerformance', on: '2016-10-07', measureId: 'referrals', period: '2016-Q2', actual: 104, commentary: 'Ahead of target' });
    await pay('q3', 1_210_000, '2016-10-12', 'BACS-161012-01');
    // A PCC grant in a round the new PCC opened, applied for by an organisation through a named person.
    await ledger.framework({ type: 'SwitchPccGrantRounds', open: true, reason: 'The new PCC reopens grants' }, '2016-06-01');
    await ledger.framework({ type: 'OpenPccGrantRound', roundId: 'round-2016-1', title: 'Hotspot ASB grants 2016', opensOn: '2016-07-01', closesOn: '2016-08-31' }, '2016-06-02');
    await ledger.apply(GRANTED, { roundId: 'round-2016-1', applicant: 'Hotspot Youth CIC', requestedPence: 1_500_000, contact: CONTACT, locality: 'charnwood' }, '2016-07-15');
    await ledger.run(GRANTED, { type: 'AssessGrantApplication', on: '2016-09-14', score: 72, recommendation: 'award', notes: 'Strong hotspot evidence from Jo Bloggs' });
    await ledger.run(GRANTED, { type: 'AwardContract', on: '2016-09-20', contract: { ...terms('Hotspot Youth CIC', 1_500_000), kind: 'grant' } });
    await ledger.settled();
  });
  afterAll(() => ledger?.close());

  describe('the whole import, as of the day after it', () => {
    const atImport = asOf('2015-10-24');

    it('gives 360Giving a grant for each PLF line and each PCC grant, to the penny of the source, valid', async () => {
      const history = await ledger.publishing.history(atImport);
      const { grants } = ledger.publishing.threeSixtyGiving(history);
      const source = sourceTotals();
      expect(source.plf).toHaveLength(9);
      expect(source.pccGrant).toHaveLength(5);
      expect(grants).toHaveLength(source.plf.length + source.pccGrant.length);
      const byProgramme = (code: string) => grants.filter((g) => (g.grantProgramme as Json[])[0].code === code);
      expect(sum(byProgramme('plf').map((g) => g.amountAwarded))).toBe(source.plf.reduce((t, l) => t + l.valuePence, 0));
      expect(sum(byProgramme('pcc-grant').map((g) => g.amountAwarded))).toBe(source.pccGrant.reduce((t, l) => t + l.valuePence, 0));
      expect(sum(grants.map((g) => g.amountAwarded))).toBe(45_000_000 + 11_356_700);
      const blaby = grants.find((g) => g.id === '360G-leicspcc-2016-17-B51');
      expect(blaby).toMatchObject({
        amountAwarded: 29700,
        currency: 'GBP',
        awardDate: '2015-10-23',
        recipientOrganization: [{ id: 'GB-LAE-BLA', name: 'Blaby District Council' }],
        beneficiaryLocation: [{ name: 'Blaby', countryCode: 'GB', geoCode: 'E07000129', geoCodeType: 'NMD' }],
        grantProgramme: [{ code: 'plf', title: 'Partnership Locality Fund' }],
        plannedDates: [{ startDate: '2016-04-01', endDate: '2017-03-31' }],
      });
      // A recipient the source gives no registered number for keeps its name under the publisher's own id.
      expect(grants.find((g) => g.id === '360G-leicspcc-2016-17-B26')?.recipientOrganization).toEqual([{ id: '360G-leicspcc-org-go-getta-cic', name: 'Go-Getta CIC' }]);
    });

    it('gives OCDS one record per case, amounts summing to the source, no invented procurement route', async () => {
      const history = await ledger.publishing.history(atImport);
      const { records } = ledger.publishing.ocdsRecords(history) as { records: Json[] };
      const source = sourceTotals();
      expect(records).toHaveLength(57);
      expect(new Set(records.map((r) => r.ocid)).size).toBe(57);
      expect(sum(records.map(amountOf))).toBe(source.appendixB + source.appendixC);
      const imported = records.filter((r) => ((r.releases as Json[])[0].tag as string[]).includes('contract'));
      expect(imported).toHaveLength(46);
      for (const record of imported) expect((record.compiledRelease as Json).tender).not.toHaveProperty('procurementMethod');
      const releases = ledger.publishing.ocdsReleases(history) as { releases: Json[] };
      expect(releases.releases).toHaveLength(57);
    });

    it('lists every contract over £10,000 and every grant, from the same facts', async () => {
      const history = await ledger.publishing.history(atImport);
      const contracts = ledger.publishing.transparency(history, 'contracts').json.rows;
      const grants = ledger.publishing.transparency(history, 'grants').json.rows;
      expect(grants).toHaveLength(14);
      expect(contracts.every((row) => pence(row.value) > 1_000_000)).toBe(true);
      // B21 (£1,114) and B37 (£6,536) are under the threshold; B31 and B32 are exactly £10,000, not over it.
      expect(contracts.map((row) => row.reference)).not.toEqual(expect.arrayContaining(['2016-17-B21']));
      expect(contracts.find((row) => row.reference === '2016-17-B31')).toBeUndefined();
      expect(contracts.find((row) => row.reference === '2016-17-B22')).toMatchObject({ supplier: 'Catch 22', value: '634384.00', mechanism: 'Direct commissioning' });
    });
  });

  it('publishes the single-provider dispensation as limited with its reason, and the open tender as open', async () => {
    const { records } = ledger.publishing.ocdsRecords(await ledger.publishing.history(now)) as { records: Json[] };
    const tenderOf = (caseId: string) => (records.find((r) => r.ocid === `ocds-l3ics0-${caseId}`)?.compiledRelease as Json).tender as Json;
    expect(tenderOf(DISPENSED)).toMatchObject({ procurementMethod: 'limited', procurementMethodRationale: 'The only national anonymous reporting line', status: 'complete' });
    expect(tenderOf(TENDERED)).toMatchObject({ procurementMethod: 'open', numberOfTenderers: 3, status: 'complete' });
    expect(tenderOf(TENDERED)).not.toHaveProperty('procurementMethodRationale');
    expect(records).toHaveLength(60);
  });

  it('publishes an award only as of a date after it was made', async () => {
    const recordOf = async (at: string, basis?: string) => {
      const { records } = ledger.publishing.ocdsRecords(await ledger.publishing.history(asOf(at, basis))) as { records: Json[] };
      return records.find((r) => r.ocid === `ocds-l3ics0-${TENDERED}`)?.compiledRelease as Json;
    };
    const before = await recordOf('2016-06-19');
    expect(before.tender).toMatchObject({ procurementMethod: 'open' });
    expect(before).not.toHaveProperty('awards');
    expect(before).not.toHaveProperty('contracts');
    const after = await recordOf('2016-06-20');
    expect(after.awards).toEqual([expect.objectContaining({ status: 'active', value: { amount: 25000, currency: 'GBP' }, suppliers: [expect.objectContaining({ name: 'Hate Crime Advocacy Service' })] })]);
    expect(await recordOf('2016-06-19', 'occurred')).not.toHaveProperty('awards');
    expect((await recordOf('2016-06-21', 'occurred')).awards).toHaveLength(1);
  });

  it('turns a variation into an OCDS amendment and a new 360Giving amount', async () => {
    const before = await ledger.publishing.history(asOf('2016-08-31'));
    const after = await ledger.publishing.history(now);
    const grantIn = (h: typeof before) => ledger.publishing.threeSixtyGiving(h).grants.find((g) => g.id === `360G-leicspcc-${STREET_SPORT}`);
    expect(grantIn(before)?.amountAwarded).toBe(23800);
    expect(grantIn(after)?.amountAwarded).toBe(25000);
    const { records } = ledger.publishing.ocdsRecords(after) as { records: Json[] };
    const record = records.find((r) => r.ocid === `ocds-l3ics0-${STREET_SPORT}`) as Json;
    const [imported, varied] = record.releases as Json[];
    expect(varied.tag).toEqual(['contractAmendment']);
    const contract = ((record.compiledRelease as Json).contracts as Json[])[0];
    expect(contract.value).toEqual({ amount: 25000, currency: 'GBP' });
    expect(contract.amendments).toEqual([
      {
        id: varied.id,
        date: varied.date,
        rationale: 'Two more sessions a week in Loughborough',
        description: 'Value from £23,800.00 to £25,000.00; ends on 31 Mar 2017',
        amendsReleaseID: imported.id,
        releaseID: varied.id,
      },
    ]);
  });

  it('records performance as a milestone, and derives release ids from the log so they are stable from run to run', async () => {
    const first = ledger.publishing.ocdsReleases(await ledger.publishing.history(now)) as { releases: Json[] };
    const again = ledger.publishing.ocdsReleases(await ledger.publishing.history(now)) as { releases: Json[] };
    expect(again).toEqual(first);
    const implementation = first.releases.find((r) => (r.tag as string[]).includes('implementation') && ((r.contracts as Json[])[0].implementation as Json).milestones) as Json;
    expect(((implementation.contracts as Json[])[0].implementation as Json).milestones).toEqual([
      expect.objectContaining({ title: 'Victims referred for advocacy: 2016-Q2', type: 'reporting', status: 'met', description: '104 against a target of 100 referrals' }),
    ]);
  });

  it('publishes each payment over £500 by month, as CSV and JSON, and every payment as an OCDS transaction', async () => {
    const spend = ledger.publishing.transparency(await ledger.publishing.history(now), 'spend');
    expect(spend.json).toMatchObject({ list: 'spend', financialYear: '2016-17' });
    const row = { reference: TENDERED, title: `Proposal ${TENDERED}`, supplier: 'Hate Crime Advocacy Service', mechanism: 'Direct commissioning', purpose: `Proposal ${TENDERED}` };
    expect(spend.json.rows).toEqual([
      { month: '2016-07', paid: '2016-07-08', ...row, value: '12000.00', paymentRef: 'BACS-160708-01' },
      { month: '2016-10', paid: '2016-10-12', ...row, value: '12100.00', paymentRef: 'BACS-161012-01' },
    ]);
    expect(spend.csv.split('\r\n')).toEqual([
      'month,paid,reference,title,supplier,value,mechanism,purpose,paymentRef',
      `2016-07,2016-07-08,${TENDERED},Proposal ${TENDERED},Hate Crime Advocacy Service,12000.00,Direct commissioning,Proposal ${TENDERED},BACS-160708-01`,
      `2016-10,2016-10-12,${TENDERED},Proposal ${TENDERED},Hate Crime Advocacy Service,12100.00,Direct commissioning,Proposal ${TENDERED},BACS-161012-01`,
      '',
    ]);
    // As of the end of September the October payment had not been made.
    const september = ledger.publishing.transparency(await ledger.publishing.history(asOf('2016-09-30')), 'spend');
    expect(september.json.rows.map((r) => r.paid)).toEqual(['2016-07-08']);
    // Nothing had been paid at the import.
    expect(ledger.publishing.transparency(await ledger.publishing.history(asOf('2015-10-24')), 'spend').json.rows).toEqual([]);

    const { records } = ledger.publishing.ocdsRecords(await ledger.publishing.history(now)) as { records: Json[] };
    const contract = (((records.find((r) => r.ocid === `ocds-l3ics0-${TENDERED}`) as Json).compiledRelease as Json).contracts as Json[])[0];
    const transactions = (contract.implementation as Json).transactions as Json[];
    expect(transactions.map((t) => [t.id, t.value, (t.payee as Json).name])).toEqual([
      [`ocds-l3ics0-${TENDERED}-payment-claim-q2`, { amount: 12000, currency: 'GBP' }, 'Hate Crime Advocacy Service'],
      [`ocds-l3ics0-${TENDERED}-payment-claim-small`, { amount: 400, currency: 'GBP' }, 'Hate Crime Advocacy Service'],
      [`ocds-l3ics0-${TENDERED}-payment-claim-at-500`, { amount: 500, currency: 'GBP' }, 'Hate Crime Advocacy Service'],
      [`ocds-l3ics0-${TENDERED}-payment-claim-q3`, { amount: 12100, currency: 'GBP' }, 'Hate Crime Advocacy Service'],
    ]);
    // The milestone of the October report stays beside the transactions.
    expect((contract.implementation as Json).milestones).toHaveLength(1);
  });

  it('publishes the grant to the organisation and nothing of its contact person, nor of the people who made the decisions', async () => {
    const history = await ledger.publishing.history(now);
    const grants = ledger.publishing.threeSixtyGiving(history).grants;
    expect(grants.find((g) => g.id === `360G-leicspcc-${GRANTED}`)).toMatchObject({ amountAwarded: 15000, recipientOrganization: [{ id: '360G-leicspcc-org-hotspot-youth-cic', name: 'Hotspot Youth CIC' }] });
    expect(ledger.publishing.transparency(history, 'grants').json.rows.map((r) => r.reference)).toContain(GRANTED);
    // The log this ledger reads keeps the contact in the clear: the publications must leave it out themselves.
    expect(history.cases.find((c) => c.caseId === GRANTED)?.events[0].event.data).toMatchObject({ contact: CONTACT });
    const everything = publicationSet(ledger.publishing, history)
      .map((f) => f.content)
      .join('\n');
    for (const trace of [...TRACES, OFFICER.id, CLERK, APPROVER]) expect(everything).not.toContain(trace);
    expect(everything).not.toContain('Ahead of target'); // a report's commentary stays in the ledger
    expect(everything).not.toContain('Strong hotspot evidence'); // so do an assessment's notes
    expect(everything).not.toMatch(/recipientIndividual|contactName|email|phone/i);
  });

  it('refuses a document that fails its schema, naming the failing path, and the CLI writes no file of it', async () => {
    const history = await ledger.publishing.history(now);
    // A funder id that is no org-id.guide identifier nor the publisher's own.
    const misconfigured = new PublishingService(ledger.log, { ...ledger.settings, funder: { id: 'Leicestershire OPCC', name: 'Police and Crime Commissioner' } });
    const refusal = { code: 'PUBLICATION_INVALID', field: 'grants[0].fundingOrganization[0].id', message: expect.stringMatching(/^The 360Giving grant package was not published: grants\[0\]\.fundingOrganization\[0\]\.id must match pattern/) };
    expect(() => misconfigured.threeSixtyGiving(history)).toThrow(expect.objectContaining(refusal));
    expect(() => publicationSet(misconfigured, history)).toThrow(expect.objectContaining({ code: 'PUBLICATION_INVALID' }));

    const out = join(mkdtempSync(join(tmpdir(), 'ledger-publish-refused-')), 'out');
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await expect(new PublishCommand(misconfigured, ledger.log).run([], { year: '2016-17', out })).rejects.toMatchObject(refusal);
    } finally {
      quiet.mockRestore();
    }
    expect(existsSync(out)).toBe(false);
    rmSync(join(out, '..'), { recursive: true, force: true });
  });

  it('writes every publication from the CLI command with progress and a manifest whose hashes match the files', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ledger-publish-')), 'out');
    const progress: string[] = [];
    const stdout: string[] = [];
    const writes = [
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => progress.push(String(chunk)) > 0),
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => stdout.push(String(chunk)) > 0),
    ];
    try {
      await new PublishCommand(ledger.publishing, ledger.log).run([], { year: '2016-17', out });
    } finally {
      for (const write of writes) write.mockRestore();
    }
    expect(progress.join('')).toMatch(/Publishing: \d+\/\d+/);
    expect(progress.join('')).toMatch(/Publishing: (\d+)\/\1\n/); // it reaches the end
    expect(stdout.join('')).toMatch(/^Published 2016-17 to /);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { file: string; records: number; bytes: number; sha256: string }[] };
    expect(manifest.files.map((f) => [f.file, f.records])).toEqual([
      ['360giving-2016-17.json', 15],
      ['ocds-releases-2016-17.json', expect.any(Number)],
      ['ocds-records-2016-17.json', 60],
      ['contracts-2016-17.csv', expect.any(Number)],
      ['contracts-2016-17.json', expect.any(Number)],
      ['grants-2016-17.csv', 15],
      ['grants-2016-17.json', 15],
      ['spend-2016-17.csv', 2],
      ['spend-2016-17.json', 2],
    ]);
    for (const entry of manifest.files) {
      const bytes = readFileSync(join(out, entry.file));
      expect({ file: entry.file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual({ file: entry.file, bytes: entry.bytes, sha256: entry.sha256 });
    }
    expect(readFileSync(join(out, 'spend-2016-17.csv'), 'utf8')).toBe(ledger.publishing.transparency(await ledger.publishing.history(now), 'spend').csv);
    rmSync(join(out, '..'), { recursive: true, force: true });
  });

  it('refuses a year with no framework as of the date asked, NOT_FOUND', async () => {
    await expect(ledger.publishing.history(asOf('2015-10-01'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.publishing.history({ financialYear: '2030-31' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
