/**
 * Define the Playing Field through real sockets: three phones place four cards while the
 * room's shared view stays still, the facilitator locks and reveals, the room sees the
 * spreads and kappa, tests the most contested card from rigid to flexible, and records
 * the map, which reaches the stored results as the policy table. Phones cannot drive the
 * round and junk changes nothing. Every wait is on an ack or a view; nothing sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ControlCommand,
  type CreateSessionBody,
  type ExerciseViews,
  type JoinedSeat,
  type Result,
  type RoundSummary,
} from '@playfield/shared';
import type { PlayingFieldConfig } from '@playfield/shared/exercises/playingField/model';
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

const CONFIG: PlayingFieldConfig = {
  cards: [
    { id: 'refund', text: 'Refund 10 days past the return window', note: '€85' },
    { id: 'fee', text: 'Waive the late-payment fee', note: '€25' },
    { id: 'rush', text: 'Free rush delivery for a delayed order', note: '€18' },
    { id: 'details', text: 'Tell a caller what is on someone else’s account', note: 'Data risk' },
  ],
  consensusPercent: 75,
};

function agenda(): CreateSessionBody['agenda'] {
  return [{ kind: 'playingField', title: 'Define the playing field', config: CONFIG }];
}

type Console = ExerciseViews<'playingField'>['facilitator'];
type Phone = ExerciseViews<'playingField'>['participantPublic'];
type Own = ExerciseViews<'playingField'>['participantOwn'];
type Screen = ExerciseViews<'playingField'>['screen'];

const consoleWhere = async (socket: TestSocket, predicate: (v: Console) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'playingField', predicate)).view;
const phoneWhere = async (socket: TestSocket, predicate: (v: Phone) => boolean) =>
  (await exerciseView(socket, 'view.public', 'playingField', predicate)).view;
const ownWhere = async (socket: TestSocket, predicate: (v: Own) => boolean) =>
  (await exerciseView(socket, 'view.own', 'playingField', predicate)).view;
const screenWhere = async (socket: TestSocket, predicate: (v: Screen) => boolean) =>
  (await exerciseView(socket, 'view.screen', 'playingField', predicate)).view;

function act(
  socket: TestSocket,
  roundId: string,
  action: object,
): Promise<Result<{ seq: number }>> {
  return emitAck(socket, 'round.act', { roundId, action });
}

async function mustAct(socket: TestSocket, roundId: string, action: object): Promise<number> {
  const result = await act(socket, roundId, action);
  if (!result.ok)
    throw new Error(`${JSON.stringify(action)}: ${result.error.code} ${result.error.message}`);
  return result.data.seq;
}

async function mustControl(socket: TestSocket, command: ControlCommand): Promise<number> {
  const result = await emitAck(socket, 'session.control', command);
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code} ${result.error.message}`);
  return result.data.seq;
}

const refused = (code: string) => ({ ok: false, error: { code } });

/**
 * Who places what. Worked by hand:
 *   refund  [3, 0, 0] P_i = 1      details [0, 0, 3] P_i = 1
 *   fee     [1, 1, 1] P_i = 0      rush    [0, 2, 1] P_i = (4 + 1 - 3) / 6 = 1/3
 * P-bar = 7/12; placements 4, 3, 5 of 12: P_e = 50/144; kappa = (7/12 - 50/144) / (94/144)
 * = 34/94 = 0.36, fair agreement. The room agrees on the refund and the details.
 */
const PLACEMENTS: Record<string, Record<string, string>> = {
  Ana: { refund: 'spot', fee: 'spot', rush: 'guideline', details: 'escalate' },
  Ben: { refund: 'spot', fee: 'guideline', rush: 'guideline', details: 'escalate' },
  Cai: { refund: 'spot', fee: 'escalate', rush: 'escalate', details: 'escalate' },
};

interface Room {
  sessionId: string;
  token: string;
  roundId: string;
  facilitator: TestSocket;
  screen: TestSocket;
  seats: JoinedSeat[];
  phones: Map<string, TestSocket>;
}

async function openRoom(server: TestServer): Promise<Room> {
  const session = await server.createSession({ title: 'Service Pro', agenda: agenda() });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(
    Object.keys(PLACEMENTS).map((name) => server.join(session.code, name)),
  );
  const phones = new Map<string, TestSocket>();
  for (const seat of seats) phones.set(seat.name, await server.connect(participantOf(seat)));
  await mustControl(facilitator, { type: 'session.start' });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  return {
    sessionId: session.sessionId,
    token: session.facilitatorToken,
    roundId: view.round?.id ?? '',
    facilitator,
    screen,
    seats,
    phones,
  };
}

function phone(room: Room, name: string): TestSocket {
  const socket = room.phones.get(name);
  if (!socket) throw new Error(`No phone for ${name}`);
  return socket;
}

