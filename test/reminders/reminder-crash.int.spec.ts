import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { remindJobId } from '@app/reminders';
import { eventually } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { at, ReminderHarness } from './reminder-harness';
import { SmtpSink } from './smtp-sink';

// Two processes share the database, so this needs a PostgreSQL server (PGlite is in-process).
const suite = testDatabaseUrl ? describe : describe.skip;

function startWorker(env: Record<string, string>): { child: ChildProcess; saw: (text: string) => Promise<void> } {
  const child = spawn(process.execPath, ['-r', join(__dirname, '..', 'support', 'swc-register.js'), join(__dirname, 'reminder-worker-process.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (errors += chunk));
  const saw = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (output.includes(text)) return resolve();
        if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`worker exited: ${errors}`));
        if (Date.now() - started > 30_000) return reject(new Error(`timed out waiting for "${text}": ${errors}`));
        setTimeout(check, 20);
      };
      check();
    });
  return { child, saw };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * A worker process killed with SIGKILL in the middle of a job; another takes the stalled
 * job over once its lock lapses. Whatever the crash point, the SMTP server receives one email.
 */
suite('a reminders worker killed in the middle of a job', () => {
  const CASE = '2016-17-T03';
  const KEY = `${CASE}:plf-meeting`;
  let pg: TemporaryPostgres;
  let h: ReminderHarness;
  let smtp: SmtpSink;
  let worker: ChildProcess | undefined;

  beforeEach(async () => {
    pg = await freshPostgres();
    smtp = await SmtpSink.start();
    h = await ReminderHarness.start({ db: pg.db, smtpUrl: smtp.url });
    await h.openPlfCase(CASE, 'melton');
    h.clock.set(at('2016-02-22T09:00:00Z'));
    expect(await h.reminders.scheduler.enqueueDue()).toEqual([remindJobId(KEY, '2016-02-29', 7)]);
  });
  afterEach(async () => {
    if (worker) await kill(worker);
    await h.close();
    await pg.drop();
    await smtp.close();
  });

  /** The event was appended by the other process, so drain() cannot know to wait for it: wait for the email, then let everything settle. */
  const deliveredOnce = async () => {
    await eventually(async () => expect(smtp.messages).toHaveLength(1), 30_000);
    await h.reminders.drain();
  };

  const env = () => ({ DATABASE_URL: pg.url, PREFIX: h.prefix, SMTP_URL: smtp.url, OUTBOX: h.outboxDir, NOW: h.clock.now().toISOString() });

  it('killed after ReminderSent was appended, before the job completed: the retry appends nothing, one email', async () => {
    const first = startWorker({ ...env(), PAUSE_AT: 'append' });
    worker = first.child;
    await first.saw('appended');
    await kill(first.child);
    expect(await h.events(CASE, 'ReminderSent')).toHaveLength(1);
    expect(await h.reminders.queues.reminders.getActiveCount()).toBe(1);

    await h.reminders.startProcessing();
    await deliveredOnce();

    const job = await h.reminders.queues.reminders.getJob(remindJobId(KEY, '2016-02-29', 7));
    expect(job?.returnvalue).toBe('SendReminder: already done or no longer wanted');
    expect(await h.events(CASE, 'ReminderSent')).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  });

  it('killed while delivering, before the message went: the retry sends it, once', async () => {
    const first = startWorker({ ...env(), PAUSE_AT: 'send' });
    worker = first.child;
    await first.saw('sending');
    await kill(first.child);
    expect(smtp.attempts).toBe(0);

    await h.reminders.startProcessing();
    await deliveredOnce();

    const [sent] = await h.events(CASE, 'ReminderSent');
    expect(smtp.messages.map((m) => m.messageId)).toEqual([`<${sent.id}@ledger.example.org>`]);
    expect(smtp.attempts).toBe(1);
  });
});
