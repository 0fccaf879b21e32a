/** The statistical process control chart: p-bar, the np and p limits, cumulative averages and the Western Electric rules. */
import { describe, expect, it } from 'vitest';
import {
  createRandom,
  cumulativeAverages,
  npLimits,
  pBar,
  pLimits,
  westernElectricViolations,
} from '@playfield/shared';
import { signals, binomial } from './controlChartFixtures.ts';

describe('pBar', () => {
  it.each([
    { counts: [10, 8, 12, 9, 11, 10], n: 50, expected: 0.2 },
    { counts: [9, 5, 15, 4, 10, 8], n: 50, expected: 51 / 300 },
    { counts: [0, 0, 0], n: 50, expected: 0 },
    { counts: [50, 50], n: 50, expected: 1 },
    { counts: [3], n: 4, expected: 0.75 },
  ])('gives $expected when the counts are $counts of $n', ({ counts, n, expected }) => {
    expect(pBar(counts, n)).toBeCloseTo(expected, 12);
  });

  it('gives 0 when there are no draws', () => {
    expect(pBar([], 50)).toBe(0);
  });

  it.each([
    { counts: [1], n: 0 },
    { counts: [1], n: -5 },
    { counts: [-1], n: 50 },
    { counts: [51], n: 50 },
    { counts: [2.5], n: 50 },
  ])('throws when the counts are $counts of $n', ({ counts, n }) => {
    expect(() => pBar(counts, n)).toThrow(RangeError);
  });
});

describe('npLimits', () => {
  it('gives centre 10, sigma 2.83 and limits 1.51 and 18.49 when n=50 and p=0.2', () => {
    const limits = npLimits(0.2, 50);
    expect(limits.center).toBeCloseTo(10, 12);
    expect(limits.sigma).toBeCloseTo(Math.sqrt(8), 12);
    expect(limits.sigma).toBeCloseTo(2.8284, 4);
    expect(limits.lower).toBeCloseTo(1.5147, 4);
    expect(limits.upper).toBeCloseTo(18.4853, 4);
    // The figures the facilitator sees: 10 +/- 8.49.
    expect(limits.upper - limits.center).toBeCloseTo(8.49, 2);
  });

  it.each([
    { p: 0.02, n: 50, center: 1, sigma: Math.sqrt(0.98), lower: 0, upper: 1 + 3 * Math.sqrt(0.98) },
    { p: 0.5, n: 2, center: 1, sigma: Math.sqrt(0.5), lower: 0, upper: 2 },
    { p: 0, n: 50, center: 0, sigma: 0, lower: 0, upper: 0 },
    { p: 1, n: 50, center: 50, sigma: 0, lower: 50, upper: 50 },
  ])('clamps the limits to [0, n] when n=$n and p=$p', ({ p, n, center, sigma, lower, upper }) => {
    const limits = npLimits(p, n);
    expect(limits.center).toBeCloseTo(center, 12);
    expect(limits.sigma).toBeCloseTo(sigma, 12);
    expect(limits.lower).toBeCloseTo(lower, 12);
    expect(limits.upper).toBeCloseTo(upper, 12);
  });

  it.each([
    { p: -0.1, n: 50 },
    { p: 1.1, n: 50 },
    { p: Number.NaN, n: 50 },
    { p: 0.2, n: 0 },
    { p: 0.2, n: 2.5 },
  ])('throws when p=$p and n=$n', ({ p, n }) => {
    expect(() => npLimits(p, n)).toThrow(RangeError);
  });
});

describe('pLimits', () => {
  it('gives 0.2 +/- 0.1697 when n=50 and p=0.2', () => {
    const limits = pLimits(0.2, 50);
    expect(limits.center).toBe(0.2);
    expect(limits.sigma).toBeCloseTo(Math.sqrt(0.0032), 12);
    expect(limits.upper - limits.center).toBeCloseTo(0.1697, 4);
    expect(limits.lower).toBeCloseTo(0.0303, 4);
    expect(limits.upper).toBeCloseTo(0.3697, 4);
  });

  it('is the np chart divided by n when p=0.2 and n=50', () => {
    const np = npLimits(0.2, 50);
    const p = pLimits(0.2, 50);
    for (const key of ['center', 'lower', 'upper', 'sigma'] as const) {
      expect(p[key]).toBeCloseTo(np[key] / 50, 12);
    }
  });

  it.each([
    { p: 0.02, n: 50, lower: 0 },
    { p: 0.5, n: 2, upper: 1 },
  ])('clamps the limits to [0, 1] when n=$n and p=$p', ({ p, n, ...clamped }) => {
    expect(pLimits(p, n)).toMatchObject(clamped);
  });
});

describe('cumulativeAverages', () => {
  it.each([
    { values: [], expected: [] },
    { values: [7], expected: [7] },
    { values: [10, 8, 12, 6], expected: [10, 9, 10, 9] },
    { values: [0.2, 0.4], expected: [0.2, 0.3] },
  ])('gives $expected when the values are $values', ({ values, expected }) => {
    const averages = cumulativeAverages(values);
    expect(averages).toHaveLength(expected.length);
    averages.forEach((a, i) => expect(a).toBeCloseTo(expected[i] ?? Number.NaN, 12));
  });
});

