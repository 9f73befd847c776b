import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';

@Command({ name: 'status', description: 'Show which stores are in use and how much the log holds' })
export class StatusCommand extends CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
  ) {
    super();
  }

  async run(): Promise<void> {
    const lines = [`Event store: ${this.store.kind}`, `Read models: ${this.db.kind}`];
    if (this.store.kind !== 'kurrentdb') {
      const { rows } = await this.db.query<{ events: string; streams: string; head: string | null }>(
        'select count(*) as events, count(distinct stream_id) as streams, max(global_position) as head from events',
      );
      const { events, streams, head } = rows[0];
      lines.push(`Events: ${Number(events).toLocaleString('en-GB')} in ${Number(streams).toLocaleString('en-GB')} streams`);
      lines.push(`Head position: ${head ?? 'none'}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
