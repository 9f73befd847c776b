import { Module } from '@nestjs/common';
import { AuditModule, SealingModule } from '@app/audit';
import { DocumentsModule } from '@app/documents';
import { AuditExportController } from './audit-export.controller';
import { AuditController } from './audit.controller';

/** The auditor's tools under /audit, and the periodic sealing of the log. */
@Module({
  imports: [AuditModule, SealingModule.forRoot(), DocumentsModule],
  controllers: [AuditController, AuditExportController],
})
export class AuditApiModule {}
