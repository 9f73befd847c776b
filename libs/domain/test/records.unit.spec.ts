import { caseDecider, type CaseEvent, decideErasure, type DocumentFile, type OpenCase, personalFieldsOf, retentionClassOf } from '@app/domain';
import { specFor } from './given-when-then';
import { event, grantHistories, importedCommitment, refusal } from './fixtures';

const spec = specFor(caseDecider);

const file: DocumentFile = { name: 'Blaby CSP plan 2016-17.pdf', mediaType: 'application/pdf', sizeBytes: 1234, sha256: 'a'.repeat(64), scan: { status: 'not-scanned' } };
const history: CaseEvent[] = [importedCommitment('direct')];
const attached = (documentId: string, extra: Record<string, unknown> = {}) =>
  event('DocumentAttached', { documentId, kind: 'contract', ...file, on: '2016-04-02', ...extra } as never);

describe('Documents on a case', () => {
  it('attaches a document at any stage, recording name, type, size and hash; the stage does not move', () => {
    spec(history)
      .when({ type: 'AttachDocument', on: '2016-04-02', documentId: 'd1', kind: 'contract', file, actorRole: 'opcc-staff' })
      .then([attached('d1')]);
    const before = spec(history).state() as OpenCase;
    const after = spec([...history, attached('d1')]).state() as OpenCase;
    expect(after.stage).toBe(before.stage);
    expect(after.documents).toEqual([expect.objectContaining({ documentId: 'd1', status: 'current', sha256: file.sha256 })]);
  });

  it('refuses a CSP user a kind that is not theirs to attach, naming the field', () => {
    spec(history)
      .when({ type: 'AttachDocument', on: '2016-04-02', documentId: 'd1', kind: 'contract', file, actorRole: 'csp' })
      .thenThrows('DOCUMENT_KIND_NOT_ALLOWED', { field: 'kind' });
  });

  it('supersedes a current document with a new one: both events, never an overwrite', () => {
    spec([...history, attached('d1')])
      .when({ type: 'AttachDocument', on: '2016-05-01', documentId: 'd2', kind: 'contract', file, actorRole: 'opcc-staff', supersedes: 'd1' })
      .then([
        { type: 'DocumentAttached', data: { documentId: 'd2', kind: 'contract', ...file, on: '2016-05-01', supersedes: 'd1' } },
        { type: 'DocumentSuperseded', data: { documentId: 'd1', supersededBy: 'd2', on: '2016-05-01' } },
      ]);
  });

  it('refuses to supersede or withdraw a document that is no longer current', () => {
    const withdrawn = [...history, attached('d1'), event('DocumentWithdrawn', { documentId: 'd1', reason: 'wrong file', on: '2016-04-03' })];
    spec(withdrawn).when({ type: 'WithdrawDocument', on: '2016-04-04', documentId: 'd1', reason: 'again' }).thenThrows('DOCUMENT_NOT_CURRENT');
    spec(withdrawn)
      .when({ type: 'AttachDocument', on: '2016-04-04', documentId: 'd2', kind: 'contract', file, actorRole: 'admin', supersedes: 'd1' })
      .thenThrows('DOCUMENT_NOT_CURRENT', { field: 'supersedes' });
    spec(history).when({ type: 'WithdrawDocument', on: '2016-04-04', documentId: 'nope', reason: 'x' }).thenThrows('DOCUMENT_NOT_FOUND');
  });

  it('places and lifts a legal hold, refusing a second hold and a lift with none', () => {
    const held = [...history, event('LegalHoldPlaced', { reason: 'Tribunal claim 2017/031', on: '2017-01-10' })];
    expect((spec(held).state() as OpenCase).legalHold).toEqual({ reason: 'Tribunal claim 2017/031', placedOn: '2017-01-10' });
    spec(held).when({ type: 'PlaceLegalHold', on: '2017-01-11', reason: 'again' }).thenThrows('LEGAL_HOLD_EXISTS');
    spec(history).when({ type: 'LiftLegalHold', on: '2017-01-11', reason: 'settled' }).thenThrows('NO_LEGAL_HOLD');
    const lifted = [...held, event('LegalHoldLifted', { reason: 'settled', on: '2017-06-01' })];
    expect((spec(lifted).state() as OpenCase).legalHold).toBeUndefined();
  });
});

describe('Personal data', () => {
  it('finds a grant applicant’s contact fields, one subject by email', () => {
    const data = { profile: { caseId: '2016-17-G01' }, contact: { name: 'Jo Bloggs', email: 'Jo.Bloggs@Example.org', phone: '0116 000 0000' } };
    expect(personalFieldsOf('GrantApplicationReceived', data)).toEqual([
      { path: ['contact', 'name'], subjectRef: 'contact:jo.bloggs@example.org' },
      { path: ['contact', 'email'], subjectRef: 'contact:jo.bloggs@example.org' },
      { path: ['contact', 'phone'], subjectRef: 'contact:jo.bloggs@example.org' },
    ]);
    expect(personalFieldsOf('GrantApplicationReceived', { profile: {} })).toEqual([]);
    expect(personalFieldsOf('ContractAwarded', data)).toEqual([]);
  });

  it('gives every event type a retention class', () => {
    expect(retentionClassOf('GrantApplicationReceived').id).toBe('grant-application');
    expect(retentionClassOf('ContractAwarded').id).toBe('commissioning-record');
  });

  it('records an erasure with its reason and retention rule, and refuses it while a case is on legal hold', () => {
    const base = { subjectId: 's1', reason: 'Retention period ended', on: '2023-04-01', occurrences: [{ streamId: 'case-G01', eventType: 'GrantApplicationReceived' }], alreadyErased: false };
    expect(decideErasure({ ...base, holds: [] })).toEqual([
      {
        type: 'PersonalDataErased',
        data: {
          subjectId: 's1',
          reason: 'Retention period ended',
          retention: [{ eventType: 'GrantApplicationReceived', retentionClass: 'grant-application', keepFor: retentionClassOf('GrantApplicationReceived').keepFor }],
          streams: ['case-G01'],
          erasedOn: '2023-04-01',
        },
      },
    ]);
    expect(refusal(() => decideErasure({ ...base, holds: [{ streamId: 'case-G01', reason: 'claim' }] })).code).toBe('LEGAL_HOLD');
    expect(refusal(() => decideErasure({ ...base, holds: [], alreadyErased: true })).code).toBe('ALREADY_ERASED');
  });

  it('keeps a grant contact in the case state for the case view', () => {
    const [opening] = grantHistories.applicationReceived;
    const withContact = { ...opening, data: { ...(opening.data as object), contact: { name: 'Jo Bloggs' } } } as CaseEvent;
    expect((spec([withContact]).state() as OpenCase).grant?.contact).toEqual({ name: 'Jo Bloggs' });
  });
});
