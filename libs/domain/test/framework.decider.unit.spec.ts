import { createHash } from 'node:crypto';
import { amountEntries, amountOf, amountsOf, availablePence, DEFAULT_WORKFLOW_REFS, type FrameworkEvent, frameworkDecider, readFrameworkDocument } from '@app/domain';
import { specFor } from './given-when-then';
import { like, readSeedDocument, refusal, smallFramework } from './fixtures';

const spec = specFor(frameworkDecider);

/** Budget £100,000; reserve £10,000; B01 holds £60,000 and C01 £20,000; £10,000 available. */
const definition = smallFramework();
const imported: FrameworkEvent = { type: 'FrameworkImported', data: definition };
const committed = (caseId: string, pence: number, committedAfterPence: number): FrameworkEvent => ({
  type: 'FundsCommitted',
  data: { caseId, pence, reason: 'award', committedAfterPence },
});
const drawn = (pence: number, reserveAfterPence: number): FrameworkEvent => ({
  type: 'ReserveDrawn',
  data: { pence, reason: 'New PCC priority', decisionRef: 'PCC-DN-2016-031', decidedOn: '2016-06-01', reserveAfterPence },
});
const switched = (open: boolean): FrameworkEvent => ({ type: 'PccGrantRoundsSwitched', data: { open, reason: 'New PCC decision' } });

const decideOn = (history: readonly FrameworkEvent[], command: Parameters<typeof frameworkDecider.decide>[0]) =>
  refusal(() => frameworkDecider.decide(command, history.reduce(frameworkDecider.evolve, frameworkDecider.initialState)));

