import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { AUDIT_LOG } from './log/audit-log.port';
import { SqlAuditLog } from './log/sql-audit-log';
import { StoreAuditLog } from './log/store-audit-log';
import { SealingService, SEALING_OPTIONS, type SealingOptions } from './seals/sealing.service';
import { SealKey, sealKeyFile } from './seals/seal-key';
import { SealStore } from './seals/seal-store';

/** The auditor's reader of the log and the seals table, for the API and the CLI. */
@Module({
  providers: [
    {
      provide: AUDIT_LOG,
      inject: [EVENT_STORE, SQL_DATABASE],
      useFactory: (store: EventStore, db: SqlDatabase) => (store.kind === 'kurrentdb' ? new StoreAuditLog(store) : new SqlAuditLog(db)),
    },
    {
      provide: SealStore,
      inject: [SQL_DATABASE, AppConfig],
      useFactory: (db: SqlDatabase, config: AppConfig) => new SealStore(db, SealKey.load(sealKeyFile(config))),
    },
  ],
  exports: [AUDIT_LOG, SealStore],
})
export class AuditModule {}

/** The periodic sealing step, for long-running processes (API, worker), never the CLI. */
@Module({})
export class SealingModule {
  static forRoot(options: Partial<SealingOptions> = {}): DynamicModule {
    return {
      module: SealingModule,
      imports: [AuditModule],
      providers: [{ provide: SEALING_OPTIONS, useValue: options }, SealingService],
      exports: [SealingService],
    };
  }
}
