import { Module } from '@nestjs/common';
import { CaseService } from './cases/case.service';
import { ImportFrameworkDocumentHandler, RunCaseCommandHandler, RunFrameworkCommandHandler } from './commissioning.handlers';
import { FrameworkService } from './frameworks/framework.service';

/** The commissioning use cases, shared by the API, the CLI and the worker. */
@Module({
  providers: [FrameworkService, CaseService, RunCaseCommandHandler, RunFrameworkCommandHandler, ImportFrameworkDocumentHandler],
  exports: [FrameworkService, CaseService],
})
export class CommissioningModule {}