describe('the playing field, live', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('runs a round from placing to the map, with the spreads hidden until the reveal', async () => {
    const room = await openRoom(server);
    const { roundId, facilitator } = room;
    for (const socket of room.phones.values()) await phoneWhere(socket, (v) => v.phase === 'place');
    const publicBefore = [...room.phones.values()].map(
      (s) => receivedViews(s).filter((m) => m.event === 'view.public').length,
    );

    // Everyone places every card.
    for (const [name, placed] of Object.entries(PLACEMENTS))
      for (const [cardId, zone] of Object.entries(placed))
        await mustAct(phone(room, name), roundId, { type: 'place', cardId, zone });
    const live = await consoleWhere(facilitator, (v) => v.progress.placements === 12);
    expect(live.progress).toEqual({ started: 3, finished: 3, placements: 12 });
    expect(live.results.contested).toEqual(['fee', 'rush']);
    expect(live.results.kappa.value).toBeCloseTo(34 / 94, 12);
    // The screen shows progress, never a spread, before the reveal.
    const progress = await screenWhere(room.screen, (v) => v.progress.finished === 3);
    expect(progress.results).toBeNull();
    // Each phone holds its own placements only.
    expect(
      await ownWhere(phone(room, 'Ben'), (o) => Object.keys(o.placements).length === 4),
    ).toEqual({ placements: PLACEMENTS.Ben, testAnswers: {} });
    // Twelve placements, and not one re-send of the view all phones share.
    const publicAfter = [...room.phones.values()].map(
      (s) => receivedViews(s).filter((m) => m.event === 'view.public').length,
    );
    expect(publicAfter).toEqual(publicBefore);

    // Locked: a change of mind is refused.
    await mustControl(facilitator, { type: 'round.lock' });
    expect(
      await act(phone(room, 'Ana'), roundId, { type: 'place', cardId: 'fee', zone: 'escalate' }),
    ).toMatchObject(refused('ROUND_LOCKED'));

    // Revealed: phones and screen get the same spreads, with nobody's name in them.
    await mustControl(facilitator, { type: 'round.reveal' });
    const phones = await Promise.all(
      [...room.phones.values()].map((s) => phoneWhere(s, (v) => v.results !== null)),
    );
    for (const view of phones) expect(view).toEqual(phones[0]);
    const screen = await screenWhere(room.screen, (v) => v.results !== null);
    expect(screen.results).toEqual(phones[0]?.results);
    expect(screen.results?.spreads.map((s) => [s.cardId, s.counts])).toEqual([
      ['refund', [3, 0, 0]],
      ['fee', [1, 1, 1]],
      ['rush', [0, 2, 1]],
      ['details', [0, 0, 3]],
    ]);
    expect(screen.results?.kappa).toMatchObject({ cards: 4, label: 'fair agreement' });
    expect(screen.results?.kappa.value?.toFixed(2)).toBe('0.36');
    expect(screen.results?.consensus).toEqual(['refund', 'details']);
    const shared = JSON.stringify([phones[0], screen]);
    for (const seat of room.seats) {
      expect(shared).not.toContain(seat.participantId);
      expect(shared).not.toContain(seat.name);
    }

    // Reopened for the test: the suggested card is the most contested, the fee.
    await mustControl(facilitator, { type: 'round.open' });
    const suggested = (await consoleWhere(facilitator, (v) => v.isOpen)).suggestedTestCardId;
    expect(suggested).toBe('fee');
    await mustAct(facilitator, roundId, { type: 'test.open', cardId: 'fee' });
    await phoneWhere(phone(room, 'Cai'), (v) => v.activeTestCardId === 'fee');
    for (const name of ['Ana', 'Ben', 'Cai'])
      for (const question of ['rubberStamp', 'noValueAdded', 'canReach', 'canLearn'])
        await mustAct(phone(room, name), roundId, {
          type: 'test.answer',
          cardId: 'fee',
          question,
          answer: !(name === 'Cai' && question === 'canLearn'),
        });
    // Answers only count for the card under test, and placing is over.
    expect(
      await act(phone(room, 'Ana'), roundId, {
        type: 'test.answer',
        cardId: 'rush',
        question: 'canLearn',
        answer: true,
      }),
    ).toMatchObject(refused('INVALID_ACTION'));
    // Every answer counted (3 people × 4 questions), not merely the first of each person's.
    const tallied = await screenWhere(
      room.screen,
      (v) => v.tests[0]?.questions.reduce((n, q) => n + q.yes + q.no, 0) === 12,
    );
    expect(tallied.tests[0]).toMatchObject({
      cardId: 'fee',
      isOpen: true,
      yesMajorities: 4,
      verdict: 'widen',
      suggestedZone: 'guideline',
    });
    expect(tallied.tests[0]?.questions.at(-1)).toEqual({ id: 'canLearn', yes: 2, no: 1 });
    // The tally reaches the phones once the test closes.
    await mustAct(facilitator, roundId, { type: 'test.close' });
    const closed = await phoneWhere(phone(room, 'Ana'), (v) => v.tests.length === 1);
    expect(closed.tests[0]).toMatchObject({ cardId: 'fee', verdict: 'widen', isOpen: false });

    // The map: the fee within a guideline, the rest from the room's majority.
    await mustAct(facilitator, roundId, { type: 'phase', phase: 'map' });
    await mustAct(facilitator, roundId, {
      type: 'map.set',
      cardId: 'fee',
      zone: 'guideline',
      guideline: 'Once a year per customer',
    });
    await mustAct(facilitator, roundId, { type: 'map.acceptMajority' });
    const mapped = await screenWhere(room.screen, (v) => v.map.length === 4);
    expect(mapped.map).toEqual([
      { cardId: 'refund', zone: 'spot', guideline: '' },
      { cardId: 'fee', zone: 'guideline', guideline: 'Once a year per customer' },
      { cardId: 'rush', zone: 'guideline', guideline: '' },
      { cardId: 'details', zone: 'escalate', guideline: '' },
    ]);
    await phoneWhere(phone(room, 'Ben'), (v) => v.phase === 'map' && v.map.length === 4);

    // The stored results carry the map as the policy table.
    const results = await requestJson(`${server.url}/api/sessions/${room.sessionId}/results`, {
      headers: { authorization: `Bearer ${room.token}` },
    });
    expect(results.status).toBe(200);
    const summary = (results.body as { rounds: { summary: RoundSummary }[] }).rounds[0]?.summary;
    expect(summary?.blocks.find((b) => b.type === 'table')).toEqual({
      type: 'table',
      columns: ['Card', 'Amount or risk', 'Zone', 'Guideline'],
      rows: [
        ['Refund 10 days past the return window', '€85', 'On the spot', '—'],
        ['Waive the late-payment fee', '€25', 'Within a guideline', 'Once a year per customer'],
        ['Free rush delivery for a delayed order', '€18', 'Within a guideline', '—'],
        ['Tell a caller what is on someone else’s account', 'Data risk', 'Escalate', '—'],
      ],
    });
    expect(JSON.stringify(summary)).not.toContain('Ana');
  });

  it('refuses the facilitator’s actions from a phone and junk from anyone, changing nothing', async () => {
    const room = await openRoom(server);
    const { roundId, facilitator } = room;
    const ana = phone(room, 'Ana');
    const events = server.countRows('events');

    for (const action of [
      { type: 'phase', phase: 'map' },
      { type: 'test.open', cardId: 'fee' },
      { type: 'map.set', cardId: 'fee', zone: 'spot', guideline: 'Always' },
      { type: 'map.acceptMajority' },
    ]) {
      const result = await act(ana, roundId, action);
      expect(result).toMatchObject(refused('FORBIDDEN'));
      expect(!result.ok && result.error.message).toBe('Only the facilitator can do that');
    }
    expect(
      await act(facilitator, roundId, { type: 'place', cardId: 'fee', zone: 'spot' }),
    ).toMatchObject(refused('FORBIDDEN'));
    for (const junk of [
      { type: 'place', cardId: 'fee', zone: 'sideways' },
      { type: 'place', cardId: '<script>', zone: 'spot' },
      { type: 'test.answer', cardId: 'fee', question: 'canLearn', answer: 'maybe' },
      { type: 'place' },
    ]) {
      expect(await act(ana, roundId, junk)).toMatchObject(refused('BAD_REQUEST'));
    }
    expect(
      await act(facilitator, roundId, {
        type: 'map.set',
        cardId: 'fee',
        zone: 'spot',
        guideline: 'x'.repeat(241),
      }),
    ).toMatchObject(refused('BAD_REQUEST'));
    expect(await emitRaw(ana, 'round.act', { roundId, action: 'place fee spot' })).toMatchObject(
      refused('BAD_REQUEST'),
    );
    // Well-formed but against the rules: a card not in the deck, a test that is not open.
    expect(await act(ana, roundId, { type: 'place', cardId: 'nope', zone: 'spot' })).toMatchObject(
      refused('INVALID_ACTION'),
    );
    expect(await act(facilitator, roundId, { type: 'test.close' })).toMatchObject(
      refused('INVALID_ACTION'),
    );

    // Nothing reached the log or the views.
    expect(server.countRows('events')).toBe(events);
    const view = await consoleWhere(facilitator, () => true);
    expect(view).toMatchObject({ phase: 'place', map: [], tests: [] });
    expect(view.progress.placements).toBe(0);
  });

  it('refuses a bad deck with a sentence the facilitator can act on', async () => {
    const response = await server.createSession({ title: 'ok', agenda: agenda() });
    const facilitator = await server.connect(facilitatorOf(response));
    const result = await emitAck(facilitator, 'session.control', {
      type: 'agenda.add',
      round: {
        kind: 'playingField',
        title: 'Broken',
        config: { ...CONFIG, cards: [CONFIG.cards[0], { ...CONFIG.cards[0], id: 'again' }] },
      },
    });
    expect(result).toMatchObject(refused('BAD_REQUEST'));
    expect(!result.ok && result.error.message).toContain('Card 2 is the same as another card');
  });
});
