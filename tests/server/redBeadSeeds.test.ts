/**
 * The Red Bead Experiment through real sockets: a facilitator, a room screen and twelve
 * phones run the classic four days; the same seed gives the same beads in any session
 * and in a replay of the stored log; a kill -9 mid-day loses nothing; demo mode runs a day
 * on its own. Every wait is on an ack or a view; nothing sleeps.
 *
 * This file covers the same beads from the same seed, demo mode, and refusals with clear errors; the other redBead*.test.ts files cover the rest.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replay } from '@playfield/shared';
import type { RedBeadConfig, RedBeadState } from '../../shared/src/exercises/redBead/index.ts';
import {
  emitAck,
  facilitatorOf,
  nextView,
  participantOf,
  startTestServer,
  type TestServer,
  type TestSocket,
} from './harness.ts';
import {
  CONFIG,
  redBeadAgenda,
  consoleWhere,
  phoneWhere,
  act,
  mustAct,
  mustControl,
  refused,
} from './redBeadFixtures.ts';

describe('the Red Bead Experiment, live', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('draws the same beads in the same order from the same seed, in a new session and in a replay of the log', async () => {
    const first = await runFromConsole(server, 'it-seed');
    const second = await runFromConsole(server, 'it-seed');
    const other = await runFromConsole(server, 'another-seed');
    expect(first.reds).toHaveLength(24);
    expect(second.reds).toEqual(first.reds);
    expect(other.reds).not.toEqual(first.reds);

    // The stored log folds back to the same draws, paddle by paddle.
    const log = await server.playfield.manager.repository.loadEvents(first.sessionId);
    const replayed = replay(log).rounds[first.roundId]?.state as RedBeadState;
    expect(replayed.stage).toBe('finished');
    expect(replayed.draws.map((d) => d.red)).toEqual(first.reds);
    expect(replayed.draws.map((d) => d.index)).toEqual(first.reds.map((_, i) => i));
  });

  it('runs a day on its own in demo mode and stops dipping when demo is turned off', async () => {
    const session = await server.createSession({ title: 'Rehearsal', agenda: redBeadAgenda() });
    const facilitator = await server.connect(facilitatorOf(session));
    // A lone observer watches the simulated workers from a phone.
    const watcher = await server.connect(participantOf(await server.join(session.code, 'Omar')));
    const roundId = await startRound(facilitator);

    await mustAct(facilitator, roundId, { type: 'demo', isOn: true, intervalMs: 300 });
    await mustAct(facilitator, roundId, { type: 'startDay' });
    const { plant: day1 } = await consoleWhere(facilitator, (p) => p.stage === 'dayEnded');
    expect(day1.chart.points).toHaveLength(6);
    expect(day1.workers.every((w) => w.isSimulated && w.draws === 1)).toBe(true);
    const seen = await phoneWhere(watcher, (p) => p.stage === 'dayEnded' && p.day === 1);
    expect(seen.table.rows.map((r) => r.cells[0]?.length)).toEqual([1, 1, 1, 1, 1, 1]);

    // Day 2: a couple of automatic paddles, then the facilitator turns demo off.
    await mustAct(facilitator, roundId, { type: 'startDay' });
    await consoleWhere(facilitator, (p) => p.chart.points.length >= 8);
    const offSeq = await mustAct(facilitator, roundId, {
      type: 'demo',
      isOn: false,
      intervalMs: 300,
    });
    const { plant: stopped } = await consoleWhere(facilitator, (p) => !p.demo.isOn);
    const drawn = stopped.chart.points.length;
    expect(stopped.stage).toBe('working');
    expect(stopped.currentWorkerId).not.toBeNull();

    // A clock made of the server's own timers: another plant's demo dips three paddles,
    // at least three intervals during which a leftover timer here would have fired.
    const clock = await server.createSession({ title: 'Clock', agenda: redBeadAgenda() });
    const clockConsole = await server.connect(facilitatorOf(clock));
    const clockRound = await startRound(clockConsole);
    await mustAct(clockConsole, clockRound, { type: 'demo', isOn: true, intervalMs: 300 });
    await mustAct(clockConsole, clockRound, { type: 'startDay' });
    await consoleWhere(clockConsole, (p) => p.chart.points.length >= 3);

    // Nothing was logged here meanwhile: the next command gets the very next seq.
    expect(await mustAct(facilitator, roundId, { type: 'chart', basis: 'data' })).toBe(offSeq + 1);
    const { plant: still } = await consoleWhere(
      facilitator,
      (p) => p.chartSettings.basis === 'data',
    );
    expect(still.chart.points).toHaveLength(drawn);
    // The facilitator can still dip by hand for a simulated worker.
    await mustAct(facilitator, roundId, { type: 'dip' });
    await consoleWhere(facilitator, (p) => p.chart.points.length === drawn + 1);
  });

  it('refuses management from phones, stale confirmations and impossible settings with clear errors', async () => {
    const session = await server.createSession({ title: 'Rules', agenda: redBeadAgenda() });
    const facilitator = await server.connect(facilitatorOf(session));
    const [inspectorSeat, observerSeat] = await Promise.all(
      ['Ines', 'Omar'].map((name) => server.join(session.code, name)),
    );
    const inspector = await server.connect(participantOf(inspectorSeat!));
    const observer = await server.connect(participantOf(observerSeat!));
    const roundId = await startRound(facilitator);
    await mustAct(facilitator, roundId, {
      type: 'assign',
      role: 'inspector',
      slot: 0,
      participantId: inspectorSeat!.participantId,
    });

    // Management is the facilitator's alone, and confirming counts the inspectors'. A
    // well-formed action of the other side is refused as FORBIDDEN before any rule runs.
    const assigned = await consoleWhere(facilitator, (p) => p.roles.inspectors[0] !== null);
    for (const action of [
      { type: 'quota', max: 3 },
      { type: 'startDay' },
      { type: 'fireWorst', count: 1 },
      { type: 'demo', isOn: true, intervalMs: 300 },
    ]) {
      for (const socket of [observer, inspector]) {
        const result = await act(socket, roundId, action);
        expect(result).toMatchObject(refused('FORBIDDEN'));
        expect(!result.ok && result.error.message).toBe('Only the facilitator can do that');
      }
    }
    expect(await act(facilitator, roundId, { type: 'confirm', drawIndex: 0 })).toMatchObject(
      refused('FORBIDDEN'),
    );
    expect(await act(facilitator, roundId, { type: 'quota', max: -1 })).toMatchObject(
      refused('BAD_REQUEST'),
    );
    // None of it reached the log: the next accepted command follows the assignment.
    const { plant: untouched } = await consoleWhere(facilitator, (p) => p.stage === 'setup');
    expect(untouched).toMatchObject({ quota: null, demo: { isOn: false } });

    // The facilitator dips for simulated worker A; the paddle waits for the inspector.
    expect(await mustAct(facilitator, roundId, { type: 'startDay' })).toBe(assigned.seq + 1);
    await mustAct(facilitator, roundId, { type: 'dip' });
    expect(await act(observer, roundId, { type: 'confirm', drawIndex: 0 })).toMatchObject(
      refused('FORBIDDEN'),
    );
    expect(await act(inspector, roundId, { type: 'confirm', drawIndex: 1 })).toMatchObject(
      refused('CONFLICT'),
    );
    await mustAct(inspector, roundId, { type: 'confirm', drawIndex: 0 });
    await mustAct(facilitator, roundId, { type: 'dip' });
    // Paddle 0 is on the record: confirming it again is stale.
    expect(await act(inspector, roundId, { type: 'confirm', drawIndex: 0 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'That paddle is no longer waiting for inspection' },
    });
    const { plant } = await consoleWhere(facilitator, (p) => p.paddle?.index === 1);
    expect(plant.chart.points).toHaveLength(1);
    expect(plant.paddle).toMatchObject({ confirmations: 0, isRecorded: false });

    // Settings the experiment cannot run with are refused with a sentence to act on.
    const add = (config: Partial<RedBeadConfig>) =>
      emitAck(facilitator, 'session.control', {
        type: 'agenda.add',
        round: { kind: 'redBead', title: 'Broken', config: { ...CONFIG, ...config } },
      });
    for (const [config, message] of [
      [{ beads: 0 }, /bead/i],
      [{ beads: 100, paddleHoles: 200 }, /paddle has 200 holes but the bucket only 100 beads/],
      [{ redSharePercent: 120 }, /between 0 and 100/],
      [{ workers: 0 }, /worker/i],
    ] as const) {
      const result = await add(config);
      expect(result).toMatchObject(refused('BAD_REQUEST'));
      expect(!result.ok && result.error.message).toMatch(message);
    }
    expect(await add({ seed: 'fine' })).toMatchObject({ ok: true });
    await nextView(facilitator, 'view.facilitator', (m) => m.view.agenda.length === 2);
  });
});

/** Starts the session and resolves with the Red Bead round's id. */
async function startRound(facilitator: TestSocket): Promise<string> {
  await mustControl(facilitator, { type: 'session.start' });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  return view.round?.id ?? '';
}

/**
 * The classic script from the console alone: simulated workers, no inspectors, so each
 * dip goes straight onto the record. Resolves with the red counts in order.
 */
async function runFromConsole(
  server: TestServer,
  seed: string,
): Promise<{ sessionId: string; roundId: string; reds: number[] }> {
  const session = await server.createSession({ title: seed, agenda: redBeadAgenda({ seed }) });
  const facilitator = await server.connect(facilitatorOf(session));
  const roundId = await startRound(facilitator);
  const step = (action: object) => mustAct(facilitator, roundId, action);
  await step({ type: 'quota', max: 3 });
  for (let day = 1; day <= 4; day++) {
    if (day === 2) await step({ type: 'reward', kind: 'praise' });
    if (day === 3) await step({ type: 'reward', kind: 'probation' });
    if (day === 4) {
      await step({ type: 'fireWorst', count: 3 });
      await step({ type: 'newSupplier', redSharePercent: 10 });
    }
    await step({ type: 'startDay' });
    for (let turn = 0; turn < 6; turn++) await step({ type: 'dip' });
  }
  const { plant } = await consoleWhere(facilitator, (p) => p.stage === 'finished');
  return { sessionId: session.sessionId, roundId, reds: plant.chart.points.map((p) => p.value) };
}
