import { CASE_EVENT_SCHEMA_VERSION, caseDecider, type CaseEvent, type DocumentFile, fold, PAYMENT_DATE_FIELD, upcastCase, V1_DATE_FIELD, workflowFor } from '@app/domain';
import { directProfile, event, plfHistories, refV1, report } from './fixtures';

type Stored = { type: string; schemaVersion: number; data: Record<string, unknown> };

/** An event as version 1 stored it: the date in the field of its own name, the workflow by reference. */
function asV1(e: CaseEvent): Stored {
  const { on, ...data } = e.data as Record<string, unknown>;
  const field = V1_DATE_FIELD[e.type];
  const workflow = data.workflow as { id: string; version: number } | undefined;
  return {
    type: e.type,
    schemaVersion: 1,
    data: { ...data, ...(field ? { [field]: on } : {}), ...(workflow ? { workflow: { id: workflow.id, version: workflow.version } } : {}) },
  };
}

/** An event as version 2 stored it before `on` became the one field: both. */
function asV2WithBoth(e: CaseEvent): Stored {
  const data = e.data as Record<string, unknown>;
  const field = V1_DATE_FIELD[e.type];
  return { type: e.type, schemaVersion: 2, data: { ...data, ...(field ? { [field]: data.on } : {}) } };
}

const file: DocumentFile = { name: 'Blaby CSP plan 2016-17.pdf', mediaType: 'application/pdf', sizeBytes: 1234, sha256: 'a'.repeat(64), scan: { status: 'not-scanned' } };

/** A case whose folded state keeps many of its events' dates: opened, plan submitted, meeting held, a report, a document, a hold. */
const history: CaseEvent[] = [
  ...plfHistories.active,
  report('asb-incidents', '2016-Q1', 'amber', 438, 400),
  event('DocumentAttached', { documentId: 'd1', kind: 'contract', ...file, on: '2016-03-11' }),
  event('LegalHoldPlaced', { reason: 'Tribunal claim 2017/031', on: '2017-01-10' }),
];

