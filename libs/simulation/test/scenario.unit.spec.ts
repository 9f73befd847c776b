import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { type FrameworkDefinition, readFrameworkImport } from '@app/domain';
import { readScenario, SCENARIO_SCHEMA, ScenarioRefused } from '@app/simulation';
import { framework201718 } from '@test/support/framework-2017-18';
import { SCENARIO_2016_17, seed201617 } from '@test/support/seed';

type Doc = Record<string, any>;
const framework = (doc: unknown): FrameworkDefinition => readFrameworkImport(doc, 'checksum').definition;
const year201718 = framework(framework201718());

const measure = { id: 'incidents', name: 'Night-time incidents', unit: 'incidents', target: 40, frequency: 'quarterly', direction: 'lower-is-better' };

/** A small 2017/18 scenario: North Vale's plan, then a report on line A1. */
const scenario = (): Doc => ({
  schema: 'commissioning-scenario/v1',
  financialYear: '2017-18',
  from: '2017-02-01',
  to: '2017-03-31',
  actions: [
    {
      on: '2017-02-06',
      target: { locality: 'north-vale' },
      actor: { id: 'csp.north-vale', role: 'csp', locality: 'north-vale' },
      command: { type: 'SubmitCspPlan', budgetLines: [{ id: 'wardens', description: 'Wardens', pence: 1_000_000 }], performanceFramework: [measure] },
      note: 'plan',
    },
    { on: '2017-02-07', target: { ref: 'A1' }, actor: { id: 'officer', role: 'opcc-staff' }, command: { type: 'AgreePerformanceMeasures', measures: [measure] } },
  ],
});

/** given a framework, when a scenario is read, then it is refused naming these fields and reasons. */
async function refusal(doc: unknown, definition = year201718): Promise<ScenarioRefused> {
  try {
    await readScenario(doc, definition);
  } catch (error) {
    if (error instanceof ScenarioRefused) return error;
    throw error;
  }
  throw new Error('the scenario was accepted');
}

