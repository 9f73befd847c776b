import { MAX_PENCE } from '@app/domain';
import { poundsOf, poundsText, recordOf, transparencyCsv } from '@app/publishing';

describe('money as the standards write it', () => {
  it.each([
    [2_970_000, 29700, '29700.00'],
    [2_970_050, 29700.5, '29700.50'],
    [1, 0.01, '0.01'],
    [0, 0, '0.00'],
    [-105, -1.05, '-1.05'],
    [99_999_999_999, 999_999_999.99, '999999999.99'],
  ])('%i pence is %d pounds ("%s")', (pence, pounds, text) => {
    expect(poundsOf(pence)).toBe(pounds);
    expect(poundsText(pence)).toBe(text);
  });

  it('sums to the penny where adding floats would not', () => {
    const pence = [10, 20, 1_761_200, 1_583_500];
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(pence.map(poundsOf).reduce((t, p) => t + Math.round(p * 100), 0)).toBe(3_344_730);
  });

  it('refuses what is not a whole number of pence', () => {
    expect(() => poundsOf(12.5)).toThrow(RangeError);
    expect(() => poundsText(Number.NaN)).toThrow(RangeError);
    expect(() => poundsText(MAX_PENCE + 1)).toThrow(RangeError);
  });
});

describe('an OCDS record compiles its releases as the standard merges them', () => {
  const base = { ocid: 'ocds-l3ics0-x', initiationType: 'tender' };
  const releases = [
    { ...base, id: 'r1', date: '2016-05-03T12:00:00+01:00', tag: ['planning'], tender: { id: 't', title: 'T', status: 'planning' }, parties: [{ id: 'b', name: 'Buyer', roles: ['buyer'] }] },
    { ...base, id: 'r3', date: '2016-06-20T12:00:00+01:00', tag: ['award', 'contract'], tender: { id: 't', status: 'complete' }, contracts: [{ id: 'c', awardID: 'a', value: { amount: 25000, currency: 'GBP' } }], parties: [{ id: 's', name: 'Supplier', roles: ['supplier'] }] },
    { ...base, id: 'r2', date: '2016-05-16T12:00:00+01:00', tag: ['tender'], tender: { id: 't', procurementMethod: 'open', status: 'active' } },
    { ...base, id: 'r4', date: '2016-10-01T12:00:00+01:00', tag: ['contractAmendment'], contracts: [{ id: 'c', awardID: 'a', value: { amount: 27500, currency: 'GBP' }, amendments: [{ id: 'm1' }] }] },
  ];

  it('merges objects field by field, arrays of objects by id, in date order; the latest value wins', () => {
    const compiled = recordOf(releases).compiledRelease as Record<string, unknown>;
    expect(compiled).toMatchObject({
      id: 'ocds-l3ics0-x-2016-10-01T12:00:00+01:00',
      date: '2016-10-01T12:00:00+01:00',
      tag: ['compiled'],
      tender: { id: 't', title: 'T', procurementMethod: 'open', status: 'complete' },
      contracts: [{ id: 'c', awardID: 'a', value: { amount: 27500, currency: 'GBP' }, amendments: [{ id: 'm1' }] }],
    });
    expect((compiled.parties as { id: string }[]).map((p) => p.id)).toEqual(['b', 's']);
  });

  it('keeps the releases as they were published', () => {
    expect(recordOf(releases).releases).toBe(releases);
  });
});

describe('a transparency list as CSV', () => {
  const row = { reference: 'R1', title: '=HYPERLINK("http://x")', supplier: 'Smith, Jones & "Partners"', value: '1000.00', start: '2016-04-01', end: '2017-03-31', awarded: '2016-03-01', mechanism: 'Direct', purpose: '+1 line\r\nmore', status: 'active' };

  it('quotes as RFC 4180 says and defuses text a spreadsheet would run as a formula', () => {
    const [header, line] = transparencyCsv('contracts', [row]).split('\r\n');
    expect(header).toBe('reference,title,supplier,value,start,end,awarded,mechanism,purpose,status');
    expect(line).toBe(`R1,"'=HYPERLINK(""http://x"")","Smith, Jones & ""Partners""",1000.00,2016-04-01,2017-03-31,2016-03-01,Direct,"'+1 line`);
    expect(transparencyCsv('contracts', [row]).endsWith('\r\n')).toBe(true);
  });
});
