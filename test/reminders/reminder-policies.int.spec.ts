import { FrameworkService } from '@app/commissioning';
import { findDeadlines } from '@app/projections/deadlines';
import { dueJobId, remindJobId } from '@app/reminders';
import { seed201617 } from '@test/support/seed';
import { officer, ReminderHarness } from './reminder-harness';

/**
 * A framework's own reminder policy, against real Redis: the deadlines read model shows the
 * offsets the framework set, and the scheduler schedules exactly those, not the workflow's.
 */
describe("a framework's reminder policies", () => {
  let h: ReminderHarness;
  afterEach(() => h?.close());

  async function importWith(reminderPolicies?: Record<string, { remindDaysBefore: number[]; escalate?: boolean }>) {
    h = await ReminderHarness.start();
    const document = { ...seed201617(), ...(reminderPolicies ? { reminderPolicies } : {}) };
    await new FrameworkService(h.store).importDocument(document, officer('2015-10-23'));
    const deadline = async () => (await findDeadlines(h.db, { kind: 'plf-meeting', locality: 'blaby' })).items[0];
    for (const started = Date.now(); Date.now() - started < 120_000; ) {
      await h.projections.catchUp();
      if (await deadline()) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const row = await deadline();
    expect(row).toBeDefined();
    await h.reminders.scheduler.reconcile();
    const pending = (await h.reminders.scheduler.pendingIds()).filter((id) => id.includes(encodeURIComponent(row.key)));
    return { row, pending };
  }

  it("shows and schedules the framework's offsets, with no due check when it does not escalate", async () => {
    const { row, pending } = await importWith({ 'plf-meeting': { remindDaysBefore: [21, 3], escalate: false } });
    expect(row).toMatchObject({ dueOn: '2016-02-29', remindDaysBefore: [21, 3], escalate: false });
    expect(pending).toEqual([remindJobId(row.key, '2016-02-29', 21), remindJobId(row.key, '2016-02-29', 3)].sort());
  });

  it("without a policy, shows and schedules the workflow version's offsets and the due check", async () => {
    const { row, pending } = await importWith();
    expect(row).toMatchObject({ remindDaysBefore: [28, 14, 7, 1, 0], escalate: true });
    expect(pending).toEqual([dueJobId(row.key, '2016-02-29'), ...[28, 14, 7, 1, 0].map((d) => remindJobId(row.key, '2016-02-29', d))].sort());
  });
});
