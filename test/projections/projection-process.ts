/*
 * A projection process for the crash test: keeps the named read model caught up on the
 * PostgreSQL at DATABASE_URL. With PAUSE_AFTER_WRITE it announces each batch it has
 * written (but not committed) and pauses there, so the test can kill it mid-batch.
 */
import 'reflect-metadata';
import { PgDatabase } from '@app/database';
import { SqlEventStore } from '@app/event-store';
import { ProjectionRunner, READ_MODELS } from '@app/projections';
import { testTotals } from './test-totals.projection';

async function main(): Promise<void> {
  const db = new PgDatabase(process.env.DATABASE_URL as string);
  const store = new SqlEventStore(db);
  const name = process.env.PROJECTION ?? 'test_totals';
  const projection = [...READ_MODELS, testTotals].find((p) => p.name === name);
  if (!projection) throw new Error(`no projection ${name}`);
  const pause = process.env.PAUSE_AFTER_WRITE === '1';
  const runner = new ProjectionRunner(db, store, [projection], {
    batchSize: Number(process.env.BATCH_SIZE ?? 50),
    pollMs: 10,
    afterBatchWrite: async () => {
      if (!pause) return;
      process.stdout.write('batch-written\n');
      // Long enough that only the test's SIGKILL ends it, however loaded the machine.
      await new Promise((resolve) => setTimeout(resolve, 600_000));
    },
  });
  await runner.prepare();
  await runner.catchUp();
  process.stdout.write('caught-up\n');
  await db.close();
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
