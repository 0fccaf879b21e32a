import { describe, expect, it } from 'vitest';
import { deriveSeed } from '@playfield/shared/random';
import {
  MECHANICAL_BIAS_RED_WEIGHT,
  drawPaddle,
  expectedRed,
  redCount,
  validateBucket,
  type BucketSpec,
} from '@playfield/shared/exercises/redBead/sampler';

/** The classic experiment: 4000 beads, 20 % red, a 50-hole paddle, no bias. */
const DEFAULT: BucketSpec = { beads: 4000, redShare: 0.2, paddleHoles: 50, redCatchWeight: 1 };
const BIASED: BucketSpec = { ...DEFAULT, redCatchWeight: MECHANICAL_BIAS_RED_WEIGHT };

/** Set SAMPLER_SEED to rerun the statistical checks from another base seed. */
const BASE_SEED = process.env.SAMPLER_SEED ?? 'test';
const DRAWS = 20_000;

function stats(spec: BucketSpec, base: string, draws: number): { mean: number; variance: number } {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < draws; i++) {
    const { red } = drawPaddle(spec, deriveSeed(base, 'draw', String(i)));
    sum += red;
    sumSquares += red * red;
  }
  const mean = sum / draws;
  return { mean, variance: (sumSquares - draws * mean * mean) / (draws - 1) };
}

function seedNote(figure: string, value: number): string {
  return `${figure} was ${value.toFixed(4)} over ${DRAWS} draws from base seed "${BASE_SEED}" (rerun with SAMPLER_SEED=${BASE_SEED})`;
}

describe('drawPaddle', () => {
  it('gives the same paddle when the spec and seed are the same', () => {
    expect(drawPaddle(DEFAULT, 'round-1:draw:0')).toEqual(drawPaddle(DEFAULT, 'round-1:draw:0'));
    expect(drawPaddle(BIASED, 'round-1:draw:0')).toEqual(drawPaddle(BIASED, 'round-1:draw:0'));
  });

  it('gives different paddles when the seeds differ', () => {
    const paddles = new Set(
      Array.from({ length: 20 }, (_, i) =>
        drawPaddle(DEFAULT, deriveSeed('round-1', 'draw', String(i))).beads.join(),
      ),
    );
    expect(paddles.size).toBe(20);
  });

  it('fills exactly paddleHoles holes and counts the red ones when drawing', () => {
    for (let i = 0; i < 200; i++) {
      const seed = deriveSeed('holes', String(i));
      const { beads, red } = drawPaddle(BIASED, seed);
      expect(beads, `seed ${seed}`).toHaveLength(50);
      expect(red, `seed ${seed}`).toBe(beads.filter((b) => b === 'red').length);
    }
  });

  it('never catches more red than the bucket holds when the paddle is nearly the bucket', () => {
    const small: BucketSpec = { beads: 60, redShare: 10 / 60, paddleHoles: 50, redCatchWeight: 1 };
    expect(redCount(small)).toBe(10);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const seed = deriveSeed('small', String(i));
      const { red } = drawPaddle(small, seed);
      seen.add(red);
      // 50 of 60 beads leave at most 10 behind, so at least 0 and at most 10 are red.
      expect(red, `seed ${seed}`).toBeLessThanOrEqual(10);
    }
    // The bound is reached, not just respected by luck.
    expect(seen.has(10)).toBe(true);
  });

  it('catches every red bead when the paddle is the whole bucket', () => {
    const whole: BucketSpec = { beads: 50, redShare: 0.2, paddleHoles: 50, redCatchWeight: 0.5 };
    expect(drawPaddle(whole, 'whole').red).toBe(10);
  });

  it('catches only red when the bucket is all red', () => {
    const allRed: BucketSpec = { ...BIASED, redShare: 1 };
    const { beads, red } = drawPaddle(allRed, 'all-red');
    expect(red).toBe(50);
    expect(beads.every((b) => b === 'red')).toBe(true);
  });

  it('catches only white when the bucket has no red', () => {
    expect(drawPaddle({ ...DEFAULT, redShare: 0 }, 'no-red').red).toBe(0);
  });

  it('refuses to draw when the bucket is insane', () => {
    expect(() => drawPaddle({ ...DEFAULT, paddleHoles: 5000 }, 'x')).toThrow(RangeError);
  });

  it('averages n*p with the hypergeometric variance when there is no bias', () => {
    const { mean, variance } = stats(DEFAULT, BASE_SEED, DRAWS);
    const { beads: N, paddleHoles: n, redShare: p } = DEFAULT;
    const hypergeometric = n * p * (1 - p) * ((N - n) / (N - 1)); // ≈ 7.90
    // Standard errors over 20 000 draws: about 0.02 for the mean, 0.08 for the variance.
    expect(Math.abs(mean - 10), seedNote('mean', mean)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(variance - hypergeometric), seedNote('variance', variance)).toBeLessThan(0.3);
  });

  it('averages about 9.4 when the mechanical bias is on', () => {
    const biased = stats(BIASED, BASE_SEED, DRAWS);
    const unbiased = stats(DEFAULT, BASE_SEED, DRAWS);
    expect(Math.abs(biased.mean - 9.4), seedNote('biased mean', biased.mean)).toBeLessThanOrEqual(
      0.1,
    );
    // Measurably lower: the gap is about 30 standard errors of the difference.
    expect(unbiased.mean - biased.mean, seedNote('biased mean', biased.mean)).toBeGreaterThan(0.4);
  });

  it('runs 10 000 draws when asked for a whole demo day of load', () => {
    // A sanity run, not a timing assertion: it should take well under a second.
    for (let i = 0; i < 10_000; i++) drawPaddle(BIASED, deriveSeed('perf', String(i)));
  });
});

