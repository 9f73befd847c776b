import { formatPence, isPence, MAX_PENCE, sumPence } from '@app/domain';

describe('money: integer pence', () => {
  it.each([
    [33_901_700, '£339,017.00'],
    [461_100_000, '£4,611,000.00'],
    [393_998_300, '£3,939,983.00'],
    [2_970_000, '£29,700.00'],
    [1, '£0.01'],
    [0, '£0.00'],
    [-100, '-£1.00'],
  ])('formatPence(%i) is %s', (pence, text) => {
    expect(formatPence(pence)).toBe(text);
  });

  it.each([[0], [1], [-5], [33_901_700], [MAX_PENCE], [-MAX_PENCE]])('%p is pence', (value) => {
    expect(isPence(value)).toBe(true);
  });

  it.each([[1.5], [Number.NaN], [Infinity], ['100'], [null], [undefined], [2 ** 53], [Number.MAX_SAFE_INTEGER], [MAX_PENCE + 1]])('%p is not pence', (value) => {
    expect(isPence(value)).toBe(false);
  });

  it('sums pence exactly', () => {
    expect(sumPence([])).toBe(0);
    expect(sumPence([10, 20, 30])).toBe(60);
    // Appendix B section subtotals
    expect(sumPence([199_459_900, 118_473_400, 10_472_600, 20_592_400, 45_000_000])).toBe(393_998_300);
  });
});
