import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogQuery } from './audit-log.query';

/** GET /audit-log from the audit-log read model. */
@Module({ controllers: [AuditLogController], providers: [AuditLogQuery] })
export class AuditLogApiModule {}
