/** The room's scores per step, over every scorecard of the round. */
import { own } from '../../own.ts';
import type { RolePlayScorecard, RolePlayState } from './model.ts';

/** One step's scores across the room. Means are rounded to two decimals. */
export interface RolePlayStepStats {
  name: string;
  hint: string;
  /** Mean of the scores given; null when nobody scored the step. */
  mean: number | null;
  lowest: number | null;
  highest: number | null;
  /** How many scorecards scored this step. */
  count: number;
  /** How many scorecards gave each score: index 0 counts the 1s, up to the scale's top. */
  distribution: number[];
}

/** The room's results: per step, and how many scorecards and plays they come from. */
export interface RolePlayResults {
  steps: RolePlayStepStats[];
  /** Scorecards with at least one score, over every play. */
  scorecards: number;
  /** Plays those scorecards come from. */
  plays: number;
}

/** A scorecard with nothing in it: not kept, not counted. */
export function isBlankScorecard(card: RolePlayScorecard): boolean {
  return card.comment === '' && card.scores.every((s) => s === null);
}

/** Is every step scored? */
export function isCompleteScorecard(card: RolePlayScorecard): boolean {
  return card.scores.every((s) => s !== null);
}

/** Every scorecard of the round: earlier plays first, then the play running in group order. */
export function allScorecards(state: RolePlayState): RolePlayScorecard[] {
  const current = state.groups
    .map((g) => own(state.scorecards, g.id))
    .filter((c): c is RolePlayScorecard => c !== undefined);
  return [...state.archive, ...current];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Mean, lowest, highest, count and distribution of each step, over every scorecard. */
export function rolePlayResults(state: RolePlayState): RolePlayResults {
  const cards = allScorecards(state).filter((c) => c.scores.some((s) => s !== null));
  const steps = state.config.steps.map((step, i) => {
    const values = cards.map((c) => c.scores[i]).filter((v): v is number => typeof v === 'number');
    const distribution = Array<number>(state.config.scaleMax).fill(0);
    for (const v of values) distribution[v - 1] = (distribution[v - 1] ?? 0) + 1;
    const sum = values.reduce((a, b) => a + b, 0);
    return {
      name: step.name,
      hint: step.hint,
      mean: values.length ? round2(sum / values.length) : null,
      lowest: values.length ? Math.min(...values) : null,
      highest: values.length ? Math.max(...values) : null,
      count: values.length,
      distribution,
    };
  });
  return { steps, scorecards: cards.length, plays: new Set(cards.map((c) => c.play)).size };
}

/** The groups of the play running: how many there are, started scoring, scored every step. */
export interface RolePlayProgress {
  groups: number;
  started: number;
  complete: number;
}

/** Progress of the play running. */
export function rolePlayProgress(state: RolePlayState): RolePlayProgress {
  const cards = state.groups
    .map((g) => own(state.scorecards, g.id))
    .filter((c): c is RolePlayScorecard => c !== undefined && c.scores.some((s) => s !== null));
  return {
    groups: state.groups.length,
    started: cards.length,
    complete: cards.filter(isCompleteScorecard).length,
  };
}