describe('reading a scenario against its framework', () => {
  it('accepts the shipped 2016/17 scenario on the 2016/17 framework, with its own dates', async () => {
    const read = await readScenario(JSON.parse(readFileSync(SCENARIO_2016_17, 'utf8')), framework(seed201617()));
    expect(read).toMatchObject({ financialYear: '2016-17', from: '2015-10-23', to: '2017-03-31' });
    expect(read.actions[0]).toMatchObject({ index: 0, on: '2015-11-18', caseId: '2016-17-B47', command: { type: 'SubmitCspPlan', on: '2015-11-18' } });
  });

  it('gives each command the action’s date and resolves its case; from and to default to the framework’s', async () => {
    const doc = scenario();
    delete doc.from;
    delete doc.to;
    const read = await readScenario(doc, year201718);
    expect(read).toMatchObject({ from: '2017-01-16', to: '2018-03-31' });
    expect(read.actions.map((a) => [a.caseId, a.command.type, a.command.on])).toEqual([
      ['2017-18-L1', 'SubmitCspPlan', '2017-02-06'],
      ['2017-18-A1', 'AgreePerformanceMeasures', '2017-02-07'],
    ]);
  });

  it('refuses a scenario written for another year than the framework’s', async () => {
    const doc = scenario();
    doc.financialYear = '2016-17';
    expect((await refusal(doc)).problems).toEqual([{ field: 'financialYear', reason: 'is 2016-17, but the framework is for 2017-18' }]);
  });

  it('refuses an unknown locality, listing the framework’s own', async () => {
    const doc = scenario();
    doc.actions[0].target = { locality: 'blaby' };
    const { problems, message } = await refusal(doc);
    expect(problems).toEqual([{ field: 'actions[0].target.locality', reason: expect.stringContaining('"blaby" is not a locality') }]);
    expect(problems[0].reason).toMatch(/: north-vale, south-downs, east-marsh$/);
    expect(message).toMatch(/actions\[0\]\.target\.locality/);
  });

  it('refuses an unknown line ref, listing the framework’s', async () => {
    const doc = scenario();
    doc.actions[1].target = { ref: 'B05' };
    expect((await refusal(doc)).problems).toEqual([{ field: 'actions[1].target.ref', reason: expect.stringMatching(/"B05" is not a line .*: A1, L1, L2, L3, X1$/) }]);
  });

  it.each([
    ['before from', '2017-01-31'],
    ['after to', '2017-04-01'],
  ])('refuses an action %s', async (_name, on) => {
    const doc = scenario();
    doc.actions[1].on = on;
    expect((await refusal(doc)).problems).toEqual([{ field: 'actions[1].on', reason: `${on} is outside the scenario's run, 2017-02-01 to 2017-03-31` }]);
  });

  it('refuses a date that is not one, and a to before from', async () => {
    const doc = scenario();
    doc.actions[0].on = '2017-02-30';
    doc.to = '2017-01-01';
    expect((await refusal(doc)).problems.map((p) => p.field)).toEqual(['to', 'actions[0].on', 'actions[1].on']);
    expect((await refusal(doc)).problems[1].reason).toBe('2017-02-30 is not a date');
  });

  it('refuses an actor who may not give the command on that case: a CSP on another locality’s case', async () => {
    const doc = scenario();
    doc.actions[0].actor = { id: 'csp.south-downs', role: 'csp', locality: 'south-downs' };
    expect((await refusal(doc)).problems).toEqual([
      { field: 'actions[0].actor', reason: 'csp.south-downs (csp of south-downs) may not give SubmitCspPlan on 2017-18-L1 (north-vale)' },
    ]);
  });

  it.each<[string, (d: Doc) => void, string, RegExp]>([
    ['a command without a type', (d) => delete d.actions[1].command.type, 'actions[1].command', /required property 'type'/],
    ['a command carrying its own date', (d) => (d.actions[1].command.on = '2017-02-07'), 'actions[1].command.on', /must not carry `on`/],
    ['a command no person gives', (d) => (d.actions[1].command.type = 'RecordDeadlineMissed'), 'actions[1].command.type', /not a case command a person gives/],
    ['a target with both a locality and a ref', (d) => (d.actions[0].target.ref = 'A1'), 'actions[0].target', /must NOT have additional properties/],
    ['an unknown field on an action', (d) => (d.actions[0].when = '2017-02-06'), 'actions[0]', /additional properties \(when\)/],
    ['a date in words', (d) => (d.actions[0].on = '6 Feb 2017'), 'actions[0].on', /must match pattern/],
    ['an actor without a role', (d) => delete d.actions[0].actor.role, 'actions[0].actor', /required property 'role'/],
    ['the wrong schema name', (d) => (d.schema = 'scenario/v2'), 'schema', /must be equal to constant/],
  ])('refuses %s, naming its path', async (_name, spoil, field, reason) => {
    const doc = scenario();
    spoil(doc);
    const { problems } = await refusal(doc);
    expect(problems).toEqual(expect.arrayContaining([{ field, reason: expect.stringMatching(reason) }]));
  });

  it('publishes a schema ajv compiles strictly, which the shipped scenario meets', () => {
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(SCENARIO_SCHEMA);
    expect(validate(JSON.parse(readFileSync(SCENARIO_2016_17, 'utf8')))).toBe(true);
    expect(validate(scenario())).toBe(true);
  });
});

