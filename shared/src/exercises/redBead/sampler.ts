/**
 * The bucket and paddle of Deming's Red Bead Experiment. Pure: every draw is made from a
 * seed the caller derives (e.g. `deriveSeed(roundSeed, 'draw', String(index))`), so a round
 * replayed from its event log draws the same beads. The bucket is whole again before every
 * draw (beads are returned and stirred), so there is no state between draws.
 */
import { createRandom } from '../../random.ts';

/** What is in the bucket and how the paddle catches beads. */
export interface BucketSpec {
  /** Beads in the bucket (whole number, at least 1). */
  beads: number;
  /** Share of the beads that are red, in 0..1. */
  redShare: number;
  /** Holes in the paddle: beads drawn per dip (whole number, 1..beads). */
  paddleHoles: number;
  /**
   * Mechanical sampling bias: the relative chance that a red bead is caught by a hole
   * compared with a white bead, in (0, 1]. 1 means no bias.
   */
  redCatchWeight: number;
}

/** The beads one dip of the paddle caught. */
export interface PaddleDraw {
  /** The holes in the order they filled (the phone animates them in this order). */
  beads: ('red' | 'white')[];
  /** How many of `beads` are red. */
  red: number;
}

/**
 * The red-catch weight that makes the default experiment (4000 beads, 20 % red, 50 holes)
 * average about 9.4 red per paddle instead of 10, as real runs with Deming's wooden paddle do.
 *
 * Derivation. For a large bucket a hole catches red with probability p*w / (p*w + 1 - p).
 * Asking for 9.4 / 50 = 0.188 per hole: 0.188 = 0.2w / (0.2w + 0.8), so
 * w = 0.188 * 0.8 / (0.2 * (1 - 0.188)) = 0.15040 / 0.16240 ≈ 0.9261.
 *
 * Correction for the finite bucket. {@link drawPaddle} draws without replacement; with w < 1
 * white beads leave the bucket slightly faster than red ones, so the red share of what is left
 * creeps up during a dip. The exact mean of the sequential draw (Wallenius' noncentral
 * hypergeometric), computed by dynamic programming over the 50 holes, is 9.4026 at w = 0.9261
 * and 9.4001 at w = 0.9257; hence 0.9257. The sampler test checks it by simulation.
 */
export const MECHANICAL_BIAS_RED_WEIGHT = 0.9257;

/** How many red beads are in the bucket: beads * redShare, rounded to a whole bead. */
export function redCount(spec: BucketSpec): number {
  return Math.round(spec.beads * spec.redShare);
}

/**
 * The theoretical mean red per paddle without bias, n * p: the figure the debrief compares
 * the workers' results against (10 for the defaults). Uses the bucket's actual red count, so
 * it matches the sampler exactly when beads * redShare is not a whole number.
 */
export function expectedRed(spec: BucketSpec): number {
  return (spec.paddleHoles * redCount(spec)) / spec.beads;
}

/**
 * A clear message for a bucket the experiment cannot run with, or null when it is fine.
 * The exercise's config schema calls it in a refine.
 */
export function validateBucket(spec: BucketSpec): string | null {
  const { beads, redShare, paddleHoles, redCatchWeight } = spec;
  if (!Number.isInteger(beads) || beads < 1) {
    return `The bucket needs at least 1 bead, as a whole number (got ${beads})`;
  }
  // Written as !(in range) so that NaN is refused too.
  if (!(redShare >= 0 && redShare <= 1)) {
    return `The share of red beads must be between 0 and 100 % (got ${redShare * 100} %)`;
  }
  if (!Number.isInteger(paddleHoles) || paddleHoles < 1) {
    return `The paddle needs at least 1 hole, as a whole number (got ${paddleHoles})`;
  }
  if (paddleHoles > beads) {
    return `The paddle has ${paddleHoles} holes but the bucket only ${beads} beads`;
  }
  if (!(redCatchWeight > 0 && redCatchWeight <= 1)) {
    return `The red-catch weight must be above 0 and at most 1 (got ${redCatchWeight})`;
  }
  return null;
}

/**
 * One dip of the paddle into the freshly stirred bucket: `paddleHoles` beads drawn without
 * replacement, hole by hole. Each remaining red bead is `redCatchWeight` times as likely to
 * be caught as each remaining white one, so with R red and W white left a hole catches red
 * with probability R*w / (R*w + W). With w = 1 this is the hypergeometric draw.
 * The same spec and seed always give the same paddle.
 *
 * @throws RangeError when {@link validateBucket} refuses the spec.
 */
export function drawPaddle(spec: BucketSpec, seed: string): PaddleDraw {
  const problem = validateBucket(spec);
  if (problem !== null) throw new RangeError(problem);

  const random = createRandom(seed);
  const weight = spec.redCatchWeight;
  let redLeft = redCount(spec);
  let whiteLeft = spec.beads - redLeft;
  const beads: ('red' | 'white')[] = [];
  let red = 0;
  for (let hole = 0; hole < spec.paddleHoles; hole++) {
    const redWeight = redLeft * weight;
    // paddleHoles <= beads keeps the denominator positive; redLeft = 0 gives 0 and
    // whiteLeft = 0 gives 1, so the paddle never catches a bead the bucket no longer holds.
    const isRed = random.next() < redWeight / (redWeight + whiteLeft);
    if (isRed) {
      redLeft--;
      red++;
      beads.push('red');
    } else {
      whiteLeft--;
      beads.push('white');
    }
  }
  return { beads, red };
}
