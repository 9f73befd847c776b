import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  caseDecider,
  casesFromFramework,
  type Commitment,
  DomainError,
  type FieldProblem,
  type FrameworkDefinition,
  IMPORTED_CLAUSE,
  readFrameworkDocument,
} from '@app/domain';
import { readSeedDocument, refusal, SEED_PATH } from './fixtures';

const text = readFileSync(SEED_PATH, 'utf8');
const checksum = createHash('sha256').update(text).digest('hex');
const read = (document: unknown): FrameworkDefinition => readFrameworkDocument(document, checksum);
const errorsOf = (document: unknown): FieldProblem[] => {
  const error = refusal(() => read(document));
  expect(error.code).toBe('INVALID_FRAMEWORK');
  return (error.details as { errors: FieldProblem[] }).errors;
};
const total = (lines: readonly Commitment[]) => lines.reduce((sum, line) => sum + line.valuePence, 0);

describe('framework.seed: reading the 2016/17 framework document', () => {
  const definition = read(JSON.parse(text));
  const appendixB = definition.commitments.filter((c) => c.source === 'appendix-b');
  const appendixC = definition.commitments.filter((c) => c.source === 'appendix-c');

  it('reads 57 commitments: 55 Appendix B lines and 2 Appendix C lines', () => {
    expect(definition.commitments).toHaveLength(57);
    expect(appendixB).toHaveLength(55);
    expect(appendixC.map((c) => c.ref)).toEqual(['C01', 'C02']);
    expect(appendixB[0]).toMatchObject({ ref: 'B01', caseId: '2016-17-B01', valuePence: 37_013_600, mechanism: 'co-commissioning' });
  });

  it('totals Appendix B to £3,939,983', () => {
    expect(total(appendixB)).toBe(393_998_300);
  });

  it.each([
    ['reducing-offending', 199_459_900],
    ['supporting-victims', 118_473_400],
    ['safer-communities', 10_472_600],
    ['protecting-vulnerable', 20_592_400],
  ])('totals the %s theme of Appendix B to %i pence', (theme, pence) => {
    expect(total(appendixB.filter((c) => c.theme === theme))).toBe(pence);
  });

  it('totals the PLF lines to £450,000, each its locality\'s allocation', () => {
    const plf = appendixB.filter((c) => c.mechanism === 'plf');
    expect(plf).toHaveLength(9);
    expect(total(plf)).toBe(45_000_000);
    expect(plf.every((c) => c.theme === null)).toBe(true);
    expect(plf.find((c) => c.locality === 'blaby')?.valuePence).toBe(2_970_000);
    expect(definition.plf).toEqual({ totalPence: 45_000_000, meetingDeadline: '2016-02-29' });
  });

  it('totals Appendix C to £332,000', () => {
    expect(total(appendixC)).toBe(33_200_000);
    expect(appendixC.every((c) => c.mechanism === null)).toBe(true);
  });

  it('holds a reserve of £339,017 out of £4,611,000', () => {
    expect(definition.reservePence).toBe(33_901_700);
    expect(definition.totalBudgetPence).toBe(461_100_000);
    expect(definition.totalBudgetPence - total(appendixB) - total(appendixC)).toBe(definition.reservePence);
  });

  it('reads the year, its period, themes, priorities, boards and localities', () => {
    expect(definition).toMatchObject({ financialYear: '2016-17', issuedOn: '2015-10-23', period: { start: '2016-04-01', end: '2017-03-31' }, checksum });
    expect(definition.themes).toHaveLength(4);
    expect(definition.strategicPriorities.map((sp) => sp.code)).toEqual(Array.from({ length: 17 }, (_, i) => `SP${i + 1}`));
    expect(definition.boards.map((b) => b.code)).toEqual(['reducing-reoffending-board', 'substance-misuse-board', 'joint-commissioning-assurance-board']);
    expect(definition.localities).toHaveLength(9);
    expect(definition.pccGrant).toEqual({ newRoundsOpen: false });
  });

  it('keeps the "SP5/6" quirk as printed, with both priorities', () => {
    const line = definition.commitments.find((c) => c.primaryPriorityAsPrinted === 'SP5/6');
    expect(line).toMatchObject({ ref: 'B23', primaryPriorityAsPrinted: 'SP5/6', primaryPriorities: ['SP5', 'SP6'] });
  });

  describe('refuses a document whose figures do not add up: INVALID_FRAMEWORK', () => {
    const copy = (): Record<string, any> => readSeedDocument();

    it('(a) a line a penny off: names the section\'s subtotal field and lists its refs', () => {
      const doc = copy();
      doc.appendixB.sections[0].lines[2].valuePence += 1; // B03
      const refs = (readSeedDocument().appendixB.sections[0].lines as { ref: string }[]).map((l) => l.ref);
      expect(refs).toHaveLength(21);
      const errors = errorsOf(doc);
      expect(errors).toEqual([{ field: 'appendixB.sections[0].subtotalPence', reason: expect.stringContaining(`(${refs.join(', ')})`) }]);
      expect(errors[0].reason).toMatch(/its 21 lines .* sum to £1,994,599\.01 but the document says £1,994,599\.00/);
      const error = refusal(() => read(doc));
      expect(error).toBeInstanceOf(DomainError);
      expect(error.message).toMatch(/^The framework document was refused: appendixB\.sections\[0\]\.subtotalPence: /);
    });

    it('(a) in another section: names that section', () => {
      const doc = copy();
      doc.appendixB.sections[2].lines[0].valuePence -= 1; // B33 Crimestoppers
      const errors = errorsOf(doc);
      expect(errors.map((e) => e.field)).toEqual(['appendixB.sections[2].subtotalPence']);
      expect(errors[0].reason).toContain('B33, B34, B35, B36, B37, B38, B39');
    });

    it('(b) a grand total that is not the sum of the subtotals', () => {
      const doc = copy();
      doc.appendixB.grandTotalPence += 100;
      const errors = errorsOf(doc);
      expect(errors.map((e) => e.field)).toContain('appendixB.grandTotalPence');
      expect(errors.find((e) => e.field === 'appendixB.grandTotalPence')?.reason).toMatch(/sum to £3,939,983\.00 but the grand total says £3,939,984\.00/);
    });

    it('(c) an Appendix C total that is not the sum of its lines', () => {
      const doc = copy();
      doc.appendixC.totalPence = 33_100_000;
      const errors = errorsOf(doc);
      expect(errors.map((e) => e.field)).toContain('appendixC.totalPence');
      expect(errors.find((e) => e.field === 'appendixC.totalPence')?.reason).toContain('(C01, C02)');
    });

    it('a reserve that is not the budget less both appendices', () => {
      const doc = copy();
      doc.commissioningReservePence = 33_901_600;
      expect(errorsOf(doc)).toEqual([{ field: 'commissioningReservePence', reason: expect.stringContaining('leaves £339,017.00, not £339,016.00') }]);
    });

    it('(d) a PLF line whose value is not its locality\'s allocation (even when the section still adds up)', () => {
      const doc = copy();
      const section = doc.appendixB.sections[4];
      const blaby = section.lines.findIndex((l: { locality: string }) => l.locality === 'blaby');
      const harborough = section.lines.findIndex((l: { locality: string }) => l.locality === 'harborough');
      [section.lines[blaby].valuePence, section.lines[harborough].valuePence] = [section.lines[harborough].valuePence, section.lines[blaby].valuePence];
      const errors = errorsOf(doc);
      expect(errors.map((e) => e.field).sort()).toEqual([`appendixB.sections[4].lines[${blaby}].valuePence`, `appendixB.sections[4].lines[${harborough}].valuePence`].sort());
      expect(errors.find((e) => e.field === `appendixB.sections[4].lines[${blaby}].valuePence`)?.reason).toMatch(/blaby's PLF allocation is £29,700\.00/);
    });

    it('(e) an unknown strategic priority', () => {
      const doc = copy();
      doc.appendixB.sections[0].lines[0].primaryPriorities = ['SP18'];
      expect(errorsOf(doc)).toEqual([{ field: 'appendixB.sections[0].lines[0].primaryPriorities', reason: '"SP18" is not a strategic priority' }]);
    });

    it('(e) an unknown secondary priority', () => {
      const doc = copy();
      doc.appendixB.sections[1].lines[0].secondaryPriorities = ['SP0'];
      expect(errorsOf(doc).map((e) => e.field)).toEqual(['appendixB.sections[1].lines[0].secondaryPriorities']);
    });

    it('(e) an unknown locality in a line\'s reach', () => {
      const doc = copy();
      doc.appendixB.sections[0].lines[0].geographicalReach.localities.push('lutterworth');
      expect(errorsOf(doc)).toEqual([{ field: 'appendixB.sections[0].lines[0].geographicalReach.localities', reason: expect.stringMatching(/^"lutterworth" is not a locality: blaby, charnwood, .*, rutland$/) }]);
    });

    it('(e) an unknown locality on a PLF line', () => {
      const doc = copy();
      doc.appendixB.sections[4].lines[0].locality = 'lutterworth';
      expect(errorsOf(doc)).toEqual([{ field: 'appendixB.sections[4].lines[0].locality', reason: expect.stringMatching(/^"lutterworth" is not a locality: blaby, .*, rutland$/) }]);
    });

    it('(e) an unknown theme', () => {
      const doc = copy();
      doc.appendixC.lines[1].theme = 'road-safety';
      expect(errorsOf(doc)).toEqual([{ field: 'appendixC.lines[1].theme', reason: '"road-safety" is not one of the themes' }]);
    });

    it('(f) a value that is not a whole number of pence', () => {
      const doc = copy();
      doc.appendixB.sections[0].lines[0].valuePence = 37_013_600.5;
      const errors = errorsOf(doc);
      expect(errors).toContainEqual({ field: 'appendixB.sections[0].lines[0].valuePence', reason: 'must be a whole number of pence, zero or more' });
    });

    it('(f) a value written as a string of pounds', () => {
      const doc = copy();
      doc.appendixC.lines[0].valuePence = '£292,000';
      expect(errorsOf(doc).map((e) => e.field)).toContain('appendixC.lines[0].valuePence');
    });

    it('a line ref used twice', () => {
      const doc = copy();
      doc.appendixC.lines[1].ref = 'C01';
      expect(errorsOf(doc)).toEqual([{ field: 'ref', reason: 'line ref "C01" appears more than once' }]);
    });

    it('a document of another schema', () => {
      const doc = copy();
      doc.schema = 'commissioning-framework/v2';
      expect(errorsOf(doc).map((e) => e.field)).toEqual(['schema']);
    });

    it('PLF allocations that do not sum to the PLF total', () => {
      const doc = copy();
      doc.localities[0].plfAllocationPence += 1;
      const fields = errorsOf(doc).map((e) => e.field);
      expect(fields).toContain('localities');
    });

    it('says how many more problems there are than it prints', () => {
      const doc = copy();
      for (const line of doc.appendixB.sections[0].lines) line.primaryPriorities = ['SP99'];
      const error = refusal(() => read(doc));
      expect((error.details as { errors: unknown[] }).errors).toHaveLength(21);
      expect(error.message).toMatch(/\(and 18 more\)$/);
    });
  });
});

describe('framework.import: each line becomes a case opening command', () => {
  const definition = readFrameworkDocument(JSON.parse(text), checksum);
  const imported = casesFromFramework(definition);
  const commands = imported.map((i) => i.command);
  const byType = (type: string) => commands.filter((c) => c.type === type);

  it('makes 57 cases: 9 RequestCspPlan, 2 ImportAdditionalAllocation, 46 ImportExistingCommitment', () => {
    expect(imported).toHaveLength(57);
    expect(byType('RequestCspPlan')).toHaveLength(9);
    expect(byType('ImportAdditionalAllocation')).toHaveLength(2);
    expect(byType('ImportExistingCommitment')).toHaveLength(46);
    expect(new Set(imported.map((i) => i.caseId)).size).toBe(57);
  });

  it('requests one CSP plan per locality, with its allocation and the 29 Feb 2016 deadline', () => {
    const requests = commands.flatMap((c) => (c.type === 'RequestCspPlan' ? [c] : []));
    expect(requests.map((c) => c.profile.locality).sort()).toEqual(
      ['blaby', 'charnwood', 'harborough', 'hinckley-and-bosworth', 'leicester-city', 'melton', 'north-west-leicestershire', 'oadby-and-wigston', 'rutland'],
    );
    expect(requests.every((c) => c.meetingDeadline === '2016-02-29')).toBe(true);
    expect(requests.find((c) => c.profile.locality === 'blaby')).toMatchObject({
      on: '2015-10-23',
      allocationPence: 2_970_000,
      profile: { caseId: '2016-17-B51', mechanism: 'plf', origin: { source: 'appendix-b', ref: 'B51' } },
    });
  });

  it('imports Appendix C as allocations with their value', () => {
    expect(byType('ImportAdditionalAllocation')).toEqual([
      expect.objectContaining({ allocationPence: 29_200_000, profile: expect.objectContaining({ caseId: '2016-17-C01', mechanism: null }) }),
      expect.objectContaining({ allocationPence: 4_000_000, profile: expect.objectContaining({ caseId: '2016-17-C02', mechanism: null }) }),
    ]);
  });

  it('imports existing commitments as contracts of the right kind, for the year, with the provider named', () => {
    const find = (ref: string) => imported.find((i) => i.caseId === `2016-17-${ref}`)?.command;
    expect(find('B01')).toMatchObject({
      type: 'ImportExistingCommitment',
      contract: {
        kind: 'agreement',
        provider: 'Leicestershire County Council and Leicester City Council',
        valuePence: 37_013_600,
        measures: [],
        underAchievementClause: IMPORTED_CLAUSE,
        startDate: '2016-04-01',
        endDate: '2017-03-31',
      },
    });
    expect(find('B05')).toMatchObject({ contract: { kind: 'contract', provider: 'Twenty-Twenty', valuePence: 14_755_600 } });
    expect(find('B26')).toMatchObject({ contract: { kind: 'grant', provider: 'Go-Getta CIC' } });
  });

  it('keeps SP5/6 as both priorities on the imported case', () => {
    const line = definition.commitments.find((c) => c.ref === 'B23');
    expect(line).toMatchObject({ primaryPriorityAsPrinted: 'SP5/6', primaryPriorities: ['SP5', 'SP6'] });
    const command = imported.find((i) => i.caseId === '2016-17-B23')?.command;
    expect(command).toMatchObject({ type: 'ImportExistingCommitment', profile: { primaryPriorities: ['SP5', 'SP6'], mechanism: 'co-commissioning' } });
  });

  it('produces commands the case decider accepts, each opening its case at the right stage', () => {
    const stages = imported.map(({ command }) => {
      const events = caseDecider.decide(command, caseDecider.initialState);
      expect(events).toHaveLength(1);
      const state = events.reduce(caseDecider.evolve, caseDecider.initialState);
      return state.status === 'open' ? state.stage : 'none';
    });
    const count = (stage: string) => stages.filter((s) => s === stage).length;
    expect(count('plan-requested')).toBe(9);
    expect(count('allocated')).toBe(2);
    expect(count('active')).toBe(46);
  });
});
