import { BoundedMemo } from '@app/domain';

describe('BoundedMemo: a pure computation remembered by key, never more than it may keep', () => {
  it('computes a key once and answers it from then on', () => {
    const memo = new BoundedMemo<string>(10);
    let computed = 0;
    const upper = (key: string) => memo.of(key, () => (computed++, key.toUpperCase()));
    expect([upper('a'), upper('b'), upper('a'), upper('a')]).toEqual(['A', 'B', 'A', 'A']);
    expect(computed).toBe(2);
  });

  it('remembers a null or undefined answer too', () => {
    const memo = new BoundedMemo<string | null | undefined>(10);
    let computed = 0;
    for (let i = 0; i < 3; i++) {
      memo.of('none', () => (computed++, null));
      memo.of('unset', () => (computed++, undefined));
    }
    expect(computed).toBe(2);
  });

  it('forgets everything when full, so it never holds more than it keeps, and still answers right', () => {
    const memo = new BoundedMemo<number>(3);
    const sizes: number[] = [];
    for (let i = 0; i < 10; i++) {
      expect(memo.of(`k${i}`, () => i * i)).toBe(i * i);
      sizes.push(memo.size);
    }
    expect(sizes).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses to keep %p values', (kept) => {
    expect(() => new BoundedMemo(kept)).toThrow(RangeError);
  });
});
