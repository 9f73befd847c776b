import { countRags, ragFor, worstRag } from '@app/domain';

describe('ragFor: red/amber/green against target', () => {
  describe('higher is better (target 100, 10% amber tolerance)', () => {
    it.each([
      [150, 'green'],
      [100, 'green'],
      [99.99, 'amber'],
      [90, 'amber'],
      [89.99, 'red'],
      [0, 'red'],
    ] as const)('%d is %s', (actual, rag) => {
      expect(ragFor(actual, 100, 'higher-is-better', 10)).toBe(rag);
    });
  });

  describe('lower is better (target 40, 10% amber tolerance: up to 44 is amber)', () => {
    it.each([
      [0, 'green'],
      [40, 'green'],
      [40.5, 'amber'],
      [44, 'amber'],
      [44.01, 'red'],
      [80, 'red'],
    ] as const)('%d is %s', (actual, rag) => {
      expect(ragFor(actual, 40, 'lower-is-better', 10)).toBe(rag);
    });
  });

  it('takes the tolerance as a percentage of the target', () => {
    expect(ragFor(75, 100, 'higher-is-better', 25)).toBe('amber');
    expect(ragFor(74, 100, 'higher-is-better', 25)).toBe('red');
    expect(ragFor(1_800, 2_000, 'higher-is-better', 10)).toBe('amber');
    expect(ragFor(1_799, 2_000, 'higher-is-better', 10)).toBe('red');
  });

  it('with no tolerance, anything short of target is red', () => {
    expect(ragFor(99, 100, 'higher-is-better', 0)).toBe('red');
    expect(ragFor(101, 100, 'lower-is-better', 0)).toBe('red');
    expect(ragFor(100, 100, 'higher-is-better', 0)).toBe('green');
  });

  it('a target of zero, lower is better: any incident is red, none is green', () => {
    expect(ragFor(0, 0, 'lower-is-better', 10)).toBe('green');
    expect(ragFor(1, 0, 'lower-is-better', 10)).toBe('red');
  });
});

describe('worstRag and countRags: how ratings roll up', () => {
  it('takes red over amber over green, and ignores the unrated', () => {
    expect(worstRag(['green', 'amber', null, 'green'])).toBe('amber');
    expect(worstRag(['green', 'red', 'amber'])).toBe('red');
    expect(worstRag(['green'])).toBe('green');
  });

  it('is null when nothing is rated', () => {
    expect(worstRag([])).toBeNull();
    expect(worstRag([null, null])).toBeNull();
  });

  it('counts each rating and the unrated apart', () => {
    expect(countRags(['red', 'green', null, 'red', 'amber'])).toEqual({ red: 2, amber: 1, green: 1, unrated: 1 });
    expect(countRags([])).toEqual({ red: 0, amber: 0, green: 0, unrated: 0 });
  });
});