describe('a scenario’s commands meet the rules the API’s request bodies meet', () => {
  const line = { id: 'wardens', description: 'Wardens', pence: 1_000_000 };
  const withLine = (changes: Doc) => (d: Doc) => (d.actions[0].command.budgetLines = [{ ...line, ...changes }]);

  it.each<[string, (d: Doc) => void, string, string]>([
    ['negative pence in a budget line', withLine({ pence: -100 }), 'actions[0].command.budgetLines[0].pence', 'pence must be a positive number'],
    ['pence that are not whole', withLine({ pence: 12.5 }), 'actions[0].command.budgetLines[0].pence', 'pence must be a whole number of pence'],
    ['pence written as a string', withLine({ pence: '100' }), 'actions[0].command.budgetLines[0].pence', 'pence must be a positive number'],
    ['an over-long text', withLine({ description: 'x'.repeat(501) }), 'actions[0].command.budgetLines[0].description', 'description must be shorter than or equal to 500 characters'],
    ['a control character in a text', withLine({ description: 'Wardens\u0007' }), 'actions[0].command.budgetLines[0].description', 'description must not contain control characters'],
    ['an unknown property', (d) => (d.actions[1].command.priority = 'high'), 'actions[1].command.priority', 'property priority should not exist'],
    ['an unknown property of a nested line', withLine({ vat: 0 }), 'actions[0].command.budgetLines[0].vat', 'property vat should not exist'],
    [
      'a date that is not one',
      (d) => (d.actions[1].command = { type: 'AgreeRemedialAction', action: 'Extra patrols on Friday evenings', reviewBy: '2017-02-30' }),
      'actions[1].command.reviewBy',
      'reviewBy: 2017-02-30 is not a date (Europe/London business date)',
    ],
    [
      'a measure with an unknown frequency',
      (d) => (d.actions[1].command.measures = [{ ...measure, frequency: 'weekly' }]),
      'actions[1].command.measures[0].frequency',
      'frequency must be one of monthly, quarterly, six-monthly, annual',
    ],
  ])('given a command carrying %s, when the scenario is read, then it is refused naming the field', async (_name, spoil, field, reason) => {
    const doc = scenario();
    spoil(doc);
    expect((await refusal(doc)).problems).toEqual([{ field, reason }]);
  });

  it('given problems in several actions and in the document, when it is read, then every one is reported together', async () => {
    const doc = scenario();
    doc.financialYear = '2016-17';
    doc.actions[0].command.budgetLines = [{ ...line, pence: 0 }];
    doc.actions[1].command.measures = [];
    const { problems, message } = await refusal(doc);
    expect(problems).toEqual([
      { field: 'financialYear', reason: 'is 2016-17, but the framework is for 2017-18' },
      { field: 'actions[0].command.budgetLines[0].pence', reason: 'pence must be a positive number' },
      { field: 'actions[1].command.measures', reason: 'measures must have at least one measure' },
    ]);
    expect(message).toMatch(/actions\[0\]\.command\.budgetLines\[0\]\.pence: pence must be a positive number/);
  });

  it('given a command naming what the API’s path names, when it is read, then that field is judged by the path’s rule', async () => {
    const doc = scenario();
    doc.actions[1].command = { type: 'CompleteCheckpoint', step: 'due diligence', outcome: 'passed' };
    expect((await refusal(doc)).problems).toEqual([{ field: 'actions[1].command.step', reason: 'step must be a step id of 1–80 letters, digits, _ or -' }]);
    doc.actions[1].command = { type: 'RecordPayment', paymentRef: 'BACS-1' };
    expect((await refusal(doc)).problems).toEqual([{ field: 'actions[1].command.claimId', reason: 'claimId must be a string' }]);
  });

  it('given a command writing what the API takes from the caller or the framework, when it is read, then it is refused', async () => {
    const doc = scenario();
    doc.actions[1].command = { type: 'ApproveClaim', claimId: 'A1-claim-1', by: 'someone.else', secondApprovalAbovePence: 1 };
    expect((await refusal(doc)).problems).toEqual([
      { field: 'actions[1].command.by', reason: "is not written: the action's actor gives the command" },
      { field: 'actions[1].command.secondApprovalAbovePence', reason: "is not written: it is the framework's threshold" },
    ]);
  });

  it('when a command is read, then it carries what its request reads, with the actor and the framework’s own figures added', async () => {
    const doc = scenario();
    doc.actions[1].command = { type: 'ApproveClaim', claimId: 'A1-claim-1' };
    doc.actions.push({ on: '2017-02-08', target: { ref: 'A1' }, actor: { id: 'officer', role: 'opcc-staff' }, command: { type: 'ReportPerformance', measureId: 'incidents', period: '2017-M01', actual: 38 } });
    const read = await readScenario(doc, year201718);
    // The default threshold, £10,000, as the 2017/18 framework names none; a month written as M01 is April, as the API stores it.
    expect(read.actions[1].command).toEqual({ type: 'ApproveClaim', on: '2017-02-07', claimId: 'A1-claim-1', by: 'officer', secondApprovalAbovePence: 1_000_000 });
    expect(read.actions[2].command).toEqual({ type: 'ReportPerformance', on: '2017-02-08', measureId: 'incidents', period: '2017-04', actual: 38 });
    expect(read.actions[0].command).toEqual({
      type: 'SubmitCspPlan',
      on: '2017-02-06',
      budgetLines: [line],
      performanceFramework: [measure],
    });
  });
});