describe('upcasting stored case events: the business date in `on` alone', () => {
  describe('given a version 1 event', () => {
    const stored = { type: 'TenderIssued', schemaVersion: 1, data: { reference: 'T1', issuedOn: '2016-05-01', closesOn: '2016-06-01' } };
    it('when it is read, then it carries its date in `on` and no longer in its own field; its other dates stay', () => {
      expect(upcastCase(stored)).toEqual({ type: 'TenderIssued', data: { reference: 'T1', on: '2016-05-01', closesOn: '2016-06-01' } });
    });
    it('when it is read, then the stored event itself is left as it was', () => {
      upcastCase(stored);
      expect(stored.data).toEqual({ reference: 'T1', issuedOn: '2016-05-01', closesOn: '2016-06-01' });
    });
  });

  describe('given a version 1 opening event', () => {
    const stored = { type: 'ProposalRaised', schemaVersion: 1, data: { profile: directProfile, workflow: refV1('direct'), estimatedValuePence: 100, raisedOn: '2016-04-04' } };
    it('when it is read, then its workflow reference becomes the shipped document it named, and its date is in `on`', () => {
      const { data } = upcastCase(stored);
      expect(data).toMatchObject({ on: '2016-04-04', workflow: workflowFor('direct', 1) });
      expect(data).not.toHaveProperty('raisedOn');
    });
    it('when its workflow is one this build does not know, then the reference stays for the case to refuse', () => {
      const unknown = { ...stored, data: { ...stored.data, workflow: { id: 'direct', version: 9 } } };
      expect(upcastCase(unknown).data).toMatchObject({ on: '2016-04-04', workflow: { id: 'direct', version: 9 } });
      expect(() => fold(caseDecider, [upcastCase(unknown)])).toThrow(/No workflow direct version 9/);
    });
  });

  describe('given a version 2 event written with both fields', () => {
    it('when it is read, then it has `on` only', () => {
      const stored = { type: 'ContractClosed', schemaVersion: CASE_EVENT_SCHEMA_VERSION, data: { closedOn: '2017-03-31', notes: 'Delivered', on: '2017-03-31' } };
      expect(upcastCase(stored)).toEqual({ type: 'ContractClosed', data: { notes: 'Delivered', on: '2017-03-31' } });
    });
  });

  describe('given an event in the current shape', () => {
    it('when it is read, then it is the event as stored', () => {
      const stored = { type: 'ContractClosed', schemaVersion: CASE_EVENT_SCHEMA_VERSION, data: { notes: 'Delivered', on: '2017-03-31' } };
      expect(upcastCase(stored)).toEqual({ type: 'ContractClosed', data: stored.data });
    });
    it('when it is a payment event, then it is the event as stored too', () => {
      const stored = { type: 'ClaimPaid', schemaVersion: 2, data: { claimId: 'c1', instalmentId: 'q1', pence: 5, paymentRef: 'P1', recordedBy: 'a', on: '2016-08-01' } };
      expect(upcastCase(stored)).toEqual({ type: 'ClaimPaid', data: stored.data });
    });
  });

  describe.each(Object.entries(V1_DATE_FIELD))('given a stored %s, its date in %s', (type, field) => {
    const other = { notes: 'kept', dueOn: '2016-09-30' };
    it('when it was written at version 1, then it is read with `on` from that field, the field gone and the rest kept', () => {
      expect(upcastCase({ type, schemaVersion: 1, data: { ...other, [field]: '2016-09-01' } })).toEqual({ type, data: { ...other, on: '2016-09-01' } });
    });
    it('when it was written at version 2 with both, then it is read with `on` only', () => {
      expect(upcastCase({ type, schemaVersion: 2, data: { ...other, [field]: '2016-09-01', on: '2016-09-01' } })).toEqual({ type, data: { ...other, on: '2016-09-01' } });
    });
  });

  describe.each(Object.entries(PAYMENT_DATE_FIELD))('given a stored %s, its date in %s beside `on`', (type, field) => {
    const other = { instalmentId: 'q2', dueOn: '2016-09-30' };
    it('when it is read, then it has `on` only, the rest kept', () => {
      expect(upcastCase({ type, schemaVersion: 2, data: { ...other, [field]: '2016-10-01', on: '2016-10-01' } })).toEqual({ type, data: { ...other, on: '2016-10-01' } });
    });
    it('when only its own field holds the date, then `on` is taken from it', () => {
      expect(upcastCase({ type, schemaVersion: 2, data: { ...other, [field]: '2016-10-01' } })).toEqual({ type, data: { ...other, on: '2016-10-01' } });
    });
  });

  describe('given a history', () => {
    const current = fold(caseDecider, history);
    it('when it was stored at version 1, then upcast it folds to the same case as in the current shape', () => {
      expect(fold(caseDecider, history.map(asV1).map(upcastCase))).toEqual(current);
    });
    it('when it was stored at version 2 with both fields, then upcast it folds to the same case too', () => {
      expect(fold(caseDecider, history.map(asV2WithBoth).map(upcastCase))).toEqual(current);
    });
    it('when the version 1 history is folded without upcasting, then its dates are lost: the upcaster is what reads them', () => {
      const raw = fold(caseDecider, history.map(asV1) as unknown as CaseEvent[]);
      expect(raw).not.toEqual(current);
      expect(raw).toMatchObject({ openedOn: undefined, planSubmittedOn: undefined });
    });
    it('then the folded case keeps the dates the events carried', () => {
      expect(current).toMatchObject({
        openedOn: '2015-10-23',
        planSubmittedOn: '2016-01-15',
        meetingHeldOn: '2016-02-25',
        reports: [{ measureId: 'asb-incidents', reportedOn: '2016-07-14' }],
        documents: [{ documentId: 'd1', attachedOn: '2016-03-11', status: 'current' }],
        legalHold: { reason: 'Tribunal claim 2017/031', placedOn: '2017-01-10' },
      });
    });
  });
});
