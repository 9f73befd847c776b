import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { dueJobId, remindJobId } from '@app/reminders';
import { at, ReminderHarness } from './reminder-harness';
import { SmtpSink } from './smtp-sink';

/**
 * From a moment falling due to an email received by a real SMTP server (smtp-server, in
 * this process), under a Clock the test moves: nothing sent twice, nothing lost.
 */
describe('reminder delivery', () => {
  const CASE = '2016-17-T02';
  const KEY = `${CASE}:plf-meeting`;
  let h: ReminderHarness;
  let smtp: SmtpSink;

  afterEach(async () => {
    await h?.close();
    await smtp?.close();
  });

  async function start(options: { smtp?: boolean; failing?: boolean } = {}): Promise<void> {
    smtp = await SmtpSink.start({ failing: options.failing });
    h = await ReminderHarness.start({ smtpUrl: options.smtp === false ? undefined : smtp.url });
    await h.openPlfCase(CASE, 'charnwood');
    await h.reminders.startProcessing();
  }

  it("sends the 7-day reminder once, to the CSP, saying what is due, by when, and where the case is", async () => {
    await start();
    h.clock.set(at('2016-02-22T09:00:00Z'));
    expect(await h.reminders.scheduler.enqueueDue()).toEqual([remindJobId(KEY, '2016-02-29', 7)]);
    await h.reminders.drain();

    const [sent] = await h.events(CASE, 'ReminderSent');
    expect(sent.data).toEqual({ deadlineKey: KEY, kind: 'plf-meeting', dueOn: '2016-02-29', daysBefore: 7, recipient: 'csp', on: '2016-02-22' });
    expect(sent.metadata.actor).toEqual({ id: 'system:reminders', role: 'system' });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail.to).toMatchObject({ text: 'csp.charnwood@example.org' });
    expect(mail.subject).toBe('Reminder: PLF meeting to be held by 29 Feb 2016 (charnwood PLF)');
    expect(mail.text).toContain(`Case: https://ledger.example.org/cases/${CASE}`);
    expect(mail.messageId).toBe(`<${sent.id}@ledger.example.org>`);

    // The same moment again (a duplicate job, Redis flushed and rebuilt): nothing appended, nothing sent.
    await h.flushRedis();
    await h.reminders.scheduler.enqueueDue();
    await h.reminders.drain();
    expect(await h.events(CASE, 'ReminderSent')).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  });

  it('records DeadlineMissed exactly once, however many times the due check runs, and escalates it once', async () => {
    await start();
    h.clock.set(at('2016-03-01T00:00:00Z'));
    expect(await h.reminders.scheduler.enqueueDue()).toEqual([dueJobId(KEY, '2016-02-29')]);
    // The same check twice more at once, under other ids, as a duplicate delivery would.
    const data = { deadlineKey: KEY, dueOn: '2016-02-29' };
    await h.reminders.queues.reminders.addBulk([
      { name: 'due', data, opts: { jobId: 'due-duplicate-1' } },
      { name: 'due', data, opts: { jobId: 'due-duplicate-2' } },
    ]);
    await h.reminders.drain();
    // And once more after the completed job is gone (the deadlines table has not caught up, so it is still "open").
    await h.reminders.queues.reminders.remove(dueJobId(KEY, '2016-02-29'));
    await h.reminders.scheduler.enqueueDue();
    await h.reminders.drain();

    const missed = await h.events(CASE, 'DeadlineMissed');
    expect(missed.map((e) => e.data)).toEqual([{ deadlineKey: KEY, kind: 'plf-meeting', dueOn: '2016-02-29', on: '2016-03-01', escalatedTo: 'opcc-lead' }]);
    expect(smtp.messages.map((m) => [m.subject, m.to, m.cc])).toEqual([
      [
        'Missed deadline: PLF meeting to be held was due by 29 Feb 2016 (charnwood PLF)',
        expect.objectContaining({ text: 'opcc.lead@example.org' }),
        expect.objectContaining({ text: 'csp.charnwood@example.org' }),
      ],
    ]);
    // Once the deadlines table has it as missed, nothing more is enqueued for it.
    await h.settle(missed.map((e) => e.id));
    expect(await h.reminders.scheduler.enqueueDue()).toEqual([]);
  });

  it('a failing SMTP server: retries with backoff, then a failed job in view; the event stays in the log and is sent once SMTP is back', async () => {
    await start({ failing: true });
    h.clock.set(at('2016-02-28T09:00:00Z'));
    await h.reminders.scheduler.enqueueDue();
    await h.reminders.drain();

    const [sent] = await h.events(CASE, 'ReminderSent');
    expect(sent.data).toMatchObject({ daysBefore: 1 });
    expect(smtp.attempts).toBe(3);
    const failed = await h.reminders.queues.notifications.getFailed();
    expect(failed.map((job) => [job.id, job.attemptsMade, job.failedReason])).toEqual([[sent.id, 3, expect.stringContaining('try again later')]]);

    // Nothing lost: the outbox still holds it unsent, so once SMTP is back and Redis has even
    // lost the failed job, the next tick enqueues it again and it goes, once.
    smtp.failing = false;
    await h.flushRedis();
    h.reminders.tick();
    await h.reminders.drain();
    expect(smtp.messages.map((m) => m.messageId)).toEqual([`<${sent.id}@ledger.example.org>`]);
    // Offered again (every tick offers what is unsent): already sent, so nothing more goes.
    await h.reminders.feed.pump();
    await h.reminders.drain();
    expect(smtp.messages).toHaveLength(1);
  });

  it('with no SMTP_URL, writes the message as DATA_DIR/outbox/<event id>.eml', async () => {
    await start({ smtp: false });
    h.clock.set(at('2016-02-29T09:00:00Z'));
    await h.reminders.scheduler.enqueueDue();
    await h.reminders.drain();

    const [sent] = await h.events(CASE, 'ReminderSent');
    expect(readdirSync(h.outboxDir)).toEqual([`${sent.id}.eml`]);
    const mail = await simpleParser(readFileSync(join(h.outboxDir, `${sent.id}.eml`)));
    expect(mail.subject).toBe('Reminder: PLF meeting to be held by 29 Feb 2016 (charnwood PLF)');
    expect(mail.text).toContain('is due by 29 Feb 2016, today.');
    expect(mail.messageId).toBe(`<${sent.id}@ledger.example.org>`);
    expect(smtp.attempts).toBe(0);
  });
});
