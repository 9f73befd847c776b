import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budgetSummary, outcomeSummary, simulate, type SimulationRun, timelineOf } from '@app/simulation';
import { framework201718 } from '@test/support/framework-2017-18';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const officer = { id: 'officer.one', role: 'opcc-staff' };
const csp = (locality: string) => ({ id: `csp.${locality}`, role: 'csp', locality });
const plan = (pence: number) => ({
  type: 'SubmitCspPlan',
  budgetLines: [{ id: 'night-wardens', description: 'Night-time wardens', pence }],
  performanceFramework: [{ id: 'incidents', name: 'Night-time incidents', unit: 'incidents', target: 40, frequency: 'quarterly', direction: 'lower-is-better' }],
});

const patrols = { id: 'patrol-hours', name: 'Warden patrol hours', unit: 'hours', target: 600, frequency: 'quarterly', direction: 'higher-is-better' };

/**
 * Six weeks of a year written from scratch (three localities, PLF meetings by 15 Mar 2017):
 * North Vale and South Downs meet in time, East Marsh never does.
 */
const SCENARIO = {
  schema: 'commissioning-scenario/v1',
  financialYear: '2017-18',
  title: 'Spring 2017: two meetings held, one missed',
  from: '2017-02-01',
  to: '2017-03-17',
  actions: [
    { on: '2017-02-06', target: { locality: 'north-vale' }, actor: csp('north-vale'), command: plan(1_000_000), note: 'plan' },
    { on: '2017-02-08', target: { locality: 'north-vale' }, actor: officer, command: { type: 'ScheduleCspMeeting', meetingOn: '2017-02-22' } },
    { on: '2017-02-10', target: { ref: 'A1' }, actor: officer, command: { type: 'AgreePerformanceMeasures', measures: [patrols] } },
    { on: '2017-02-22', target: { locality: 'north-vale' }, actor: officer, command: { type: 'HoldCspMeeting', notes: 'Plan agreed' } },
    { on: '2017-03-01', target: { locality: 'south-downs' }, actor: csp('south-downs'), command: plan(800_000) },
    { on: '2017-03-02', target: { locality: 'south-downs' }, actor: officer, command: { type: 'ScheduleCspMeeting', meetingOn: '2017-03-10' } },
    { on: '2017-03-10', target: { locality: 'south-downs' }, actor: officer, command: { type: 'HoldCspMeeting', notes: 'Plan agreed' } },
  ],
};

function files(dir: string, scenario: unknown): { seedFile: string; scenarioFile: string } {
  const seedFile = join(dir, 'framework-2017-18.json');
  const scenarioFile = join(dir, 'scenario.json');
  writeFileSync(seedFile, JSON.stringify(framework201718()));
  writeFileSync(scenarioFile, JSON.stringify(scenario));
  return { seedFile, scenarioFile };
}

/** Another framework and a scenario of its own, through the same loading path as the worked example. */
describe('simulate a 2017/18 scenario on the 2017/18 framework', () => {
  let run: SimulationRun;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-sim-1718-'));
    const dataDir = join(dir, 'data');
    run = await simulate({ ...files(dir, SCENARIO), dataDir, redisUrl: REDIS_URL });
  }, 600_000);
  afterAll(async () => {
    await run?.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the scenario’s own dates on the framework’s year', () => {
    expect(run).toMatchObject({ financialYear: '2017-18', from: '2017-02-01', to: '2017-03-17', days: 45, actions: 7, scripted: 7 });
    const timeline = timelineOf(run.events);
    expect(timeline[0]).toMatchObject({ type: 'FrameworkImported', stream: 'framework-2017-18' });
    expect(timeline[0].summary).toBe('Commissioning Framework 2017/18: budget £100,000.00, reserve £10,000.00');
    expect(timeline.filter((l) => l.type === 'CspPlanRequested').map((l) => l.summary)).toEqual([
      'north-vale: allocation £10,000.00, meeting by 15 Mar 2017',
      'south-downs: allocation £8,000.00, meeting by 15 Mar 2017',
      'east-marsh: allocation £7,000.00, meeting by 15 Mar 2017',
    ]);
    const held = timeline.filter((l) => l.type === 'CspMeetingHeld').map((l) => [l.on, l.stream]);
    expect(held).toEqual([['2017-02-22', 'case-2017-18-L1'], ['2017-03-10', 'case-2017-18-L2']]);
  });

  it('records East Marsh’s missed meeting deadline the day after 15 Mar 2017, from the real reminder queue', () => {
    const missed = timelineOf(run.events).filter((l) => l.type === 'DeadlineMissed');
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ on: '2017-03-16', stream: 'case-2017-18-L3' });
    expect(missed[0].summary).toMatch(/^plf-meeting due 15 Mar 2017 missed; escalated to the /);
  });

  it('reminds each CSP of its meeting until it is held, and never twice', () => {
    const reminders = run.events
      .filter((e) => e.type === 'ReminderSent')
      .map((e) => ({ stream: e.streamId, ...(e.data as { dueOn: string; daysBefore: number; on: string }) }));
    const sent = (stream: string) => reminders.filter((r) => r.stream === stream).map((r) => [r.on, r.daysBefore]);
    expect(sent('case-2017-18-L3')).toEqual([['2017-02-15', 28], ['2017-03-01', 14], ['2017-03-08', 7], ['2017-03-14', 1], ['2017-03-15', 0]]);
    expect(sent('case-2017-18-L2')).toEqual([['2017-02-15', 28], ['2017-03-01', 14], ['2017-03-08', 7]]);
    expect(sent('case-2017-18-L1')).toEqual([['2017-02-15', 28]]);
    expect(reminders.every((r) => r.dueOn === '2017-03-15')).toBe(true);
    const notifications = reminders.length + 1;
    expect(readdirSync(join(dir, 'data', 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(notifications);
  });

  it('ends with the 2017/18 budget and outcome summaries', async () => {
    const budget = (await budgetSummary(run.db, run.financialYear)).join('\n');
    expect(budget).toMatch(/^Budget 2017-18\n/);
    expect(budget).toMatch(/Total\s+£100,000\.00/);
    expect(budget).toMatch(/Commissioning reserve\s+£10,000\.00/);
    const outcomes = (await outcomeSummary(run.db, run.to)).join('\n');
    expect(outcomes).toMatch(/^Outcomes as of 17 Mar 2017\n/);
    expect(outcomes).toMatch(/under-achievement flagged: none/);
  });
});

describe('a scenario action the case refuses', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-sim-1718-refused-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops the run, naming the action, its date and the field', async () => {
    const scenario = {
      ...SCENARIO,
      from: '2017-02-01',
      to: '2017-02-02',
      actions: [
        { ...SCENARIO.actions[2], on: '2017-02-01' },
        { on: '2017-02-02', target: { ref: 'A1' }, actor: officer, command: { type: 'ReportPerformance', measureId: 'wardens-on-patrol', period: '2016-Q3', actual: 12 } },
      ],
    };
    const running = simulate({ ...files(dir, scenario), dataDir: join(dir, 'data'), redisUrl: REDIS_URL });
    await expect(running).rejects.toThrow(
      /^The scenario's actions\[1\] on 2017-02-02 \(ReportPerformance on 2017-18-A1\) was refused, UNKNOWN_MEASURE at actions\[1\]\.command\.measureId: no measure "wardens-on-patrol"/,
    );
  }, 600_000);
});
