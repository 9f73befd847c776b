import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ProjectionRunner, READ_MODELS, replayProjections } from '@app/projections';
import { progressBar } from './progress';

@Command({
  name: 'replay',
  arguments: '[projection]',
  description:
    'Rebuild read models from one pass over the log into fresh tables while the live ones keep serving, compare row by row, ' +
    'and swap the rebuilds in. Prints the rows that differed (expected 0; exit status 1 otherwise).',
})
export class ReplayCommand extends CommandRunner {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    const chosen = name ? READ_MODELS.filter((p) => p.name === name.replace(/-/g, '_')) : READ_MODELS;
    if (chosen.length === 0) {
      throw new Error(`No read model "${name}". Read models: ${READ_MODELS.map((p) => p.name).join(', ') || 'none'}`);
    }
    await new ProjectionRunner(this.db, this.store, chosen).prepare();
    // One pass over the log feeds every chosen read model.
    const bar = progressBar(`Replaying ${chosen.map((p) => p.name).join(', ')}`);
    let reports;
    try {
      reports = await replayProjections(this.db, this.store, chosen, { onProgress: (done, total) => bar.update(done, total, '') });
    } finally {
      bar.stop();
    }
    const lines = reports.map(
      (r) => `${r.projection.padEnd(12)} ${String(r.events).padStart(8)} events  ${String(r.rows).padStart(6)} rows  ${r.differing} differing`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    const differing = reports.reduce((sum, r) => sum + r.differing, 0);
    process.stdout.write(`${differing} differing row(s) in all${differing ? ' (the rebuilt rows, from the log, are now live)' : ''}\n`);
    if (differing > 0) process.exitCode = 1;
  }
}
