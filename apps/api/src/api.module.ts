import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommissioningModule } from '@app/commissioning';
import { ConfigModule } from '@app/config';
import { ClockModule, HealthModule, PersistenceModule } from '@app/platform';
import { CaseRunner } from './cases/case-runner';
import { CasesController } from './cases/cases.controller';
import { FrameworksController } from './frameworks/frameworks.controller';

@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule, ClockModule, CqrsModule.forRoot(), HealthModule, CommissioningModule],
  controllers: [FrameworksController, CasesController],
  providers: [CaseRunner],
})
export class ApiModule {}
