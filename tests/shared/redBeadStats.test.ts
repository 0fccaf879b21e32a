/**
 * The Red Bead Experiment as an exercise: config bounds, roles, the day's flow of dips and
 * inspections, management's interventions and the system changes that really work,
 * predictions, statistics, views, replay determinism and demo automation.
 *
 * This file covers statistics, the debrief and the views; the other redBead*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { redBead, type RedBeadState } from '@playfield/shared/exercises/redBead/index';
import { ranking, recordTable, redBeadChart } from '@playfield/shared/exercises/redBead/stats';
import { redBeadDebrief } from '@playfield/shared/exercises/redBead/debrief';
import {
  FAC,
  as,
  WORKERS,
  CHIEF,
  RECORDER,
  OBSERVER,
  OBSERVER_2,
  NAMES,
  ROSTER,
  ctx,
  init,
  step,
  act,
  runDay,
  runDays,
  staffed,
  average,
} from './redBeadFixtures.ts';

describe('statistics', () => {
  const fourDays = () => runDays(staffed(), 4);

  it('fills the record table with each worker’s paddles by day', () => {
    const s = runDay(step(runDay(init({ days: 2 })), FAC, { type: 'fireWorst', count: 1 }));
    const table = recordTable(s, ROSTER);
    expect(table.columns).toEqual(['Worker', 'Day 1', 'Day 2', 'Total']);
    expect(table.rows).toHaveLength(6);
    for (const row of table.rows) {
      const mine = (day: number) =>
        s.draws.filter((d) => d.workerId === row.workerId && d.day === day).map((d) => d.red);
      expect(row.cells).toEqual([mine(1), mine(2)]);
      expect(row.total).toBe([...mine(1), ...mine(2)].reduce((a, b) => a + b, 0));
      const slot = s.workers.find((w) => w.id === row.workerId);
      expect(row.cells[1]).toHaveLength(
        slot?.status === 'fired' ? 0 : slot?.hasDoubleShift ? 2 : 1,
      );
    }
    expect(recordTable(staffed(), ROSTER).rows.map((r) => r.name)).toEqual(
      WORKERS.map((id) => NAMES[id]),
    );
  });

  it('ranks workers by red per paddle, fewest first', () => {
    const s = fourDays();
    const r = ranking(s);
    expect(r).toHaveLength(6);
    for (const t of r) {
      const mine = s.draws.filter((d) => d.workerId === t.workerId);
      expect(t).toEqual({
        workerId: t.workerId,
        red: mine.reduce((n, d) => n + d.red, 0),
        draws: 4,
      });
    }
    const perPaddle = r.map((t) => t.red / t.draws);
    expect(perPaddle).toEqual([...perPaddle].sort((a, b) => a - b));
  });

  it('draws the np chart with centre 10 and limits 1.51 and 18.49 for the default system', () => {
    const s = fourDays();
    const chart = redBeadChart(s, ROSTER);
    expect(chart.kind).toBe('np');
    expect(chart.expected).toBe(10);
    expect(chart.segments).toHaveLength(1);
    const [segment] = chart.segments;
    expect(segment?.center).toBeCloseTo(10, 10);
    expect(segment?.lower).toBeCloseTo(1.51, 2);
    expect(segment?.upper).toBeCloseTo(18.49, 2);
    expect(chart.points.map((p) => p.value)).toEqual(s.draws.map((d) => d.red));
    expect(chart.points[0]?.label).toBe('Day 1, Ana');
    expect(chart.cumulative.at(-1)).toBeCloseTo(average(s.draws.map((d) => d.red)), 10);
    for (const p of chart.points) {
      expect(p.isBeyondLimits).toBe(
        p.value < (segment?.lower ?? 0) || p.value > (segment?.upper ?? 0),
      );
    }
  });

  it('draws a p chart with centre 0.2 when the facilitator switches to it', () => {
    const s = step(fourDays(), FAC, { type: 'chart', kind: 'p' });
    expect(s.chart).toEqual({ kind: 'p', basis: 'theory' });
    const chart = redBeadChart(s, ROSTER);
    expect(chart).toMatchObject({ kind: 'p', expected: 0.2, unit: 'share red' });
    expect(chart.segments[0]?.center).toBeCloseTo(0.2, 10);
    expect(chart.segments[0]?.lower).toBeCloseTo(0.2 - 3 * Math.sqrt(0.0032), 10);
    expect(chart.segments[0]?.upper).toBeCloseTo(0.2 + 3 * Math.sqrt(0.0032), 10);
    expect(chart.points.map((p) => p.value)).toEqual(s.draws.map((d) => d.red / 50));
  });

  it('centres the chart on the data when the basis is the data', () => {
    const s = step(fourDays(), FAC, { type: 'chart', basis: 'data' });
    const chart = redBeadChart(s, ROSTER);
    expect(chart.segments[0]?.center).toBeCloseTo(average(s.draws.map((d) => d.red)), 10);
  });

  it('marks interventions before the paddles they preceded', () => {
    let s = act(init(), [[FAC, { type: 'slogan', text: 'Zero defects!' }]]);
    s = runDay(s);
    s = runDay(step(s, FAC, { type: 'reward', kind: 'praise', workerId: 'A' }));
    const chart = redBeadChart(s, ROSTER);
    expect(chart.markers).toEqual([
      { beforePoint: 0, label: 'Slogan: “Zero defects!”', isSystemChange: false },
      { beforePoint: 6, label: 'Praise for Worker A', isSystemChange: false },
    ]);
  });

  it('gives an empty chart before any paddle is drawn', () => {
    expect(redBeadChart(init(), ROSTER)).toMatchObject({ points: [], segments: [], expected: 10 });
  });
});

describe('debrief', () => {
  function classicRun(): RedBeadState {
    let s = act(staffed(), [
      [FAC, { type: 'quota', max: 3 }],
      [FAC, { type: 'slogan', text: 'Zero defects!' }],
    ]);
    s = runDay(s);
    s = runDay(step(s, FAC, { type: 'reward', kind: 'praise' }));
    s = runDay(step(s, FAC, { type: 'reward', kind: 'bonus' }));
    return runDay(step(s, FAC, { type: 'fireWorst', count: 2 }));
  }

  it('compares the average with the expected value and counts points beyond the limits', () => {
    const s = classicRun();
    const debrief = redBeadDebrief(s, ROSTER);
    const reds = s.draws.map((d) => d.red);
    expect(debrief.draws).toBe(24);
    expect(debrief.averageRed).toBeCloseTo(average(reds), 10);
    expect(debrief.expectedRed).toBe(10);
    expect(debrief.pointsBeyondLimits).toBe(reds.filter((r) => r < 1.515 || r > 18.485).length);
    expect(debrief.ranking.map((r) => r.name).sort()).toEqual(
      WORKERS.map((id) => NAMES[id]).sort(),
    );
  });

  it('lists each intervention with the averages of the day before and the day it preceded', () => {
    const s = classicRun();
    const dayAverage = (day: number) =>
      average(s.draws.filter((d) => d.day === day).map((d) => d.red));
    const { interventions } = redBeadDebrief(s, ROSTER);
    expect(interventions.map((i) => [i.day, i.averageBefore, i.averageAfter])).toEqual([
      [1, null, dayAverage(1)],
      [1, null, dayAverage(1)],
      [2, dayAverage(1), dayAverage(2)],
      [3, dayAverage(2), dayAverage(3)],
      [4, dayAverage(3), dayAverage(4)],
    ]);
  });

  it('asks questions with the session’s own numbers', () => {
    const s = classicRun();
    const { questions } = redBeadDebrief(s, ROSTER);
    const swing = questions
      .map((q) =>
        /^(\w+) drew ([\d.]+)(?: and \d+ \(a double shift\))? on day (\d+) and ([\d.]+)(?: and \d+ \(a double shift\))? on day (\d+): what changed\?$/.exec(
          q,
        ),
      )
      .find((m) => m !== null);
    expect(swing).toBeDefined();
    const [, name, from, day, to, next] = swing ?? [];
    expect(Number(next)).toBe(Number(day) + 1);
    const slot = s.workers.find((w) => NAMES[w.participantId ?? ''] === name);
    const dayMean = (d: number) =>
      average(s.draws.filter((x) => x.workerId === slot?.id && x.day === d).map((x) => x.red));
    const firstRed = (d: number) =>
      s.draws.find((x) => x.workerId === slot?.id && x.day === d)?.red;
    // Each paddle as drawn: a double shift is two paddles, never their average.
    expect(Number(from)).toBe(firstRed(Number(day)));
    expect(Number(to)).toBe(firstRed(Number(next)));
    // It is the biggest swing of any worker between two days.
    let biggest = 0;
    for (const w of s.workers) {
      for (let d = 1; d < 4; d++) {
        const a = s.draws.filter((x) => x.workerId === w.id && x.day === d).map((x) => x.red);
        const b = s.draws.filter((x) => x.workerId === w.id && x.day === d + 1).map((x) => x.red);
        if (a.length && b.length) biggest = Math.max(biggest, Math.abs(average(b) - average(a)));
      }
    }
    expect(Math.abs(dayMean(Number(next)) - dayMean(Number(day)))).toBeCloseTo(biggest, 10);

    const met = s.draws.filter((d) => d.red <= 3).length;
    expect(questions).toContain(
      `The quota was no more than 3 red. ${met} of 24 paddles met it. Who could have met it every time?`,
    );
    expect(questions.some((q) => / were fired\. Were they worse workers/.test(q))).toBe(true);
    const mean = Math.round(average(s.draws.map((d) => d.red)) * 10) / 10;
    expect(
      questions.some((q) =>
        q.startsWith(`The average was ${mean} red per paddle, against 10 expected`),
      ),
    ).toBe(true);
  });

  it('reads a double shift as two paddles, not as their average', () => {
    const s = runDays(staffed({}, { days: 3 }), 3);
    const ana = s.workers.find((w) => w.participantId === 'p-ana')?.id ?? '';
    // Ana drew 13 on day 2 and two paddles, 2 and 4, on day 3; everyone else drew 9 each day.
    const draws = s.draws.map((d) => ({ ...d, red: 9 }));
    const day2 = draws.find((d) => d.workerId === ana && d.day === 2);
    const day3 = draws.filter((d) => d.day === 3);
    const anaDay3 = day3.find((d) => d.workerId === ana);
    const other = day3.find((d) => d.workerId !== ana);
    if (!day2 || !anaDay3 || !other) throw new Error('the run should have days 2 and 3');
    day2.red = 13;
    anaDay3.red = 2;
    Object.assign(other, { workerId: ana, participantId: 'p-ana', red: 4 });
    const { questions } = redBeadDebrief({ ...s, draws }, ROSTER);
    expect(questions).toContain(
      'Ana drew 13 on day 2 and 2 and 4 (a double shift) on day 3: what changed?',
    );
    expect(questions.join(' ')).not.toMatch(/ drew 13 on day 2 and 3 on day 3/);
  });

  it('asks why a system change worked when one was made', () => {
    const s = runDay(
      step(runDay(init({ days: 2 })), FAC, { type: 'newSupplier', redSharePercent: 0 }),
    );
    const before = Math.round(average(s.draws.slice(0, 6).map((d) => d.red)) * 10) / 10;
    expect(redBeadDebrief(s, ROSTER).questions).toContain(
      `After “System change: new supplier, 0% red” the average went from ${before} to 0. Why did this work when slogans and quotas did not?`,
    );
  });

  it('shows the debrief and summary once the experiment is over', () => {
    const s = classicRun();
    expect(redBead.screenView(s, ctx()).debrief).toEqual(redBeadDebrief(s, ROSTER));
    expect(redBead.screenView(runDay(staffed()), ctx()).debrief).toBeNull();
    const summary = redBead.summary(s, ctx());
    expect(summary.headline).toMatch(
      /^Red beads: \d+\.\d red per paddle \(expected 10\.0\); \d+ of 24 beyond/,
    );
    expect(summary.blocks.map((b) => b.type)).toEqual([
      'controlChart',
      'table',
      'list',
      'list',
      'list',
    ]);
  });
});

describe('views', () => {
  function withPredictions(): RedBeadState {
    return act(runDay(staffed({ inspectors: 2, hasChief: true, hasRecorder: true })), [
      [FAC, { type: 'openPredictions' }],
      [as(OBSERVER), { type: 'predict', day: 2, bestWorkerId: 'A', trend: 'better' }],
    ]);
  }

  it('gives every participant the same public view, the screen’s without the chart', () => {
    const s = withPredictions();
    const publicView = redBead.participantPublicView(s, ctx());
    const { chart, predictionsToday, ...screenCommon } = redBead.screenView(s, ctx());
    expect(publicView).toEqual(screenCommon);
    expect(chart.kind).toBe('np');
    expect(predictionsToday).toBe(1);
    expect(redBead.participantPublicView(s, ctx())).toEqual(publicView);
  });

  it.each<[string, string, object]>([
    ['a worker', 'p-cai', { role: 'worker', workerId: 'C', hasConfirmed: false, prediction: null }],
    ['an inspector', 'p-hal', { role: 'inspector', workerId: null, hasConfirmed: false }],
    ['the chief', CHIEF, { role: 'chief', workerId: null }],
    ['the recorder', RECORDER, { role: 'recorder', workerId: null }],
    [
      'an observer who predicted',
      OBSERVER,
      { role: 'observer', workerId: null, prediction: { bestWorkerId: 'A', trend: 'better' } },
    ],
    ['an observer who did not', OBSERVER_2, { role: 'observer', prediction: null }],
  ])('gives %s their own role and part', (_, id, own) => {
    expect(redBead.participantOwnView(withPredictions(), id, ctx())).toMatchObject(own);
  });

  it('never shows one observer’s prediction to the room, only counts', () => {
    let s = withPredictions();
    const leak = (state: RedBeadState) => [
      JSON.stringify(redBead.participantPublicView(state, ctx())),
      JSON.stringify(redBead.screenView(state, ctx())),
      JSON.stringify(redBead.participantOwnView(state, OBSERVER_2, ctx())),
    ];
    for (const json of leak(s)) expect(json).not.toContain(OBSERVER);
    s = step(s, FAC, { type: 'startDay' });
    while (s.stage === 'working') {
      s = step(s, FAC, s.pending ? { type: 'record' } : { type: 'dip' });
    }
    for (const json of leak(s)) expect(json).not.toContain(OBSERVER);
    expect(redBead.screenView(s, ctx()).lastPredictions?.predictions).toBe(1);
    // The observer's own prediction is no longer shown once the day has run.
    expect(redBead.participantOwnView(s, OBSERVER, ctx()).prediction).toBeNull();
  });

  it('shows the paddle on show and whether it is recorded', () => {
    const s = act(staffed({ inspectors: 2 }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
      [as('p-gus'), { type: 'confirm', drawIndex: 0 }],
    ]);
    const view = redBead.screenView(s, ctx());
    expect(view.paddle).toMatchObject({
      index: 0,
      workerId: 'A',
      workerName: 'Ana',
      confirmations: 1,
      isRecorded: false,
    });
    expect(view.paddle?.beads).toHaveLength(50);
    expect(view.currentWorkerId).toBeNull();
    expect(view.inspectorsNeeded).toBe(2);
    const recorded = step(s, as('p-hal'), { type: 'confirm', drawIndex: 0 });
    expect(redBead.screenView(recorded, ctx())).toMatchObject({
      currentWorkerId: 'B',
      paddle: { index: 0, isRecorded: true },
    });
  });
});
