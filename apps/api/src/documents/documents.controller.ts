import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '@app/auth';
import { DocumentService } from '@app/documents';
import { AcceptsBody, CaseIdPipe, Clock } from '@app/platform';
import { respond } from '../http/outcome-response';
import { commandContextFrom } from '../http/request-context';
import { CaseRunner } from '../cases/case-runner';
import { ATTACH_DOCUMENT_SCHEMA, AttachDocumentForm, DocumentIdPipe, ReasonDto } from './document.dto';
import { ATTACHED_EXAMPLE, DOCUMENT_EXAMPLE } from './document.examples';
import { DocumentUploadInterceptor } from './document-upload.interceptor';

/**
 * A case's documents: attached as multipart/form-data, listed, downloaded under the same
 * access rule as the case (a CSP user only its own locality's), withdrawn; and the case's
 * legal hold, which blocks erasure of the personal data it holds.
 */
@ApiTags('documents')
@Controller('cases')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentService,
    private readonly runner: CaseRunner,
    private readonly clock: Clock,
  ) {}

  @Post(':caseId/documents')
  @HttpCode(201)
  @Roles('opcc-staff', 'csp:own-case', 'admin')
  @UseInterceptors(DocumentUploadInterceptor)
  // The one route of the JSON API that takes another body: declared at the input boundary.
  @AcceptsBody('multipart/form-data')
  @ApiBody({ schema: ATTACH_DOCUMENT_SCHEMA })
  @ApiOperation({
    summary: 'Attach a document (a CSP: its plan, report or claim evidence), or supersede one',
    description:
      'Refused, with nothing stored or appended: over DOCUMENT_MAX_BYTES (413 DOCUMENT_TOO_LARGE), a virus found (422 VIRUS_FOUND), ' +
      'content that is not a PDF, Office/OpenDocument file, CSV or image whatever its name (415 UNSUPPORTED_DOCUMENT_TYPE).',
  })
  @ApiCreatedResponse({ description: 'Attached: the case revision as ETag, Location: the document', content: { 'application/json': { example: ATTACHED_EXAMPLE } } })
  async attach(@Param('caseId', CaseIdPipe) caseId: string, @Body() form: AttachDocumentForm, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const file = request.file as Express.Multer.File;
    const context = commandContextFrom(request, this.clock);
    const outcome = await this.documents.attach(
      caseId,
      { originalName: Buffer.from(file.originalname, 'latin1').toString('utf8'), bytes: file.buffer, kind: form.kind, supersedes: form.supersedes },
      context,
    );
    const attached = outcome.events.find((e) => e.type === 'DocumentAttached')?.data as { documentId: string } | undefined;
    if (attached) response.setHeader('Location', `/cases/${caseId}/documents/${attached.documentId}`);
    return respond(response, outcome, { caseId, document: attached ?? null });
  }

  @Get(':caseId/documents')
  @Roles('opcc-staff', 'csp:own-case', 'auditor', 'admin')
  @ApiOperation({ summary: "The case's documents: current, superseded and withdrawn, each with its SHA-256 and scan status" })
  @ApiOkResponse({ content: { 'application/json': { example: { caseId: '2016-17-B51', count: 1, items: [DOCUMENT_EXAMPLE] } } } })
  async list(@Param('caseId', CaseIdPipe) caseId: string) {
    const items = await this.documents.list(caseId);
    return { caseId, count: items.length, items };
  }

  @Get(':caseId/documents/:documentId')
  @Roles('opcc-staff', 'csp:own-case', 'auditor', 'admin')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'Download a document; its bytes are checked against the recorded SHA-256 first (Repr-Digest says it)' })
  async download(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('documentId', DocumentIdPipe) documentId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { document, bytes } = await this.documents.content(caseId, documentId);
    response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`);
    response.setHeader('ETag', `"${document.sha256}"`);
    response.setHeader('X-Document-Status', document.status);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(bytes, {
      type: document.mediaType,
      length: bytes.length,
      disposition: `attachment; filename="${asciiName(document.name)}"; filename*=UTF-8''${encodeURIComponent(document.name)}`,
    });
  }

  @Post(':caseId/documents/:documentId/withdrawal')
  @HttpCode(200)
  @Roles('opcc-staff', 'admin')
  @ApiOperation({ summary: 'Withdraw a document, with the reason; it stays in the history and can still be read' })
  withdraw(
    @Param('caseId', CaseIdPipe) caseId: string,
    @Param('documentId', DocumentIdPipe) documentId: string,
    @Body() body: ReasonDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.runner.run(caseId, { type: 'WithdrawDocument', on: this.runner.on(request), documentId, reason: body.reason }, request, response);
  }

  @Post(':caseId/legal-hold')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Place the case on legal hold: no personal data it holds may be erased until the hold is lifted' })
  placeHold(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: ReasonDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.runner.run(caseId, { type: 'PlaceLegalHold', on: this.runner.on(request), reason: body.reason }, request, response);
  }

  @Post(':caseId/legal-hold/release')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Lift the legal hold, with the reason' })
  liftHold(@Param('caseId', CaseIdPipe) caseId: string, @Body() body: ReasonDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.runner.run(caseId, { type: 'LiftLegalHold', on: this.runner.on(request), reason: body.reason }, request, response);
  }
}

/** The name for the plain filename= parameter: ASCII only, no quotes. */
const asciiName = (name: string): string => name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
