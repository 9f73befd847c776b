import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommissioningModule } from '@app/commissioning';
import { ConfigModule } from '@app/config';
import { ClockModule, PersistenceModule } from '@app/platform';
import { ImportCommand } from './import.command';
import { ReplayCommand } from './replay.command';
import { StatusCommand } from './status.command';

@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule, ClockModule, CqrsModule.forRoot(), CommissioningModule],
  providers: [StatusCommand, ImportCommand, ReplayCommand],
})
export class CliModule {}
