import { availablePence, type CaseProfile, frameworkDecider, type FrameworkEvent, frameworkStreamId } from '@app/domain';
import { type BudgetDoc, budgetFromDocs, budgetProjection, budgetRows, budgetView, BREAKDOWN_NAMES } from '@app/projections/budget';
import { given, stored } from './projection-spec';
import { caseEvent, frameworkImported, seedDefinition, seedImport } from './seed-events';

const YEAR = '2016-17';
const ledger = (type: string, data: unknown) => stored(frameworkStreamId(YEAR), { type, data });
const sum = (breakdown: Readonly<Record<string, number>>) => Object.values(breakdown).reduce((a, b) => a + b, 0);
const budgetAfter = (events: Parameters<typeof given>[1]) => budgetFromDocs(YEAR, given(budgetProjection, events).docs) as BudgetDoc;

/** Table 1 of the framework: the £450,000 PLF split by the Vulnerable Localities Index. */
const TABLE_1 = {
  blaby: 2_970_000,
  charnwood: 6_795_000,
  harborough: 2_385_000,
  'hinckley-and-bosworth': 3_600_000,
  'leicester-city': 21_510_000,
  melton: 1_575_000,
  'north-west-leicestershire': 3_195_000,
  'oadby-and-wigston': 1_980_000,
  rutland: 990_000,
};

