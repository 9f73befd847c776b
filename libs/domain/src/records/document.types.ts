import type { BusinessDate } from '../shared/business-date';

/** What a document is for, in the framework's words: a CSP's plan, a contract, a tender pack… */
export const DOCUMENT_KINDS = [
  'plan',
  'contract',
  'tender-pack',
  'dispensation-justification',
  'report-evidence',
  'claim-evidence',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const isDocumentKind = (value: unknown): value is DocumentKind => DOCUMENT_KINDS.includes(value as DocumentKind);

/**
 * A CSP provides its own plan and the evidence of its own reports and claims; contracts,
 * tender packs and dispensation justifications are the OPCC's papers.
 */
export const DOCUMENT_KINDS_BY_ROLE: Readonly<Record<string, readonly DocumentKind[]>> = {
  csp: ['plan', 'report-evidence', 'claim-evidence'],
  'opcc-staff': DOCUMENT_KINDS,
  admin: DOCUMENT_KINDS,
};

export const documentKindsFor = (role: string): readonly DocumentKind[] => DOCUMENT_KINDS_BY_ROLE[role] ?? [];

/** The virus scan's verdict on an accepted file: clean, or not scanned (no scanner configured). */
export type DocumentScan = { readonly status: 'clean'; readonly engine: string } | { readonly status: 'not-scanned' };

/** A file as the case records it: its bytes are kept elsewhere, under their SHA-256. */
export interface DocumentFile {
  readonly name: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly scan: DocumentScan;
}

export interface CaseDocument extends DocumentFile {
  readonly documentId: string;
  readonly kind: DocumentKind;
  readonly attachedOn: BusinessDate;
  readonly status: 'current' | 'superseded' | 'withdrawn';
  readonly supersedes?: string;
  readonly supersededBy?: string;
  readonly withdrawnReason?: string;
}

export interface LegalHold {
  readonly reason: string;
  readonly placedOn: BusinessDate;
}
