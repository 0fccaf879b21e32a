/**
 * The quiz through real sockets: three phones answer, the server locks the question at its
 * deadline on its own (the automation hook), the reveal scores, the leaderboard and the
 * podium follow; a phone that reconnects with its resume token keeps its points and its
 * answer; the other role gets FORBIDDEN, malformed payloads BAD_REQUEST, and nothing of either
 * reaches the log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { CreateSessionBody, ExerciseViews, Result } from '@playfield/shared';
import type { QuizConfig } from '@playfield/shared/exercises/quiz/index';
import {
  emitRaw,
  emitAck,
  exerciseView,
  facilitatorOf,
  nextView,
  participantOf,
  receivedViews,
  screenOf,
  startTestServer,
  type TestServer,
  type TestSocket,
} from './harness.ts';

/** Q1: one right answer (B), 5 s, the shortest limit, so the automatic lock comes quickly. */
const CONFIG: QuizConfig = {
  questions: [
    {
      text: 'Who defines quality?',
      options: ['The inspector', 'The customer', 'The regulator'],
      correct: [1],
      timeLimitSeconds: 5,
      points: 1000,
    },
    {
      text: 'Which are sins of service?',
      options: ['Apathy', 'Late delivery', 'Runaround'],
      correct: [0, 2],
      timeLimitSeconds: 60,
      points: 500,
    },
  ],
  isSpeedBonus: false,
  leaderboardSize: 5,
  isAnonymous: false,
};

const agenda = (config: Partial<QuizConfig> = {}): CreateSessionBody['agenda'] => [
  { kind: 'quiz', title: 'Service quiz', config: { ...CONFIG, ...config } },
];

type Console = ExerciseViews<'quiz'>['facilitator'];
type Phone = ExerciseViews<'quiz'>['participantPublic'];
type Own = ExerciseViews<'quiz'>['participantOwn'];
type Screen = ExerciseViews<'quiz'>['screen'];

const consoleWhere = async (socket: TestSocket, predicate: (v: Console) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'quiz', predicate)).view;
const phoneWhere = async (socket: TestSocket, predicate: (v: Phone) => boolean) =>
  (await exerciseView(socket, 'view.public', 'quiz', predicate)).view;
const ownWhere = async (socket: TestSocket, predicate: (v: Own) => boolean) =>
  (await exerciseView(socket, 'view.own', 'quiz', predicate)).view;
const screenWhere = async (socket: TestSocket, predicate: (v: Screen) => boolean) =>
  (await exerciseView(socket, 'view.screen', 'quiz', predicate)).view;

/**
 * Waits longer than the harness's 5 s for the screen to show `phase`: the server's own lock
 * comes at the question's deadline, 5 s after it was shown. Still an awaited event, no sleep.
 */
function screenPhase(socket: TestSocket, phase: Screen['phase'], ms = 15_000): Promise<Screen> {
  const untyped = socket as unknown as Socket;
  return new Promise((resolve, reject) => {
    const listener = (message: { view: { round?: { kind: string; view: Screen } | null } }) => {
      const round = message.view.round;
      if (round?.kind !== 'quiz' || round.view.phase !== phase) return;
      clearTimeout(timer);
      untyped.off('view.screen', listener);
      resolve(round.view);
    };
    const timer = setTimeout(() => {
      untyped.off('view.screen', listener);
      reject(new Error(`The screen never showed ${phase}`));
    }, ms);
    untyped.on('view.screen', listener);
  });
}

const NAMES = ['Ana', 'Ben', 'Cai'];

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

async function openRoom(config: Partial<QuizConfig> = {}) {
  const session = await server.createSession({ title: 'Quiz day', agenda: agenda(config) });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(NAMES.map((name) => server.join(session.code, name)));
  const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
    ok: true,
  });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  const roundId = view.round?.id ?? '';
  const act = (socket: TestSocket, action: unknown): Promise<Result<{ seq: number }>> =>
    emitRaw(socket, 'round.act', { roundId, action }) as Promise<Result<{ seq: number }>>;
  return { session, facilitator, screen, seats, phones, act, roundId };
}

