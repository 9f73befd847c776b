import type { BusinessDate } from '../shared/business-date';
import type { DocumentFile, DocumentKind } from './document.types';

type C<Type extends string, Fields> = { type: Type; on: BusinessDate } & Fields;

/**
 * The adapter has stored the bytes, checked their type and scanned them; `documentId` is
 * new, `actorRole` is the caller's (a CSP attaches only its own kinds of paper).
 */
export type AttachDocument = C<
  'AttachDocument',
  { documentId: string; kind: DocumentKind; file: DocumentFile; actorRole: string; supersedes?: string }
>;
export type WithdrawDocument = C<'WithdrawDocument', { documentId: string; reason: string }>;
export type PlaceLegalHold = C<'PlaceLegalHold', { reason: string }>;
export type LiftLegalHold = C<'LiftLegalHold', { reason: string }>;

export type RecordsCommand = AttachDocument | WithdrawDocument | PlaceLegalHold | LiftLegalHold;

const RECORDS: ReadonlySet<string> = new Set(['AttachDocument', 'WithdrawDocument', 'PlaceLegalHold', 'LiftLegalHold']);
export const isRecordsCommand = (command: { type: string }): command is RecordsCommand => RECORDS.has(command.type);
