/**
 * The Red Bead Experiment as an exercise: config bounds, roles, the day's flow of dips and
 * inspections, management's interventions and the system changes that really work,
 * predictions, statistics, views, replay determinism and demo automation.
 *
 * This file covers management's interventions, the system changes that really work, and predictions; the other redBead*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { redBead, type RedBeadState } from '@playfield/shared/exercises/redBead/index';
import { ranking, redBeadChart } from '@playfield/shared/exercises/redBead/stats';
import { predictionOutcome } from '@playfield/shared/exercises/redBead/debrief';
import {
  type Action,
  FAC,
  as,
  RECORDER,
  OBSERVER,
  OBSERVER_2,
  ROSTER,
  ctx,
  init,
  step,
  act,
  refused,
  runDay,
  runDays,
  staffed,
  paddleAt,
  average,
} from './redBeadFixtures.ts';

describe('interventions', () => {
  const afterDayOne = () => runDay(init());
  const midDayOne = () => {
    let s = step(init(), FAC, { type: 'startDay' });
    s = step(s, FAC, { type: 'dip' });
    return step(s, FAC, { type: 'dip' });
  };

  it.each<[string, () => RedBeadState, number, number]>([
    ['before the first day', init, 1, 0],
    [
      'while predictions for day 1 are open',
      () => step(init(), FAC, { type: 'openPredictions' }),
      1,
      0,
    ],
    ['during day 1 after two paddles', midDayOne, 1, 2],
    ['after day 1', afterDayOne, 2, 6],
  ])('logs quota and slogan for the day they precede when made %s', (_, at, day, beforeDraw) => {
    const s = act(at(), [
      [FAC, { type: 'quota', max: 3 }],
      [FAC, { type: 'slogan', text: 'Zero defects!' }],
    ]);
    expect(s.quota).toBe(3);
    expect(s.slogan).toBe('Zero defects!');
    expect(s.interventions).toEqual([
      { kind: 'quota', day, beforeDraw, text: 'Quota: no more than 3 red beads', workerIds: [] },
      { kind: 'slogan', day, beforeDraw, text: 'Slogan: “Zero defects!”', workerIds: [] },
    ]);
  });

  it.each<['praise' | 'bonus' | 'probation', 'best' | 'worst', RegExp]>([
    ['praise', 'best', /^Praise for Worker [A-F]$/],
    ['bonus', 'best', /^Bonus for Worker [A-F]$/],
    ['probation', 'worst', /^Worker [A-F] on probation$/],
  ])('gives %s to the %s worker when no worker is named', (kind, which, text) => {
    const s0 = afterDayOne();
    const ranked = ranking(s0);
    const expected = (which === 'best' ? ranked[0] : ranked.at(-1))?.workerId;
    const s = step(s0, FAC, { type: 'reward', kind });
    expect(s.interventions).toMatchObject([{ kind, day: 2, beforeDraw: 6, workerIds: [expected] }]);
    expect(s.interventions[0]?.text).toMatch(text);
    const status = s.workers.find((w) => w.id === expected)?.status;
    expect(status).toBe(kind === 'probation' ? 'probation' : 'working');
  });

  it('singles out the named worker when one is given', () => {
    const s = step(afterDayOne(), FAC, { type: 'reward', kind: 'praise', workerId: 'C' });
    expect(s.interventions[0]).toMatchObject({ text: 'Praise for Worker C', workerIds: ['C'] });
  });

  it('uses the participant name of an assigned worker in the log', () => {
    const s = step(runDay(staffed()), FAC, { type: 'reward', kind: 'bonus', workerId: 'B' });
    expect(s.interventions[0]?.text).toBe('Bonus for Ben');
  });

  it.each<[string, () => RedBeadState, Action]>([
    ['before anyone has drawn', init, { type: 'reward', kind: 'praise' }],
    ['for an unknown worker', afterDayOne, { type: 'reward', kind: 'bonus', workerId: 'Z' }],
  ])('refuses a reward %s', (_, at, action) => {
    expect(refused(at(), FAC, action).code).toBe('CONFLICT');
  });

  it.each(['praise', 'bonus', 'probation'] as const)(
    'refuses %s for a fired worker, so probation never brings them back',
    (kind) => {
      const s = step(afterDayOne(), FAC, { type: 'fireWorst', count: 1 });
      const fired = s.workers.find((w) => w.status === 'fired')?.id ?? '';
      const error = refused(s, FAC, { type: 'reward', kind, workerId: fired });
      expect(error).toEqual({ code: 'CONFLICT', message: `Worker ${fired} has been fired` });
      expect(step(s, FAC, { type: 'startDay' }).turns).not.toContain(fired);
    },
  );

  it('fires the N worst and gives the N best double shifts', () => {
    const s0 = afterDayOne();
    const ranked = ranking(s0).map((t) => t.workerId);
    const s = step(s0, FAC, { type: 'fireWorst', count: 2 });
    const best = ranked.slice(0, 2);
    const worst = ranked.slice(-2);
    for (const w of s.workers) {
      expect(w.status).toBe(worst.includes(w.id) ? 'fired' : 'working');
      expect(w.hasDoubleShift).toBe(best.includes(w.id));
    }
    expect(s.interventions).toMatchObject([
      { kind: 'fire', day: 2, beforeDraw: 6, workerIds: [...worst, ...best] },
    ]);
    expect(s.interventions[0]?.text).toMatch(
      /^Fired Worker [A-F], Worker [A-F]; double shifts for/,
    );
    const day2 = step(s, FAC, { type: 'startDay' });
    expect(day2.turns).toHaveLength(6);
    for (const id of worst) expect(day2.turns).not.toContain(id);
    for (const id of best) expect(day2.turns.filter((t) => t === id)).toHaveLength(2);
  });

  it.each<[string, () => RedBeadState, number, RegExp]>([
    ['during a working day', midDayOne, 1, /between days/],
    ['with too few workers for the count', afterDayOne, 4, /needs at least 8 workers/],
    ['before anyone has drawn', init, 1, /needs at least 2 workers/],
  ])('refuses to fire %s', (_, at, count, message) => {
    const error = refused(at(), FAC, { type: 'fireWorst', count });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(message);
  });

  it('finishes the experiment when the plant is closed', () => {
    const s = step(midDayOne(), FAC, { type: 'closePlant' });
    expect(s).toMatchObject({ stage: 'finished', isPlantClosed: true, pending: null });
    expect(s.interventions.at(-1)).toMatchObject({ kind: 'closePlant', day: 1, beforeDraw: 2 });
    expect(refused(s, FAC, { type: 'closePlant' }).code).toBe('CONFLICT');
  });

  it('draws no red after a supplier with 0 % red and starts a new chart segment', () => {
    const s0 = step(afterDayOne(), FAC, { type: 'newSupplier', redSharePercent: 0 });
    expect(s0.eras).toEqual([
      { redSharePercent: 20, paddleHoles: 50, startDraw: 0 },
      { redSharePercent: 0, paddleHoles: 50, startDraw: 6 },
    ]);
    expect(s0.interventions[0]).toMatchObject({ kind: 'newSupplier', day: 2, beforeDraw: 6 });
    const s = runDay(s0);
    expect(s.draws.slice(6).map((d) => d.red)).toEqual([0, 0, 0, 0, 0, 0]);
    const chart = redBeadChart(s, ROSTER);
    expect(chart.segments.map((g) => [g.start, g.end, g.center])).toEqual([
      [0, 6, 10],
      [6, 12, 0],
    ]);
    expect(chart.markers).toEqual([
      { beforePoint: 6, label: 'System change: new supplier, 0% red', isSystemChange: true },
    ]);
  });

  it('draws with the new paddle after a paddle change', () => {
    const s = runDay(step(afterDayOne(), FAC, { type: 'newPaddle', paddleHoles: 25 }));
    expect(s.draws.map((d) => d.sampleSize)).toEqual([
      ...Array<number>(6).fill(50),
      ...Array<number>(6).fill(25),
    ]);
    for (const d of s.draws.slice(6)) {
      expect(d.red).toBe(paddleAt(s.config, d.index, { ...s.config, paddleHoles: 25 }).red);
    }
    const chart = redBeadChart(s, ROSTER);
    expect(chart.segments[1]).toMatchObject({ start: 6, end: 12, center: 5 });
  });

  it('refuses a paddle with more holes than the bucket has beads', () => {
    const s = init({ beads: 100, paddleHoles: 50 });
    expect(refused(s, FAC, { type: 'newPaddle', paddleHoles: 200 }).code).toBe('INVALID_ACTION');
  });

  it('refuses a system change during a working day', () => {
    expect(refused(midDayOne(), FAC, { type: 'newSupplier', redSharePercent: 10 }).code).toBe(
      'CONFLICT',
    );
  });

  it('keeps one era when two system changes come with no draw in between', () => {
    const s = act(afterDayOne(), [
      [FAC, { type: 'newSupplier', redSharePercent: 10 }],
      [FAC, { type: 'newPaddle', paddleHoles: 25 }],
    ]);
    expect(s.eras).toEqual([
      { redSharePercent: 20, paddleHoles: 50, startDraw: 0 },
      { redSharePercent: 10, paddleHoles: 25, startDraw: 6 },
    ]);
    const before = act(init(), [
      [FAC, { type: 'newSupplier', redSharePercent: 10 }],
      [FAC, { type: 'newSupplier', redSharePercent: 5 }],
    ]);
    expect(before.eras).toEqual([{ redSharePercent: 5, paddleHoles: 50, startDraw: 0 }]);
  });

  it('never changes the draws when management exhorts, rewards, punishes or fires', () => {
    const plain = runDays(init(), 4);
    let theatre = act(init(), [
      [FAC, { type: 'quota', max: 3 }],
      [FAC, { type: 'slogan', text: 'Zero defects!' }],
    ]);
    theatre = runDay(theatre);
    theatre = act(theatre, [
      [FAC, { type: 'reward', kind: 'praise' }],
      [FAC, { type: 'reward', kind: 'probation' }],
      [FAC, { type: 'slogan', text: 'Do it right the first time' }],
    ]);
    theatre = runDay(theatre);
    theatre = act(theatre, [
      [FAC, { type: 'reward', kind: 'bonus' }],
      [FAC, { type: 'quota', max: 1 }],
    ]);
    theatre = runDay(theatre);
    theatre = runDay(step(theatre, FAC, { type: 'fireWorst', count: 2 }));

    expect(theatre.stage).toBe('finished');
    expect(theatre.interventions).toHaveLength(8);
    const reds = (s: RedBeadState) => s.draws.map((d) => [d.index, d.red, d.sampleSize]);
    expect(reds(theatre)).toEqual(reds(plain));
    expect(plain.draws.map((d) => d.red)).toEqual(
      plain.draws.map((d) => paddleAt(plain.config, d.index).red),
    );
  });
});

describe('predictions', () => {
  const predicting = () => step(staffed(), FAC, { type: 'openPredictions' });

  it('stores an observer prediction for the day about to run', () => {
    const s = step(predicting(), as(OBSERVER), {
      type: 'predict',
      day: 1,
      bestWorkerId: 'C',
      trend: null,
    });
    expect(s).toMatchObject({ stage: 'predicting', day: 1 });
    expect(s.predictions).toEqual({ 1: { [OBSERVER]: { bestWorkerId: 'C', trend: null } } });
    // Starting the day keeps its number.
    expect(step(s, FAC, { type: 'startDay' })).toMatchObject({ stage: 'working', day: 1 });
  });

  it.each<[string, () => RedBeadState, string, Action, string]>([
    [
      'for another day',
      predicting,
      OBSERVER,
      { type: 'predict', day: 2, bestWorkerId: 'A', trend: null },
      'ROUND_LOCKED',
    ],
    [
      'once the day is running',
      () => step(predicting(), FAC, { type: 'startDay' }),
      OBSERVER,
      { type: 'predict', day: 1, bestWorkerId: 'A', trend: null },
      'ROUND_LOCKED',
    ],
    [
      'before predictions are open',
      staffed,
      OBSERVER,
      { type: 'predict', day: 1, bestWorkerId: 'A', trend: null },
      'ROUND_LOCKED',
    ],
    [
      'from a worker',
      predicting,
      'p-ana',
      { type: 'predict', day: 1, bestWorkerId: 'B', trend: null },
      'FORBIDDEN',
    ],
    [
      'naming an unknown worker',
      predicting,
      OBSERVER,
      { type: 'predict', day: 1, bestWorkerId: 'Z', trend: 'better' },
      'INVALID_ACTION',
    ],
  ])('refuses a prediction %s', (_, at, who, action, code) => {
    expect(refused(at(), as(who), action).code).toBe(code);
  });

  it('refuses to open predictions during a working day', () => {
    const s = step(staffed(), FAC, { type: 'startDay' });
    expect(refused(s, FAC, { type: 'openPredictions' }).code).toBe('CONFLICT');
  });

  it('counts the right guesses once the day is over', () => {
    // Predictions never change the draws, so a run without them tells us the outcome.
    const probe = runDays(init(), 2);
    const dayAverage = (day: number) =>
      average(probe.draws.filter((d) => d.day === day).map((d) => d.red));
    const dayTwo = probe.draws.filter((d) => d.day === 2);
    const bestRed = Math.min(...dayTwo.map((d) => d.red));
    const best = dayTwo.find((d) => d.red === bestRed)?.workerId ?? '';
    const wrong = dayTwo.find((d) => d.red !== bestRed)?.workerId ?? null;
    const trend =
      dayAverage(2) < dayAverage(1) ? 'better' : dayAverage(2) > dayAverage(1) ? 'worse' : 'same';
    const otherTrend = trend === 'better' ? 'worse' : 'better';

    let s = runDay(init());
    s = act(s, [
      [FAC, { type: 'openPredictions' }],
      [as(OBSERVER), { type: 'predict', day: 2, bestWorkerId: best, trend }],
      [as(OBSERVER_2), { type: 'predict', day: 2, bestWorkerId: wrong, trend: otherTrend }],
      [as(RECORDER), { type: 'predict', day: 2, bestWorkerId: null, trend }],
    ]);
    expect(predictionOutcome(s, 2, ROSTER)).toBeNull();
    s = step(s, FAC, { type: 'startDay' });
    s = step(s, FAC, { type: 'dip' });
    expect(predictionOutcome(s, 2, ROSTER)).toBeNull();
    while (s.stage === 'working') s = step(s, FAC, { type: 'dip' });
    expect(s.draws).toEqual(probe.draws);
    const outcome = predictionOutcome(s, 2, ROSTER);
    expect(outcome).toMatchObject({
      day: 2,
      predictions: 3,
      guessedBest: 1,
      trend,
      guessedTrend: 2,
    });
    expect(outcome?.bestWorkerNames).toContain(`Worker ${best}`);
    expect(redBead.screenView(s, ctx()).lastPredictions).toEqual(outcome);
  });
});
