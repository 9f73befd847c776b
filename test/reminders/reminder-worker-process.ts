/*
 * A reminders worker for the crash test, on the PostgreSQL at DATABASE_URL and the queues
 * under PREFIX, with its Clock at NOW. PAUSE_AT=append stops each reminder job right after
 * its event is appended; PAUSE_AT=send stops each delivery right before the message goes.
 * It says so on stdout and waits there, so the test can kill it with SIGKILL.
 */
import 'reflect-metadata';
import type { Job } from 'bullmq';
import { CaseService } from '@app/commissioning';
import { PgDatabase } from '@app/database';
import { SqlEventStore } from '@app/event-store';
import { ManualClock } from '@app/platform';
import { Reminders } from '@app/reminders';
import { testSettings } from './reminder-harness';

const pause = (label: string) => async (job: Job) => {
  process.stdout.write(`${label} ${job.id}\n`);
  await new Promise((resolve) => setTimeout(resolve, 60_000));
};

async function main(): Promise<void> {
  const db = new PgDatabase(process.env.DATABASE_URL as string);
  const store = new SqlEventStore(db, { pollMs: 20 });
  const clock = new ManualClock(new Date(process.env.NOW as string));
  const pauseAt = process.env.PAUSE_AT;
  // When pausing after the append, the feed must not pick the event up first: it polls once, at start.
  const settings = testSettings(process.env.PREFIX as string, { smtpUrl: process.env.SMTP_URL, outboxDir: process.env.OUTBOX as string }, {
    pollMs: pauseAt === 'append' ? 600_000 : 20,
  });
  const reminders = new Reminders({ db, store, cases: new CaseService(store), clock }, settings, {
    afterAppend: pauseAt === 'append' ? pause('appended') : undefined,
    beforeSend: pauseAt === 'send' ? pause('sending') : undefined,
  });
  await reminders.startProcessing();
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