describe('Framework decider: the year\'s budget ledger', () => {
  describe('ImportFramework', () => {
    it('imports a framework the first time', () => {
      spec([]).when({ type: 'ImportFramework', definition }).then([{ type: 'FrameworkImported', data: definition }]);
    });

    it('does nothing when the same document (same checksum) is imported again', () => {
      spec([imported]).when({ type: 'ImportFramework', definition: smallFramework() }).then([]);
    });

    it('refuses a different document for a year already imported: FRAMEWORK_ALREADY_IMPORTED', () => {
      spec([imported])
        .when({ type: 'ImportFramework', definition: smallFramework({ checksum: 'sha256-small-2', totalBudgetPence: 11_000_000 }) })
        .thenThrows('FRAMEWORK_ALREADY_IMPORTED', { message: /2016-17/ });
    });

    it('evolves: the budget, reserve and every line\'s commitment', () => {
      expect(spec([imported]).state()).toEqual({
        definition,
        reservePence: 1_000_000,
        committedPence: 8_000_000,
        committedByCase: amountsOf([['2016-17-B01', 6_000_000], ['2016-17-C01', 2_000_000]]),
        newGrantRoundsOpen: false,
        grantRounds: {},
        workflowVersions: [],
        workflows: DEFAULT_WORKFLOW_REFS,
        potsPence: {},
      });
      expect(availablePence(spec([imported]).state())).toBe(1_000_000);
    });

    it('refuses every other command before a framework is imported: FRAMEWORK_NOT_FOUND', () => {
      spec([]).when({ type: 'SetCaseCommitment', caseId: 'x', pence: 1, reason: 'award' }).thenThrows('FRAMEWORK_NOT_FOUND');
      spec([]).when({ type: 'SwitchPccGrantRounds', open: true, reason: 'x' }).thenThrows('FRAMEWORK_NOT_FOUND');
    });
  });

  describe('SetCaseCommitment: commits or releases the difference', () => {
    it('commits a new case\'s award', () => {
      spec([imported])
        .when({ type: 'SetCaseCommitment', caseId: '2016-17-P-0001', pence: 400_000, reason: 'award' })
        .then([{ type: 'FundsCommitted', data: { caseId: '2016-17-P-0001', pence: 400_000, reason: 'award', committedAfterPence: 8_400_000 } }]);
    });

    it('commits only the increase of a varied case', () => {
      spec([imported])
        .when({ type: 'SetCaseCommitment', caseId: '2016-17-B01', pence: 6_250_000, reason: 'variation' })
        .then([{ type: 'FundsCommitted', data: { caseId: '2016-17-B01', pence: 250_000, reason: 'variation', committedAfterPence: 8_250_000 } }]);
    });

    it('releases the decrease of a varied case', () => {
      spec([imported])
        .when({ type: 'SetCaseCommitment', caseId: '2016-17-B01', pence: 5_000_000, reason: 'variation' })
        .then([{ type: 'FundsReleased', data: { caseId: '2016-17-B01', pence: 1_000_000, reason: 'variation', committedAfterPence: 7_000_000 } }]);
    });

    it('releases what a terminated case still holds', () => {
      spec([imported])
        .when({ type: 'SetCaseCommitment', caseId: '2016-17-C01', pence: 0, reason: 'termination' })
        .then([{ type: 'FundsReleased', data: { caseId: '2016-17-C01', pence: 2_000_000, reason: 'termination', committedAfterPence: 6_000_000 } }]);
    });

    it('does nothing when the case already holds that amount', () => {
      spec([imported]).when({ type: 'SetCaseCommitment', caseId: '2016-17-B01', pence: 6_000_000, reason: 'variation' }).then([]);
      spec([imported]).when({ type: 'SetCaseCommitment', caseId: 'never-committed', pence: 0, reason: 'award' }).then([]);
    });

    it('commits exactly what is available', () => {
      spec([imported])
        .when({ type: 'SetCaseCommitment', caseId: 'new', pence: 1_000_000, reason: 'award' })
        .thenMatches([like<FrameworkEvent>('FundsCommitted', { pence: 1_000_000, committedAfterPence: 9_000_000 })]);
    });

    it('refuses a penny past budget less reserve: BUDGET_EXCEEDED, with the figures', () => {
      spec([imported])
        .when({ type: 'SetCaseCommitment', caseId: 'new', pence: 1_000_001, reason: 'award' })
        .thenThrows('BUDGET_EXCEEDED', { message: /£10,000\.00 is available \(budget £100,000\.00, committed £80,000\.00, reserve £10,000\.00\)/ });
      expect(decideOn([imported], { type: 'SetCaseCommitment', caseId: 'new', pence: 1_000_001, reason: 'award' }).details).toEqual({
        requestedPence: 1_000_001,
        availablePence: 1_000_000,
        budgetPence: 10_000_000,
        committedPence: 8_000_000,
        reservePence: 1_000_000,
      });
    });

    it('counts commitments made since the import', () => {
      const history = [imported, committed('new-1', 600_000, 8_600_000)];
      expect(spec(history).state()).toMatchObject({ committedPence: 8_600_000 });
      expect(amountOf(spec(history).state().committedByCase, 'new-1')).toBe(600_000);
      spec(history)
        .when({ type: 'SetCaseCommitment', caseId: 'new-2', pence: 400_001, reason: 'award' })
        .thenThrows('BUDGET_EXCEEDED');
      expect(decideOn(history, { type: 'SetCaseCommitment', caseId: 'new-2', pence: 400_001, reason: 'award' }).details).toMatchObject({
        availablePence: 400_000,
        committedPence: 8_600_000,
      });
      spec(history).when({ type: 'SetCaseCommitment', caseId: 'new-2', pence: 400_000, reason: 'award' }).thenMatches([{ type: 'FundsCommitted' }]);
    });

    it('frees funds that a release gave back', () => {
      const released: FrameworkEvent = { type: 'FundsReleased', data: { caseId: '2016-17-B01', pence: 1_000_000, reason: 'variation', committedAfterPence: 7_000_000 } };
      const history = [imported, released];
      expect(spec(history).state()).toMatchObject({ committedPence: 7_000_000 });
      expect(amountEntries(spec(history).state().committedByCase)).toEqual([['2016-17-B01', 5_000_000], ['2016-17-C01', 2_000_000]]);
      spec(history)
        .when({ type: 'SetCaseCommitment', caseId: 'new', pence: 2_000_000, reason: 'award' })
        .thenMatches([like<FrameworkEvent>('FundsCommitted', { pence: 2_000_000 })]);
    });

    it.each([-1, -6_000_000])('refuses a negative commitment of %i (it would release funds the case never held): INVALID_AMOUNT', (pence) => {
      spec([imported]).when({ type: 'SetCaseCommitment', caseId: '2016-17-B01', pence, reason: 'variation' }).thenThrows('INVALID_AMOUNT', { field: 'pence' });
      spec([imported]).when({ type: 'SetCaseCommitment', caseId: 'never-committed', pence, reason: 'termination' }).thenThrows('INVALID_AMOUNT', { field: 'pence' });
    });

    it('refuses a commitment that is not a whole number of pence: INVALID_AMOUNT', () => {
      spec([imported]).when({ type: 'SetCaseCommitment', caseId: 'new', pence: 100.5, reason: 'award' }).thenThrows('INVALID_AMOUNT', { field: 'pence' });
    });

    it('refuses a termination that would commit more: INVALID_COMMITMENT', () => {
      spec([imported]).when({ type: 'SetCaseCommitment', caseId: '2016-17-B01', pence: 6_000_001, reason: 'termination' }).thenThrows('INVALID_COMMITMENT');
    });
  });

  describe('DrawOnReserve', () => {
    it('draws on the reserve as a recorded decision', () => {
      spec([imported])
        .when({ type: 'DrawOnReserve', pence: 500_000, reason: 'New PCC priority', decisionRef: 'PCC-DN-2016-031', decidedOn: '2016-06-01' })
        .then([drawn(500_000, 500_000)]);
    });

    it('then the commitment refused before succeeds', () => {
      const command = { type: 'SetCaseCommitment', caseId: 'new', pence: 1_500_000, reason: 'award' } as const;
      spec([imported]).when(command).thenThrows('BUDGET_EXCEEDED');
      const history = [imported, drawn(500_000, 500_000)];
      expect(spec(history).state()).toMatchObject({ reservePence: 500_000 });
      spec(history)
        .when(command)
        .then([{ type: 'FundsCommitted', data: { caseId: 'new', pence: 1_500_000, reason: 'award', committedAfterPence: 9_500_000 } }]);
    });

    it('draws the whole reserve, but not a penny more: RESERVE_INSUFFICIENT', () => {
      spec([imported])
        .when({ type: 'DrawOnReserve', pence: 1_000_000, reason: 'x', decisionRef: 'r', decidedOn: '2016-06-01' })
        .thenMatches([like<FrameworkEvent>('ReserveDrawn', { reserveAfterPence: 0 })]);
      const command = { type: 'DrawOnReserve', pence: 1_000_001, reason: 'x', decisionRef: 'r', decidedOn: '2016-06-01' } as const;
      spec([imported]).when(command).thenThrows('RESERVE_INSUFFICIENT', { message: /£10,000\.01.*£10,000\.00/ });
      expect(decideOn([imported], command).details).toEqual({ requestedPence: 1_000_001, reservePence: 1_000_000 });
    });

    it('measures the reserve after earlier draws', () => {
      spec([imported, drawn(600_000, 400_000)])
        .when({ type: 'DrawOnReserve', pence: 400_001, reason: 'x', decisionRef: 'r', decidedOn: '2016-07-01' })
        .thenThrows('RESERVE_INSUFFICIENT');
    });

    it.each([0, -1, 0.5])('refuses to draw %d: INVALID_AMOUNT', (pence) => {
      spec([imported]).when({ type: 'DrawOnReserve', pence, reason: 'x', decisionRef: 'r', decidedOn: '2016-06-01' }).thenThrows('INVALID_AMOUNT', { field: 'pence' });
    });
  });

  describe('PCC grant rounds: a framework-level switch (6.2d)', () => {
    const round = { type: 'OpenPccGrantRound', roundId: '2016-17-R1', title: 'Hotspot grants', opensOn: '2016-06-01', closesOn: '2016-06-30' } as const;

    it('switches new rounds on, and off again', () => {
      spec([imported]).when({ type: 'SwitchPccGrantRounds', open: true, reason: 'New PCC decision' }).then([switched(true)]);
      spec([imported, switched(true)]).when({ type: 'SwitchPccGrantRounds', open: false, reason: 'New PCC decision' }).then([switched(false)]);
    });

    it('does nothing when the switch is already where asked', () => {
      spec([imported]).when({ type: 'SwitchPccGrantRounds', open: false, reason: 'x' }).then([]);
      spec([imported, switched(true)]).when({ type: 'SwitchPccGrantRounds', open: true, reason: 'x' }).then([]);
    });

    it('starts with the framework\'s own setting', () => {
      const openFramework: FrameworkEvent = { type: 'FrameworkImported', data: smallFramework({ pccGrant: { newRoundsOpen: true } }) };
      expect(spec([openFramework]).state().newGrantRoundsOpen).toBe(true);
      spec([openFramework]).when(round).thenMatches([{ type: 'PccGrantRoundOpened' }]);
    });

    it('refuses a new round while rounds are switched off: GRANT_ROUNDS_SWITCHED_OFF', () => {
      spec([imported]).when(round).thenThrows('GRANT_ROUNDS_SWITCHED_OFF', { message: /2016-17/ });
      spec([imported, switched(true), switched(false)]).when(round).thenThrows('GRANT_ROUNDS_SWITCHED_OFF');
    });

    it('opens a round once switched on', () => {
      spec([imported, switched(true)])
        .when(round)
        .then([{ type: 'PccGrantRoundOpened', data: { roundId: '2016-17-R1', title: 'Hotspot grants', opensOn: '2016-06-01', closesOn: '2016-06-30' } }]);
    });

    it('remembers the round and refuses to open it twice: GRANT_ROUND_EXISTS', () => {
      const history: FrameworkEvent[] = [
        imported,
        switched(true),
        { type: 'PccGrantRoundOpened', data: { roundId: '2016-17-R1', title: 'Hotspot grants', opensOn: '2016-06-01', closesOn: '2016-06-30' } },
      ];
      expect(spec(history).state().grantRounds).toEqual({ '2016-17-R1': { opensOn: '2016-06-01', closesOn: '2016-06-30' } });
      spec(history).when(round).thenThrows('GRANT_ROUND_EXISTS', { field: 'roundId' });
    });

    it('refuses a round closing before it opens: INVALID_DATES', () => {
      spec([imported, switched(true)]).when({ ...round, closesOn: '2016-05-31' }).thenThrows('INVALID_DATES', { field: 'closesOn' });
    });
  });

  describe('with the real 2016-17 framework', () => {
    const raw = readSeedDocument();
    const real = readFrameworkDocument(raw, createHash('sha256').update(JSON.stringify(raw)).digest('hex'));
    const history: FrameworkEvent[] = [{ type: 'FrameworkImported', data: real }];

    it('has nothing available once Appendix B, Appendix C and the reserve are set aside', () => {
      // £4,611,000 − £3,939,983 − £332,000 − £339,017 = £0 (sections 3.2–3.5)
      expect(spec(history).state()).toMatchObject({ committedPence: 393_998_300 + 33_200_000, reservePence: 33_901_700 });
      expect(availablePence(spec(history).state())).toBe(0);
    });

    it('refuses a new award of a penny until the new PCC draws on the reserve', () => {
      const award = { type: 'SetCaseCommitment', caseId: '2016-17-P-0001', pence: 1, reason: 'award' } as const;
      expect(decideOn(history, award)).toMatchObject({
        code: 'BUDGET_EXCEEDED',
        details: { availablePence: 0, budgetPence: 461_100_000, committedPence: 427_198_300, reservePence: 33_901_700 },
      });
      const afterDraw = [...history, drawn(5_000_000, 28_901_700)];
      spec(afterDraw).when({ ...award, pence: 5_000_000 }).thenMatches([like<FrameworkEvent>('FundsCommitted', { pence: 5_000_000, committedAfterPence: 432_198_300 })]);
      spec(afterDraw).when({ ...award, pence: 5_000_001 }).thenThrows('BUDGET_EXCEEDED');
    });

    it('keeps new PCC grant rounds switched off until the new PCC switches them on', () => {
      const round = { type: 'OpenPccGrantRound', roundId: 'R1', title: 'Hotspots', opensOn: '2016-06-01', closesOn: '2016-06-30' } as const;
      spec(history).when(round).thenThrows('GRANT_ROUNDS_SWITCHED_OFF');
      spec([...history, switched(true)]).when(round).thenMatches([{ type: 'PccGrantRoundOpened' }]);
    });
  });
});
