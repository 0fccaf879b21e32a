import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed } from '@playfield/shared/random';

function take(seed: string, n: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
}

describe('createRandom', () => {
  it('gives the same sequence when built from the same seed', () => {
    expect(take('workshop-42', 100)).toEqual(take('workshop-42', 100));
  });

  it.each([
    ['a', 'b'],
    ['seed', 'seed '],
    ['', 'x'],
    ['round:1', 'round:2'],
  ])('gives different sequences when the seeds %j and %j differ', (a, b) => {
    expect(take(a, 10)).not.toEqual(take(b, 10));
  });

  it('keeps next() in [0, 1) when drawn many times', () => {
    const random = createRandom('range');
    for (let i = 0; i < 10_000; i++) {
      const x = random.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('does not repeat values immediately when drawn in a row', () => {
    const values = take('variety', 1000);
    expect(new Set(values).size).toBeGreaterThan(990);
  });

  it.each([1, 2, 3, 7, 31, 1000])('keeps int(%i) an integer in range', (max) => {
    const random = createRandom(`int-${max}`);
    for (let i = 0; i < 2000; i++) {
      const n = random.int(max);
      expect(Number.isInteger(n)).toBe(true);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(max);
    }
  });

  it('returns 0 from int(1) every time', () => {
    const random = createRandom('one');
    expect(Array.from({ length: 50 }, () => random.int(1))).toEqual(Array(50).fill(0));
  });

  it.each(['uniform-a', 'uniform-b', 'uniform-c'])(
    'spreads int(10) roughly evenly when seeded with %s',
    (seed) => {
      const random = createRandom(seed);
      const draws = 50_000;
      const counts = Array<number>(10).fill(0);
      for (let i = 0; i < draws; i++) {
        const n = random.int(10);
        counts[n] = (counts[n] ?? 0) + 1;
      }
      // Expected 5000 per bucket; 5% either way is far outside sampling noise (sd ~ 67).
      for (const count of counts) {
        expect(count).toBeGreaterThan(4750);
        expect(count).toBeLessThan(5250);
      }
      // Chi-squared with 9 degrees of freedom: 27.9 is the 0.1% critical value.
      const chi2 = counts.reduce((sum, c) => sum + (c - draws / 10) ** 2 / (draws / 10), 0);
      expect(chi2).toBeLessThan(27.9);
    },
  );

  it('has a mean near one half when drawn many times', () => {
    const values = take('mean', 20_000);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 1);
  });
});

describe('deriveSeed', () => {
  it('joins the parent and the parts with colons', () => {
    expect(deriveSeed('session', 'round-1')).toBe('session:round-1');
    expect(deriveSeed('session', 'round-1', 'draw')).toBe('session:round-1:draw');
  });

  it('returns the parent when given no parts', () => {
    expect(deriveSeed('session')).toBe('session');
  });

  it('is deterministic and gives distinct child seeds when the parts differ', () => {
    expect(deriveSeed('s', 'a')).toBe(deriveSeed('s', 'a'));
    expect(deriveSeed('s', 'a')).not.toBe(deriveSeed('s', 'b'));
    expect(deriveSeed('s', 'a')).not.toBe(deriveSeed('t', 'a'));
  });

  it('gives child generators that differ from each other and from the parent', () => {
    const parent = take('s', 5);
    const a = take(deriveSeed('s', 'r1'), 5);
    const b = take(deriveSeed('s', 'r2'), 5);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(parent);
  });
});
