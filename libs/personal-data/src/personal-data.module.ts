import { Global, Module } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ErasureService } from './erasure.service';
import { PersonalDataVault } from './personal-data.vault';
import { SubjectKeys } from './subject-keys';

/** The key table, the vault that opens sealed fields for readers, and erasure. */
@Global()
@Module({
  providers: [
    { provide: SubjectKeys, inject: [SQL_DATABASE], useFactory: (db: SqlDatabase) => new SubjectKeys(db) },
    { provide: PersonalDataVault, inject: [SubjectKeys], useFactory: (keys: SubjectKeys) => new PersonalDataVault(keys) },
    { provide: ErasureService, inject: [EVENT_STORE, SubjectKeys], useFactory: (store: EventStore, keys: SubjectKeys) => new ErasureService(store, keys) },
  ],
  exports: [SubjectKeys, PersonalDataVault, ErasureService],
})
export class PersonalDataModule {}
