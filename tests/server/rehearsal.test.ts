/**
 * The rehearsal runner over a real server and real sockets: a rehearsal is created, its
 * simulated seats join and act through the logged command path (the log replays to the
 * live state), the typed code is refused unless the facilitator opens it, the pace and
 * the pause are the facilitator's, a seat can be taken over on a phone, and ending the
 * session stops the runner.
 */
import {
  docIdOf,
  getExercise,
  replay,
  type CreatedSession,
  type RoundInput,
  type TakenSeat,
} from '@playfield/shared';
import { parsePlan } from '@playfield/shared/plans/plan';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, startPlayfield } from '@playfield/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emitAck,
  facilitatorOf,
  nextView,
  participantOf,
  pollRound,
  postJson,
  requestJson,
  startTestServer,
  type TestServer,
} from './harness.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

function round(kind: 'dotVote' | 'actionPlan'): RoundInput {
  const exercise = getExercise(kind);
  return { kind, title: exercise?.label ?? kind, config: exercise?.defaultConfig() } as RoundInput;
}

async function createRehearsal(seats = 12, actionsPerMinute = 6000): Promise<CreatedSession> {
  const response = await postJson(`${server.url}/api/rehearsals`, {
    title: 'Evening before',
    agenda: [pollRound(), round('dotVote'), round('actionPlan')],
    rehearsal: { seats, actionsPerMinute },
  });
  expect(response.status).toBe(201);
  return response.body as CreatedSession;
}

