import { Module } from '@nestjs/common';
import { SealingModule } from '@app/audit';
import { ConfigModule } from '@app/config';
import { ClockModule, PersistenceModule, RedisStatus } from '@app/platform';
import { ProjectionsModule } from '@app/projections';
import { RemindersModule } from '@app/reminders';

/** Background work driven by the log: projections, the reminder schedule, jobs and email, and the log's seals. */
@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule, ClockModule, ProjectionsModule.always(), RemindersModule.always(), SealingModule.forRoot({ always: true })],
  providers: [RedisStatus],
})
export class WorkerModule {}
