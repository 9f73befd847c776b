import { requestCspPlan } from '@app/commissioning';
import { caseDecider, DomainError, frameworkDecider, readFrameworkImport } from '@app/domain';
import { seed201617 } from '@test/support/seed';

const framework = frameworkDecider.evolve(frameworkDecider.initialState, { type: 'FrameworkImported', data: readFrameworkImport(seed201617(), 'x').definition });

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('one PLF case per locality per year', () => {
  it("given Blaby's imported PLF line, when its plan is requested again, then it is the same case, which refuses a second opening naming itself", () => {
    const command = requestCspPlan(framework, { financialYear: '2016-17', title: 'Blaby PLF again', locality: 'blaby' }, '2016-01-05');
    expect(command.profile.caseId).toBe('2016-17-B51');
    const opened = caseDecider.decide({ ...command, on: '2015-10-23' }, caseDecider.initialState).reduce(caseDecider.evolve, caseDecider.initialState);
    const error = refusal(() => caseDecider.decide(command, opened));
    expect(error.code).toBe('PLF_CASE_EXISTS');
    expect(error.message).toContain('blaby already has its 2016-17 PLF case, 2016-17-B51 (plan-requested)');
  });

  it('refuses a request that names another case id for a locality that has its PLF case: PLF_CASE_EXISTS', () => {
    const error = refusal(() => requestCspPlan(framework, { financialYear: '2016-17', caseId: '2016-17-blaby-second', title: 'Second', locality: 'blaby' }, '2016-01-05'));
    expect(error).toMatchObject({ code: 'PLF_CASE_EXISTS', field: 'caseId', details: { caseId: '2016-17-B51' } });
  });

  it('an unknown locality lists the known ones', () => {
    const error = refusal(() => requestCspPlan(framework, { financialYear: '2016-17', title: 'x', locality: 'loughborough' }, '2016-01-05'));
    expect(error.message).toContain('"loughborough" is not a locality: blaby, charnwood');
  });
});
