/**
 * The Red Bead Experiment through real sockets: a facilitator, a room screen and twelve
 * phones run the classic four days; the same seed gives the same beads in any session
 * and in a replay of the stored log; a kill -9 mid-day loses nothing; demo mode runs a day
 * on its own. Every wait is on an ack or a view; nothing sleeps.
 *
 * This file covers the classic four days with roles, inspection, interventions and a debrief; the other redBead*.test.ts files cover the rest.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replay } from '@playfield/shared';
import type { RedBeadState } from '../../shared/src/exercises/redBead/index.ts';
import { nextView, screenOf, startTestServer, type TestServer } from './harness.ts';
import {
  consoleWhere,
  phoneWhere,
  ownWhere,
  act,
  mustAct,
  refused,
  WORKER_NAMES,
  type Room,
  phone,
  openPlant,
  type Draw,
  playDay,
} from './redBeadFixtures.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Management's ranking: fewest red per paddle first, ties by slot. */
function rankWorkers(draws: Draw[]): string[] {
  const ids = [...new Set(draws.map((d) => d.workerId))];
  const average = (id: string) => mean(draws.filter((d) => d.workerId === id).map((d) => d.red));
  return ids.sort((a, b) => average(a) - average(b) || a.localeCompare(b));
}
describe('the Red Bead Experiment, live', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('runs the classic four days with roles, inspection, interventions and a debrief in the run’s numbers', async () => {
    const room: Room = await openPlant(server.url, (c) => server.connect(c));
    room.screen = await server.connect(screenOf(room.session));
    const { roundId, facilitator, cast } = room;
    const recorder = phone(room, cast.recorder);
    const nameOf = (workerId: string) => WORKER_NAMES['ABCDEF'.indexOf(workerId)];

    // Everyone's phone knows their part; observers hold the blank (observer) view.
    for (const [slot, seat] of cast.workers.entries()) {
      expect(await ownWhere(phone(room, seat), (o) => o.role === 'worker')).toMatchObject({
        workerId: 'ABCDEF'[slot],
      });
    }
    await ownWhere(phone(room, cast.chief), (o) => o.role === 'chief');
    await ownWhere(recorder, (o) => o.role === 'recorder');

    // Before day 1, management sets a quota and posts a slogan.
    await mustAct(facilitator, roundId, { type: 'quota', max: 3 });
    await mustAct(facilitator, roundId, { type: 'slogan', text: 'Zero defects!' });
    const day1 = await playDay(room, 0, 6);
    const praised = rankWorkers(day1)[0]!;
    await consoleWhere(facilitator, (p) => p.stage === 'dayEnded' && p.day === 1);
    // The recorder's board has one count per worker for day 1.
    const board1 = await phoneWhere(recorder, (p) => p.table.rows.every((r) => r.cells[0]?.length));
    expect(board1.table.columns).toEqual(['Worker', 'Day 1', 'Day 2', 'Day 3', 'Day 4', 'Total']);
    expect(board1.table.rows.map((r) => [r.name, r.cells[0], r.total])).toEqual(
      WORKER_NAMES.map((name, slot) => {
        const red = day1.find((d) => d.workerId === 'ABCDEF'[slot])!.red;
        return [name, [red], red];
      }),
    );

    // After day 1: praise for the best; observers predict day 2.
    await mustAct(facilitator, roundId, { type: 'reward', kind: 'praise' });
    await mustAct(facilitator, roundId, { type: 'openPredictions' });
    const [omar, olga] = cast.observers.map((seat) => phone(room, seat));
    await mustAct(omar!, roundId, { type: 'predict', day: 2, bestWorkerId: 'A', trend: 'better' });
    await mustAct(olga!, roundId, { type: 'predict', day: 2, bestWorkerId: 'B', trend: 'worse' });
    expect(
      await act(phone(room, cast.workers[0]!), roundId, {
        type: 'predict',
        day: 2,
        bestWorkerId: 'A',
        trend: null,
      }),
    ).toMatchObject(refused('FORBIDDEN'));
    expect(await ownWhere(omar!, (o) => o.prediction !== null)).toMatchObject({
      role: 'observer',
      prediction: { bestWorkerId: 'A', trend: 'better' },
    });
    await consoleWhere(facilitator, (p) => p.predictionsToday === 2);
    const day2 = await playDay(room, 6, 6);

    // After day 2 the observers see how their forecasts fared.
    const fared = await phoneWhere(omar!, (p) => p.stage === 'dayEnded' && p.day === 2);
    const fewest = Math.min(...day2.map((d) => d.red));
    const bestOfDay2 = day2.filter((d) => d.red === fewest).map((d) => d.workerId);
    const trend2 =
      mean(day2.map((d) => d.red)) < mean(day1.map((d) => d.red))
        ? 'better'
        : mean(day2.map((d) => d.red)) > mean(day1.map((d) => d.red))
          ? 'worse'
          : 'same';
    expect(fared.lastPredictions).toEqual({
      day: 2,
      predictions: 2,
      bestWorkerIds: bestOfDay2,
      bestWorkerNames: bestOfDay2.map(nameOf),
      guessedBest: ['A', 'B'].filter((id) => bestOfDay2.includes(id)).length,
      trend: trend2,
      guessedTrend: (['better', 'worse'] as const).filter((t) => t === trend2).length,
    });

    // After day 2: the worst so far goes on probation.
    await mustAct(facilitator, roundId, { type: 'reward', kind: 'probation' });
    const worstAfter2 = rankWorkers([...day1, ...day2]).at(-1)!;
    await consoleWhere(facilitator, (p) =>
      p.workers.some((w) => w.id === worstAfter2 && w.status === 'probation'),
    );
    const day3 = await playDay(room, 12, 6);

    // After day 3: fire the three worst, double shifts for the three best; then a new supplier.
    expect(await act(facilitator, roundId, { type: 'fireWorst', count: 4 })).toMatchObject(
      refused('CONFLICT'),
    );
    await mustAct(facilitator, roundId, { type: 'fireWorst', count: 3 });
    await mustAct(facilitator, roundId, { type: 'newSupplier', redSharePercent: 10 });
    const ranked = rankWorkers([...day1, ...day2, ...day3]);
    const [best, fired] = [ranked.slice(0, 3), ranked.slice(3)];
    const between = await consoleWhere(facilitator, (p) => p.system.redSharePercent === 10);
    expect(between.plant.expectedRed).toBe(5);
    for (const w of between.plant.workers) {
      expect([w.id, w.status === 'fired', w.hasDoubleShift]).toEqual([
        w.id,
        fired.includes(w.id),
        best.includes(w.id),
      ]);
    }
    const firedSeat = cast.workers['ABCDEF'.indexOf(fired[0]!)]!;
    expect(await ownWhere(phone(room, firedSeat), (o) => o.role !== 'worker')).toMatchObject({
      role: 'observer',
      workerId: null,
    });

    // Day 4: three workers on double shifts; the fired ones cannot dip.
    const day4 = await playDay(room, 18, 6);
    expect(day4.map((d) => d.workerId)).toEqual([...best].sort().flatMap((id) => [id, id]));

    const { plant: end } = await consoleWhere(facilitator, (p) => p.stage === 'finished');
    const draws = [...day1, ...day2, ...day3, ...day4];
    const reds = draws.map((d) => d.red);
    expect(end.chart.points.map((p) => p.value)).toEqual(reds);
    expect(end.chart.points).toHaveLength(24);
    expect(end.chart.points[0]?.label).toBe(`Day 1, ${nameOf(draws[0]!.workerId)}`);
    // Limits from theory, recomputed from the system change on.
    expect(end.chart.segments.map((s) => [s.start, s.center])).toEqual([
      [0, 10],
      [18, 5],
    ]);
    expect(end.chart.markers).toEqual([
      { beforePoint: 0, label: 'Quota: no more than 3 red beads', isSystemChange: false },
      { beforePoint: 0, label: 'Slogan: “Zero defects!”', isSystemChange: false },
      { beforePoint: 6, label: `Praise for ${nameOf(praised)}`, isSystemChange: false },
      { beforePoint: 12, label: `${nameOf(worstAfter2)} on probation`, isSystemChange: false },
      {
        beforePoint: 18,
        label: `Fired ${fired.map(nameOf).join(', ')}; double shifts for ${best.map(nameOf).join(', ')}`,
        isSystemChange: false,
      },
      {
        beforePoint: 18,
        label: 'System change: new supplier, 10% red',
        isSystemChange: true,
      },
    ]);
    expect(end.interventions.map((i) => [i.kind, i.day])).toEqual([
      ['quota', 1],
      ['slogan', 1],
      ['praise', 2],
      ['probation', 3],
      ['fire', 4],
      ['newSupplier', 4],
    ]);

    // The debrief asks about this run, in this run's numbers.
    const debrief = end.debrief!;
    expect(debrief.draws).toBe(24);
    // 18 paddles from the first supplier (20 % red: 10 expected) and day 4's 6 from the new
    // one (10 %: 5 expected): the expectation follows the system each paddle came from.
    const expectedRed = (18 * 10 + 6 * 5) / 24;
    expect(debrief.expectedRed).toBeCloseTo(expectedRed, 10);
    expect(debrief.averageRed).toBeCloseTo(mean(reds), 10);
    const questions = debrief.questions.join('\n');
    expect(questions).toContain(
      `The quota was no more than 3 red. ${reds.filter((r) => r <= 3).length} of 24 paddles met it.`,
    );
    expect(questions).toContain(
      `The average was ${round1(mean(reds))} red per paddle, against ${round1(expectedRed)} expected`,
    );
    expect(questions).toContain(
      `the average went from ${round1(mean(reds.slice(0, 18)))} to ${round1(mean(reds.slice(18)))}`,
    );
    expect(questions).toContain(`${[...fired].sort().map(nameOf).join(', ')} were fired.`);
    const praisedLater = draws.filter((d) => d.workerId === praised && d.index >= 6);
    expect(questions).toContain(
      `${nameOf(praised)} got praise before day 2 and then averaged ${round1(mean(praisedLater.map((d) => d.red)))} red.`,
    );
    const swing =
      /^(\w+) drew ([\d.]+) on day (\d) and ([\d.]+) on day (\d): what changed\?$/m.exec(questions);
    expect(swing).not.toBeNull();
    const [, who, from, fromDay, to, toDay] = swing!;
    const dayMean = (day: number) =>
      round1(
        mean(
          draws
            .filter((d) => nameOf(d.workerId) === who && Math.floor(d.index / 6) + 1 === day)
            .map((d) => d.red),
        ),
      );
    expect([dayMean(Number(fromDay)), dayMean(Number(toDay))]).toEqual([Number(from), Number(to)]);

    // The recorder's board and the room screen agree with the chart.
    const board = await phoneWhere(recorder, (p) => p.stage === 'finished');
    for (const row of board.table.rows) {
      const mine = draws.filter((d) => d.workerId === row.workerId);
      expect(row.cells.flat()).toEqual(mine.map((d) => d.red));
      expect(row.cells.map((c) => c.length)).toEqual(
        [1, 2, 3, 4].map((day) => mine.filter((d) => Math.floor(d.index / 6) + 1 === day).length),
      );
    }
    const screen = await nextView(room.screen, 'view.screen', (m) => {
      const plant = m.view.round?.kind === 'redBead' ? m.view.round.view : null;
      return plant?.stage === 'finished';
    });
    expect(screen.view.round?.kind === 'redBead' && screen.view.round.view.chart.points).toEqual(
      end.chart.points,
    );

    // The stored log, replayed, gives every draw again.
    const log = await server.playfield.manager.repository.loadEvents(room.session.sessionId);
    const replayed = replay(log).rounds[roundId]?.state as RedBeadState;
    expect(replayed.draws.map((d) => [d.index, d.workerId, d.red])).toEqual(
      draws.map((d) => [d.index, d.workerId, d.red]),
    );
  });
});
