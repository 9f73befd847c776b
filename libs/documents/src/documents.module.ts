import { Module } from '@nestjs/common';
import { CommissioningModule } from '@app/commissioning';
import { AppConfig } from '@app/config';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { DocumentService } from './document.service';
import { DOCUMENT_SETTINGS, type DocumentSettings } from './document-settings';
import { DocumentBlobs } from './storage/document-blobs';

/** Documents kept with their cases: storage, checks at the door, and their part of verify. */
@Module({
  imports: [CommissioningModule],
  providers: [
    { provide: DocumentBlobs, inject: [SQL_DATABASE], useFactory: (db: SqlDatabase) => new DocumentBlobs(db) },
    {
      provide: DOCUMENT_SETTINGS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): DocumentSettings => ({ maxBytes: config.DOCUMENT_MAX_BYTES, clamavUrl: config.CLAMAV_URL }),
    },
    DocumentService,
  ],
  exports: [DocumentService, DocumentBlobs, DOCUMENT_SETTINGS],
})
export class DocumentsModule {}
