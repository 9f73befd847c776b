import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ConfigModule } from '@app/config';
import { HealthModule, PersistenceModule } from '@app/platform';

@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule, CqrsModule.forRoot(), HealthModule],
})
export class ApiModule {}
