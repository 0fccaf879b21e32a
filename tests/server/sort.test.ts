/**
 * The sort through real sockets: a facilitator, a room screen and three phones sort three
 * statements; answers stay private (and the phones' shared view still) until the reveal;
 * a phone cannot act for the facilitator, and malformed or impossible placements are
 * refused without a trace in the log. Every wait is on an ack or a view; nothing sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateSessionBody, ExerciseViews, Result } from '@playfield/shared';
import type { SortConfig } from '@playfield/shared/exercises/sort/index';
import {
  emitAck,
  emitRaw,
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

const CONFIG: SortConfig = {
  prompt: 'Product or service performance?',
  categories: ['Product performance', 'Service performance'],
  items: [
    { text: 'Tangible, stackable, weighable', answer: 0 },
    { text: 'Produced with the customer present', answer: 1 },
    { text: 'Billed monthly', answer: null },
  ],
};

const agenda = (): CreateSessionBody['agenda'] => [
  { kind: 'sort', title: 'Warm-up sort', config: CONFIG },
];

type Console = ExerciseViews<'sort'>['facilitator'];
type Phone = ExerciseViews<'sort'>['participantPublic'];
type Own = ExerciseViews<'sort'>['participantOwn'];
type Screen = ExerciseViews<'sort'>['screen'];

const consoleWhere = async (socket: TestSocket, predicate: (v: Console) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'sort', predicate)).view;
const phoneWhere = async (socket: TestSocket, predicate: (v: Phone) => boolean) =>
  (await exerciseView(socket, 'view.public', 'sort', predicate)).view;
const ownWhere = async (socket: TestSocket, predicate: (v: Own) => boolean) =>
  (await exerciseView(socket, 'view.own', 'sort', predicate)).view;
const screenWhere = async (socket: TestSocket, predicate: (v: Screen) => boolean) =>
  (await exerciseView(socket, 'view.screen', 'sort', predicate)).view;

const place = (item: number, category: number) => ({ type: 'place', item, category });

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/** A started session on the sort: the console, the screen and three phones connected. */
async function openRoom() {
  const session = await server.createSession({ title: 'Service Pro', agenda: agenda() });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(
    ['Ana', 'Ben', 'Cai'].map((name) => server.join(session.code, name)),
  );
  const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
    ok: true,
  });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  const roundId = view.round?.id ?? '';
  const act = (socket: TestSocket, action: unknown): Promise<Result<{ seq: number }>> =>
    emitRaw(socket, 'round.act', { roundId, action }) as Promise<Result<{ seq: number }>>;
  return { session, facilitator, screen, seats, phones, roundId, act };
}

/** Every placement must be accepted. */
async function sortAll(
  act: (socket: TestSocket, action: unknown) => Promise<Result<{ seq: number }>>,
  phones: TestSocket[],
  answers: number[][],
) {
  for (const [p, phone] of phones.entries()) {
    for (const [item, category] of (answers[p] ?? []).entries()) {
      expect(await act(phone, place(item, category))).toMatchObject({ ok: true });
    }
  }
}

