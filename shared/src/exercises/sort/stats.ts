import { own } from '../../own.ts';
import type { SortState } from './model.ts';

/** How the room sorted one statement. */
export interface SortItemResult {
  /** People who put the statement in each category, in category order. */
  counts: number[];
  /** People who sorted this statement at all. */
  placed: number;
  /** The expected category, or null when the statement has no right answer. */
  answer: number | null;
  /** Share (0 to 1) of those who sorted it that chose the expected category; null without one. */
  correctShare: number | null;
  /** Share (0 to 1) of those who sorted it that chose the most popular category; null if none did. */
  agreement: number | null;
}

/** How the room sorted every statement. */
export interface SortResults {
  items: SortItemResult[];
  /** People who sorted at least one statement. */
  respondents: number;
  /** People who sorted every statement. */
  finished: number;
  /**
   * Of all the answers given on statements with an expected category, the share (0 to 1)
   * that matched it; null when there are none.
   */
  averageCorrectShare: number | null;
}

/** One participant's result: statements sorted as expected, of those that have an answer. */
export interface SortScore {
  correct: number;
  scorable: number;
}

/** A share as a whole percentage, for text. */
export function percent(share: number): number {
  return Math.round(share * 100);
}

/** Tallies every statement's spread across the categories. */
export function tallySort(state: SortState): SortResults {
  const { items, categories } = state.config;
  const counts = items.map(() => categories.map(() => 0));
  let respondents = 0;
  let finished = 0;
  for (const placements of Object.values(state.placements)) {
    let placedHere = 0;
    placements.forEach((category, item) => {
      const row = counts[item];
      if (category === null || !row || category >= row.length) return;
      row[category] = (row[category] ?? 0) + 1;
      placedHere++;
    });
    if (placedHere > 0) respondents++;
    if (placedHere === items.length) finished++;
  }
  let scorable = 0;
  let correct = 0;
  const results = items.map((item, i): SortItemResult => {
    const row = counts[i] ?? [];
    const placed = row.reduce((a, b) => a + b, 0);
    const right = item.answer === null ? 0 : (row[item.answer] ?? 0);
    if (item.answer !== null) {
      scorable += placed;
      correct += right;
    }
    return {
      counts: row,
      placed,
      answer: item.answer,
      correctShare: item.answer === null || placed === 0 ? null : right / placed,
      agreement: placed === 0 ? null : Math.max(...row) / placed,
    };
  });
  return {
    items: results,
    respondents,
    finished,
    averageCorrectShare: scorable === 0 ? null : correct / scorable,
  };
}

/**
 * A participant's score: statements they sorted into the expected category, out of all
 * statements that have one (an unsorted statement counts as not as expected).
 */
export function sortScore(state: SortState, participantId: string): SortScore {
  const placements = own(state.placements, participantId) ?? [];
  let correct = 0;
  let scorable = 0;
  state.config.items.forEach((item, i) => {
    if (item.answer === null) return;
    scorable++;
    if (placements[i] === item.answer) correct++;
  });
  return { correct, scorable };
}

/**
 * How many people got each score: index k holds the number of respondents who sorted k
 * statements as expected. Empty when no statement has an expected category.
 */
export function scoreSpread(state: SortState): number[] {
  const scorable = state.config.items.filter((i) => i.answer !== null).length;
  if (scorable === 0) return [];
  const spread = Array.from({ length: scorable + 1 }, () => 0);
  for (const [participantId, placements] of Object.entries(state.placements)) {
    if (!placements.some((p) => p !== null)) continue;
    const { correct } = sortScore(state, participantId);
    spread[correct] = (spread[correct] ?? 0) + 1;
  }
  return spread;
}

/**
 * The statements the room disagreed on most: lowest agreement first, only statements
 * someone sorted and not everyone put in one category; ties keep statement order.
 */
export function mostDivided(results: SortResults, count: number): number[] {
  return results.items
    .map((r, i) => ({ i, agreement: r.agreement }))
    .filter((r): r is { i: number; agreement: number } => r.agreement !== null && r.agreement < 1)
    .sort((a, b) => a.agreement - b.agreement || a.i - b.i)
    .slice(0, count)
    .map((r) => r.i);
}
