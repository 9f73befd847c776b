import { Controller, Get, HttpException, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '@app/auth';
import { DocumentService } from '@app/documents';
import { DomainError } from '@app/domain';
import { CaseIdPipe, Clock, ProblemDetailsFilter } from '@app/platform';
import { DocumentIdPipe } from '../../documents/document.dto';
import { DocumentUploadInterceptor } from '../../documents/document-upload.interceptor';
import { commandContextFrom } from '../../http/request-context';
import { checkFormToken } from '../sessions/session.middleware';
import { webSessionOf } from '../sessions/web-session';

const problems = new ProblemDetailsFilter();

/** Why an upload was refused, as the case page says it: a fixed sentence per code, never text from the URL. */
export const UPLOAD_PROBLEMS = ['DOCUMENT_TOO_LARGE', 'UNSUPPORTED_DOCUMENT_TYPE', 'VIRUS_FOUND', 'DOCUMENT_KIND_NOT_ALLOWED', 'VALIDATION_FAILED', 'SCANNER_UNAVAILABLE'];

/**
 * The case page's documents: the upload form (multipart, with its form token) and downloads,
 * on the same DocumentService and access rules as the API's routes.
 */
@ApiExcludeController()
@Controller('app/cases')
export class DocumentPagesController {
  constructor(
    private readonly documents: DocumentService,
    private readonly clock: Clock,
  ) {}

  @Post(':caseId/documents')
  @Roles('opcc-staff', 'csp:own-case', 'admin')
  @UseInterceptors(DocumentUploadInterceptor)
  async upload(@Param('caseId', CaseIdPipe) caseId: string, @Req() request: Request, @Res() response: Response) {
    const session = webSessionOf(request);
    if (!session) throw new DomainError('NOT_FOUND', 'No session');
    checkFormToken(request.body, session);
    const page = `/app/cases/${encodeURIComponent(caseId)}`;
    try {
      const file = request.file as Express.Multer.File;
      const body = request.body as { kind?: unknown };
      await this.documents.attach(caseId, { originalName: Buffer.from(file.originalname, 'latin1').toString('utf8'), bytes: file.buffer, kind: body.kind }, commandContextFrom(request, this.clock));
    } catch (error) {
      const problem = problems.toProblem(error);
      if (!(error instanceof HttpException || error instanceof DomainError) || [401, 403, 404].includes(problem.status) || !UPLOAD_PROBLEMS.includes(String(problem.code))) throw error;
      response.redirect(303, `${page}?documentProblem=${problem.code}#documents`);
      return;
    }
    response.redirect(303, `${page}?done=${encodeURIComponent('Document attached')}#documents`);
  }

  @Get(':caseId/documents/:documentId')
  @Roles('opcc-staff', 'csp:own-case', 'auditor', 'admin')
  async download(@Param('caseId', CaseIdPipe) caseId: string, @Param('documentId', DocumentIdPipe) documentId: string, @Res() response: Response) {
    const { document, bytes } = await this.documents.content(caseId, documentId);
    response
      .status(200)
      .type(document.mediaType)
      .setHeader('Content-Disposition', `attachment; filename="${document.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(document.name)}`)
      .setHeader('Repr-Digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`)
      .setHeader('X-Content-Type-Options', 'nosniff')
      .send(bytes);
  }
}
