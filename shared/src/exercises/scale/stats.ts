import type { RoundSummary } from '../types.ts';
import {
  scaleBounds,
  statementKey,
  type BaselineStatement,
  type ScaleAnswer,
  type ScaleBaseline,
  type ScaleKind,
  type StatementTally,
} from './model.ts';

/** One bar of a statement's distribution. */
export interface ScaleBin {
  /** "3", or "20-29" on the 0-100 slider. */
  label: string;
  count: number;
}

/** A statement's figures, as every view and the summary show them. */
export interface StatementStats {
  index: number;
  text: string;
  /** Ratings given (skips not counted). */
  count: number;
  skipped: number;
  mean: number | null;
  median: number | null;
  /** Five or ten bars: one per value, or tens on the slider. */
  bins: ScaleBin[];
  /** The earlier round's figures for the same statement, when comparing. */
  before: BaselineStatement | null;
}

/** An empty tally for a scale. */
export function emptyTally(kind: ScaleKind): StatementTally {
  const { min, max } = scaleBounds(kind);
  return { counts: Array.from({ length: max - min + 1 }, () => 0), skipped: 0 };
}

/** The tally with one answer taken out (`sign` -1) or put in (+1). O(1) apart from the copy. */
export function adjustTally(
  tally: StatementTally,
  kind: ScaleKind,
  answer: ScaleAnswer,
  sign: 1 | -1,
): StatementTally {
  if (answer === null) return tally;
  if (answer === 'skip') return { ...tally, skipped: tally.skipped + sign };
  const counts = [...tally.counts];
  const i = answer - scaleBounds(kind).min;
  counts[i] = (counts[i] ?? 0) + sign;
  return { ...tally, counts };
}

/** The mean of the ratings in `counts` (index 0 is `min`); null when there are none. */
export function meanOf(counts: readonly number[], min: number): number | null {
  let n = 0;
  let sum = 0;
  counts.forEach((c, i) => {
    n += c;
    sum += c * (i + min);
  });
  return n ? sum / n : null;
}

/**
 * The median of the ratings in `counts` (index 0 is `min`): the middle rating, or the mean of
 * the two middle ones for an even count; null when there are none.
 */
export function medianOf(counts: readonly number[], min: number): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (!n) return null;
  // The k-th rating (0-based) in sorted order.
  const nth = (k: number): number => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i] ?? 0;
      if (seen > k) return i + min;
    }
    return counts.length - 1 + min;
  };
  return n % 2 ? nth((n - 1) / 2) : (nth(n / 2 - 1) + nth(n / 2)) / 2;
}

/** The bars of a distribution: one per value, or ten bands of ten on the 0-100 slider. */
export function binsOf(counts: readonly number[], kind: ScaleKind): ScaleBin[] {
  const { min } = scaleBounds(kind);
  if (kind !== '0-100') return counts.map((count, i) => ({ label: String(i + min), count }));
  return Array.from({ length: 10 }, (_, band) => {
    const from = band * 10;
    const to = band === 9 ? 100 : from + 9;
    let count = 0;
    for (let v = from; v <= to; v++) count += counts[v] ?? 0;
    return { label: `${from}-${to}`, count };
  });
}

/** The earlier round's figures by statement key, for matching by statement text. */
export function baselineIndex(
  baseline: ScaleBaseline | null,
): ReadonlyMap<string, BaselineStatement> {
  const index = new Map<string, BaselineStatement>();
  for (const s of baseline?.statements ?? []) {
    const key = statementKey(s.text);
    if (!index.has(key)) index.set(key, s);
  }
  return index;
}

/** Every statement's figures, with the earlier round's where the statement text matches. */
export function statementStats(
  statements: readonly string[],
  tallies: readonly StatementTally[],
  kind: ScaleKind,
  baseline: ScaleBaseline | null,
): StatementStats[] {
  const { min } = scaleBounds(kind);
  const before = baselineIndex(baseline);
  return statements.map((text, index) => {
    const tally = tallies[index] ?? emptyTally(kind);
    return {
      index,
      text,
      count: tally.counts.reduce((a, b) => a + b, 0),
      skipped: tally.skipped,
      mean: meanOf(tally.counts, min),
      median: medianOf(tally.counts, min),
      bins: binsOf(tally.counts, kind),
      before: before.get(statementKey(text)) ?? null,
    };
  });
}

/** A figure as people read it: at most one decimal, "–" for none. */
export function formatFigure(value: number | null): string {
  if (value === null) return '–';
  return String(Math.round(value * 10) / 10);
}

/** "+0.6", "-1.2", "±0" between two means; null when either is missing. */
export function formatChange(before: number | null, after: number | null): string | null {
  if (before === null || after === null) return null;
  const change = Math.round((after - before) * 10) / 10;
  if (change === 0) return '±0';
  return change > 0 ? `+${change}` : `${change}`;
}

/** The columns of the figures table in a scale round's summary; read back by {@link baselineFromSummary}. */
export const FIGURES_COLUMNS = ['Statement', 'Answers', 'Mean', 'Median', 'Skipped'] as const;

function parseFigure(cell: string | undefined): number | null {
  if (cell === undefined || cell === '–') return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
}

/**
 * An earlier scale round's figures read back from its summary (the table whose columns are
 * {@link FIGURES_COLUMNS}), ready to send as the `baseline` action; null when the summary
 * holds no such table.
 */
export function baselineFromSummary(
  roundId: string,
  title: string,
  summary: RoundSummary,
): ScaleBaseline | null {
  const table = summary.blocks.find(
    (b) => b.type === 'table' && FIGURES_COLUMNS.every((c, i) => b.columns[i] === c),
  );
  if (!table || table.type !== 'table') return null;
  return {
    roundId,
    title,
    statements: table.rows.map((row) => ({
      text: row[0] ?? '',
      count: Math.max(0, Math.trunc(parseFigure(row[1]) ?? 0)),
      mean: parseFigure(row[2]),
      median: parseFigure(row[3]),
    })),
  };
}
