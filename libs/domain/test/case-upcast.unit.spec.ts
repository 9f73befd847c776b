import { CASE_EVENT_SCHEMA_VERSION, caseDecider, fold, upcastCase, workflowFor } from '@app/domain';
import { directProfile } from './fixtures';

/** Events as version 1 stored them: the date in a field of its own name, the workflow by reference. */
const storedV1 = [
  { type: 'ProposalRaised', schemaVersion: 1, data: { profile: directProfile, workflow: { id: 'direct', version: 1 }, estimatedValuePence: 100, raisedOn: '2016-04-04' } },
  { type: 'TenderIssued', schemaVersion: 1, data: { reference: 'T1', issuedOn: '2016-05-01', closesOn: '2016-06-01' } },
];

describe('upcasting stored case events to schema version 2', () => {
  it('given a version 1 event, then it carries its business date in `on`, its own field kept', () => {
    expect(upcastCase(storedV1[1])).toEqual({ type: 'TenderIssued', data: { reference: 'T1', issuedOn: '2016-05-01', closesOn: '2016-06-01', on: '2016-05-01' } });
  });
  it("given a version 1 opening event, then its workflow reference becomes the shipped document it named", () => {
    expect(upcastCase(storedV1[0]).data).toMatchObject({ on: '2016-04-04', workflow: workflowFor('direct', 1) });
  });
  it('given a version 2 event, then it is read as written', () => {
    const v2 = { type: 'TenderIssued', schemaVersion: CASE_EVENT_SCHEMA_VERSION, data: { reference: 'T1', issuedOn: '2016-05-01', closesOn: '2016-06-01', on: '2016-05-01' } };
    expect(upcastCase(v2)).toEqual({ type: v2.type, data: v2.data });
  });
  it('folds an upcast history to the same case as the history as stored', () => {
    const upcast = fold(caseDecider, storedV1.map(upcastCase));
    expect(upcast).toMatchObject({ stage: 'tendering', workflow: { id: 'direct', version: 1, title: 'Direct commissioning' } });
  });
});