describe('a sort, live', () => {
  it('runs a round end to end: private sorting, a focused statement, lock, reveal and scores', async () => {
    const { facilitator, screen, phones, act } = await openRoom();
    const [ana, ben, cai] = phones as [TestSocket, TestSocket, TestSocket];
    await phoneWhere(ana, (v) => v.items.length === 3);
    const publicBefore = receivedViews(ana).filter((r) => r.event === 'view.public').length;

    // Ana sorts all three as expected; Ben gets the first one "wrong"; Cai sorts one.
    await sortAll(act, phones, [[0, 1, 0], [1, 1, 1], [0]]);

    const live = await consoleWhere(facilitator, (v) => v.results.respondents === 3);
    expect(live.results.items.map((i) => i.counts)).toEqual([
      [2, 1],
      [0, 2],
      [1, 1],
    ]);
    expect(live.results).toMatchObject({ finished: 2, averageCorrectShare: 4 / 5 });
    expect(live.scoreSpread).toEqual([0, 2, 1]);
    // The screen shows progress only; the phones’ shared view did not move at all.
    const progress = await screenWhere(screen, (v) => v.respondents === 3);
    expect(progress).toMatchObject({ finished: 2, results: null, focus: null });
    expect(receivedViews(ana).filter((r) => r.event === 'view.public')).toHaveLength(publicBefore);
    const own = await ownWhere(ben, (v) => v.placements.every((p) => p !== null));
    expect(own).toEqual({ placements: [1, 1, 1], score: null });

    // Nothing on a phone or the screen gives away an expected category before the reveal.
    for (const socket of [...phones, screen]) {
      for (const { event, message } of receivedViews(socket)) {
        if (event === 'view.own') continue;
        expect(JSON.stringify(message), event).not.toContain('"answer"');
      }
    }

    // The facilitator puts statement 1 on the screen, locks and reveals.
    expect(await act(facilitator, { type: 'focus', item: 0 })).toMatchObject({ ok: true });
    expect(await emitAck(facilitator, 'session.control', { type: 'round.lock' })).toMatchObject({
      ok: true,
    });
    expect(await act(cai, place(1, 1))).toMatchObject({
      ok: false,
      error: { code: 'ROUND_LOCKED', message: 'Answers are locked for this sort' },
    });
    expect(await emitAck(facilitator, 'session.control', { type: 'round.reveal' })).toMatchObject({
      ok: true,
    });

    const onScreen = await screenWhere(screen, (v) => v.results !== null);
    expect(onScreen.focus).toEqual({
      index: 0,
      text: 'Tangible, stackable, weighable',
      result: { counts: [2, 1], placed: 3, answer: 0, correctShare: 2 / 3, agreement: 2 / 3 },
    });
    const revealed = await phoneWhere(cai, (v) => v.results !== null);
    expect(revealed.results?.items[1]).toEqual({
      counts: [0, 2],
      placed: 2,
      answer: 1,
      correctShare: 1,
      agreement: 1,
    });
    expect(await ownWhere(ana, (v) => v.score !== null)).toEqual({
      placements: [0, 1, 0],
      score: { correct: 2, scorable: 2 },
    });
    expect(await ownWhere(ben, (v) => v.score !== null)).toMatchObject({
      score: { correct: 1, scorable: 2 },
    });
    expect(await ownWhere(cai, (v) => v.score !== null)).toMatchObject({
      score: { correct: 1, scorable: 2 },
    });
  });

  it('refuses a phone’s facilitator actions as FORBIDDEN and bad placements, changing nothing', async () => {
    const { facilitator, phones, act } = await openRoom();
    const [ana] = phones as [TestSocket];
    await sortAll(act, [ana], [[1]]);
    await consoleWhere(facilitator, (v) => v.results.respondents === 1);
    const events = server.countRows('events');

    for (const action of [{ type: 'reset' }, { type: 'focus', item: 1 }]) {
      expect(await act(ana, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Only the facilitator can do that' },
      });
    }
    for (const action of [
      place(99, 0),
      place(0, 7),
      { type: 'place', item: '0', category: 0 },
      { type: 'place', item: 0 },
      { type: 'shuffle' },
    ]) {
      expect(await act(ana, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    // Well formed, but there is no fourth statement or third category.
    expect(await act(ana, place(3, 0))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'That statement does not exist' },
    });
    expect(await act(ana, place(0, 2))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'That category does not exist' },
    });
    // And the facilitator does not sort for the room.
    expect(await act(facilitator, place(0, 0))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    expect(server.countRows('events')).toBe(events);
    const after = await consoleWhere(facilitator, () => true);
    expect(after.focus).toBeNull();
    expect(after.results.items[0]?.counts).toEqual([0, 1]);
  });
});
