import { describe, expect, it } from 'vitest';
import {
  fleissKappa,
  kappaStrength,
  subjectAgreement,
  type FleissKappa,
} from '@playfield/shared/stats/fleissKappa';

/**
 * The worked example of Fleiss (1971) as Wikipedia gives it: 10 subjects, 14 raters each,
 * 5 categories. Its published figures: p_j = 0.143, 0.200, 0.279, 0.150, 0.229;
 * P_i = 1.000, 0.253, 0.308, 0.440, 0.330, 0.462, 0.242, 0.176, 0.286, 0.286;
 * P-bar = 0.378, P_e = 0.213, kappa = 0.210.
 */
const WIKIPEDIA = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

function defined(result: FleissKappa) {
  if (!result.isDefined) throw new Error(`kappa undefined: ${result.reason}`);
  return result;
}

describe('fleissKappa', () => {
  it('gives 0.210 for the worked example of Fleiss (1971)', () => {
    const result = defined(fleissKappa(WIKIPEDIA));

    expect(result.kappa).toBeCloseTo(0.2099, 4);
    expect(result.kappa.toFixed(3)).toBe('0.210');
    expect(result.observedAgreement.toFixed(3)).toBe('0.378');
    expect(result.expectedAgreement.toFixed(3)).toBe('0.213');
    expect(result.categoryShares.map((p) => p.toFixed(3))).toEqual([
      '0.143',
      '0.200',
      '0.279',
      '0.150',
      '0.229',
    ]);
    expect(result.subjects).toBe(10);
  });

  it('gives the published P_i of each subject of the worked example', () => {
    expect(WIKIPEDIA.map((row) => subjectAgreement(row)?.toFixed(3))).toEqual([
      '1.000',
      '0.253',
      '0.308',
      '0.440',
      '0.330',
      '0.462',
      '0.242',
      '0.176',
      '0.286',
      '0.286',
    ]);
  });

  it('gives 1 when every subject is placed alike by all raters, in different categories', () => {
    const result = defined(
      fleissKappa([
        [3, 0, 0],
        [0, 3, 0],
        [0, 0, 3],
      ]),
    );

    expect(result.kappa).toBe(1);
    expect(result.observedAgreement).toBe(1);
    expect(result.expectedAgreement).toBeCloseTo(1 / 3, 12);
  });

  it('gives -1 when two raters disagree on every subject with categories used equally', () => {
    const result = defined(
      fleissKappa([
        [1, 1],
        [1, 1],
      ]),
    );

    expect(result.observedAgreement).toBe(0);
    expect(result.expectedAgreement).toBe(0.5);
    expect(result.kappa).toBe(-1);
  });

  it('is undefined when every rating falls in one category', () => {
    const result = fleissKappa([
      [3, 0, 0],
      [2, 0, 0],
    ]);

    expect(result).toEqual({
      isDefined: false,
      reason: 'oneCategory',
      subjects: 2,
      categoryShares: [1, 0, 0],
    });
  });

  it('is undefined when no subject has two ratings', () => {
    expect(
      fleissKappa([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
      ]),
    ).toEqual({
      isDefined: false,
      reason: 'tooFewRatings',
      subjects: 0,
      categoryShares: [0, 0, 0],
    });
  });

  it('is undefined for an empty table', () => {
    expect(fleissKappa([])).toMatchObject({ isDefined: false, reason: 'tooFewRatings' });
  });

  it('counts only subjects with two or more ratings when raters rated some subjects only', () => {
    // Worked by hand: the last subject has one rating and is left out. P_i = 1, 0, 1, so
    // P-bar = 2/3; of 7 ratings 3, 1, 3 per category, so P_e = 19/49; kappa = 41/90.
    const result = defined(
      fleissKappa([
        [2, 0, 0],
        [1, 1, 0],
        [0, 0, 3],
        [1, 0, 0],
      ]),
    );

    expect(result.subjects).toBe(3);
    expect(result.observedAgreement).toBeCloseTo(2 / 3, 12);
    expect(result.expectedAgreement).toBeCloseTo(19 / 49, 12);
    expect(result.kappa).toBeCloseTo(41 / 90, 12);
  });

  it('equals the classic formula when every subject has the same number of raters', () => {
    // The classic form with constant n: P-bar = (sum of all n_ij^2 - N n) / (N n (n - 1)).
    const table = [
      [4, 1, 0],
      [2, 2, 1],
      [0, 1, 4],
      [5, 0, 0],
    ];
    const n = 5;
    const N = table.length;
    const squares = table.flat().reduce((a, c) => a + c * c, 0);
    const pBar = (squares - N * n) / (N * n * (n - 1));
    const shares = [0, 1, 2].map((j) => table.reduce((a, r) => a + (r[j] ?? 0), 0) / (N * n));
    const pE = shares.reduce((a, p) => a + p * p, 0);

    expect(defined(fleissKappa(table)).kappa).toBeCloseTo((pBar - pE) / (1 - pE), 12);
  });

  it.each([
    ['a negative count', [[-1, 2]]],
    ['a fractional count', [[1.5, 2]]],
    [
      'rows of different lengths',
      [
        [1, 2],
        [1, 2, 3],
      ],
    ],
  ])('throws on %s', (_label, table) => {
    expect(() => fleissKappa(table)).toThrow();
  });
});

describe('subjectAgreement', () => {
  it('is null with fewer than two ratings', () => {
    expect(subjectAgreement([0, 1, 0])).toBeNull();
    expect(subjectAgreement([0, 0, 0])).toBeNull();
  });

  it('is the share of agreeing ordered pairs', () => {
    // 3 in one zone, 1 in another: 3*2 agreeing ordered pairs out of 4*3.
    expect(subjectAgreement([3, 1, 0])).toBe(0.5);
    expect(subjectAgreement([1, 1, 1])).toBe(0);
    expect(subjectAgreement([0, 4, 0])).toBe(1);
  });
});

describe('kappaStrength', () => {
  it.each([
    [-0.1, 'poor'],
    [0, 'slight'],
    [0.2, 'slight'],
    [0.2099, 'fair'],
    [0.4, 'fair'],
    [0.55, 'moderate'],
    [0.8, 'substantial'],
    [0.81, 'almost perfect'],
    [1, 'almost perfect'],
  ])('calls %s %s (Landis and Koch)', (kappa, words) => {
    expect(kappaStrength(kappa)).toBe(words);
  });
});
