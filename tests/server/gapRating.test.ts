/**
 * "Expected vs actual" through real sockets: three phones rate, the console follows the
 * progress and the figures live while the phones' shared view stays put, the phones get
 * the gap chart only on the reveal, and wrong-role or malformed actions are refused without
 * changing anything. Every wait is on an ack or a view; nothing sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ControlCommand, CreatedSession, ExerciseViews, JoinedSeat } from '@playfield/shared';
import type { GapRatingConfig } from '@playfield/shared/exercises/gapRating/index';
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

const CONFIG: GapRatingConfig = {
  question: 'How good do customers expect our service to be, and how good is it?',
  measures: ['Speed', 'Price'],
  scale: { min: 1, max: 7, lowLabel: 'Very poor', highLabel: 'Excellent' },
};

type Console = ExerciseViews<'gapRating'>['facilitator'];
type Own = ExerciseViews<'gapRating'>['participantOwn'];

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

interface Room {
  session: CreatedSession;
  roundId: string;
  facilitator: TestSocket;
  screen: TestSocket;
  seats: JoinedSeat[];
  phones: TestSocket[];
}

async function openRoom(): Promise<Room> {
  const session = await server.createSession({
    title: 'Total customer service',
    agenda: [{ kind: 'gapRating', title: 'Expected vs actual', config: CONFIG }],
  });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(
    ['Ana', 'Ben', 'Cai'].map((name) => server.join(session.code, name)),
  );
  const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  await control(facilitator, { type: 'session.start' });
  const started = await nextView(facilitator, 'view.facilitator', ({ view }) => !!view.round);
  return { session, roundId: started.view.round?.id ?? '', facilitator, screen, seats, phones };
}

async function control(socket: TestSocket, command: ControlCommand): Promise<void> {
  const result = await emitAck(socket, 'session.control', command);
  if (!result.ok) throw new Error(`${command.type}: ${result.error.message}`);
}

const rate = (measure: number, side: 'expected' | 'actual', value: number) => ({
  type: 'rate',
  measure,
  side,
  value,
});

async function mustAct(socket: TestSocket, roundId: string, action: object): Promise<void> {
  const result = await emitAck(socket, 'round.act', { roundId, action });
  if (!result.ok) throw new Error(`${JSON.stringify(action)}: ${result.error.message}`);
}

const consoleWhere = async (socket: TestSocket, predicate: (view: Console) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'gapRating', predicate)).view;
const ownWhere = async (socket: TestSocket, predicate: (own: Own) => boolean) =>
  (await exerciseView(socket, 'view.own', 'gapRating', predicate)).view;

const publicCount = (socket: TestSocket) =>
  receivedViews(socket).filter((m) => m.event === 'view.public').length;

describe('expected vs actual over real sockets', () => {
  it('rates privately, shows the console live and reveals the gap chart to every phone', async () => {
    const room = await openRoom();
    const { roundId, phones, facilitator, screen } = room;
    const [ana, ben, cai] = phones as [TestSocket, TestSocket, TestSocket];
    for (const phone of phones) {
      await exerciseView(phone, 'view.public', 'gapRating', (v) => v.results === null);
    }
    const publicBefore = phones.map(publicCount);

    // Ana: Speed 6 -> 4, Price 5 -> 5. Ben: Speed 7 -> 4, Price 3 -> 6. Cai: Speed 5 -> 5.
    await Promise.all([
      (async () => {
        for (const a of [rate(0, 'expected', 6), rate(0, 'actual', 4), rate(1, 'expected', 5)])
          await mustAct(ana, roundId, a);
        await mustAct(ana, roundId, rate(1, 'actual', 5));
      })(),
      (async () => {
        for (const a of [rate(0, 'expected', 7), rate(0, 'actual', 4), rate(1, 'expected', 3)])
          await mustAct(ben, roundId, a);
        await mustAct(ben, roundId, rate(1, 'actual', 6));
      })(),
      (async () => {
        await mustAct(cai, roundId, rate(0, 'expected', 5));
        await mustAct(cai, roundId, rate(0, 'actual', 5));
      })(),
    ]);

    const live = await consoleWhere(facilitator, (v) => v.progress.ratings === 10);
    expect(live.progress).toEqual({ respondents: 3, completed: 2, ratings: 10, possible: 12 });
    // Speed gaps -2, -3, 0: mean -5/3, sample sd sqrt(7/3). Price gaps 0, +3.
    expect(live.results.measures.map((m) => [m.measure, m.gap, m.sd, m.isSatisfied])).toEqual([
      ['Speed', -1.67, 1.53, false],
      ['Price', 1.5, 2.12, true],
    ]);
    const screenLive = await exerciseView(
      screen,
      'view.screen',
      'gapRating',
      // Views are states: wait for the one after the last rating, not an earlier one.
      (v) => v.progress.respondents === 3 && v.progress.completed === 2,
    );
    // The screen shows how far the room is, but no figures before the reveal.
    expect(screenLive.view.results).toBeNull();

    // Each phone's own view holds its own ratings, and nothing else.
    expect(await ownWhere(ana, (o) => o.actual[1] === 5)).toEqual({
      expected: [6, 5],
      actual: [4, 5],
    });
    expect(await ownWhere(cai, (o) => o.actual[0] === 5)).toEqual({
      expected: [5, null],
      actual: [5, null],
    });
    // The room's shared view did not move while people rated: it was never re-sent.
    await ownWhere(ben, (o) => o.actual[1] === 6);
    expect(phones.map(publicCount)).toEqual(publicBefore);

    await control(facilitator, { type: 'round.lock' });
    expect(
      await emitAck(cai, 'round.act', { roundId, action: rate(1, 'actual', 2) }),
    ).toMatchObject({ ok: false, error: { code: 'ROUND_LOCKED' } });
    await control(facilitator, { type: 'round.reveal' });

    const shown = await Promise.all(
      phones.map((phone) =>
        nextView(phone, 'view.public', ({ view }) => {
          const round = view.round;
          return round?.kind === 'gapRating' && round.view.results !== null;
        }),
      ),
    );
    // One shared view: identical on every phone, and free of anyone's name or id.
    const json = shown.map((m) => JSON.stringify(m.view.round));
    expect(new Set(json).size).toBe(1);
    for (const seat of room.seats) {
      expect(json[0]).not.toContain(seat.participantId);
      expect(json[0]).not.toContain(seat.name);
    }
    expect(shown[0]?.view.round).toMatchObject({
      view: { results: { respondents: 3, measures: [{ gap: -1.67 }, { gap: 1.5 }] } },
    });
    await exerciseView(screen, 'view.screen', 'gapRating', (v) => v.results?.respondents === 3);
  });

  it('refuses a participant’s reset as FORBIDDEN and a bad rating as BAD_REQUEST, changing nothing', async () => {
    const { roundId, phones, facilitator } = await openRoom();
    const ana = phones[0] as TestSocket;
    await mustAct(ana, roundId, rate(0, 'expected', 6));
    await consoleWhere(facilitator, (v) => v.progress.ratings === 1);
    const events = server.countRows('events');

    expect(await emitAck(ana, 'round.act', { roundId, action: { type: 'reset' } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const action of [
      rate(0, 'expected', 4.5),
      { type: 'rate', measure: 0, side: 'wanted', value: 4 },
      { type: 'rate', measure: 0, side: 'actual' },
      { type: 'rate', measure: '0', side: 'actual', value: 3 },
    ]) {
      expect(await emitAck(ana, 'round.act', { roundId, action })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    // Well-formed but against this round's settings: the reducer refuses it.
    expect(
      await emitAck(ana, 'round.act', { roundId, action: rate(0, 'actual', 9) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'Ratings go from 1 to 7' },
    });
    expect(
      await emitAck(ana, 'round.act', { roundId, action: rate(4, 'actual', 3) }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ACTION' } });
    expect(await emitRaw(ana, 'round.act', { roundId, action: 'rate everything 7' })).toMatchObject(
      {
        ok: false,
        error: { code: 'BAD_REQUEST' },
      },
    );

    expect(server.countRows('events')).toBe(events);
    // A later rating goes through and the console shows only it on top of the first.
    await mustAct(ana, roundId, rate(0, 'actual', 3));
    const after = await consoleWhere(facilitator, (v) => v.progress.ratings === 2);
    expect(after.results.measures[0]).toMatchObject({ expected: 6, actual: 3, gap: -3 });

    // The facilitator's own reset works, and clears the phone's own view.
    await mustAct(facilitator, roundId, { type: 'reset' });
    await consoleWhere(facilitator, (v) => v.progress.respondents === 0);
    expect(await ownWhere(ana, (o) => o.expected[0] === null)).toEqual({
      expected: [null, null],
      actual: [null, null],
    });
  });
});
