import { predictionsOn } from './reduce.ts';
import type { RosterEntry } from '../types.ts';
import { expectedRed } from './sampler.ts';
import { bucketSpec, type RedBeadState } from './model.ts';
import { dayTotals, eraOf, ranking, redBeadChart, slotLabel } from './stats.ts';

/** What the room discusses at the end, in the session's own numbers. */
export interface RedBeadDebrief {
  draws: number;
  averageRed: number | null;
  expectedRed: number;
  pointsBeyondLimits: number;
  ranking: { name: string; red: number; draws: number; average: number }[];
  /** Each intervention with the average red of the day before it and of the day it preceded. */
  interventions: {
    text: string;
    day: number;
    averageBefore: number | null;
    averageAfter: number | null;
  }[];
  questions: string[];
}

/** How observers' forecasts for a day fared. */
export interface PredictionOutcome {
  day: number;
  predictions: number;
  bestWorkerIds: string[];
  bestWorkerNames: string[];
  guessedBest: number;
  trend: 'better' | 'same' | 'worse' | null;
  guessedTrend: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A worker's paddles of one day as the room would say them: "13", or for a double shift
 * "2 and 4 (a double shift)": an average of two paddles is no paddle anyone drew.
 */
export function paddlesText(reds: readonly number[]): string {
  if (reds.length <= 1) return String(reds[0] ?? 0);
  const listed = `${reds.slice(0, -1).join(', ')} and ${String(reds.at(-1))}`;
  return `${listed} (${reds.length === 2 ? 'a double shift' : `${reds.length} paddles`})`;
}

/** The outcome of the predictions made for a day that has ended; null before it ends. */
export function predictionOutcome(
  state: RedBeadState,
  day: number,
  roster: Readonly<Record<string, RosterEntry>>,
): PredictionOutcome | null {
  const days = dayTotals(state);
  const today = days.find((d) => d.day === day);
  const isOver =
    today && (state.day > day || state.stage === 'dayEnded' || state.stage === 'finished');
  if (!today || !isOver) return null;
  const dayRanking = ranking(state, day).length ? perDayRanking(state, day) : [];
  const bestAverage = dayRanking[0]?.average;
  const best = dayRanking.filter((r) => r.average === bestAverage).map((r) => r.workerId);
  const previous = days.find((d) => d.day === day - 1);
  const trend = previous
    ? today.average < previous.average
      ? 'better'
      : today.average > previous.average
        ? 'worse'
        : 'same'
    : null;
  const predictions = Object.values(predictionsOn(state, day));
  return {
    day,
    predictions: predictions.length,
    bestWorkerIds: best,
    bestWorkerNames: best.map((id) => slotLabel(state, id, roster)),
    guessedBest: predictions.filter((p) => p.bestWorkerId !== null && best.includes(p.bestWorkerId))
      .length,
    trend,
    guessedTrend: trend === null ? 0 : predictions.filter((p) => p.trend === trend).length,
  };
}

function perDayRanking(state: RedBeadState, day: number) {
  return state.workers
    .map((w) => {
      const mine = state.draws.filter((d) => d.day === day && d.workerId === w.id);
      return {
        workerId: w.id,
        draws: mine.length,
        average: mine.reduce((n, d) => n + d.red, 0) / (mine.length || 1),
      };
    })
    .filter((r) => r.draws > 0)
    .sort((a, b) => a.average - b.average);
}

/** The debrief: the ranking that meant nothing, interventions against their non-effect, and questions. */
export function redBeadDebrief(
  state: RedBeadState,
  roster: Readonly<Record<string, RosterEntry>>,
): RedBeadDebrief {
  const name = (id: string) => slotLabel(state, id, roster);
  const days = dayTotals(state);
  const average = (draws: { red: number }[]) =>
    draws.length ? draws.reduce((n, d) => n + d.red, 0) / draws.length : null;
  const totalAverage = average(state.draws);
  // What the system(s) that made these paddles would give on average, era by era.
  const expected = state.draws.length
    ? state.draws.reduce(
        (n, _d, i) => n + expectedRed(bucketSpec(state.config, eraOf(state, i))),
        0,
      ) / state.draws.length
    : expectedRed(bucketSpec(state.config, eraOf(state, 0)));
  const chart = redBeadChart(state, roster);
  const beyond = chart.points.filter((p) => p.isBeyondLimits).length;
  const dayAverage = (day: number) => days.find((d) => d.day === day)?.average ?? null;

  const interventions = state.interventions.map((i) => ({
    text: i.text,
    day: i.day,
    averageBefore: dayAverage(i.day - 1),
    averageAfter: dayAverage(i.day),
  }));

  const questions: string[] = [];
  // The biggest swing of one worker between two days: the classic "what changed?".
  let swing: {
    id: string;
    day: number;
    from: number;
    to: number;
    fromReds: number[];
    toReds: number[];
  } | null = null;
  for (const w of state.workers) {
    for (let day = 1; day < state.config.days; day++) {
      const fromDraws = state.draws.filter((d) => d.workerId === w.id && d.day === day);
      const toDraws = state.draws.filter((d) => d.workerId === w.id && d.day === day + 1);
      const a = average(fromDraws);
      const b = average(toDraws);
      if (a === null || b === null) continue;
      if (!swing || Math.abs(b - a) > Math.abs(swing.to - swing.from))
        swing = {
          id: w.id,
          day,
          from: a,
          to: b,
          fromReds: fromDraws.map((d) => d.red),
          toReds: toDraws.map((d) => d.red),
        };
    }
  }
  if (swing && swing.from !== swing.to) {
    questions.push(
      `${name(swing.id)} drew ${paddlesText(swing.fromReds)} on day ${swing.day} and ${paddlesText(swing.toReds)} on day ${swing.day + 1}: what changed?`,
    );
  }
  for (const i of state.interventions.filter((x) => x.kind === 'praise' || x.kind === 'bonus')) {
    const id = i.workerIds[0];
    const after = id
      ? average(state.draws.filter((d) => d.workerId === id && d.day >= i.day))
      : null;
    if (id && after !== null) {
      questions.push(
        `${name(id)} got ${i.kind === 'praise' ? 'praise' : 'a bonus'} before day ${i.day} and then averaged ${round1(after)} red. Did it help?`,
      );
    }
  }
  const fired = state.workers.filter((w) => w.status === 'fired');
  if (fired.length) {
    questions.push(
      `${fired.map((w) => name(w.id)).join(', ')} ${fired.length === 1 ? 'was' : 'were'} fired. Were they worse workers, or did the paddle decide?`,
    );
  }
  if (state.quota !== null && state.draws.length) {
    const met = state.draws.filter((d) => d.red <= (state.quota ?? 0)).length;
    questions.push(
      `The quota was no more than ${state.quota} red. ${met} of ${state.draws.length} paddles met it. Who could have met it every time?`,
    );
  }
  if (state.draws.length) {
    questions.push(
      `${beyond} of ${state.draws.length} paddles fell outside the control limits. What does that tell us about the workers?`,
    );
    questions.push(
      `The average was ${round1(totalAverage ?? 0)} red per paddle, against ${round1(expected)} expected from the bucket${state.config.hasMechanicalBias ? ' (the paddle catches red beads slightly less often, as real paddles do)' : ''}. What would really lower it?`,
    );
  }
  const change = state.interventions.find(
    (i) => i.kind === 'newSupplier' || i.kind === 'newPaddle',
  );
  if (change) {
    const before = average(
      state.draws
        .filter((d) => d.index < (state.draws[change.beforeDraw]?.index ?? Infinity))
        .slice(0, change.beforeDraw),
    );
    const after = average(state.draws.slice(change.beforeDraw));
    if (before !== null && after !== null) {
      questions.push(
        `After “${change.text}” the average went from ${round1(before)} to ${round1(after)}. Why did this work when slogans and quotas did not?`,
      );
    }
  }

  return {
    draws: state.draws.length,
    averageRed: totalAverage,
    expectedRed: expected,
    pointsBeyondLimits: beyond,
    ranking: ranking(state).map((t) => ({
      name: name(t.workerId),
      red: t.red,
      draws: t.draws,
      average: t.red / t.draws,
    })),
    interventions,
    questions,
  };
}
