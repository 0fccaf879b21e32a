/**
 * The canvas through real sockets: three phones post into the boxes while the room screen
 * and the console fill in live and the phones' shared view stays put; the facilitator
 * merges, hides and moves entries; the reveal gives every phone the same board; on an
 * anonymous canvas no view but the author's own carries who wrote what; wrong-role and
 * malformed actions are refused without changing anything. Nothing sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ControlCommand, ExerciseViews, JoinedSeat } from '@playfield/shared';
import type { CanvasConfig } from '@playfield/shared/exercises/canvas/index';
import {
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

const CONFIG: CanvasConfig = {
  prompt: 'List the contacts a customer has with us and rate the impression each leaves.',
  boxes: [
    { title: 'Before they buy', hint: 'Adverts, the website…', isRated: true },
    { title: 'Buying', hint: 'The counter, the invoice…', isRated: true },
    { title: 'Ideas', hint: '', isRated: false },
  ],
  rating: { question: 'Impression', max: 5, lowLabel: 'Poor', highLabel: 'Excellent' },
  tags: ['Not mine'],
  maxEntriesPerPerson: 5,
  isAnonymous: false,
  actionPrompt: 'Which moment of truth will I improve first?',
};

type Console = ExerciseViews<'canvas'>['facilitator'];
type Own = ExerciseViews<'canvas'>['participantOwn'];
type Screen = ExerciseViews<'canvas'>['screen'];

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

interface Room {
  roundId: string;
  facilitator: TestSocket;
  screen: TestSocket;
  seats: JoinedSeat[];
  phones: [TestSocket, TestSocket, TestSocket];
}

async function control(socket: TestSocket, command: ControlCommand): Promise<void> {
  const result = await emitAck(socket, 'session.control', command);
  if (!result.ok) throw new Error(`${command.type}: ${result.error.message}`);
}

async function openRoom(config: CanvasConfig = CONFIG): Promise<Room> {
  const session = await server.createSession({
    title: 'Moments of truth',
    agenda: [{ kind: 'canvas', title: 'Moments of truth', config }],
  });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(
    ['Ana Lindqvist', 'Ben Okafor', 'Cai Moreau'].map((name) => server.join(session.code, name)),
  );
  const [a, b, c] = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  if (!a || !b || !c) throw new Error('Three phones expected');
  await control(facilitator, { type: 'session.start' });
  const started = await nextView(facilitator, 'view.facilitator', ({ view }) => !!view.round);
  return { roundId: started.view.round?.id ?? '', facilitator, screen, seats, phones: [a, b, c] };
}

const post = (box: number, text: string, rating: number | null, tags: number[] = []) => ({
  type: 'post',
  box,
  text,
  rating,
  tags,
});

async function mustAct(socket: TestSocket, roundId: string, action: object): Promise<void> {
  const result = await emitAck(socket, 'round.act', { roundId, action });
  if (!result.ok) throw new Error(`${JSON.stringify(action)}: ${result.error.message}`);
}

const consoleWhere = async (socket: TestSocket, predicate: (view: Console) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'canvas', predicate)).view;
const screenWhere = async (socket: TestSocket, predicate: (view: Screen) => boolean) =>
  (await exerciseView(socket, 'view.screen', 'canvas', predicate)).view;
const ownWhere = async (socket: TestSocket, predicate: (own: Own) => boolean) =>
  (await exerciseView(socket, 'view.own', 'canvas', predicate)).view;
const publicCount = (socket: TestSocket) =>
  receivedViews(socket).filter((m) => m.event === 'view.public').length;

describe('a canvas over real sockets', () => {
  it('fills in live, moderates and reveals the same board to every phone', async () => {
    const room = await openRoom();
    const { roundId, facilitator, screen, phones } = room;
    const [ana, ben, cai] = phones;
    for (const phone of phones) {
      await exerciseView(phone, 'view.public', 'canvas', (v) => v.board === null);
    }
    const publicBefore = phones.map(publicCount);

    // e1..e5, in this order.
    await mustAct(ana, roundId, post(0, 'Website', 2));
    await mustAct(ben, roundId, post(0, 'Web site', 4, [0]));
    await mustAct(cai, roundId, post(0, 'Phone call', 5));
    await mustAct(ben, roundId, post(1, 'Rude reply', 1));
    await mustAct(cai, roundId, post(2, 'Call back sooner', null));

    // The room screen fills in live: five entries from three people.
    const filled = await screenWhere(screen, (v) => v.entryCount === 5);
    expect(filled.contributors).toBe(3);
    expect(filled.board.map((b) => b.cards.map((c) => c.text))).toEqual([
      ['Phone call', 'Web site', 'Website'],
      ['Rude reply'],
      ['Call back sooner'],
    ]);
    // The console names the authors of a named canvas.
    const named = await consoleWhere(facilitator, (v) => v.entryCount === 5);
    expect(named.boxes[0]?.cards.map((c) => [c.text, c.author])).toEqual([
      ['Website', 'Ana Lindqvist'],
      ['Web site', 'Ben Okafor'],
      ['Phone call', 'Cai Moreau'],
    ]);
    // Phones hold only their own entries; the shared view was never re-sent.
    const cais = await ownWhere(cai, (o) => o.entries.length === 2);
    expect(cais.entries.map((e) => e.text)).toEqual(['Phone call', 'Call back sooner']);
    expect(phones.map(publicCount)).toEqual(publicBefore);

    // Moderation: merge the duplicate, hide the rude one, move the idea to Buying.
    await mustAct(facilitator, roundId, { type: 'merge', entryId: 'e2', intoId: 'e1' });
    await mustAct(facilitator, roundId, { type: 'hide', entryId: 'e4', isHidden: true });
    await mustAct(facilitator, roundId, { type: 'move', entryId: 'e5', box: 1 });
    const moderated = await screenWhere(
      screen,
      (v) => v.entryCount === 4 && v.board[2]?.entryCount === 0,
    );
    expect(moderated.board.map((b) => b.cards.map((c) => [c.text, c.count, c.rating]))).toEqual([
      [
        ['Website', 2, 3],
        ['Phone call', 1, 5],
      ],
      [['Call back sooner', 1, null]],
      [],
    ]);
    expect(moderated.board[0]).toMatchObject({ entryCount: 3, averageRating: 3.67 });
    // Ben learns his entry was taken off; his phone shows it, nobody else's does.
    const bens = await ownWhere(ben, (o) => o.entries.some((e) => e.isHidden));
    expect(bens.entries.map((e) => [e.id, e.isHidden])).toEqual([
      ['e2', false],
      ['e4', true],
    ]);
    expect(
      await emitAck(ben, 'round.act', {
        roundId,
        action: { type: 'edit', entryId: 'e4', text: 'Brisk reply', rating: 2, tags: [] },
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ACTION' } });

    await control(facilitator, { type: 'round.lock' });
    expect(
      await emitAck(ana, 'round.act', { roundId, action: post(2, 'Late idea', null) }),
    ).toMatchObject({ ok: false, error: { code: 'ROUND_LOCKED' } });
    await control(facilitator, { type: 'round.reveal' });

    const shown = await Promise.all(
      phones.map((phone) => exerciseView(phone, 'view.public', 'canvas', (v) => v.board !== null)),
    );
    const json = shown.map((m) => JSON.stringify(m.view));
    expect(new Set(json).size).toBe(1);
    for (const seat of room.seats) {
      expect(json[0]).not.toContain(seat.participantId);
      expect(json[0]).not.toContain(seat.name);
    }
    expect(shown[0]?.view.board?.[0]?.cards.map((c) => c.text)).toEqual(['Website', 'Phone call']);
    expect(json[0]).not.toContain('Rude reply');
  });

  it('never sends an author’s name or id to anyone else when the canvas is anonymous', async () => {
    const room = await openRoom({ ...CONFIG, isAnonymous: true });
    const { roundId, facilitator, screen, phones } = room;
    await mustAct(phones[0], roundId, post(0, 'Website', 2));
    await mustAct(phones[1], roundId, post(0, 'Web site', 4));
    await mustAct(facilitator, roundId, { type: 'merge', entryId: 'e2', intoId: 'e1' });
    await consoleWhere(facilitator, (v) => v.boxes[0]?.cards[0]?.count === 2);
    await control(facilitator, { type: 'round.reveal' });
    await screenWhere(screen, (v) => v.board[0]?.cards[0]?.count === 2);
    await exerciseView(phones[2], 'view.public', 'canvas', (v) => v.board?.[0]?.cards.length === 1);

    const consoleView = await consoleWhere(facilitator, () => true);
    expect(consoleView.boxes[0]?.cards[0]).toMatchObject({
      author: null,
      merged: [{ id: 'e2', text: 'Web site', author: null }],
    });
    // Every round view the console, the screen and an onlooker's phone were ever sent.
    const others = [facilitator, screen, phones[2]].flatMap((s) =>
      receivedViews(s).map((m) =>
        JSON.stringify((m.message as { view: { round?: unknown } }).view.round ?? null),
      ),
    );
    for (const seat of room.seats.slice(0, 2)) {
      for (const json of others) {
        expect(json).not.toContain(seat.participantId);
        expect(json).not.toContain(seat.name);
      }
    }
    // The author still sees their own entry.
    const own = await ownWhere(phones[1], (o) => o.entries.length === 1);
    expect(own.entries[0]).toMatchObject({ id: 'e2', text: 'Web site' });
  });

  it('refuses moderation from a phone as FORBIDDEN and bad entries as BAD_REQUEST, changing nothing', async () => {
    const { roundId, facilitator, phones } = await openRoom();
    const [ana, ben] = phones;
    await mustAct(ana, roundId, post(0, 'Website', 2));
    await consoleWhere(facilitator, (v) => v.entryCount === 1);
    const events = server.countRows('events');

    for (const action of [
      { type: 'hide', entryId: 'e1', isHidden: true },
      { type: 'merge', entryId: 'e1', intoId: 'e1' },
      { type: 'reset' },
    ]) {
      expect(await emitAck(ben, 'round.act', { roundId, action })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    for (const action of [
      post(0, 'x'.repeat(141), 2),
      post(0, '   ', 2),
      post(-1, 'Fax', 2),
      { type: 'post', box: 0, text: 'Fax' },
      { type: 'edit', entryId: 'e1; drop table', text: 'Mine', rating: 2, tags: [] },
    ]) {
      expect(await emitAck(ben, 'round.act', { roundId, action })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    // Someone else's entry is not Ben's to edit or remove.
    expect(
      await emitAck(ben, 'round.act', {
        roundId,
        action: { type: 'edit', entryId: 'e1', text: 'Mine now', rating: 2, tags: [] },
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(
      await emitAck(ben, 'round.act', { roundId, action: { type: 'remove', entryId: 'e1' } }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The facilitator does not post.
    expect(
      await emitAck(facilitator, 'round.act', { roundId, action: post(0, 'Fax', 2) }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(server.countRows('events')).toBe(events);
    const after = await consoleWhere(facilitator, () => true);
    expect(after.boxes[0]?.cards).toEqual([
      expect.objectContaining({ id: 'e1', text: 'Website', isHidden: false, count: 1 }),
    ]);
  });
});
