/**
 * Control charts for attribute data (Shewhart np and p charts) and the Western Electric
 * run rules, as used by the Red Bead Experiment: counts of red beads per paddle, limits
 * from theory or from the data, recomputed from each marked system change on.
 *
 * Pure and deterministic. Invalid input throws: callers pass validated data, so a throw
 * here is the signal of a bug upstream, not something to show a participant.
 */

/** Centre line, 3-sigma control limits and the sigma they were built from. */
export interface ControlLimits {
  /** The centre line. */
  center: number;
  /** The lower control limit, never below the smallest possible value. */
  lower: number;
  /** The upper control limit, never above the largest possible value. */
  upper: number;
  /** One standard deviation of a plotted point under a stable system. */
  sigma: number;
}

/** The Western Electric run rules, numbered as in the Statistical Quality Control Handbook. */
export type WesternElectricRule = 1 | 2 | 3 | 4;

/** One signal of a special cause: which rule fired, at the point that completed it. */
export interface WesternElectricViolation {
  /** Which rule fired. */
  rule: WesternElectricRule;
  /** Index (into the points given) of the point that completed the pattern. */
  index: number;
  /** The pattern in plain words a facilitator can read aloud. */
  description: string;
}

/** Which chart: counts per sample (np) or proportions per sample (p). */
export type ControlChartKind = 'np' | 'p';

/** Where the centre line comes from: the system's known share of red, or the data. */
export type ControlChartBasis = 'theory' | 'data';

/** One sample: how many defectives (red beads) among how many items (paddle holes). */
export interface ControlChartSample {
  /** Defectives found, an integer from 0 to `sampleSize`. */
  count: number;
  /** Items in the sample, a positive integer; constant within a segment. */
  sampleSize: number;
}

/** Everything `controlChart` needs to draw the chart of one run. */
export interface ControlChartInput {
  /** The samples in the order they were drawn. */
  samples: readonly ControlChartSample[];
  /** Limits from each segment's theoretical p, or from its own p-bar. */
  basis: ControlChartBasis;
  /** The share of defectives of each segment's system, one per segment, each in [0, 1]. */
  theoreticalP: readonly number[];
  /** Indices where a new system starts: the first is 0, strictly increasing, in range. */
  segmentStarts: readonly number[];
  /** np chart (counts) or p chart (proportions). */
  kind: ControlChartKind;
}

/** One stretch of the run made by one system, with its own limits. */
export interface ControlChartSegment extends ControlLimits {
  /** First sample index of the segment (inclusive). */
  start: number;
  /** One past the last sample index of the segment (exclusive), as in `slice`. */
  end: number;
  /** The sample size of every sample in the segment. */
  sampleSize: number;
  /** The p the limits were built from: `theoreticalP` or `pBar`, by basis. */
  p: number;
  /** The segment's own p-bar, whatever the basis. */
  pBar: number;
  /** The segment's theoretical p, whatever the basis. */
  theoreticalP: number;
  /** Western Electric signals within the segment; indices are into the whole run. */
  violations: WesternElectricViolation[];
}

/** One plotted point. */
export interface ControlChartPoint {
  /** The plotted value: the count (np chart) or count / sampleSize (p chart). */
  value: number;
  /** Index into `segments`. */
  segment: number;
  /** Whether the point falls outside its segment's control limits. */
  isBeyondLimits: boolean;
}

/** The whole chart of one run. */
export interface ControlChart {
  /** np or p, as asked. */
  kind: ControlChartKind;
  /** Theory or data, as asked. */
  basis: ControlChartBasis;
  /** One per system, in order. */
  segments: ControlChartSegment[];
  /** One per sample, in order. */
  points: ControlChartPoint[];
  /** Running mean of the plotted values over the whole run (not restarted per segment). */
  cumulativeAverages: number[];
}

/**
 * Relative tolerance for "on the centre line": counts are integers but a data-based centre
 * (n * p-bar) carries rounding error, and a point 1e-15 below it is not "below the centre".
 */
const TOLERANCE = 1e-9;

