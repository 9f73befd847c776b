import { addDays, canonicalPeriod, nextPeriod, parsePeriod, periodContaining, periodsBetween, reportDueOn } from '@app/domain';

describe('reporting periods: financial-year periods labelled by the year the financial year starts', () => {
  it('quarters: 2016-Q1 is April–June 2016, 2016-Q4 is January–March 2017', () => {
    expect(parsePeriod('2016-Q1')).toEqual({ label: '2016-Q1', frequency: 'quarterly', start: '2016-04-01', end: '2016-06-30' });
    expect(parsePeriod('2016-Q4')).toEqual({ label: '2016-Q4', frequency: 'quarterly', start: '2017-01-01', end: '2017-03-31' });
    expect(periodContaining('2017-02-28', 'quarterly').label).toBe('2016-Q4');
    expect(nextPeriod(parsePeriod('2016-Q4')!).label).toBe('2017-Q1');
  });

  it.each(['monthly', 'quarterly', 'six-monthly', 'annual'] as const)('%s: each period is followed by the one that begins the day after it ends, across financial years', (frequency) => {
    let period = periodContaining('2015-04-01', frequency);
    for (let i = 0; i < 40; i++) {
      const next = nextPeriod(period);
      expect(next).toEqual(periodContaining(addDays(period.end, 1), frequency));
      expect(next.start).toBe(addDays(period.end, 1));
      period = next;
    }
    expect(period.start > '2018-04-01').toBe(true);
  });

  it('months are calendar months (2016-04); the command API spelling 2016-M01 is the same month', () => {
    expect(parsePeriod('2016-04')).toMatchObject({ label: '2016-04', frequency: 'monthly', start: '2016-04-01', end: '2016-04-30' });
    expect(canonicalPeriod('2016-M01')).toBe('2016-04');
    expect(canonicalPeriod('2016-M11')).toBe('2017-02');
    expect(parsePeriod('2017-02')).toMatchObject({ end: '2017-02-28' });
    expect(parsePeriod('2016-02')).toMatchObject({ end: '2016-02-29' });
  });

  it('halves and years: 2016-H2 is October 2016–March 2017; 2016 (or 2016-FY) is the whole of 2016/17', () => {
    expect(parsePeriod('2016-H2')).toMatchObject({ frequency: 'six-monthly', start: '2016-10-01', end: '2017-03-31' });
    expect(parsePeriod('2016')).toEqual({ label: '2016', frequency: 'annual', start: '2016-04-01', end: '2017-03-31' });
    expect(canonicalPeriod('2016-FY')).toBe('2016');
    expect(periodContaining('2016-03-31', 'annual').label).toBe('2015');
  });

  it('a report is due the set number of days after its period ends: 2016-Q1 on 14 Jul 2016', () => {
    expect(reportDueOn(parsePeriod('2016-Q1')!, 14)).toBe('2016-07-14');
  });

  it("a contract's periods run from the one containing its start to the last starting by its end", () => {
    expect(periodsBetween('2016-05-15', '2017-03-31', 'quarterly').map((p) => p.label)).toEqual(['2016-Q1', '2016-Q2', '2016-Q3', '2016-Q4']);
    expect(periodsBetween('2016-04-01', '2016-10-01', 'six-monthly').map((p) => p.label)).toEqual(['2016-H1', '2016-H2']);
  });

  it('anything else is not a period', () => {
    for (const label of ['2016-Q5', '2016-13', '2016-M13', 'Q1 2016', '16-Q1']) expect(parsePeriod(label)).toBeNull();
    expect(canonicalPeriod('spring')).toBe('spring');
  });
});
