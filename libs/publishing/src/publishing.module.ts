import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AppConfig } from '@app/config';
import { PublishingService } from './publishing.service';
import { PUBLISHING_SETTINGS, publishingSettings } from './publishing.settings';

/** The open data publications, read from the log through the auditor's reader: it never writes. */
@Module({
  imports: [AuditModule],
  providers: [{ provide: PUBLISHING_SETTINGS, inject: [AppConfig], useFactory: publishingSettings }, PublishingService],
  exports: [PublishingService, PUBLISHING_SETTINGS],
})
export class PublishingModule {}
