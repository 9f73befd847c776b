import { DomainError } from '@app/domain';
import { asUsage, businessDateOption, caseIdOption, choiceOption, financialYearOption, UsageError } from '../src/usage';

const refused = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return { usage: error instanceof UsageError, exitCode: (error as UsageError).exitCode, message: (error as Error).message };
  }
  throw new Error('was not refused');
};

describe('CLI options: refused naming the option, exit status 2', () => {
  it('a date that is no date names the option and says why', () => {
    expect(refused(() => businessDateOption('2016-02-30', '--on'))).toEqual({ usage: true, exitCode: 2, message: expect.stringMatching(/^--on 2016-02-30 is not a date/) });
    expect(businessDateOption('2016-02-29', '--on')).toBe('2016-02-29');
    expect(businessDateOption(undefined, '--on')).toBeUndefined();
  });

  it('a choice outside the list names the option and the choices', () => {
    expect(refused(() => choiceOption('xml', '--format', ['table', 'csv', 'json'], 'table')).message).toBe('--format must be one of: table, csv, json (not "xml")');
    expect(choiceOption(undefined, '--format', ['table', 'csv', 'json'], 'table')).toBe('table');
  });

  it('a year and a case id are held to the shapes the API accepts', () => {
    expect(refused(() => financialYearOption('2016')).message).toMatch(/^--year must be a financial year written like 2016-17/);
    expect(refused(() => caseIdOption('B05; drop table')).message).toMatch(/^--case must be a case id/);
    expect(financialYearOption('2017-18')).toBe('2017-18');
  });

  it("a field refused at the input's boundary is told as the option it came from", () => {
    const parse = () => {
      throw DomainError.field('VALIDATION_FAILED', 'asOf', 'must be a date (YYYY-MM-DD)');
    };
    expect(refused(() => asUsage({ asOf: '--as-of' }, parse)).message).toBe('--as-of must be a date (YYYY-MM-DD)');
  });
});
