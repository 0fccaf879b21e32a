/**
 * Scales and rankings over real sockets. A temperature check is rated by three phones (a
 * change and a skip included), the console sees live figures, the screen waits for the
 * reveal; a second check later in the agenda takes the first one's figures from the results
 * route and shows before -> after. A ranking is ordered by three phones, the console sees the
 * Borda ranking live, the screen and the phones after the reveal. Phones cannot use the
 * console's actions (FORBIDDEN), the console cannot rate (FORBIDDEN), malformed payloads are
 * BAD_REQUEST, and none of them stores an event.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateSessionBody, ExerciseViews, Result, RoundResult } from '@playfield/shared';
import type { RankingConfig } from '@playfield/shared/exercises/ranking/index';
import { baselineFromSummary, type ScaleConfig } from '@playfield/shared/exercises/scale/index';
import {
  emitAck,
  emitRaw,
  exerciseView,
  facilitatorOf,
  nextView,
  participantOf,
  receivedViews,
  requestJson,
  screenOf,
  startTestServer,
  type TestServer,
  type TestSocket,
} from './harness.ts';

const SCALE: ScaleConfig = {
  question: 'How true is each statement of our team today?',
  statements: ['We listen to customers.', 'We keep our promises.'],
  scale: '1-5',
  lowLabel: 'Strongly disagree',
  highLabel: 'Strongly agree',
  allowSkip: true,
  showLive: false,
  compareWith: null,
};
const RANKING: RankingConfig = {
  question: 'Which sin do we commit most?',
  items: ['Apathy', 'Brush-off', 'Coldness'].map((label) => ({ label, description: '' })),
};

type ScaleConsole = ExerciseViews<'scale'>['facilitator'];
type RankingConsole = ExerciseViews<'ranking'>['facilitator'];

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const NAMES = ['Ana', 'Ben', 'Cai'];

async function openRoom(agenda: CreateSessionBody['agenda']) {
  const session = await server.createSession({ title: 'Service basics', agenda });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(NAMES.map((name) => server.join(session.code, name)));
  const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
    ok: true,
  });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  const roundIds = view.agenda.map((r) => r.id);
  let current = view.round?.id ?? '';
  const act = (socket: TestSocket, action: unknown): Promise<Result<{ seq: number }>> =>
    emitRaw(socket, 'round.act', { roundId: current, action }) as Promise<Result<{ seq: number }>>;
  const control = (command: unknown) =>
    emitRaw(facilitator, 'session.control', command) as Promise<Result<unknown>>;
  const next = async () => {
    expect(await control({ type: 'round.next' })).toMatchObject({ ok: true });
    const moved = await nextView(
      facilitator,
      'view.facilitator',
      (m) => m.view.round?.id !== current,
    );
    current = moved.view.round?.id ?? '';
  };
  return { session, facilitator, screen, phones, roundIds, act, control, next };
}

const scaleConsole = async (socket: TestSocket, predicate: (v: ScaleConsole) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'scale', predicate)).view;
const rankingConsole = async (socket: TestSocket, predicate: (v: RankingConsole) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'ranking', predicate)).view;

describe('a scale round, live', () => {
  it('rates, reveals, and compares a later check with an earlier one by statement text', async () => {
    const room = await openRoom([
      { kind: 'scale', title: 'Before', config: SCALE },
      {
        kind: 'scale',
        title: 'After',
        config: { ...SCALE, statements: ['We keep our promises', 'We listen to customers.'] },
      },
    ]);
    const { facilitator, screen, phones, act } = room;
    const [ana, ben, cai] = phones as [TestSocket, TestSocket, TestSocket];
    for (const [phone, statement, value] of [
      [ana, 0, 2],
      [ben, 0, 3],
      [cai, 0, 5],
      [cai, 0, 4], // changed
      [ana, 1, 'skip'],
      [ben, 1, 4],
    ] as const) {
      expect(await act(phone, { type: 'rate', statement, value })).toMatchObject({ ok: true });
    }
    const live = await scaleConsole(facilitator, (v) => v.statements[1]?.count === 1);
    expect(live.respondents).toBe(3);
    expect(live.statements.map((s) => [s.count, s.mean, s.median, s.skipped])).toEqual([
      [3, 3, 3, 0],
      [1, 4, 4, 1],
    ]);
    expect(
      await exerciseView(screen, 'view.screen', 'scale', (v) => v.respondents === 3),
    ).toMatchObject({ view: { results: null } });
    expect(
      (await exerciseView(ana, 'view.own', 'scale', (v) => v.answers[1] === 'skip')).view,
    ).toEqual({ answers: [2, 'skip'] });

    expect(await room.control({ type: 'round.reveal' })).toMatchObject({ ok: true });
    const shown = await exerciseView(screen, 'view.screen', 'scale', (v) => v.results !== null);
    expect(shown.view.results?.map((s) => s.mean)).toEqual([3, 4]);
    await exerciseView(ben, 'view.public', 'scale', (v) => v.results !== null);
    // Nobody's id or name in any public, screen or console round view.
    const secrets = NAMES;
    for (const socket of [facilitator, screen, ...phones]) {
      for (const { event, message } of receivedViews(socket)) {
        if (event === 'view.own') continue;
        const { round } = (message as { view: { round: unknown } }).view;
        for (const secret of secrets) expect(JSON.stringify(round), event).not.toContain(secret);
      }
    }

    // The second check compares with the first: set it, move on, take in the figures.
    const [before = '', after = ''] = room.roundIds;
    expect(
      await room.control({
        type: 'agenda.update',
        roundId: after,
        config: {
          ...SCALE,
          statements: ['We keep our promises', 'We listen to customers.'],
          compareWith: before,
        },
      }),
    ).toMatchObject({ ok: true });
    await room.next();
    const results = await requestJson(
      `${server.url}/api/sessions/${room.session.sessionId}/results`,
      {
        headers: { authorization: `Bearer ${room.session.facilitatorToken}` },
      },
    );
    const earlier = (results.body as { rounds: RoundResult[] }).rounds.find(
      (r) => r.roundId === before,
    );
    const figures = earlier && baselineFromSummary(earlier.roundId, earlier.title, earlier.summary);
    expect(figures?.statements.map((s) => s.mean)).toEqual([3, 4]);
    expect(await act(facilitator, { type: 'baseline', ...figures })).toMatchObject({ ok: true });
    expect(await act(ana, { type: 'rate', statement: 1, value: 5 })).toMatchObject({ ok: true });
    const compared = await scaleConsole(facilitator, (v) => v.statements[1]?.count === 1);
    expect(compared.baseline).toEqual({ roundId: before, title: 'Before', matched: 2 });
    expect(compared.statements.map((s) => [s.text, s.before?.mean, s.mean])).toEqual([
      ['We keep our promises', 4, null],
      ['We listen to customers.', 3, 5],
    ]);
    expect(await room.control({ type: 'round.reveal' })).toMatchObject({ ok: true });
    const screenAfter = await exerciseView(
      screen,
      'view.screen',
      'scale',
      (v) => v.comparedWith !== null && v.results !== null,
    );
    expect(screenAfter.view.results?.[1]?.before?.mean).toBe(3);
  });

  it('refuses the other side’s actions as FORBIDDEN and malformed ratings as BAD_REQUEST, storing nothing', async () => {
    const { facilitator, phones, act } = await openRoom([
      { kind: 'scale', title: 'Check', config: { ...SCALE, allowSkip: false } },
    ]);
    const [ana] = phones as [TestSocket];
    expect(await act(ana, { type: 'rate', statement: 0, value: 4 })).toMatchObject({ ok: true });
    await scaleConsole(facilitator, (v) => v.respondents === 1);
    const events = server.countRows('events');
    for (const action of [
      { type: 'reset' },
      { type: 'page', page: 0 },
      { type: 'clearBaseline' },
      { type: 'baseline', roundId: 'r1', title: 'x', statements: [] },
    ]) {
      expect(await act(ana, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Only the facilitator can do that' },
      });
    }
    expect(await act(facilitator, { type: 'rate', statement: 0, value: 3 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const action of [
      { type: 'rate' },
      { type: 'rate', statement: 0, value: 2.5 },
      { type: 'rate', statement: 40, value: 2 },
      { type: 'rate', statement: 0, value: 'maybe' },
      { type: 'rate', statement: '__proto__', value: 2 },
      { type: 'shout' },
      'rate',
    ]) {
      expect(await act(ana, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    for (const [action, message] of [
      [{ type: 'rate', statement: 0, value: 9 }, 'A rating on this scale is from 1 to 5'],
      [
        { type: 'rate', statement: 0, value: 'skip' },
        'This round asks for a rating on every statement',
      ],
      [{ type: 'rate', statement: 5, value: 2 }, 'That statement does not exist'],
    ] as const) {
      expect(await act(ana, action)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ACTION', message },
      });
    }
    expect(
      await act(facilitator, {
        type: 'baseline',
        roundId: '__proto__',
        title: 'x',
        statements: [],
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(server.countRows('events')).toBe(events);
    const after = await scaleConsole(facilitator, () => true);
    expect(after.statements[0]).toMatchObject({ count: 1, mean: 4 });
  });
});

describe('a ranking round, live', () => {
  it('ranks by Borda count live on the console, then on the screen and phones after the reveal', async () => {
    const room = await openRoom([{ kind: 'ranking', title: 'Seven sins', config: RANKING }]);
    const { facilitator, screen, phones, act } = room;
    const [ana, ben, cai] = phones as [TestSocket, TestSocket, TestSocket];
    // Ana A B C, Ben B A C, Cai C A B then B C A: A 2+1+0 = 3, B 1+2+2 = 5, C 0+0+1 = 1.
    expect(await act(ana, { type: 'submit', order: [0, 1, 2] })).toMatchObject({ ok: true });
    expect(await act(ben, { type: 'submit', order: [1, 0, 2] })).toMatchObject({ ok: true });
    expect(await act(cai, { type: 'submit', order: [2, 0, 1] })).toMatchObject({ ok: true });
    expect(await act(cai, { type: 'submit', order: [1, 2, 0] })).toMatchObject({ ok: true });
    const live = await rankingConsole(facilitator, (v) => v.ranking[0]?.points === 5);
    expect(live.submitted).toBe(3);
    expect(live.ranking.map((r) => [r.label, r.points, r.rank, r.firsts])).toEqual([
      ['Brush-off', 5, 1, 2],
      ['Apathy', 3, 2, 1],
      ['Coldness', 1, 3, 0],
    ]);
    expect(
      (await exerciseView(screen, 'view.screen', 'ranking', (v) => v.submitted === 3)).view.results,
    ).toBeNull();
    expect(
      (await exerciseView(cai, 'view.own', 'ranking', (v) => v.order?.[0] === 1)).view,
    ).toEqual({
      order: [1, 2, 0],
    });
    expect(await room.control({ type: 'round.reveal' })).toMatchObject({ ok: true });
    const shown = await exerciseView(screen, 'view.screen', 'ranking', (v) => v.results !== null);
    expect(shown.view.results).toEqual(live.ranking);
    const onPhone = await exerciseView(ana, 'view.public', 'ranking', (v) => v.results !== null);
    expect(onPhone.view.results).toEqual({ ranking: live.ranking, submitted: 3 });

    // Locked: orders no longer change.
    expect(await room.control({ type: 'round.lock' })).toMatchObject({ ok: true });
    expect(await act(ana, { type: 'submit', order: [2, 1, 0] })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_LOCKED' },
    });
  });

  it('refuses partial orders, the other side’s actions and malformed payloads, storing nothing', async () => {
    const { facilitator, phones, act } = await openRoom([
      { kind: 'ranking', title: 'Seven sins', config: RANKING },
    ]);
    const [ana] = phones as [TestSocket];
    const events = server.countRows('events');
    expect(await act(ana, { type: 'reset' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only the facilitator can do that' },
    });
    expect(await act(facilitator, { type: 'submit', order: [0, 1, 2] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const action of [
      { type: 'submit' },
      { type: 'submit', order: [0, 1] },
      { type: 'submit', order: [0, 1, 'two'] },
      { type: 'submit', order: Array.from({ length: 11 }, (_, i) => i) },
      { type: 'submit', order: { 0: 0, 1: 1, 2: 2 } },
    ]) {
      expect(await act(ana, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    for (const order of [
      [0, 1, 1],
      [0, 1, 2, 3],
      [0, 1, 9],
    ]) {
      expect(await act(ana, { type: 'submit', order })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ACTION', message: 'Place each of the 3 items once' },
      });
    }
    expect(server.countRows('events')).toBe(events);
    expect((await rankingConsole(facilitator, () => true)).submitted).toBe(0);
  });
});
