import { csvField } from './budget.csv';

describe('CSV fields (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    [1234, '1234'],
    ['£4,611,000.00', '"£4,611,000.00"'],
    ['The "Sentinel" project', '"The ""Sentinel"" project"'],
    ['two\r\nlines', '"two\r\nlines"'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
