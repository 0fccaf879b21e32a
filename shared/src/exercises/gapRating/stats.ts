import type { GapAnswers } from './model.ts';

/** The mean of one side's ratings of a measure, over the people who gave that rating. */
export interface GapMean {
  mean: number | null;
  n: number;
}

/** The gaps (actual minus expected) of one measure, over people who rated both sides. */
export interface GapSpread {
  /** Mean of each person's own gap; null when nobody rated both sides. */
  mean: number | null;
  /**
   * Sample standard deviation of the gaps (divisor n - 1): the room is a sample of the
   * people who could have answered, and we estimate how much they disagree. Null below 2.
   */
  sd: number | null;
  min: number | null;
  max: number | null;
  n: number;
}

/** Everything the gap chart needs about one measure. */
export interface GapMeasureStats {
  measure: string;
  expected: GapMean;
  actual: GapMean;
  gap: GapSpread;
  /** Customers are satisfied where actual service is equal to or greater than expected. */
  isSatisfied: boolean | null;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (n - 1 divisor); null for fewer than two values. */
export function sampleSd(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  const squares = values.reduce((sum, v) => sum + (v - m) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * The gap chart's figures per measure. The gap is the mean of each person's own gap
 * (actual minus expected), so someone who rated only one side does not count towards it,
 * while the two side means count everyone who gave that rating. Pure; ratings in any order.
 */
export function gapStats(
  measures: readonly string[],
  answers: Iterable<GapAnswers>,
): GapMeasureStats[] {
  const expected = measures.map((): number[] => []);
  const actual = measures.map((): number[] => []);
  const gaps = measures.map((): number[] => []);
  for (const answer of answers) {
    measures.forEach((_, i) => {
      const e = answer.expected[i] ?? null;
      const a = answer.actual[i] ?? null;
      if (e !== null) expected[i]?.push(e);
      if (a !== null) actual[i]?.push(a);
      if (e !== null && a !== null) gaps[i]?.push(a - e);
    });
  }
  return measures.map((measure, i) => {
    const own = gaps[i] ?? [];
    const gapMean = mean(own);
    return {
      measure,
      expected: { mean: mean(expected[i] ?? []), n: expected[i]?.length ?? 0 },
      actual: { mean: mean(actual[i] ?? []), n: actual[i]?.length ?? 0 },
      gap: {
        mean: gapMean,
        sd: sampleSd(own),
        min: own.length ? Math.min(...own) : null,
        max: own.length ? Math.max(...own) : null,
        n: own.length,
      },
      isSatisfied: gapMean === null ? null : gapMean >= 0,
    };
  });
}

/** How far along the room is. */
export interface GapProgress {
  /** People who gave at least one rating. */
  respondents: number;
  /** People who rated both sides of every measure. */
  completed: number;
  /** Ratings given, and the most there could be from the respondents so far. */
  ratings: number;
  possible: number;
}

/** Counts respondents, completions and ratings given. */
export function gapProgress(measureCount: number, answers: Iterable<GapAnswers>): GapProgress {
  let respondents = 0;
  let completed = 0;
  let ratings = 0;
  for (const answer of answers) {
    const given = countGiven(answer);
    if (given === 0) continue;
    respondents++;
    ratings += given;
    if (given === measureCount * 2) completed++;
  }
  return { respondents, completed, ratings, possible: respondents * measureCount * 2 };
}

/** How many ratings one person has given. */
export function countGiven(answer: GapAnswers): number {
  const count = (side: (number | null)[]) => side.filter((v) => v !== null).length;
  return count(answer.expected) + count(answer.actual);
}
