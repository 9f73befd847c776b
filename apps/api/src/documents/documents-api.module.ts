import { Module } from '@nestjs/common';
import { DocumentsModule } from '@app/documents';
import { CaseRunner } from '../cases/case-runner';
import { DocumentUploadInterceptor } from './document-upload.interceptor';
import { DocumentsController } from './documents.controller';

@Module({
  imports: [DocumentsModule],
  controllers: [DocumentsController],
  providers: [CaseRunner, DocumentUploadInterceptor],
})
export class DocumentsApiModule {}
