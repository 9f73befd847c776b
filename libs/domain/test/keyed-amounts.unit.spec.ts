import { amountEntries, amountOf, amountsOf, emptyAmounts, withAmount } from '@app/domain';

describe('an amount per key, copied in part on change', () => {
  it('reads back what was set, and leaves the map it was set on as it was', () => {
    const before = amountsOf([['2016-17-B01', 6_000_000]]);
    const after = withAmount(before, '2016-17-C01', 2_000_000);
    expect(amountOf(after, '2016-17-C01')).toBe(2_000_000);
    expect(amountOf(after, '2016-17-B01')).toBe(6_000_000);
    expect(amountOf(before, '2016-17-C01')).toBeUndefined();
    expect(amountOf(emptyAmounts, '2016-17-B01')).toBeUndefined();
  });

  it('keeps every one of 10,000 keys, and a change copies one bucket, not the others', () => {
    let amounts = emptyAmounts;
    for (let i = 0; i < 10_000; i++) amounts = withAmount(amounts, `case-${i}`, i);
    const changed = withAmount(amounts, 'case-42', 4_200);
    expect(amountEntries(changed)).toHaveLength(10_000);
    expect(amountOf(changed, 'case-42')).toBe(4_200);
    expect(amountOf(amounts, 'case-42')).toBe(42);
    const copied = changed.buckets.filter((bucket, i) => bucket !== amounts.buckets[i]);
    expect(copied).toHaveLength(1);
  });
});