describe('budget projection', () => {
  describe('given the 2016/17 framework imported from the seed', () => {
    const view = budgetView(budgetAfter([frameworkImported()]));

    it('has the framework totals: £4,611,000 budget, £4,271,983 committed, £339,017 reserve, nothing available', () => {
      expect(view).toMatchObject({
        financialYear: YEAR,
        totalPence: 461_100_000,
        committedPence: 427_198_300,
        reservePence: 33_901_700,
        availablePence: 0,
        lineCount: 57,
      });
      expect(view.formatted).toMatchObject({ total: '£4,611,000.00', committed: '£4,271,983.00', reserve: '£339,017.00', available: '£0.00' });
    });

    it('counts the PLF allocations and Appendix C lines as allocated, awaiting their award', () => {
      expect(view.allocatedPence).toBe(45_000_000 + 33_200_000);
      expect(view.bySource).toEqual({ 'appendix-b': 393_998_300, 'appendix-c': 33_200_000 });
    });

    it('counts Appendix C lines under the themes the seed infers for them; PLF lines as "various"', () => {
      const c = seedDefinition().commitments.filter((line) => line.source === 'appendix-c');
      expect(c.map((line) => [line.ref, line.theme, line.valuePence])).toEqual([
        ['C01', 'supporting-victims', 29_200_000],
        ['C02', 'reducing-offending', 4_000_000],
      ]);
      expect(view.byTheme).toEqual({
        'reducing-offending': 199_459_900 + 4_000_000,
        'supporting-victims': 118_473_400 + 29_200_000,
        various: 45_000_000,
        'protecting-vulnerable': 20_592_400,
        'safer-communities': 10_472_600,
      });
    });

    it('splits the PLF by locality exactly as Table 1', () => {
      expect(view.byLocality).toEqual(TABLE_1);
      expect(sum(view.byLocality)).toBe(45_000_000);
    });

    it('keeps a line with two primary priorities whole under a joined key, never split into fractions of a penny', () => {
      expect(view.byPriority['SP5+SP6']).toBe(26_887_700);
      expect(view.byPriority.various).toBe(45_000_000);
      expect(view.byPriority.SP5).toBe(29_200_000); // C01 alone: the SP5/6 line adds nothing here
      expect(view.byPriority.SP6).toBe(6_790_600); // B25 alone
      expect(sum(view.byPriority)).toBe(view.committedPence);
    });

    it('groups by mechanism, provider as printed, and geographical reach', () => {
      expect(view.byMechanism).toMatchObject({ plf: 45_000_000, unassigned: 33_200_000 });
      expect(view.byProvider).toMatchObject({ 'To be confirmed': 2_000_000, TBC: 2_056_400, unassigned: 33_200_000 });
      const cityOnly = seedDefinition().commitments.filter((l) => l.geographicalReach.scope === 'localities' && l.geographicalReach.localities.join() === 'leicester-city');
      expect(view.byGeographicalReach).toMatchObject({ national: 2_619_000, blaby: 2_970_000, 'leicester-city': cityOnly.reduce((s, l) => s + l.valuePence, 0) });
      expect(view.byGeographicalReach.llr).toBeGreaterThan(0);
      expect(view.byGeographicalReach['multiple-localities']).toBeGreaterThan(0);
    });

    it('has every breakdown but byLocality sum to the committed figure, in whole pence', () => {
      for (const name of BREAKDOWN_NAMES.filter((n) => n !== 'byLocality')) {
        expect([name, sum(view[name])]).toEqual([name, view.committedPence]);
        for (const pence of Object.values(view[name])) expect(Number.isSafeInteger(pence)).toBe(true);
      }
    });

    it('flattens to rows: the summary, then one per breakdown and key', () => {
      const rows = budgetRows(view);
      expect(rows[0]).toEqual({ breakdown: 'summary', key: 'total', pence: 461_100_000, amount: '£4,611,000.00' });
      expect(rows).toContainEqual({ breakdown: 'byLocality', key: 'rutland', pence: 990_000, amount: '£9,900.00' });
      expect(rows.filter((r) => r.breakdown === 'byTheme')).toHaveLength(5);
    });
  });

  it("keeps the import's lines when the imported cases open", () => {
    const [imported] = seedImport();
    const importedOnly = budgetAfter([imported]);
    const withCases = budgetAfter(seedImport());
    expect(withCases.lines).toEqual(importedOnly.lines);
    expect(budgetView(withCases).committedPence).toBe(427_198_300);
  });

  it('moves committed and available with FundsCommitted and FundsReleased, against the right line', () => {
    const doc = budgetAfter([
      frameworkImported(),
      ledger('ReserveDrawn', { pence: 5_000_000, reason: 'New hate crime initiative', decisionRef: 'PCC/DEC/2016/041', decidedOn: '2016-06-15', reserveAfterPence: 28_901_700 }),
      ledger('FundsReleased', { caseId: '2016-17-B51', pence: 470_000, reason: 'award', committedAfterPence: 426_728_300 }),
      ledger('FundsCommitted', { caseId: '2016-17-B01', pence: 1_000_000, reason: 'variation', committedAfterPence: 427_728_300 }),
    ]);
    const view = budgetView(doc);
    expect(view).toMatchObject({ reservePence: 28_901_700, committedPence: 427_728_300, availablePence: 461_100_000 - 28_901_700 - 427_728_300 });
    expect(doc.lines['2016-17-B51'].heldPence).toBe(2_500_000);
    expect(doc.lines['2016-17-B01'].heldPence).toBe(38_013_600);
    expect(view.byLocality.blaby).toBe(2_500_000);
    expect(view.allocatedPence).toBe(78_200_000 - 470_000);
  });

  describe('a proposal raised after the import', () => {
    const profile: CaseProfile = {
      caseId: '2016-17-D-abc123',
      financialYear: YEAR,
      mechanism: 'direct',
      title: 'Hate crime awareness',
      description: null,
      theme: 'safer-communities',
      primaryPriorities: ['SP12'],
      secondaryPriorities: [],
      geographicalReach: { asPrinted: null, scope: 'localities', localities: ['melton', 'rutland'] },
      locality: null,
      origin: { source: 'proposal', ref: null },
    };
    const raised = caseEvent(profile.caseId, { type: 'ProposalRaised', data: { profile, workflow: { id: 'direct', version: 1 }, estimatedValuePence: 2_500_000, on: '2016-06-01' } }, '2016-06-01T10:00:00+01:00', 0);
    const committed = ledger('FundsCommitted', { caseId: profile.caseId, pence: 2_400_000, reason: 'award', committedAfterPence: 429_598_300 });
    const contract = { kind: 'contract' as const, provider: 'Stop Hate UK', valuePence: 2_400_000, outcomes: [], qualityStandards: [], measures: [], underAchievementClause: 'x', startDate: '2016-07-01', endDate: '2017-03-31' };
    const awarded = caseEvent(profile.caseId, { type: 'ContractAwarded', data: { contract, on: '2016-06-20' } }, '2016-06-20T10:00:00+01:00', 3);
    const closed = caseEvent(profile.caseId, { type: 'ContractClosed', data: { on: '2017-03-31', notes: 'Delivered' } }, '2017-03-31T10:00:00+01:00', 4);
    const before = [frameworkImported(), ledger('ReserveDrawn', { pence: 2_400_000, reason: 'r', decisionRef: 'd', decidedOn: '2016-06-01', reserveAfterPence: 31_501_700 })];

    it('is registered holding nothing', () => {
      const doc = budgetAfter([...before, raised]);
      expect(doc.lines[profile.caseId]).toMatchObject({ status: 'allocated', heldPence: 0, provider: null, priorityKey: 'SP12' });
      expect(budgetView(doc).committedPence).toBe(427_198_300);
    });

    it('once awarded is committed to its provider; once closed it has ended and still counts', () => {
      const awardedDoc = budgetAfter([...before, raised, committed, awarded]);
      expect(awardedDoc.lines[profile.caseId]).toMatchObject({ status: 'committed', heldPence: 2_400_000, provider: 'Stop Hate UK' });
      const view = budgetView(budgetAfter([...before, raised, committed, awarded, closed]));
      expect(view).toMatchObject({ committedPence: 429_598_300, availablePence: 0, allocatedPence: 78_200_000 });
      expect(view.byProvider['Stop Hate UK']).toBe(2_400_000);
      expect(view.byGeographicalReach['multiple-localities']).toBeGreaterThanOrEqual(2_400_000);
      expect(view.asOfPosition).toBe(closed.globalPosition);
    });

    it('funds recorded before the case opened are kept when it opens', () => {
      const doc = budgetAfter([...before, committed, raised]);
      expect(doc.lines[profile.caseId]).toMatchObject({ source: 'proposal', heldPence: 2_400_000, title: 'Hate crime awareness' });
    });
  });

  describe('a commitment carried in from the year before', () => {
    const NEXT = '2017-18';
    const nextLedger = (type: string, data: unknown) => stored(frameworkStreamId(NEXT), { type, data });
    const imported = nextLedger('FrameworkImported', { ...seedDefinition(), financialYear: NEXT, commitments: [] });
    const carriedFrom = { financialYear: YEAR, instalmentIds: ['2016-Q4'] };
    const profile = {
      caseId: '2016-17-B05', financialYear: YEAR, mechanism: 'direct', title: 'Youth Mentoring', theme: 'reducing-offending', primaryPriorities: ['SP1'],
      geographicalReach: { asPrinted: 'LLR', scope: 'llr', localities: [] }, locality: null, origin: { source: 'appendix-b', ref: 'B05' }, provider: 'Twenty-Twenty',
    };
    const nextYear = (data: Record<string, unknown>) => budgetFromDocs(NEXT, given(budgetProjection, [imported, nextLedger('FundsCommitted', data)]).docs) as BudgetDoc;

    it("is grouped by the case's own profile, which the ledger recorded with it, though the case opened in the earlier year", () => {
      const view = budgetView(nextYear({ caseId: profile.caseId, pence: 3_688_900, reason: 'carry-forward', committedAfterPence: 3_688_900, carriedFrom: { ...carriedFrom, profile } }));
      expect([view.byTheme['reducing-offending'], view.byPriority.SP1, view.byProvider['Twenty-Twenty'], view.byMechanism.direct, view.bySource['appendix-b']]).toEqual(Array(5).fill(3_688_900));
      expect(view).toMatchObject({ committedPence: 3_688_900, allocatedPence: 0 });
    });

    it('follows the case when it is closed in the year it was carried into, and in its own year too', () => {
      const carried = nextLedger('FundsCommitted', { caseId: profile.caseId, pence: 3_688_900, reason: 'carry-forward', committedAfterPence: 3_688_900, carriedFrom: { ...carriedFrom, profile } });
      const closed = caseEvent(profile.caseId, { type: 'ContractClosed', data: { on: '2017-06-30', notes: 'Delivered' } }, '2017-06-30T10:00:00+01:00', 5);
      expect(budgetProjection.keysOf(closed)).toEqual(expect.arrayContaining([`${YEAR}/${profile.caseId}`, `${NEXT}/${profile.caseId}`]));
      const { docs } = given(budgetProjection, [imported, carried, closed]);
      expect((budgetFromDocs(NEXT, docs) as BudgetDoc).lines[profile.caseId]).toMatchObject({ status: 'ended', heldPence: 3_688_900 });
    });

    it('looks no further forward than the year after the one the event happened in', () => {
      const closed = caseEvent(profile.caseId, { type: 'ContractClosed', data: { on: '2017-03-31', notes: '' } }, '2017-03-31T10:00:00+01:00', 5);
      const years = budgetProjection.keysOf(closed).map((key) => key.split('/')[0]);
      expect(new Set(years)).toEqual(new Set([YEAR, NEXT]));
    });

    it('recorded before the ledger kept the profile, stays a bare line: the log does not say more', () => {
      const doc = nextYear({ caseId: profile.caseId, pence: 3_688_900, reason: 'carry-forward', committedAfterPence: 3_688_900, carriedFrom });
      expect(doc.lines[profile.caseId]).toMatchObject({ source: null, theme: null, priorityKey: 'unassigned', heldPence: 3_688_900 });
    });
  });

  it('ignores events of other read models and other streams', () => {
    expect(budgetProjection.keysOf(stored('case-2016-17-B01', { type: 'PerformanceReported', data: {} }))).toEqual([]);
    expect(budgetProjection.keysOf(stored('elsewhere', { type: 'FundsCommitted', data: {} }))).toEqual([]);
  });

  describe("given a pot set aside for new PCC grants (the domain's rule for what is available)", () => {
    // £20,000 more than the seed's commitments and reserve, £15,000 of it a grants pot: £5,000 available to other work.
    const definition = { ...seedDefinition(), totalBudgetPence: 463_100_000, pots: { 'pcc-grant': 1_500_000 } };
    const award = ledger('FundsCommitted', { caseId: '2016-17-G01', pence: 1_000_000, reason: 'award', committedAfterPence: 428_198_300, fromPot: { mechanism: 'pcc-grant', pence: 1_000_000 } });
    const domainAvailable = (events: readonly { type: string; data: unknown }[]) =>
      availablePence(events.reduce((state, e) => frameworkDecider.evolve(state, e as FrameworkEvent), frameworkDecider.initialState));

    it('does not count the pot as available: £5,000.00, as the decider says, with £15,000.00 in the pot', () => {
      const imported = frameworkImported(definition);
      const view = budgetView(budgetAfter([imported]));
      expect(view).toMatchObject({ availablePence: 500_000, potsLeftPence: 1_500_000, pots: { 'pcc-grant': 1_500_000 } });
      expect(view.availablePence).toBe(domainAvailable([imported]));
      expect(view.formatted).toMatchObject({ available: '£5,000.00', potsLeft: '£15,000.00' });
      expect(budgetRows(view)).toContainEqual({ breakdown: 'summary', key: 'pot:pcc-grant', pence: 1_500_000, amount: '£15,000.00' });
    });

    it('a grant awarded from the pot leaves £5,000.00 left in it and what is available unchanged', () => {
      const imported = frameworkImported(definition);
      const view = budgetView(budgetAfter([imported, award]));
      expect(view).toMatchObject({ availablePence: 500_000, potsLeftPence: 500_000, committedPence: 428_198_300 });
      expect(view.availablePence).toBe(domainAvailable([imported, award]));
    });
  });
});