describe('rehearsal runner', () => {
  it('seats join and act through the log; typed code refused; pace, pause, take a seat, end', async () => {
    const session = await createRehearsal();
    const runner = server.playfield.rehearsals.runnerOf(session.sessionId);
    expect(runner).toBeDefined();
    const facilitator = await server.connect(facilitatorOf(session));
    const lobby = await nextView(
      facilitator,
      'view.facilitator',
      ({ view }) => view.roster.filter((p) => p.isSimulated).length === 12,
    );
    expect(lobby.view.session.isRehearsal).toBe(true);
    // The title carries the label into the notebook, the exports and every list.
    expect(lobby.view.session.title).toBe('Rehearsal: Evening before');
    expect(lobby.view.rehearsal).toMatchObject({ seats: 12, isPaused: false, isOpenToCode: false });

    // The typed code is refused with a clear message; the link (with the session id) works.
    const typed = await requestJson(`${server.url}/api/join/${session.code}`);
    expect(typed.status).toBe(403);
    expect(JSON.stringify(typed.body)).toContain('rehearsal');
    const typedJoin = await postJson(`${server.url}/api/join`, {
      code: session.code,
      name: 'Outsider',
      deviceId: 'device-outsider-0001',
    });
    expect(typedJoin.status).toBe(403);
    const byLink = await postJson(`${server.url}/api/join`, {
      code: session.code,
      name: 'Me on my phone',
      deviceId: 'device-linked-00001',
      sessionId: session.sessionId,
    });
    expect(byLink.status).toBe(201);
    // The facilitator opens it to codes: now the typed code works too.
    expect(
      await emitAck(facilitator, 'session.control', { type: 'rehearsal.openToCode', isOpen: true }),
    ).toMatchObject({ ok: true });
    expect((await requestJson(`${server.url}/api/join/${session.code}`)).status).toBe(200);

    // The real person's phone may not steer the rehearsal; junk is refused and not stored.
    const phone = await server.connect(participantOf(byLink.body as { resumeToken: string }));
    expect(
      await emitAck(phone, 'session.control', { type: 'rehearsal.pause', isPaused: true }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const events = server.countRows('events');
    expect(
      await emitAck(facilitator, 'session.control', {
        type: 'rehearsal.pace',
        actionsPerMinute: 'fast',
      } as never),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await emitAck(facilitator, 'session.control', {
        type: 'rehearsal.pace',
        actionsPerMinute: 1_000_000,
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(server.countRows('events')).toBe(events);

    // Start: the 12 simulated seats answer the poll.
    expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
      ok: true,
    });
    await nextView(facilitator, 'view.facilitator', ({ view }) => view.round?.submitted === 12);

    // Paused, nobody acts in the next round however long the runner looks.
    expect(
      await emitAck(facilitator, 'session.control', { type: 'rehearsal.pause', isPaused: true }),
    ).toMatchObject({ ok: true });
    expect(await emitAck(facilitator, 'session.control', { type: 'round.next' })).toMatchObject({
      ok: true,
    });
    const acted = runner?.stats.acted ?? 0;
    await runner?.afterTicks(3);
    expect(runner?.stats.acted).toBe(acted);
    expect(
      server.playfield.manager.peek(session.sessionId)?.facilitatorMessage().view.round?.submitted,
    ).toBe(0);
    // A slower pace, resumed: the dot vote fills up.
    expect(
      await emitAck(facilitator, 'session.control', {
        type: 'rehearsal.pace',
        actionsPerMinute: 3000,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await emitAck(facilitator, 'session.control', { type: 'rehearsal.pause', isPaused: false }),
    ).toMatchObject({ ok: true });
    await nextView(
      facilitator,
      'view.facilitator',
      ({ view }) => view.round?.kind === 'dotVote' && view.round.submitted === 12,
    );

    // Take a seat: only with the facilitator's token; the seat is a person's from then on.
    const seatId = lobby.view.roster.find((p) => p.isSimulated)?.id ?? '';
    const takeUrl = `${server.url}/api/sessions/${session.sessionId}/rehearsal/seats/${seatId}`;
    expect((await postJson(takeUrl, {})).status).toBe(401);
    expect(
      (
        await postJson(
          `${server.url}/api/sessions/${session.sessionId}/rehearsal/seats/__proto__`,
          {},
          {
            authorization: `Bearer ${session.facilitatorToken}`,
          },
        )
      ).status,
    ).toBe(400);
    const taken = await postJson(
      takeUrl,
      {},
      { authorization: `Bearer ${session.facilitatorToken}` },
    );
    expect(taken.status).toBe(201);
    const seat = taken.body as TakenSeat;
    expect(seat).toMatchObject({ participantId: seatId, code: session.code });
    const mine = await server.connect(participantOf(seat));
    const own = await nextView(mine, 'view.own', ({ view }) => view.participantId === seatId);
    expect(own.view.name).toBe(seat.name);
    await nextView(
      facilitator,
      'view.facilitator',
      ({ view }) => view.roster.find((p) => p.id === seatId)?.isSimulated === undefined,
    );

    // The action-plan round: the eleven simulated seats write plans and finish them.
    expect(await emitAck(facilitator, 'session.control', { type: 'round.next' })).toMatchObject({
      ok: true,
    });
    await nextView(
      facilitator,
      'view.facilitator',
      ({ view }) => view.round?.kind === 'actionPlan' && view.round.submitted === 11,
    );
    const live = server.playfield.manager.peek(session.sessionId);
    const simulatedId = Object.values(live?.state.participants ?? {}).find(
      (p) => p.isSimulated,
    )?.id;
    const plan = await server.playfield.documents.get(
      docIdOf({ kind: 'plan', sessionId: session.sessionId, participantId: simulatedId ?? '' }),
    );
    const parsed = parsePlan(plan.doc);
    expect(JSON.stringify(parsed)).toMatch(/I will /);
    // The taken seat did nothing on its own.
    expect(live?.state.rounds[live.state.currentRoundId ?? '']).toBeDefined();

    // Everything went through the log: replaying it gives the live state.
    const stored = await server.playfield.manager.repository.loadEvents(session.sessionId);
    expect(replay(stored)).toEqual(live?.state);

    // Ending the session stops the runner.
    expect(await emitAck(facilitator, 'session.control', { type: 'session.end' })).toMatchObject({
      ok: true,
    });
    await runner?.afterTicks(1);
    expect(runner?.isRunning).toBe(false);
    expect(runner?.stats.refused).toBe(0);
  }, 60_000);

  it('resumes after a restart: the same seats, nobody joined twice, acting again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-rehearsal-'));
    const start = () =>
      startPlayfield({
        ...loadConfig({}),
        port: 0,
        host: '127.0.0.1',
        dataDir,
        clientDir: null,
        isQuiet: true,
        allowedOrigins: [],
      });
    try {
      let playfield = await start();
      const created = await playfield.rehearsals.create({
        title: 'Restart me',
        agenda: [pollRound(), round('dotVote')],
        rehearsal: { seats: 5, actionsPerMinute: 6000 },
      });
      if (!created.ok) throw new Error(created.error.message);
      const id = created.data.sessionId;
      const first = playfield.manager.peek(id);
      await playfield.rehearsals.runnerOf(id)?.ready;
      // Paused before the start, so nobody answers before the restart.
      await first?.execute({ type: 'rehearsal.pause', isPaused: true }, { role: 'facilitator' });
      await first?.execute({ type: 'session.start' }, { role: 'facilitator' });
      expect(Object.keys(first?.state.participants ?? {})).toHaveLength(5);
      await playfield.close();

      playfield = await start();
      const again = await playfield.manager.get(id);
      const runner = playfield.rehearsals.runnerOf(id);
      expect(runner?.isRunning).toBe(true);
      expect(again?.state.rehearsal?.isPaused).toBe(true);
      await again?.execute({ type: 'rehearsal.pause', isPaused: false }, { role: 'facilitator' });
      // The poll fills up again after the restart, from the same five seats.
      while ((again?.facilitatorMessage().view.round?.submitted ?? 0) < 5)
        await runner?.afterTicks(1);
      expect(runner?.stats.acted).toBeGreaterThanOrEqual(5);
      expect(runner?.stats.joined).toBe(0);
      expect(Object.keys(again?.state.participants ?? {})).toHaveLength(5);
      const stored = await playfield.manager.repository.loadEvents(id);
      expect(replay(stored)).toEqual(again?.state);
      await playfield.close();
      expect(runner?.isRunning).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is told of its session by the manager: stops when it leaves memory, starts when loaded again', async () => {
    const session = await createRehearsal(3);
    const { manager, rehearsals } = server.playfield;
    const acks: number[] = [];
    const stopObserving = rehearsals.observeAcks(({ seq, sentAt, ackedAt }) => {
      expect(ackedAt).toBeGreaterThanOrEqual(sentAt);
      acks.push(seq);
    });
    const first = rehearsals.runnerOf(session.sessionId);
    await first?.ready;
    const live = manager.peek(session.sessionId);
    await live?.execute({ type: 'session.start' }, { role: 'facilitator' });
    while (acks.length === 0) await first?.afterTicks(1);
    stopObserving();

    // Taken out of memory (as a delete does): the runner sees it is no longer current.
    const release = await manager.drop(session.sessionId, {
      code: 'NOT_FOUND',
      message: 'Gone for the test',
    });
    await first?.afterTicks(1);
    expect(first?.isRunning).toBe(false);
    release();

    // Loaded again: the manager tells the runners, and a new one takes over.
    const again = await manager.get(session.sessionId);
    expect(again).not.toBe(live);
    const second = rehearsals.runnerOf(session.sessionId);
    expect(second).not.toBe(first);
    expect(second?.isRunning).toBe(true);
    await second?.ready;
    // The same seats, nobody joined twice.
    expect(second?.stats.joined).toBe(0);
    expect(Object.keys(again?.state.participants ?? {})).toHaveLength(3);
  });

  it('a real session ignores rehearsal commands and its typed code works', async () => {
    const session = await server.createSession();
    expect(server.playfield.rehearsals.runnerOf(session.sessionId)).toBeUndefined();
    const facilitator = await server.connect(facilitatorOf(session));
    expect(
      await emitAck(facilitator, 'session.control', { type: 'rehearsal.pause', isPaused: true }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await requestJson(`${server.url}/api/join/${session.code}`)).status).toBe(200);
    const bad = await postJson(`${server.url}/api/rehearsals`, {
      title: 'Too many',
      agenda: [],
      rehearsal: { seats: 201, actionsPerMinute: 60 },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('at most 200');
  });
});
