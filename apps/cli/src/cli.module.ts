import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/platform';
import { StatusCommand } from './status.command';

@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule],
  providers: [StatusCommand],
})
export class CliModule {}
