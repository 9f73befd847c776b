import type { BusinessDate } from '../shared/business-date';
import type { DocumentFile, DocumentKind } from './document.types';

type E<Type extends string, Data> = { type: Type; data: Data };

/** A document kept with the case; `supersedes` names the one it replaces, if any. */
export type DocumentAttached = E<
  'DocumentAttached',
  DocumentFile & { documentId: string; kind: DocumentKind; on: BusinessDate; supersedes?: string }
>;
export type DocumentSuperseded = E<'DocumentSuperseded', { documentId: string; supersededBy: string; on: BusinessDate }>;
export type DocumentWithdrawn = E<'DocumentWithdrawn', { documentId: string; reason: string; on: BusinessDate }>;
/** While a case is on legal hold, nothing of it may be erased, personal data included. */
export type LegalHoldPlaced = E<'LegalHoldPlaced', { reason: string; on: BusinessDate }>;
export type LegalHoldLifted = E<'LegalHoldLifted', { reason: string; on: BusinessDate }>;

export type RecordsEvent = DocumentAttached | DocumentSuperseded | DocumentWithdrawn | LegalHoldPlaced | LegalHoldLifted;
