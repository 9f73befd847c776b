import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommissioningModule } from '@app/commissioning';
import { ConfigModule } from '@app/config';
import { PersonalDataModule } from '@app/personal-data';
import { ClockModule, HealthModule, PersistenceModule } from '@app/platform';
import { ProjectionsModule } from '@app/projections';
import { RemindersModule } from '@app/reminders';
import { AccessModule } from './access/access.module';
import { CaseRunner } from './cases/case-runner';
import { CasesController } from './cases/cases.controller';
import { CoCommissioningController } from './cases/co-commissioning.controller';
import { ContractController } from './cases/contract.controller';
import { DirectController } from './cases/direct.controller';
import { GrantController } from './cases/grant.controller';
import { StepsController } from './cases/steps.controller';
import { PlfController } from './cases/plf.controller';
import { ProposalClosingController } from './cases/proposal-closing.controller';
import { FrameworkAmendmentsController } from './frameworks/amendments.controller';
import { FrameworksController } from './frameworks/frameworks.controller';
import { AuditApiModule } from './audit/audit-api.module';
import { DocumentsApiModule } from './documents/documents-api.module';
import { AuditLogApiModule } from './read-models/audit-log/audit-log-api.module';
import { BudgetApiModule } from './read-models/budget/budget-api.module';
import { DeadlinesApiModule } from './read-models/deadlines/deadlines-api.module';
import { OutcomesApiModule } from './read-models/outcomes/outcomes-api.module';
import { PipelineApiModule } from './read-models/pipeline/pipeline-api.module';
import { PublishingApiModule } from './publishing/publishing-api.module';
import { PaymentsApiModule } from './payments/payments-api.module';
import { PaymentsController } from './payments/payments.controller';
import { WebModule } from './web/web.module';

@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule, ClockModule, CqrsModule.forRoot(), PersonalDataModule, AccessModule, ProjectionsModule, RemindersModule, HealthModule, CommissioningModule, BudgetApiModule, PipelineApiModule, AuditLogApiModule, OutcomesApiModule, DeadlinesApiModule, AuditApiModule, DocumentsApiModule, PublishingApiModule, WebModule, PaymentsApiModule],
  controllers: [
    FrameworksController,
    FrameworkAmendmentsController,
    CasesController,
    DirectController,
    CoCommissioningController,
    PlfController,
    GrantController,
    StepsController,
    ContractController,
    ProposalClosingController,
    PaymentsController,
  ],
  providers: [CaseRunner],
})
export class ApiModule {}
