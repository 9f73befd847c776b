import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CaseService } from '@app/commissioning';
import { type CaseDocument, documentKindsFor, DomainError, type DocumentScan, isDocumentKind } from '@app/domain';
import type { CommandContext } from '@app/platform';
import { ClamdScanner } from './checks/clamd-scanner';
import { sniffDocument } from './checks/sniff';
import { DOCUMENT_SETTINGS, type DocumentSettings, formatBytes } from './document-settings';
import { DocumentBlobs, sha256Of } from './storage/document-blobs';

export interface Upload {
  readonly originalName: string;
  readonly bytes: Buffer;
  readonly kind: unknown;
  readonly supersedes?: string;
}

/**
 * Attaching a document: refused at the door (size, virus, type — told by content) before
 * anything is stored or appended; then the bytes are stored under their SHA-256 and the
 * case records DocumentAttached through its own decider.
 */
@Injectable()
export class DocumentService {
  private readonly scanner: ClamdScanner | undefined;

  constructor(
    private readonly cases: CaseService,
    private readonly blobs: DocumentBlobs,
    @Inject(DOCUMENT_SETTINGS) readonly settings: DocumentSettings,
  ) {
    this.scanner = settings.clamavUrl ? new ClamdScanner(settings.clamavUrl) : undefined;
  }

  get scanning(): string {
    return this.scanner?.describe ?? 'not scanned (CLAMAV_URL is not set)';
  }

  async attach(caseId: string, upload: Upload, context: CommandContext) {
    const kind = upload.kind;
    if (!isDocumentKind(kind)) throw DomainError.field('VALIDATION_FAILED', 'kind', `must be one of: ${documentKindsFor('admin').join(', ')}`);
    if (!documentKindsFor(context.actor.role).includes(kind)) {
      throw DomainError.field('DOCUMENT_KIND_NOT_ALLOWED', 'kind', `a ${context.actor.role} user may attach ${documentKindsFor(context.actor.role).join(', ')}, not ${kind}`);
    }
    this.checkSize(upload.bytes.length);
    const scan = await this.scan(upload.bytes);
    const sniffed = await sniffDocument(upload.bytes);
    if (!sniffed.ok) {
      throw DomainError.field(
        'UNSUPPORTED_DOCUMENT_TYPE',
        'file',
        `its content is ${sniffed.found}; a document must be a PDF, an Office or OpenDocument file, a CSV or an image`,
      );
    }
    const sha256 = await this.blobs.put(upload.bytes, sniffed.mediaType);
    const documentId = randomUUID();
    const file = { name: safeName(upload.originalName), mediaType: sniffed.mediaType, sizeBytes: upload.bytes.length, sha256, scan };
    const command = {
      type: 'AttachDocument' as const,
      on: context.occurredAt.slice(0, 10),
      documentId,
      kind,
      file,
      actorRole: context.actor.role,
      ...(upload.supersedes ? { supersedes: upload.supersedes } : {}),
    };
    return this.cases.execute(caseId, command, context);
  }

  async list(caseId: string): Promise<readonly CaseDocument[]> {
    return (await this.cases.get(caseId)).documents ?? [];
  }

  /** The document's bytes, checked against the hash the log recorded before they are served. */
  async content(caseId: string, documentId: string): Promise<{ document: CaseDocument; bytes: Buffer }> {
    const document = (await this.list(caseId)).find((d) => d.documentId === documentId);
    if (!document) throw new DomainError('NOT_FOUND', `Case ${caseId} has no document ${documentId}`, { caseId, documentId });
    const bytes = await this.blobs.get(document.sha256);
    if (!bytes || sha256Of(bytes) !== document.sha256) {
      throw new DomainError(
        'DOCUMENT_ALTERED',
        `The stored copy of document ${documentId} ("${document.name}") ${bytes ? 'no longer matches' : 'is missing; it had'} the SHA-256 the log recorded (${document.sha256}); it is not served. Run verify.`,
      );
    }
    return { document, bytes };
  }

  private checkSize(size: number): void {
    if (size === 0) throw DomainError.field('VALIDATION_FAILED', 'file', 'is empty');
    if (size > this.settings.maxBytes) {
      throw DomainError.field('DOCUMENT_TOO_LARGE', 'file', `is ${formatBytes(size)}; a document may be at most ${formatBytes(this.settings.maxBytes)}`);
    }
  }

  private async scan(bytes: Buffer): Promise<DocumentScan> {
    if (!this.scanner) return { status: 'not-scanned' };
    const verdict = await this.scanner.scan(bytes);
    if (verdict.status === 'infected') {
      throw DomainError.field('VIRUS_FOUND', 'file', `the virus scanner found ${verdict.signature}; the document was not accepted`, { signature: verdict.signature });
    }
    return verdict;
  }
}

/** The file's own name, without a path, control characters or an unbounded length. */
export function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'document').slice(0, 200);
}