/**
 * Which side of `center` a value lies on, beyond `k` sigma: 1 above, -1 below, 0 within.
 * No division, so sigma 0 is fine: then any value off the centre is beyond every zone.
 */
function sideBeyond(value: number, center: number, sigma: number, k: number): -1 | 0 | 1 {
  const margin = k * sigma + TOLERANCE * Math.max(1, Math.abs(center));
  const deviation = value - center;
  if (deviation > margin) return 1;
  if (deviation < -margin) return -1;
  return 0;
}

function assertSampleSize(sampleSize: number, where: string): void {
  if (!Number.isInteger(sampleSize) || sampleSize <= 0) {
    throw new RangeError(`${where}: sample size must be a positive integer, got ${sampleSize}`);
  }
}

function assertCount(count: number, sampleSize: number, where: string): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`${where}: count must be a non-negative integer, got ${count}`);
  }
  if (count > sampleSize) {
    throw new RangeError(`${where}: count ${count} is greater than the sample size ${sampleSize}`);
  }
}

function assertProportion(p: number, where: string): void {
  if (!Number.isFinite(p) || p < 0 || p > 1) {
    throw new RangeError(`${where}: p must be a proportion in [0, 1], got ${p}`);
  }
}

/**
 * p-bar: the share of defectives over all samples, total count / (draws * sampleSize).
 * 0 when there are no draws yet.
 *
 * @example pBar([10, 8, 12], 50) // 0.2
 * @throws RangeError when the sample size is not a positive integer or a count is negative,
 *   not an integer or above the sample size.
 */
export function pBar(counts: readonly number[], sampleSize: number): number {
  assertSampleSize(sampleSize, 'pBar');
  let total = 0;
  counts.forEach((count, i) => {
    assertCount(count, sampleSize, `pBar: count ${i}`);
    total += count;
  });
  return counts.length === 0 ? 0 : total / (counts.length * sampleSize);
}

/**
 * Limits of an np chart (count of defectives per sample of n): centre n*p,
 * sigma sqrt(n*p*(1-p)), limits centre +/- 3 sigma, clamped to [0, n].
 *
 * @example npLimits(0.2, 50) // { center: 10, sigma: 2.828..., lower: 1.515..., upper: 18.485... }
 * @throws RangeError when p is outside [0, 1] or n is not a positive integer.
 */
export function npLimits(p: number, n: number): ControlLimits {
  assertProportion(p, 'npLimits');
  assertSampleSize(n, 'npLimits');
  const center = n * p;
  const sigma = Math.sqrt(n * p * (1 - p));
  return {
    center,
    lower: Math.max(0, center - 3 * sigma),
    upper: Math.min(n, center + 3 * sigma),
    sigma,
  };
}

/**
 * Limits of a p chart (proportion of defectives per sample of n): centre p,
 * sigma sqrt(p*(1-p)/n), limits centre +/- 3 sigma, clamped to [0, 1].
 *
 * @example pLimits(0.2, 50) // { center: 0.2, sigma: 0.0565..., lower: 0.0303..., upper: 0.3697... }
 * @throws RangeError when p is outside [0, 1] or n is not a positive integer.
 */
export function pLimits(p: number, n: number): ControlLimits {
  assertProportion(p, 'pLimits');
  assertSampleSize(n, 'pLimits');
  const sigma = Math.sqrt((p * (1 - p)) / n);
  return {
    center: p,
    lower: Math.max(0, p - 3 * sigma),
    upper: Math.min(1, p + 3 * sigma),
    sigma,
  };
}

/**
 * The running mean: element i is the mean of values[0..i].
 *
 * @example cumulativeAverages([10, 8, 12]) // [10, 9, 10]
 */
export function cumulativeAverages(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((value, i) => {
    sum += value;
    return sum / (i + 1);
  });
}

function sideWord(side: 1 | -1): string {
  return side === 1 ? 'above' : 'below';
}

