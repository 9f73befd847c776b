import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { DOCUMENT_SETTINGS, type DocumentSettings, formatBytes } from '@app/documents';
import { DomainError } from '@app/domain';

/**
 * Reads one multipart/form-data upload (field `file`, plus small text fields) into memory,
 * stopping at the size limit: an oversize file is refused with DOCUMENT_TOO_LARGE before it
 * is read whole. Runs after the access guard, so a refused caller uploads nothing; the input
 * boundary (@AcceptsBody on the route) has already refused any other media type.
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  private readonly upload;

  constructor(@Inject(DOCUMENT_SETTINGS) private readonly settings: DocumentSettings) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: settings.maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 100 },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler) {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    await new Promise<void>((resolve, reject) =>
      this.upload(request, http.getResponse<Response>(), (error: unknown) => (error ? reject(this.refusal(error)) : resolve())),
    );
    if (!request.file) throw DomainError.field('VALIDATION_FAILED', 'file', 'is required: the document, in the form field "file"');
    return next.handle();
  }

  private refusal(error: unknown): unknown {
    const code = (error as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') {
      return DomainError.field('DOCUMENT_TOO_LARGE', 'file', `is larger than the ${formatBytes(this.settings.maxBytes)} a document may be`);
    }
    if (error instanceof multer.MulterError) {
      return DomainError.field('VALIDATION_FAILED', error.field ?? '(body)', `${error.message} (one file in "file", and the fields kind, supersedes)`);
    }
    return DomainError.field('VALIDATION_FAILED', '(body)', 'is not a well-formed multipart/form-data body');
  }
}
