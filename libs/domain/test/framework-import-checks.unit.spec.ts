import { type FieldProblem, readFrameworkImport } from '@app/domain';
import { readSeedDocument, refusal } from './fixtures';

/** Given the 2016/17 document with one thing changed, when it is read, then it is refused naming the path. */
const refusedWith = (change: (doc: Record<string, any>) => void): FieldProblem[] => {
  const doc = readSeedDocument();
  change(doc);
  const error = refusal(() => readFrameworkImport(doc, 'checksum'));
  expect(error.code).toBe('INVALID_FRAMEWORK');
  return (error.details as { errors: FieldProblem[] }).errors;
};
const line = (doc: Record<string, any>, section: number, index: number) => doc.appendixB.sections[section].lines[index];

describe('framework import checks: everything is checked before anything is appended', () => {
  it('given the seed as it is, then it is read', () => {
    expect(readFrameworkImport(readSeedDocument(), 'checksum').definition.commitments).toHaveLength(57);
  });

  it('an Appendix C line with a mechanism: its allocation awaits its award', () => {
    expect(refusedWith((d) => (d.appendixC.lines[1].mechanism = 'direct'))).toContainEqual({
      field: 'appendixC.lines[1].mechanism',
      reason: 'an Appendix C line is an allocation awaiting its award: its mechanism must be null, not "direct"',
    });
  });

  it('an Appendix B line without a mechanism, or with one the framework does not list', () => {
    expect(refusedWith((d) => (line(d, 0, 0).mechanism = null))).toContainEqual(expect.objectContaining({ field: 'appendixB.sections[0].lines[0].mechanism' }));
    const errors = refusedWith((d) => (d.fundingMechanisms = d.fundingMechanisms.filter((m: { code: string }) => m.code !== 'pcc-grant')));
    expect(errors).toContainEqual(expect.objectContaining({ reason: '"pcc-grant" is not one of this framework\'s funding mechanisms: direct, co-commissioning, plf' }));
  });

  it('a period outside its financial year, and a financial year that is not one', () => {
    expect(refusedWith((d) => (d.period.end = '2017-04-30'))).toContainEqual({
      field: 'period.end',
      reason: '2017-04-30 is outside the financial year 2016-17 (2016-04-01 to 2017-03-31)',
    });
    expect(refusedWith((d) => (d.financialYear = '2016-18'))).toContainEqual(expect.objectContaining({ field: 'financialYear' }));
  });

  it('a deadline after the year ends or before the framework is issued', () => {
    expect(refusedWith((d) => (d.plf.meetingDeadline = '2017-05-01'))).toContainEqual({ field: 'plf.meetingDeadline', reason: '2017-05-01 is after the period ends (2017-03-31)' });
    expect(refusedWith((d) => (d.localities[0].plfMeetingDeadline = '2015-01-31'))).toContainEqual({
      field: 'localities[0].plfMeetingDeadline',
      reason: '2015-01-31 is before the framework is issued (2015-10-23)',
    });
  });

  it('a date that does not exist says so', () => {
    expect(refusedWith((d) => (d.plf.meetingDeadline = '2017-02-29'))).toContainEqual({ field: 'plf.meetingDeadline', reason: '2017-02-29 is not a date' });
    expect(refusedWith((d) => (d.period.start = '1 April 2016'))).toContainEqual({ field: 'period.start', reason: 'must be a date written YYYY-MM-DD' });
  });

  it('an unknown locality lists the known ones', () => {
    const errors = refusedWith((d) => (line(d, 0, 0).geographicalReach.localities = ['blabby']));
    expect(errors).toContainEqual({
      field: 'appendixB.sections[0].lines[0].geographicalReach.localities',
      reason: '"blabby" is not a locality: blaby, charnwood, harborough, hinckley-and-bosworth, leicester-city, melton, north-west-leicestershire, oadby-and-wigston, rutland',
    });
  });

  it('unknown fields are refused, naming their path, not ignored', () => {
    const errors = refusedWith((d) => {
      line(d, 1, 2).valu = 100;
      d.plf.meetingDeadlin = '2016-02-29';
      d.extra = true;
    });
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['appendixB.sections[1].lines[2].valu', 'plf.meetingDeadlin', 'extra']));
  });
});