/**
 * The four Western Electric run rules, each a sign of a special cause in the system:
 * 1. one point more than 3 sigma from the centre (outside the control limits);
 * 2. 2 of 3 consecutive points more than 2 sigma from the centre, on the same side;
 * 3. 4 of 5 consecutive points more than 1 sigma from the centre, on the same side;
 * 4. 8 consecutive points on the same side of the centre.
 *
 * A violation is reported at the index of the point that completes the pattern (that point
 * is itself part of it), once per rule and index; a longer pattern reports each point that
 * extends it. Windows at the start of the run may be shorter: two points in a row beyond
 * 2 sigma at indices 0 and 1 already are "2 of 3". Adding points never changes the
 * violations already found, so a live chart can show them as they come.
 *
 * "Beyond" is strict, with a tiny tolerance for rounding; a point on the centre line
 * breaks a rule-4 run. Sigma may be 0 (p of 0 or 1): then every point off the centre is
 * beyond every zone, and points on the centre never signal.
 *
 * @throws RangeError when sigma is negative or a value is not finite.
 */
export function westernElectricViolations(
  points: readonly number[],
  center: number,
  sigma: number,
): WesternElectricViolation[] {
  if (!Number.isFinite(center)) throw new RangeError(`westernElectricViolations: bad centre`);
  if (!Number.isFinite(sigma) || sigma < 0) {
    throw new RangeError(`westernElectricViolations: sigma must be >= 0, got ${sigma}`);
  }
  points.forEach((point, i) => {
    if (!Number.isFinite(point)) {
      throw new RangeError(`westernElectricViolations: point ${i} is not a finite number`);
    }
  });

  const zone = (k: number) => points.map((x) => sideBeyond(x, center, sigma, k));
  const beyond1 = zone(1);
  const beyond2 = zone(2);
  const beyond3 = zone(3);
  const side = zone(0);
  // Rules 2 and 3: `need` of `window` points in a row beyond `sigma` on the same side.
  const zoneRules = [
    { rule: 2, beyond: beyond2, window: 3, need: 2, sigma: 2 },
    { rule: 3, beyond: beyond1, window: 5, need: 4, sigma: 1 },
  ] as const;

  /** How many of the `length` points ending at `end` lie beyond a zone on `s`. */
  const countInWindow = (sides: readonly number[], end: number, length: number, s: number) =>
    sides.slice(Math.max(0, end - length + 1), end + 1).filter((x) => x === s).length;

  const violations: WesternElectricViolation[] = [];
  let run = 0;
  let runSide = 0;
  points.forEach((_, i) => {
    const s3 = beyond3[i] ?? 0;
    if (s3 !== 0) {
      violations.push({
        rule: 1,
        index: i,
        description: `A point ${sideWord(s3)} the ${s3 === 1 ? 'upper' : 'lower'} control limit (more than 3 sigma from the centre line).`,
      });
    }
    for (const { rule, beyond, window, need, sigma } of zoneRules) {
      const sideOf = beyond[i] ?? 0;
      if (sideOf !== 0 && countInWindow(beyond, i, window, sideOf) >= need) {
        violations.push({
          rule,
          index: i,
          description: `${need} of ${window} points in a row more than ${sigma} sigma ${sideWord(sideOf)} the centre line.`,
        });
      }
    }
    const s0 = side[i] ?? 0;
    run = s0 !== 0 && s0 === runSide ? run + 1 : s0 === 0 ? 0 : 1;
    runSide = s0;
    if (s0 !== 0 && run >= 8) {
      violations.push({
        rule: 4,
        index: i,
        description: `${run} points in a row ${sideWord(s0)} the centre line.`,
      });
    }
  });
  return violations;
}

function assertNever(value: never, what: string): never {
  throw new Error(`controlChart: unknown ${what} ${String(value)}`);
}

