import type { SqlDatabase } from '@app/database';
import type { EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/projections';
import { actualsProjection } from '@app/projections/actuals';
import { progressBar } from './progress';

/**
 * Brings the actuals read model (rm_actuals) up to the head of the log before a query reads
 * it, as the API's runner keeps it: the CLI answers from the same rows, never from a stale
 * copy. Safe beside a running worker: each batch commits only from the checkpoint it locked.
 */
export async function actualsUpToDate(db: SqlDatabase, store: EventStore): Promise<void> {
  const runner = new ProjectionRunner(db, store, [actualsProjection]);
  await runner.prepare();
  // lag is 0 where the store cannot say its head (KurrentDB): the batches still run, unannounced.
  const [{ lag }] = await runner.status();
  const bar = lag > 0 ? progressBar('Bringing the actuals read model up to date') : undefined;
  let done = 0;
  try {
    for (let covered = await runner.runOnce(); covered > 0; covered = await runner.runOnce()) {
      done += covered;
      bar?.update(Math.min(done, lag), lag, 'events');
    }
  } finally {
    bar?.stop();
  }
}
