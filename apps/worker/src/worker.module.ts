import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { ClockModule, PersistenceModule, RedisStatus } from '@app/platform';
import { ProjectionsModule } from '@app/projections';
import { RemindersModule } from '@app/reminders';

/** Background work driven by the log: projections, and the reminder schedule, jobs and email. */
@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule, ClockModule, ProjectionsModule.always(), RemindersModule.always()],
  providers: [RedisStatus],
})
export class WorkerModule {}
