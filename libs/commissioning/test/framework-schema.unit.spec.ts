import Ajv2020 from 'ajv/dist/2020';
import { DomainError, FRAMEWORK_DOCUMENT_SCHEMA, readFrameworkImport } from '@app/domain';
import { seed201617 } from '@test/support/seed';

/** The published schema and the reader are one set of rules: what one refuses for its shape, the other refuses too. */
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(FRAMEWORK_DOCUMENT_SCHEMA);
const readerRefuses = (doc: unknown): boolean => {
  try {
    readFrameworkImport(doc, 'checksum');
    return false;
  } catch (error) {
    if (error instanceof DomainError) return true;
    throw error;
  }
};

type Doc = Record<string, any>;
const shapeSlips: Array<[string, (d: Doc) => void]> = [
  ['an unknown top-level field', (d) => (d.budgetPence = 1)],
  ['an unknown field on a line', (d) => (d.appendixB.sections[0].lines[0].valu = 1)],
  ['an unknown field on a locality', (d) => (d.localities[2].allocation = 1)],
  ['an unknown field in the period', (d) => (d.period.starts = '2016-04-01')],
  ['a missing period', (d) => delete d.period],
  ['pence as a decimal', (d) => (d.totalBudgetPence = 4611000.5)],
  ['a mechanism that does not exist', (d) => (d.fundingMechanisms[0].code = 'lottery')],
  ['a date in words', (d) => (d.plf.meetingDeadline = '29 Feb 2016')],
  ['the wrong schema name', (d) => (d.schema = 'commissioning-framework/v2')],
  ['an unknown pot', (d) => (d.pots = { lottery: 100 })],
  ['an unknown reach scope', (d) => (d.appendixC.lines[0].geographicalReach.scope = 'county')],
];

describe('the framework document schema (GET /frameworks/schema.json) and the import reader agree', () => {
  it('both accept the 2016/17 document', () => {
    expect(validate(seed201617())).toBe(true);
    expect(readerRefuses(seed201617())).toBe(false);
  });

  it.each(shapeSlips)('both refuse %s', (_name, spoil) => {
    const doc = seed201617() as Doc;
    spoil(doc);
    expect(validate(doc)).toBe(false);
    expect(readerRefuses(doc)).toBe(true);
  });

  it('names every field the reader reads: a document using each optional field passes the schema', () => {
    const doc = seed201617() as Doc;
    doc.localities[0].plfMeetingDeadline = '2016-02-15';
    doc.pots = { 'pcc-grant': 0 };
    doc.reminderPolicies = { 'plf-meeting': { remindDaysBefore: [21, 7], escalate: true } };
    doc.payments = { secondApprovalAbovePence: 1_000_000 };
    doc.workflows = { plf: { id: 'plf', version: 1 } };
    doc.workflowVersions = [];
    expect(validate(doc)).toBe(true);
    expect(readerRefuses(doc)).toBe(false);
  });
});
