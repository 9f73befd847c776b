import { assertNever } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { OpenCase } from '../cases/case.model';
import { type CaseDocument, documentKindsFor, isDocumentKind } from './document.types';
import type { RecordsCommand } from './records.commands';
import type { RecordsEvent } from './records.events';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Documents and legal holds belong to every case whatever its workflow and stage: a
 * closed contract still receives its last evidence, and a hold may come at any time.
 */
export function decideRecords(command: RecordsCommand, state: OpenCase): RecordsEvent[] {
  switch (command.type) {
    case 'AttachDocument':
      return attach(command, state);
    case 'WithdrawDocument': {
      const current = currentDocument(state, command.documentId, 'documentId');
      if (!command.reason.trim()) throw DomainError.field('VALIDATION_FAILED', 'reason', 'say why the document is withdrawn');
      return [{ type: 'DocumentWithdrawn', data: { documentId: current.documentId, reason: command.reason, on: command.on } }];
    }
    case 'PlaceLegalHold':
      if (state.legalHold) {
        throw new DomainError('LEGAL_HOLD_EXISTS', `Case ${state.profile.caseId} is already on legal hold since ${state.legalHold.placedOn}: ${state.legalHold.reason}`);
      }
      if (!command.reason.trim()) throw DomainError.field('VALIDATION_FAILED', 'reason', 'say why the case is held');
      return [{ type: 'LegalHoldPlaced', data: { reason: command.reason, on: command.on } }];
    case 'LiftLegalHold':
      if (!state.legalHold) throw new DomainError('NO_LEGAL_HOLD', `Case ${state.profile.caseId} is not on legal hold`);
      if (!command.reason.trim()) throw DomainError.field('VALIDATION_FAILED', 'reason', 'say why the hold is lifted');
      return [{ type: 'LegalHoldLifted', data: { reason: command.reason, on: command.on } }];
    default:
      return assertNever(command);
  }
}

function attach(command: Extract<RecordsCommand, { type: 'AttachDocument' }>, state: OpenCase): RecordsEvent[] {
  if (!isDocumentKind(command.kind)) throw DomainError.field('VALIDATION_FAILED', 'kind', `"${String(command.kind)}" is not a kind of document`);
  const allowed = documentKindsFor(command.actorRole);
  if (!allowed.includes(command.kind)) {
    throw DomainError.field(
      'DOCUMENT_KIND_NOT_ALLOWED',
      'kind',
      `a ${command.actorRole} user may attach ${allowed.length ? allowed.join(', ') : 'no document'}, not ${command.kind}`,
    );
  }
  if (!SHA256.test(command.file.sha256)) throw DomainError.field('VALIDATION_FAILED', 'sha256', 'must be a SHA-256 in hex');
  if (!Number.isSafeInteger(command.file.sizeBytes) || command.file.sizeBytes <= 0) throw DomainError.field('VALIDATION_FAILED', 'file', 'is empty');
  if ((state.documents ?? []).some((d) => d.documentId === command.documentId)) {
    throw new DomainError('DOCUMENT_EXISTS', `Case ${state.profile.caseId} already has document ${command.documentId}`);
  }
  const replaced = command.supersedes === undefined ? undefined : currentDocument(state, command.supersedes, 'supersedes');
  const attached: RecordsEvent = {
    type: 'DocumentAttached',
    data: {
      documentId: command.documentId,
      kind: command.kind,
      ...command.file,
      on: command.on,
      ...(replaced ? { supersedes: replaced.documentId } : {}),
    },
  };
  if (!replaced) return [attached];
  return [attached, { type: 'DocumentSuperseded', data: { documentId: replaced.documentId, supersededBy: command.documentId, on: command.on } }];
}

function currentDocument(state: OpenCase, documentId: string, field: string): CaseDocument {
  const found = (state.documents ?? []).find((d) => d.documentId === documentId);
  if (!found) throw DomainError.field('DOCUMENT_NOT_FOUND', field, `case ${state.profile.caseId} has no document ${documentId}`);
  if (found.status !== 'current') throw DomainError.field('DOCUMENT_NOT_CURRENT', field, `document ${documentId} is already ${found.status}`);
  return found;
}

/** Folds a records event into the case; the stage never moves for a document or a hold. */
export function evolveRecords(state: OpenCase, event: RecordsEvent): OpenCase {
  const documents = state.documents ?? [];
  const set = (documentId: string, change: Partial<CaseDocument>) =>
    documents.map((d) => (d.documentId === documentId ? { ...d, ...change } : d));
  switch (event.type) {
    case 'DocumentAttached': {
      const { on, ...rest } = event.data;
      return { ...state, documents: [...documents, { ...rest, attachedOn: on, status: 'current' }] };
    }
    case 'DocumentSuperseded':
      return { ...state, documents: set(event.data.documentId, { status: 'superseded', supersededBy: event.data.supersededBy }) };
    case 'DocumentWithdrawn':
      return { ...state, documents: set(event.data.documentId, { status: 'withdrawn', withdrawnReason: event.data.reason }) };
    case 'LegalHoldPlaced':
      return { ...state, legalHold: { reason: event.data.reason, placedOn: event.data.on } };
    case 'LegalHoldLifted': {
      const { legalHold: _lifted, ...rest } = state;
      return rest;
    }
    default:
      return assertNever(event);
  }
}