function validate(input: ControlChartInput): void {
  const { samples, segmentStarts, theoreticalP } = input;
  samples.forEach((sample, i) => {
    assertSampleSize(sample.sampleSize, `controlChart: sample ${i}`);
    assertCount(sample.count, sample.sampleSize, `controlChart: sample ${i}`);
  });
  if (segmentStarts[0] !== 0) {
    throw new RangeError(
      `controlChart: segmentStarts must start with 0, got [${segmentStarts.join(', ')}]`,
    );
  }
  segmentStarts.forEach((start, i) => {
    if (!Number.isInteger(start)) {
      throw new RangeError(`controlChart: segment start ${start} is not an integer`);
    }
    if (i > 0 && start <= (segmentStarts[i - 1] ?? 0)) {
      throw new RangeError(
        `controlChart: segmentStarts must be strictly increasing, got [${segmentStarts.join(', ')}]`,
      );
    }
    // An empty run (nothing drawn yet) still has its first system starting at 0.
    if (start > 0 && start >= samples.length) {
      throw new RangeError(
        `controlChart: segment start ${start} is outside the ${samples.length} samples`,
      );
    }
  });
  if (theoreticalP.length !== segmentStarts.length) {
    throw new RangeError(
      `controlChart: ${theoreticalP.length} theoretical p values for ${segmentStarts.length} segments`,
    );
  }
  theoreticalP.forEach((p, i) => assertProportion(p, `controlChart: theoreticalP ${i}`));
}

/**
 * The whole control chart of a run of samples, split into segments at each system change
 * (a new supplier, a different paddle). Each segment gets its own limits: from its
 * theoretical p (basis 'theory') or its own p-bar (basis 'data'), for counts (kind 'np')
 * or proportions (kind 'p'). Each point is marked if it falls outside its segment's limits;
 * the Western Electric rules run within each segment; the cumulative average runs over the
 * whole run.
 *
 * An empty run (no samples yet, `segmentStarts` [0]) gives no segments and no points.
 *
 * @throws RangeError for a negative or non-integer count, a count above its sample size, a
 *   sample size that is not a positive integer, a sample size that changes within a segment,
 *   segmentStarts not starting at 0 / not strictly increasing / out of range, or a
 *   theoreticalP not one per segment or outside [0, 1].
 */
export function controlChart(input: ControlChartInput): ControlChart {
  validate(input);
  const { samples, basis, kind, segmentStarts, theoreticalP } = input;
  const value = (sample: ControlChartSample): number => {
    switch (kind) {
      case 'np':
        return sample.count;
      case 'p':
        return sample.count / sample.sampleSize;
      default:
        return assertNever(kind, 'kind');
    }
  };

  const segments: ControlChartSegment[] = [];
  const points: ControlChartPoint[] = [];
  if (samples.length === 0) return { kind, basis, segments, points, cumulativeAverages: [] };

  segmentStarts.forEach((start, s) => {
    const end = segmentStarts[s + 1] ?? samples.length;
    const slice = samples.slice(start, end);
    const sampleSize = slice[0]?.sampleSize ?? 0;
    slice.forEach((sample, j) => {
      if (sample.sampleSize !== sampleSize) {
        throw new RangeError(
          `controlChart: sample ${start + j} has sample size ${sample.sampleSize} but its segment started with ${sampleSize}; mark a system change where the paddle changes`,
        );
      }
    });
    const segmentPBar = pBar(
      slice.map((sample) => sample.count),
      sampleSize,
    );
    const segmentTheoreticalP = theoreticalP[s] ?? 0;
    let p: number;
    switch (basis) {
      case 'theory':
        p = segmentTheoreticalP;
        break;
      case 'data':
        p = segmentPBar;
        break;
      default:
        return assertNever(basis, 'basis');
    }
    const limits = kind === 'np' ? npLimits(p, sampleSize) : pLimits(p, sampleSize);
    const values = slice.map(value);
    values.forEach((v) => {
      points.push({
        value: v,
        segment: s,
        isBeyondLimits: sideBeyond(v, limits.center, limits.sigma, 3) !== 0,
      });
    });
    segments.push({
      start,
      end,
      sampleSize,
      p,
      pBar: segmentPBar,
      theoreticalP: segmentTheoreticalP,
      ...limits,
      violations: westernElectricViolations(values, limits.center, limits.sigma).map((v) => ({
        ...v,
        index: v.index + start,
      })),
    });
  });

  return {
    kind,
    basis,
    segments,
    points,
    cumulativeAverages: cumulativeAverages(points.map((point) => point.value)),
  };
}
