import { addDays, addMonths, businessDateOf, daysBetween, financialYearOf, formatUkDate, isBusinessDate } from '@app/domain';

describe('business dates', () => {
  describe('isBusinessDate', () => {
    it.each(['2016-02-29', '2016-04-01', '2017-03-31', '2000-02-29'])('%s is a date', (value) => {
      expect(isBusinessDate(value)).toBe(true);
    });

    it.each([['2015-02-29'], ['1900-02-29'], ['2016-02-30'], ['2016-13-01'], ['2016-00-10'], ['2016-2-29'], ['29/02/2016'], ['2016-02-29T00:00:00Z'], [''], [20160229], [null]])(
      '%p is not a date',
      (value) => {
        expect(isBusinessDate(value)).toBe(false);
      },
    );
  });

  describe('formatUkDate', () => {
    it.each([
      ['2016-02-29', '29 Feb 2016'],
      ['2016-03-01', '1 Mar 2016'],
      ['2016-09-05', '5 Sep 2016'],
      ['2015-10-23', '23 Oct 2015'],
    ])('%s is "%s"', (date, text) => {
      expect(formatUkDate(date)).toBe(text);
    });
  });

  describe('addMonths clamps to the month\'s last day', () => {
    it.each([
      ['2016-01-31', 1, '2016-02-29'],
      ['2015-01-31', 1, '2015-02-28'],
      ['2016-01-15', 1, '2016-02-15'],
      ['2016-03-31', 3, '2016-06-30'],
      ['2016-11-30', 3, '2017-02-28'],
      ['2016-04-01', 12, '2017-04-01'],
      ['2016-03-31', -1, '2016-02-29'],
      ['2016-02-29', 12, '2017-02-28'],
    ] as const)('%s + %i month(s) = %s', (date, months, expected) => {
      expect(addMonths(date, months)).toBe(expected);
    });
  });

  describe('addDays and daysBetween, on the calendar', () => {
    it('crosses the leap day', () => {
      expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
      expect(addDays('2016-02-28', 2)).toBe('2016-03-01');
      expect(addDays('2016-03-01', -1)).toBe('2016-02-29');
    });

    it('is not moved by the clocks changing (27 Mar and 30 Oct 2016)', () => {
      expect(addDays('2016-03-26', 2)).toBe('2016-03-28');
      expect(addDays('2016-10-29', 2)).toBe('2016-10-31');
      expect(daysBetween('2016-03-26', '2016-03-28')).toBe(2);
    });

    it('counts whole days, negative when going back', () => {
      expect(daysBetween('2016-02-29', '2016-03-01')).toBe(1);
      expect(daysBetween('2016-04-01', '2017-03-31')).toBe(364);
      expect(daysBetween('2016-03-15', '2016-02-29')).toBe(-15);
      expect(daysBetween('2016-02-29', '2016-02-29')).toBe(0);
    });
  });

  describe('financialYearOf: 1 April to 31 March', () => {
    it.each([
      ['2016-04-01', '2016-17'],
      ['2017-03-31', '2016-17'],
      ['2016-03-31', '2015-16'],
      ['2016-02-29', '2015-16'],
      ['1999-04-01', '1999-00'],
      ['2009-12-25', '2009-10'],
    ])('%s is in %s', (date, year) => {
      expect(financialYearOf(date)).toBe(year);
    });
  });

  describe('businessDateOf: the date of an instant in Europe/London', () => {
    it.each([
      ['2016-02-29T23:59:59Z', '2016-02-29'], // GMT
      ['2016-06-30T23:30:00Z', '2016-07-01'], // BST: already 00:30 on 1 July
      ['2016-03-27T00:30:00Z', '2016-03-27'], // the night the clocks go forward
      ['2016-03-31T23:00:00Z', '2016-04-01'], // the first day of 2016/17, at midnight BST
    ])('%s falls on %s', (instant, date) => {
      expect(businessDateOf(new Date(instant))).toBe(date);
    });
  });
});
