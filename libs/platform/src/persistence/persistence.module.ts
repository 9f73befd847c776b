import { join } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { migrate, PgDatabase, PgliteDatabase, SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore, KurrentDbEventStore, SqlEventStore } from '@app/event-store';
import { sealingEventStore, SubjectKeys } from '@app/personal-data';

/** Read models always live in PostgreSQL or PGlite, whichever event store is chosen. */
async function openDatabase(config: AppConfig): Promise<SqlDatabase> {
  const logger = new Logger('Persistence');
  const db = config.DATABASE_URL
    ? new PgDatabase(config.DATABASE_URL)
    : await PgliteDatabase.open(join(config.DATA_DIR, 'pglite'), { minFreeBytes: config.DATA_DIR_MIN_FREE_MB * 1024 * 1024 });
  const applied = await migrate(db);
  logger.log(
    `${db.kind === 'pglite' ? `Embedded PGlite at ${join(config.DATA_DIR, 'pglite')}` : 'PostgreSQL'}` +
      `${applied.length ? `; applied migrations ${applied.join(', ')}` : '; schema up to date'}`,
  );
  return db;
}

/** Whichever adapter keeps the log, personal fields reach it sealed under their subject's key. */
async function openEventStore(config: AppConfig, db: SqlDatabase): Promise<EventStore> {
  const store =
    config.EVENT_STORE === 'kurrentdb'
      ? await KurrentDbEventStore.connect(config.KURRENTDB_URL as string)
      : new SqlEventStore(db, { pollMs: config.POLL_INTERVAL_MS });
  return sealingEventStore(store, new SubjectKeys(db));
}

@Global()
@Module({
  providers: [
    { provide: SQL_DATABASE, inject: [AppConfig], useFactory: openDatabase },
    { provide: EVENT_STORE, inject: [AppConfig, SQL_DATABASE], useFactory: openEventStore },
  ],
  exports: [SQL_DATABASE, EVENT_STORE],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.db.close();
  }
}
