/**
 * The Red Bead Experiment as an exercise: config bounds, roles, the day's flow of dips and
 * inspections, management's interventions and the system changes that really work,
 * predictions, statistics, views, replay determinism and demo automation.
 *
 * This file covers demo automation, a worker slot changing hands and an observer's own forecast; the other redBead*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { redBead, type RedBeadState } from '@playfield/shared/exercises/redBead/index';
import { recordTable, redBeadChart } from '@playfield/shared/exercises/redBead/stats';
import { predictionOutcome, redBeadDebrief } from '@playfield/shared/exercises/redBead/debrief';
import {
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
  runDay,
  staffed,
} from './redBeadFixtures.ts';

describe('automation', () => {
  const demo = (s: RedBeadState, isOn: boolean) =>
    step(s, FAC, { type: 'demo', isOn, intervalMs: 800 });

  it.each<[string, () => RedBeadState, boolean]>([
    [
      'demo is on and the current worker is simulated',
      () => step(init(), FAC, { type: 'startDay' }),
      true,
    ],
    ['demo is off', () => step(init(), FAC, { type: 'startDay' }), false],
    [
      'the current worker is a real participant',
      () => step(staffed(), FAC, { type: 'startDay' }),
      false,
    ],
    ['no day is running', init, false],
    [
      'the paddle waits for the inspectors',
      () =>
        act(init(), [
          [FAC, { type: 'assign', role: 'inspector', slot: 0, participantId: 'p-gus' }],
          [FAC, { type: 'startDay' }],
          [FAC, { type: 'dip' }],
        ]),
      false,
    ],
  ])('dips only when %s', (name, at, isDipping) => {
    const s = demo(at(), name !== 'demo is off');
    expect(redBead.automation?.(s, ctx()) ?? null).toEqual(
      isDipping ? { action: { type: 'dip' }, delayMs: 800 } : null,
    );
  });

  it('runs the whole experiment on its own when every worker is simulated', () => {
    let s = demo(init({ days: 2 }), true);
    s = step(s, FAC, { type: 'startDay' });
    for (let guard = 0; guard < 100; guard++) {
      const next = redBead.automation?.(s, ctx()) ?? null;
      if (!next) {
        if (s.stage !== 'dayEnded') break;
        s = step(s, FAC, { type: 'startDay' });
        continue;
      }
      s = step(s, FAC, next.action);
    }
    expect(s.stage).toBe('finished');
    expect(s.draws).toHaveLength(12);
  });
});

describe('a worker slot changing hands', () => {
  it('keeps each paddle with the person who drew it when a slot is handed over', () => {
    // Cai (slot C) draws on day 1, then hands over to a simulated worker for day 2.
    let s = runDay(staffed());
    s = step(s, FAC, { type: 'assign', role: 'worker', slot: 2, participantId: null });
    s = runDay(s);
    const cDraws = s.draws.filter((d) => d.workerId === 'C');
    expect(cDraws.map((d) => [d.day, d.participantId])).toEqual([
      [1, 'p-cai'],
      [2, null],
    ]);
    const table = recordTable(s, ROSTER);
    expect(table.rows.find((r) => r.workerId === 'C')?.name).toBe('Cai / Worker C');
    const labels = redBeadChart(s, ROSTER).points.map((p) => p.label);
    expect(labels).toContain('Day 1, Cai');
    expect(labels).toContain('Day 2, Worker C');
    expect(redBeadDebrief(s, ROSTER).ranking.map((r) => r.name)).toContain('Cai / Worker C');
  });

  it('expects what each paddle’s own system would give, after a new supplier', () => {
    let s = runDay(staffed());
    s = step(s, FAC, { type: 'newSupplier', redSharePercent: 10 });
    s = runDay(s);
    // Six paddles at 20 % red (10 expected) and six at 10 % (5 expected).
    expect(redBeadDebrief(s, ROSTER).expectedRed).toBeCloseTo(7.5, 10);
    expect(redBeadChart(s, ROSTER).expected).toBeCloseTo(5, 10);
  });
});

describe('an observer’s own forecast', () => {
  it('tells the observer whether their pick was the best worker once the day ends', () => {
    let s = step(staffed(), FAC, { type: 'openPredictions' });
    s = step(s, as(OBSERVER), { type: 'predict', day: 1, bestWorkerId: 'A', trend: null });
    s = step(s, as(OBSERVER_2), { type: 'predict', day: 1, bestWorkerId: 'B', trend: null });
    expect(redBead.participantOwnView(s, OBSERVER, ctx()).lastPrediction).toBeNull();
    s = runDay(s);
    const best = predictionOutcome(s, 1, ROSTER)?.bestWorkerIds ?? [];
    for (const [observer, pick] of [
      [OBSERVER, 'A'],
      [OBSERVER_2, 'B'],
    ] as const) {
      expect(redBead.participantOwnView(s, observer, ctx()).lastPrediction).toEqual({
        day: 1,
        guessedBest: best.includes(pick),
        guessedTrend: null,
      });
    }
    // Someone who made no forecast is told nothing.
    expect(redBead.participantOwnView(s, RECORDER, ctx()).lastPrediction).toBeNull();
  });
});
