import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNotifying } from '@app/reminders';
import { budgetSummary, outcomeSummary, simulate, type SimulationRun, timelineOf } from '@app/simulation';
import { SCENARIO_2016_17, SEED_2016_17 } from '@test/support/seed';

/** The worked example's year in simulated time, on real BullMQ queues in the Redis at REDIS_URL. */
describe('simulate 23 Oct 2015 – 31 Mar 2017', () => {
  let run: SimulationRun;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-sim-test-'));
    run = await simulate({ from: '2015-10-23', to: '2017-03-31', dataDir, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', seedFile: SEED_2016_17, scenarioFile: SCENARIO_2016_17 });
  }, 600_000);
  afterAll(async () => {
    await run?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the year in business-date order', () => {
    const timeline = timelineOf(run.events);
    expect(timeline).toHaveLength(run.events.length);
    const dates = timeline.map((l) => l.on);
    expect([...dates].sort()).toEqual(dates);
    expect(timeline[0]).toMatchObject({ on: '2015-10-23', type: 'FrameworkImported' });
    expect(dates[dates.length - 1] <= '2017-03-31').toBe(true);
  });

  it('misses exactly one PLF meeting deadline, the day after 29 Feb 2016, and records the extension after it', () => {
    const timeline = timelineOf(run.events);
    const missed = timeline.filter((l) => l.type === 'DeadlineMissed');
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ on: '2016-03-01' });
    expect(missed[0].summary).toMatch(/plf-meeting due 29 Feb 2016/);
    const extension = timeline.find((l) => l.type === 'MeetingDeadlineExtended');
    expect(extension?.stream).toBe(missed[0].stream);
    expect(timeline.indexOf(extension as never)).toBeGreaterThan(timeline.indexOf(missed[0]));
  });

  it('sends reminders before the PLF deadline, none to a CSP whose meeting was already held, and never twice', () => {
    const reminders = run.events
      .filter((e) => e.type === 'ReminderSent')
      .map((e) => e.data as { deadlineKey: string; dueOn: string; daysBefore: number; on: string });
    const plf = reminders.filter((r) => r.deadlineKey.endsWith(':plf-meeting'));
    expect(plf.length).toBeGreaterThan(0);
    expect(plf.every((r) => r.on <= r.dueOn)).toBe(true);
    // Only Melton's deadline, extended to 18 Mar 2016, is reminded of after 29 Feb.
    expect(plf.filter((r) => r.dueOn !== '2016-02-29').map((r) => r.dueOn)).toEqual(expect.arrayContaining(['2016-03-18']));
    expect(new Set(plf.filter((r) => r.on > '2016-02-29').map((r) => r.deadlineKey)).size).toBe(1);
    const keys = reminders.map((r) => `${r.deadlineKey}|${r.dueOn}|${r.daysBefore}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Leicester City met on 9 Dec 2015: no PLF reminder for it after that.
    const held = run.events.find((e) => e.type === 'CspMeetingHeld' && e.streamId.endsWith('B47'));
    expect(held).toBeDefined();
    expect(plf.filter((r) => r.deadlineKey.startsWith('2016-17-B47') && r.on > '2015-12-09')).toEqual([]);
  });

  it('takes one contract red twice into under-achievement, then a remedial action', () => {
    const flagged = run.events.filter((e) => e.type === 'UnderAchievementFlagged');
    expect(flagged).toHaveLength(1);
    expect(flagged[0].streamId).toBe('case-2016-17-B05');
    expect(run.events.some((e) => e.type === 'RemedialActionAgreed' && e.streamId === 'case-2016-17-B05')).toBe(true);
  });

  it('ends with the budget and outcome summaries, and the email it sent', async () => {
    const budget = (await budgetSummary(run.db, '2016-17')).join('\n');
    expect(budget).toMatch(/Total\s+£4,611,000\.00/);
    expect(budget).toMatch(/Commissioning reserve\s+£339,017\.00/);
    const outcomes = (await outcomeSummary(run.db, '2017-03-31')).join('\n');
    expect(outcomes).toMatch(/under-achievement flagged: 2016-17-B05 Youth Mentoring/);
    // One email per reminder, missed deadline and instalment withheld or released, named by its event.
    const notifying = run.events.filter((e) => isNotifying(e.type));
    expect(new Set(notifying.map((e) => e.type))).toEqual(new Set(['ReminderSent', 'DeadlineMissed', 'InstalmentWithheld', 'InstalmentReleased']));
    expect(readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml')).sort()).toEqual(notifying.map((e) => `${e.id}.eml`).sort());
  });
});