describe('westernElectricViolations', () => {
  // Centre 0 and sigma 1, so each value reads as "so many sigma from the centre".
  it.each([
    { name: 'rule 1 when one point is above 3 sigma', points: [0, 3.5], expected: [[1, 1]] },
    { name: 'rule 1 when one point is below 3 sigma', points: [-3.1], expected: [[1, 0]] },
    { name: 'nothing when a point sits exactly on 3 sigma', points: [0, 3], expected: [] },
    { name: 'rule 2 when 2 of 3 are above 2 sigma', points: [2.5, 0, 2.5], expected: [[2, 2]] },
    {
      name: 'rule 2 when the first 2 points are below 2 sigma',
      points: [-2.5, -2.5],
      expected: [[2, 1]],
    },
    { name: 'nothing when 2 beyond 2 sigma are 4 apart', points: [2.5, 0, 0, 2.5], expected: [] },
    {
      name: 'nothing when 2 beyond 2 sigma are on opposite sides',
      points: [2.5, -2.5],
      expected: [],
    },
    {
      name: 'rule 3 when 4 of 5 are above 1 sigma',
      points: [1.5, 1.5, 0, 1.5, 1.5],
      expected: [[3, 4]],
    },
    {
      name: 'nothing when only 3 of 5 are above 1 sigma',
      points: [1.5, 1.5, 0, 0, 1.5, 1.5],
      expected: [],
    },
    {
      name: 'nothing when 4 beyond 1 sigma are 3 above and 1 below',
      points: [1.5, -1.5, 1.5, 1.5],
      expected: [],
    },
    {
      name: 'rule 4 when 8 in a row are above',
      points: Array<number>(8).fill(0.5),
      expected: [[4, 7]],
    },
    {
      name: 'rule 4 when 8 in a row are below',
      points: Array<number>(8).fill(-0.5),
      expected: [[4, 7]],
    },
    {
      name: 'nothing when only 7 in a row are above',
      points: Array<number>(7).fill(0.5),
      expected: [],
    },
    {
      name: 'nothing when 7 above are followed by 1 below',
      points: [...Array<number>(7).fill(0.5), -0.5],
      expected: [],
    },
    {
      name: 'nothing when a point on the centre breaks a run of 8',
      points: [0.5, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0.5],
      expected: [],
    },
    {
      name: 'rule 4 at each point that extends a run of 10',
      points: Array<number>(10).fill(0.5),
      expected: [
        [4, 7],
        [4, 8],
        [4, 9],
      ],
    },
    {
      name: 'rules 1 and 2 at the same point when two in a row are above 3 sigma',
      points: [3.5, 3.5],
      expected: [
        [1, 0],
        [1, 1],
        [2, 1],
      ],
    },
    { name: 'nothing when there are no points', points: [], expected: [] },
  ])('reports $name', ({ points, expected }) => {
    expect(signals(westernElectricViolations(points, 0, 1))).toEqual(expected);
  });

  it('uses the centre and sigma given when they are those of n=50, p=0.2', () => {
    // 10 +/- 2.83 per sigma: 19 is beyond 3 sigma, 16 and 17 beyond 2 sigma, 13 beyond 1.
    const { center, sigma } = npLimits(0.2, 50);
    expect(signals(westernElectricViolations([10, 19, 9], center, sigma))).toEqual([[1, 1]]);
    expect(signals(westernElectricViolations([16, 9, 17], center, sigma))).toEqual([[2, 2]]);
    expect(signals(westernElectricViolations([13, 14, 13, 14], center, sigma))).toEqual([[3, 3]]);
    expect(signals(westernElectricViolations([9, 9, 8, 7, 9, 9, 8, 9], center, sigma))).toEqual([
      [4, 7],
    ]);
  });

  it('describes each violation in words that name the side', () => {
    const violations = westernElectricViolations([-3.5, ...Array<number>(8).fill(0.5)], 0, 1);
    expect(violations.map((v) => v.description)).toEqual([
      'A point below the lower control limit (more than 3 sigma from the centre line).',
      '8 points in a row above the centre line.',
    ]);
  });

  it('reports nothing when sigma is 0 and every point is on the centre', () => {
    expect(westernElectricViolations(Array<number>(20).fill(0), 0, 0)).toEqual([]);
    expect(westernElectricViolations(Array<number>(20).fill(50), 50, 0)).toEqual([]);
  });

  it('reports a point off the centre as beyond the limits when sigma is 0', () => {
    expect(signals(westernElectricViolations([0, 0, 1, 0], 0, 0))).toEqual([[1, 2]]);
  });

  it('ignores rounding noise when the centre is a computed n * p-bar', () => {
    // 7 * (3 / 7) is not exactly 3 in floating point; 3s must not all be "below" it.
    const center = 7 * (3 / 7);
    expect(westernElectricViolations(Array<number>(12).fill(3), center, 1)).toEqual([]);
  });

  it('never changes earlier violations when points are added', () => {
    const random = createRandom('we-append');
    const points = Array.from({ length: 300 }, () => binomial(random, 50, 0.2));
    const { center, sigma } = npLimits(0.2, 50);
    const all = westernElectricViolations(points, center, sigma);
    for (const length of [1, 2, 7, 8, 50, 151, 299]) {
      const prefix = westernElectricViolations(points.slice(0, length), center, sigma);
      expect(prefix).toEqual(all.filter((v) => v.index < length));
    }
  });

  it.each([
    { center: 0, sigma: -1, points: [0] },
    { center: Number.NaN, sigma: 1, points: [0] },
    { center: 0, sigma: Number.POSITIVE_INFINITY, points: [0] },
    { center: 0, sigma: 1, points: [0, Number.NaN] },
  ])('throws when centre=$center, sigma=$sigma, points=$points', ({ center, sigma, points }) => {
    expect(() => westernElectricViolations(points, center, sigma)).toThrow(RangeError);
  });
});