describe('redCount and expectedRed', () => {
  it('gives 800 red and an expected 10 per paddle when the bucket is the default', () => {
    expect(redCount(DEFAULT)).toBe(800);
    expect(expectedRed(DEFAULT)).toBe(10);
  });

  it('rounds to a whole bead when beads * redShare is fractional', () => {
    expect(redCount({ ...DEFAULT, beads: 7, redShare: 0.5 })).toBe(4);
    expect(redCount({ ...DEFAULT, beads: 10, redShare: 0.33 })).toBe(3);
  });
});

describe('validateBucket', () => {
  it('accepts the default bucket with and without bias', () => {
    expect(validateBucket(DEFAULT)).toBeNull();
    expect(validateBucket(BIASED)).toBeNull();
  });

  it('accepts the edge cases when they are still sane', () => {
    expect(validateBucket({ ...DEFAULT, redShare: 0 })).toBeNull();
    expect(validateBucket({ ...DEFAULT, redShare: 1 })).toBeNull();
    expect(validateBucket({ ...DEFAULT, paddleHoles: 4000 })).toBeNull();
    expect(validateBucket({ beads: 1, redShare: 1, paddleHoles: 1, redCatchWeight: 1 })).toBeNull();
  });

  it.each<[string, Partial<BucketSpec>, RegExp]>([
    ['the bucket is empty', { beads: 0 }, /at least 1 bead/],
    ['the bead count is fractional', { beads: 40.5 }, /at least 1 bead, as a whole number/],
    ['the bead count is not a number', { beads: Number.NaN }, /at least 1 bead/],
    ['the red share is above 100 %', { redShare: 1.2 }, /between 0 and 100 %.*120 %/],
    ['the red share is negative', { redShare: -0.1 }, /between 0 and 100 %/],
    ['the red share is not a number', { redShare: Number.NaN }, /between 0 and 100 %/],
    ['the paddle has no holes', { paddleHoles: 0 }, /at least 1 hole/],
    ['the hole count is fractional', { paddleHoles: 2.5 }, /at least 1 hole/],
    ['the paddle is larger than the bucket', { paddleHoles: 4001 }, /4001 holes.*only 4000 beads/],
    ['the weight is 0', { redCatchWeight: 0 }, /red-catch weight.*above 0/],
    ['the weight is negative', { redCatchWeight: -1 }, /red-catch weight/],
    ['the weight is above 1', { redCatchWeight: 1.1 }, /at most 1/],
    ['the weight is not a number', { redCatchWeight: Number.NaN }, /red-catch weight/],
  ])('refuses with a clear message when %s', (_case, change, message) => {
    expect(validateBucket({ ...DEFAULT, ...change })).toMatch(message);
  });
});
