import { dueJobId, remindJobId } from '@app/reminders';
import { at, ReminderHarness } from './reminder-harness';

/**
 * The schedule against real Redis: built from the deadlines table, rebuilt the same after
 * Redis loses everything, and emptied of a deadline's jobs once the deadline is met.
 */
describe('reminder schedule', () => {
  let h: ReminderHarness;
  const BLABY = '2016-17-T01';
  const KEY = `${BLABY}:plf-meeting`;
  const ASB = { id: 'asb', name: 'ASB incidents', unit: 'incidents', target: 120, frequency: 'quarterly' as const, direction: 'lower-is-better' as const };
  const ALL = [
    dueJobId(KEY, '2016-02-29'),
    ...[28, 14, 7, 1, 0].map((days) => remindJobId(KEY, '2016-02-29', days)),
  ].sort();

  beforeEach(async () => {
    h = await ReminderHarness.start();
    await h.openPlfCase(BLABY, 'blaby');
  });
  afterEach(() => h.close());

  it('schedules every moment of an open deadline as a delayed job, measured against the Clock', async () => {
    expect(await h.reminders.scheduler.reconcile()).toEqual({ full: true, deadlines: 1, wanted: 6, added: 6, removed: 0, unschedulable: 0 });
    expect(await h.reminders.scheduler.pendingIds()).toEqual(ALL);
    const sevenDays = await h.reminders.queues.reminders.getJob(remindJobId(KEY, '2016-02-29', 7));
    expect(sevenDays?.data).toEqual({ deadlineKey: KEY, dueOn: '2016-02-29', daysBefore: 7 });
    expect(sevenDays?.delay).toBe(at('2016-02-22T09:00:00Z').getTime() - h.clock.now().getTime());
    expect(await h.reminders.queues.reminders.getDelayedCount()).toBe(6);
  });

  it('rebuilds exactly the same job ids after Redis lost everything', async () => {
    await h.reminders.scheduler.reconcile();
    const before = await h.reminders.scheduler.pendingIds();
    expect(await h.flushRedis()).toBeGreaterThan(0);
    expect(await h.reminders.scheduler.pendingIds()).toEqual([]);

    await h.reminders.scheduler.reconcile();
    expect(await h.reminders.scheduler.pendingIds()).toEqual(before);
    // Reconciling again with nothing new in the log looks at no deadline and changes nothing.
    expect(await h.reminders.scheduler.reconcile()).toEqual({ full: false, deadlines: 0, wanted: 0, added: 0, removed: 0, unschedulable: 0 });
    expect(await h.reminders.queues.reminders.getDelayedCount()).toBe(6);
  });

  it('after downtime, runs only the latest reminder that fell due, not a flurry of stale ones', async () => {
    h.clock.set(at('2016-02-25T12:00:00Z'));
    expect(await h.reminders.scheduler.enqueueDue()).toEqual([remindJobId(KEY, '2016-02-29', 7)]);
    await h.reminders.scheduler.reconcile();
    expect(await h.reminders.queues.reminders.getWaitingCount()).toBe(1);
    expect(await h.reminders.scheduler.pendingIds()).toEqual(
      [remindJobId(KEY, '2016-02-29', 7), remindJobId(KEY, '2016-02-29', 1), remindJobId(KEY, '2016-02-29', 0), dueJobId(KEY, '2016-02-29')].sort(),
    );
  });

  it('a PLF meeting held before its reminder: its pending jobs are removed and no email goes', async () => {
    await h.reminders.scheduler.reconcile();
    await h.run(BLABY, { type: 'SubmitCspPlan', on: '2016-01-12', budgetLines: [{ id: 'pastors', description: 'Street pastors', pence: 1_500_000 }], performanceFramework: [ASB] });
    await h.run(BLABY, { type: 'ScheduleCspMeeting', on: '2016-01-20', meetingOn: '2016-01-28' });
    await h.run(BLABY, { type: 'HoldCspMeeting', on: '2016-01-28', notes: 'Plan agreed' });

    expect(await h.reminders.scheduler.reconcile()).toMatchObject({ full: false, deadlines: 1, wanted: 0, added: 0, removed: 6 });
    expect(await h.reminders.scheduler.pendingIds()).toEqual([]);

    // A job that fires anyway (say, before the table caught up) re-reads the deadline and the case, and sends nothing.
    await h.reminders.startProcessing();
    h.clock.set(at('2016-02-22T09:00:00Z'));
    await h.reminders.queues.reminders.add('remind', { deadlineKey: KEY, dueOn: '2016-02-29', daysBefore: 7 }, { jobId: remindJobId(KEY, '2016-02-29', 7) });
    await h.reminders.drain();
    const job = await h.reminders.queues.reminders.getJob(remindJobId(KEY, '2016-02-29', 7));
    expect(job?.returnvalue).toMatch(/nothing to do: .* is met/);
    expect(await h.events(BLABY, 'ReminderSent')).toEqual([]);
    expect((await h.reminders.queues.notifications.getJobCounts()).completed).toBe(0);
  });

  it('cancel removes a deadline\'s pending jobs at once, whatever day they were for', async () => {
    await h.reminders.scheduler.reconcile();
    expect(await h.reminders.scheduler.cancel(KEY)).toBe(6);
    expect(await h.reminders.scheduler.pendingIds()).toEqual([]);
  });

  it('a deadline moved by an extension gets jobs for its new day; the old ones go', async () => {
    await h.reminders.scheduler.reconcile();
    await h.run(BLABY, { type: 'ExtendMeetingDeadline', on: '2016-02-10', newDeadline: '2016-03-15', reason: 'Chair unwell' });
    expect(await h.reminders.scheduler.reconcile()).toMatchObject({ full: false, deadlines: 1, wanted: 6, added: 6, removed: 6 });
    expect(await h.reminders.scheduler.pendingIds()).toContain(dueJobId(KEY, '2016-03-15'));
    expect(await h.reminders.scheduler.pendingIds()).not.toContain(dueJobId(KEY, '2016-02-29'));
  });

  it('a deadline that cannot be scheduled is skipped and reported; the good one beside it gets its jobs', async () => {
    await h.openPlfCase('2016-17-T02', 'charnwood');
    await h.openPlfCase('2016-17-T03', 'melton');
    // Rows as a table written before dates were bounded, or damaged, may hold them.
    const poison = async (caseId: string, dueOn: string) =>
      h.db.query(`update rm_deadlines set doc = jsonb_set(doc, array['deadlines', $2, 'dueOn'], to_jsonb($3::text)) where key = $1`, [caseId, `${caseId}:plf-meeting`, dueOn]);
    await poison('2016-17-T02', '9999-12-31');
    await poison('2016-17-T03', '29/02/2016');

    expect(await h.reminders.scheduler.reconcile()).toEqual({ full: true, deadlines: 3, wanted: 6, added: 6, removed: 0, unschedulable: 2 });
    expect(await h.reminders.scheduler.pendingIds()).toEqual(ALL);
    expect(h.reminders.scheduler.unschedulable()).toEqual([
      { key: '2016-17-T02:plf-meeting', reason: 'its due day "9999-12-31" is not a date from 2000 to 2100' },
      { key: '2016-17-T03:plf-meeting', reason: 'its due day "29/02/2016" is not a date (YYYY-MM-DD)' },
    ]);

    // Put right (here by a new event of the case moving the deadline), it is scheduled and no longer reported.
    await h.run('2016-17-T02', { type: 'ExtendMeetingDeadline', on: '2016-02-10', newDeadline: '2016-03-15', reason: 'Chair unwell' });
    expect(await h.reminders.scheduler.reconcile()).toMatchObject({ full: false, deadlines: 1, wanted: 6, added: 6, unschedulable: 1 });
    expect(await h.reminders.scheduler.pendingIds()).toContain(dueJobId('2016-17-T02:plf-meeting', '2016-03-15'));
    expect(h.reminders.scheduler.unschedulable().map((d) => d.key)).toEqual(['2016-17-T03:plf-meeting']);
  });
});
