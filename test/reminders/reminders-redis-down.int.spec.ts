import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dueJobId } from '@app/reminders';
import { eventually } from '@test/support/api-app';
import { ReminderHarness } from './reminder-harness';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * Redis down: reminders start without it, nothing crashes or rejects unhandled, and the
 * schedule is built as soon as a Redis answers (a real redis-server this test starts).
 */
describe('reminders while Redis is down', () => {
  let redis: ChildProcess | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    if (redis && redis.exitCode === null && redis.signalCode === null) {
      const exited = new Promise((resolve) => redis?.once('exit', resolve));
      redis.kill('SIGTERM');
      await exited;
    }
  });

  it('starts at once, waits, and schedules when Redis comes up', async () => {
    const port = await freePort();
    const h = await ReminderHarness.start({ settings: { redisUrl: `redis://127.0.0.1:${port}` } });
    await h.openPlfCase('2016-17-T04', 'rutland');

    const started = Date.now();
    await h.reminders.start();
    expect(Date.now() - started).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(unhandled).toEqual([]);

    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    // The reconcile that was waiting for Redis completes by itself once it answers.
    const ids = await eventually(async () => {
      const pending = await h.reminders.scheduler.pendingIds();
      expect(pending).toHaveLength(6);
      return pending;
    }, 60_000);
    expect(ids).toContain(dueJobId('2016-17-T04:plf-meeting', '2016-02-29'));
    expect(unhandled).toEqual([]);
    await h.close();
  });
});