describe('a quiz, live', () => {
  it('locks at the deadline on its own, scores at the reveal, and keeps points through a reconnect', async () => {
    const { facilitator, screen, seats, phones, act, roundId } = await openRoom();
    const [ana, ben, cai] = phones as [TestSocket, TestSocket, TestSocket];
    const [anaSeat] = seats;

    const lockedScreen = screenPhase(screen, 'locked');
    expect(await act(facilitator, { type: 'show', question: 0 })).toMatchObject({ ok: true });
    const shown = await phoneWhere(ana, (v) => v.phase === 'question');
    expect(shown.question).toEqual({
      index: 0,
      text: 'Who defines quality?',
      options: ['The inspector', 'The customer', 'The regulator'],
      isMultiple: false,
      points: 1000,
    });
    expect(shown.clock?.durationMs).toBe(5000);
    expect(JSON.stringify(shown)).not.toContain('correct":[');

    expect(await act(ana, { type: 'answer', question: 0, choices: [1] })).toMatchObject({
      ok: true,
    });
    expect(await act(ben, { type: 'answer', question: 0, choices: [0] })).toMatchObject({
      ok: true,
    });
    expect(await ownWhere(ana, (v) => v.answer !== null)).toEqual({
      answer: { choices: [1] },
      result: null,
      total: 0,
      rank: null,
      previousRank: null,
    });
    await screenWhere(screen, (v) => v.answered === 2);

    // Nobody presses anything: the server locks the question at its deadline.
    const locked = await lockedScreen;
    expect(locked.distribution).toEqual({ counts: [1, 1, 0], answered: 2, right: 1 });
    expect(locked.correct).toBeNull();
    expect(await act(cai, { type: 'answer', question: 0, choices: [1] })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_LOCKED' },
    });

    expect(await act(facilitator, { type: 'reveal', question: 0 })).toMatchObject({ ok: true });
    expect(await ownWhere(ana, (v) => v.result !== null)).toEqual({
      answer: { choices: [1] },
      result: { isCorrect: true, points: 1000 },
      total: 1000,
      rank: 1,
      previousRank: null,
    });
    expect(await ownWhere(ben, (v) => v.result !== null)).toMatchObject({
      result: { isCorrect: false, points: 0 },
      rank: 2,
    });
    expect(await phoneWhere(cai, (v) => v.correct !== null)).toMatchObject({
      correct: [1],
      rankedCount: 2,
    });

    // Ana's phone locks and comes back with its resume token: same seat, same points.
    ana.disconnect();
    const again = await server.connect(participantOf(anaSeat as NonNullable<typeof anaSeat>));
    const back = await nextView(again, 'view.own', (m) => m.view.round?.id === roundId);
    expect(back.view.round?.view).toEqual({
      answer: { choices: [1] },
      result: { isCorrect: true, points: 1000 },
      total: 1000,
      rank: 1,
      previousRank: null,
    });

    expect(await act(facilitator, { type: 'leaderboard', question: 0 })).toMatchObject({
      ok: true,
    });
    expect((await screenWhere(screen, (v) => v.phase === 'leaderboard')).leaderboard).toEqual([
      { rank: 1, previousRank: null, name: 'Ana', points: 1000 },
      { rank: 2, previousRank: null, name: 'Ben', points: 0 },
    ]);

    // The second question, answered from the reconnected phone, adds to the same seat.
    expect(await act(facilitator, { type: 'show', question: 1 })).toMatchObject({ ok: true });
    await phoneWhere(again, (v) => v.phase === 'question' && v.current === 1);
    expect(await act(again, { type: 'answer', question: 1, choices: [2, 0] })).toMatchObject({
      ok: true,
    });
    expect(await act(cai, { type: 'answer', question: 1, choices: [0] })).toMatchObject({
      ok: true,
    });
    expect(await act(facilitator, { type: 'lock', question: 1 })).toMatchObject({ ok: true });
    expect(await act(facilitator, { type: 'reveal', question: 1 })).toMatchObject({ ok: true });
    expect(await ownWhere(again, (v) => v.result !== null && v.total > 1000)).toMatchObject({
      result: { isCorrect: true, points: 500 },
      total: 1500,
      rank: 1,
      previousRank: 1,
    });
    expect(await act(facilitator, { type: 'finish' })).toMatchObject({ ok: true });
    const final = await screenWhere(screen, (v) => v.phase === 'final');
    expect(final.leaderboard).toEqual([
      { rank: 1, previousRank: 1, name: 'Ana', points: 1500 },
      { rank: 2, previousRank: 2, name: 'Ben', points: 0 },
      { rank: 2, previousRank: null, name: 'Cai', points: 0 },
    ]);
    const console = await consoleWhere(facilitator, (v) => v.phase === 'final');
    expect(console.asked).toEqual([
      { text: 'Who defines quality?', answered: 2, right: 1 },
      { text: 'Which are sins of service?', answered: 2, right: 1 },
    ]);

    // No phone's shared view, and no screen view, carries anyone's answer.
    for (const socket of [screen, ana, ben, cai, again]) {
      for (const { event, message } of receivedViews(socket)) {
        if (event === 'view.own') continue;
        expect(JSON.stringify(message), event).not.toContain('"choices"');
      }
    }
    // Own views carry only their owner's answer.
    for (const { event, message } of receivedViews(ben)) {
      if (event === 'view.own') expect(JSON.stringify(message)).not.toContain('"choices":[1]');
    }
  }, 30_000);

  it('names nobody anywhere in the round views when the quiz is anonymous', async () => {
    const { facilitator, screen, seats, phones, act } = await openRoom({ isAnonymous: true });
    const [ana] = phones as [TestSocket];
    expect(await act(facilitator, { type: 'show', question: 0 })).toMatchObject({ ok: true });
    expect(await act(ana, { type: 'answer', question: 0, choices: [1] })).toMatchObject({
      ok: true,
    });
    expect(await act(facilitator, { type: 'lock', question: 0 })).toMatchObject({ ok: true });
    expect(await act(facilitator, { type: 'reveal', question: 0 })).toMatchObject({ ok: true });
    expect(await act(facilitator, { type: 'leaderboard', question: 0 })).toMatchObject({
      ok: true,
    });
    const board = await screenWhere(screen, (v) => v.phase === 'leaderboard');
    expect(board.leaderboard).toEqual([{ rank: 1, previousRank: null, name: null, points: 1000 }]);
    await consoleWhere(facilitator, (v) => v.leaderboard.length === 1);
    for (const socket of [facilitator, screen, ...phones]) {
      for (const { event, message } of receivedViews(socket)) {
        if (event === 'view.own') continue;
        const { round } = (message as { view: { round: unknown } }).view;
        for (const seat of seats) {
          expect(JSON.stringify(round), event).not.toContain(seat.name);
          expect(JSON.stringify(round), event).not.toContain(seat.participantId);
        }
      }
    }
  });

  it('refuses the other role as FORBIDDEN and malformed payloads as BAD_REQUEST, storing nothing', async () => {
    const { facilitator, phones, act } = await openRoom();
    const [ana] = phones as [TestSocket];
    expect(await act(facilitator, { type: 'show', question: 0 })).toMatchObject({ ok: true });
    await phoneWhere(ana, (v) => v.phase === 'question');
    const events = server.countRows('events');

    for (const action of [
      { type: 'show', question: 1 },
      { type: 'lock', question: 0 },
      { type: 'reveal', question: 0 },
      { type: 'leaderboard', question: 0 },
      { type: 'finish' },
    ]) {
      expect(await act(ana, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await act(facilitator, { type: 'answer', question: 0, choices: [1] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const action of [
      { type: 'answer' },
      { type: 'answer', question: 0, choices: [] },
      { type: 'answer', question: 0, choices: [9] },
      { type: 'answer', question: '0', choices: [1] },
      { type: 'answer', question: 0, choices: 'B' },
      { type: 'answer', question: 0, choices: Array.from({ length: 500 }, () => 1) },
      { type: '__proto__' },
    ]) {
      expect(await act(ana, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    for (const action of [
      { type: 'show', question: '__proto__' },
      { type: 'show', question: 99 },
      { type: 'skip' },
    ]) {
      expect(await act(facilitator, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(await act(ana, { type: 'answer', question: 0, choices: [0, 1] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'Choose one answer' },
    });
    expect(await act(ana, { type: 'answer', question: 1, choices: [0] })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_LOCKED' },
    });
    expect(server.countRows('events')).toBe(events);
    expect((await consoleWhere(facilitator, () => true)).playerCount).toBe(0);
  });

  it('refuses a quiz config out of bounds when the session is created', async () => {
    await expect(
      server.createSession({
        title: 'Bad quiz',
        agenda: agenda({ questions: [{ ...CONFIG.questions[0]!, timeLimitSeconds: 500 }] }),
      }),
    ).rejects.toThrow(/time limit can be at most 120/);
  });
});
