import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { PersistenceModule, RedisStatus } from '@app/platform';
import { ProjectionsModule } from '@app/projections';

/** Background work driven by the log: projections and reminder jobs run here. */
@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule, ProjectionsModule.always()],
  providers: [RedisStatus],
})
export class WorkerModule {}
