import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@app/audit';
import { CommissioningModule } from '@app/commissioning';
import { ConfigModule } from '@app/config';
import { DocumentsModule } from '@app/documents';
import { PersonalDataModule } from '@app/personal-data';
import { PublishingModule } from '@app/publishing';
import { ClockModule, PersistenceModule } from '@app/platform';
import { ActualsCommand } from './actuals.command';
import { EraseCommand } from './erase.command';
import { ExportCommand } from './export.command';
import { HistoryCommand } from './history.command';
import { ImportCommand } from './import.command';
import { PaymentsCommand } from './payments.command';
import { PublishCommand } from './publish.command';
import { ReplayCommand } from './replay.command';
import { SimulateCommand } from './simulate.command';
import { SpendCommand } from './spend.command';
import { StatusCommand } from './status.command';
import { TokenCommand } from './token.command';
import { VerifyCommand } from './verify.command';

@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule, ClockModule, CqrsModule.forRoot(), PersonalDataModule, CommissioningModule, AuditModule, DocumentsModule, PublishingModule],
  providers: [SimulateCommand, StatusCommand, ImportCommand, ReplayCommand, VerifyCommand, ExportCommand, HistoryCommand, TokenCommand, PublishCommand, EraseCommand, PaymentsCommand, SpendCommand, ActualsCommand],
})
export class CliModule {}
