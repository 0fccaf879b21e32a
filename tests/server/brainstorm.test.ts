/**
 * The brainstorm through real sockets: four phones post sticky notes while the room's shared
 * view stays still, the facilitator clusters, hides and merges, reveals the board, the phones
 * place their dots within the limits and the ranking reaches every screen and the stored
 * results. Every wait is on an ack or a view; nothing sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  replay,
  type ControlCommand,
  type CreateSessionBody,
  type ExerciseViews,
  type JoinedSeat,
  type Result,
} from '@playfield/shared';
import type {
  BrainstormConfig,
  BrainstormState,
} from '@playfield/shared/exercises/brainstorm/index';
import { tallyVotes } from '@playfield/shared/exercises/brainstorm/board';
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

const CONFIG: BrainstormConfig = {
  prompt: 'What could a competitor do that would be your worst nightmare?',
  isAnonymous: true,
  maxNotesPerPerson: 3,
  noteLength: 200,
  tags: [],
  dotsPerPerson: 3,
  maxDotsPerItem: 2,
};

function agenda(config: Partial<BrainstormConfig> = {}): CreateSessionBody['agenda'] {
  return [{ kind: 'brainstorm', title: 'Worst nightmare', config: { ...CONFIG, ...config } }];
}

type Console = ExerciseViews<'brainstorm'>['facilitator'];
type Phone = ExerciseViews<'brainstorm'>['participantPublic'];
type Own = ExerciseViews<'brainstorm'>['participantOwn'];
type Screen = ExerciseViews<'brainstorm'>['screen'];

const consoleWhere = async (socket: TestSocket, predicate: (v: Console) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'brainstorm', predicate)).view;
const phoneWhere = async (socket: TestSocket, predicate: (v: Phone) => boolean) =>
  (await exerciseView(socket, 'view.public', 'brainstorm', predicate)).view;
const ownWhere = async (socket: TestSocket, predicate: (v: Own) => boolean) =>
  (await exerciseView(socket, 'view.own', 'brainstorm', predicate)).view;
const screenWhere = async (socket: TestSocket, predicate: (v: Screen) => boolean) =>
  (await exerciseView(socket, 'view.screen', 'brainstorm', predicate)).view;

function act(
  socket: TestSocket,
  roundId: string,
  action: object,
): Promise<Result<{ seq: number }>> {
  return emitAck(socket, 'round.act', { roundId, action });
}

async function mustAct(socket: TestSocket, roundId: string, action: object): Promise<number> {
  const result = await act(socket, roundId, action);
  if (!result.ok) {
    throw new Error(`${JSON.stringify(action)}: ${result.error.code} ${result.error.message}`);
  }
  return result.data.seq;
}

async function mustControl(socket: TestSocket, command: ControlCommand): Promise<number> {
  const result = await emitAck(socket, 'session.control', command);
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code} ${result.error.message}`);
  return result.data.seq;
}

const refused = (code: string) => ({ ok: false, error: { code } });
const publicCount = (socket: TestSocket) =>
  receivedViews(socket).filter((r) => r.event === 'view.public').length;

const NAMES = ['Ada Quillfeather', 'Ben Marchetti', 'Cleo Vanterpool', 'Dev Okonkwo'];

interface Room {
  roundId: string;
  sessionId: string;
  facilitatorToken: string;
  seats: JoinedSeat[];
  facilitator: TestSocket;
  screen: TestSocket;
  phones: TestSocket[];
}

async function openRoom(server: TestServer, config: Partial<BrainstormConfig> = {}): Promise<Room> {
  const session = await server.createSession({ title: 'Strategy day', agenda: agenda(config) });
  const seats = await Promise.all(NAMES.map((name) => server.join(session.code, name)));
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  await mustControl(facilitator, { type: 'session.start' });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  const roundId = view.round?.id ?? '';
  // Every phone shows the round before the test goes on.
  await Promise.all(phones.map((p) => phoneWhere(p, (v) => v.phase === 'collect')));
  return {
    roundId,
    sessionId: session.sessionId,
    facilitatorToken: session.facilitatorToken,
    seats,
    facilitator,
    screen,
    phones,
  };
}

describe('the brainstorm, live', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('collects notes, clusters them, reveals the board, takes dots and ranks, for every screen', async () => {
    const room = await openRoom(server);
    const { roundId, facilitator, screen, phones, seats } = room;
    const [ada, ben, cleo, dev] = phones as [TestSocket, TestSocket, TestSocket, TestSocket];
    const publicBefore = phones.map(publicCount);

    // Notes come in; each phone gets its own notes back, and nothing else.
    await mustAct(ada, roundId, {
      type: 'addNote',
      text: 'Same-day delivery everywhere',
      tag: null,
    });
    await mustAct(ben, roundId, {
      type: 'addNote',
      text: 'Next-hour delivery in cities',
      tag: null,
    });
    await mustAct(cleo, roundId, { type: 'addNote', text: 'My boss is an idiot', tag: null });
    await mustAct(dev, roundId, { type: 'addNote', text: 'A named account manager', tag: null });
    await mustAct(ada, roundId, { type: 'addNote', text: 'Sme-day delivery!', tag: null });
    await mustAct(cleo, roundId, { type: 'addNote', text: 'Free returns forever', tag: null });
    await mustAct(ada, roundId, {
      type: 'editNote',
      noteId: 'n5',
      text: 'Same-day delivery!',
      tag: null,
    });
    // Nobody edits or deletes someone else's note.
    expect(await act(ben, roundId, { type: 'deleteNote', noteId: 'n1' })).toMatchObject(
      refused('FORBIDDEN'),
    );
    const adaOwn = await ownWhere(ada, (o) => o.notes.some((n) => n.text === 'Same-day delivery!'));
    expect(adaOwn).toEqual({
      notes: [
        { id: 'n1', text: 'Same-day delivery everywhere', tag: null, isMerged: false },
        { id: 'n5', text: 'Same-day delivery!', tag: null, isMerged: false },
      ],
      setAside: 0,
      notesLeft: 1,
      dots: {},
      dotsLeft: 3,
    });
    const counted = await consoleWhere(facilitator, (v) => v.counts.notes === 6);
    expect(counted.counts).toEqual({ notes: 6, hidden: 0, authors: 4, voters: 0 });
    expect(counted.loose.map((n) => n.text)).toContain('Same-day delivery!');
    expect((await screenWhere(screen, (v) => v.counts.notes === 6)).board).toBeNull();

    // The facilitator closes the notes; the phones' shared view changed once for that and
    // not at all for the six notes before it.
    await mustAct(facilitator, roundId, { type: 'phase', phase: 'cluster' });
    await Promise.all(phones.map((p) => phoneWhere(p, (v) => v.phase === 'cluster')));
    expect(phones.map(publicCount)).toEqual(publicBefore.map((n) => n + 1));
    expect(await act(dev, roundId, { type: 'addNote', text: 'Too late', tag: null })).toMatchObject(
      refused('CONFLICT'),
    );

    // Clustering: drag targets and the keyboard path both end in these actions.
    await mustAct(facilitator, roundId, { type: 'createCluster', name: 'Speed', noteIds: ['n1'] });
    await mustAct(facilitator, roundId, { type: 'moveNote', noteId: 'n2', clusterId: 'c1' });
    await mustAct(facilitator, roundId, { type: 'createCluster', name: 'Care' });
    await mustAct(facilitator, roundId, { type: 'moveNote', noteId: 'n4', clusterId: 'c2' });
    await mustAct(facilitator, roundId, { type: 'hideNote', noteId: 'n3', isHidden: true });
    await mustAct(facilitator, roundId, { type: 'mergeNote', noteId: 'n5', intoNoteId: 'n1' });
    // Views are coalesced: wait for the one that has the merge, the last action, in it.
    const board = await consoleWhere(
      facilitator,
      (v) => v.hidden.length === 1 && v.clusters.some((c) => c.noteCount === 3),
    );
    expect(board.clusters.map((c) => [c.name, c.noteCount])).toEqual([
      ['Speed', 3],
      ['Care', 1],
    ]);
    expect(board.clusters[0]?.notes[0]?.absorbed.map((n) => n.text)).toEqual([
      'Same-day delivery!',
    ]);
    expect(board.loose.map((n) => n.text)).toEqual(['Free returns forever']);
    // Ada learns her duplicate was merged; Cleo, only that one of hers was set aside.
    expect((await ownWhere(ada, (o) => o.notes.some((n) => n.isMerged))).notes[1]).toMatchObject({
      id: 'n5',
      isMerged: true,
    });
    expect(await ownWhere(cleo, (o) => o.setAside === 1)).toMatchObject({
      notes: [{ text: 'Free returns forever' }],
      setAside: 1,
    });

    // The room sees the board once revealed, without the hidden note.
    await mustControl(facilitator, { type: 'round.reveal' });
    const shown = await screenWhere(screen, (v) => v.board !== null);
    expect(shown.board?.groups.map((g) => [g.name, g.noteCount])).toEqual([
      ['Speed', 3],
      ['Care', 1],
      [null, 1],
    ]);
    const onPhone = await phoneWhere(ada, (v) => v.items !== null);
    expect(onPhone.items?.map((i) => i.id)).toEqual(['c1', 'c2', 'n6']);

    // Dot voting, within the limits.
    await mustAct(facilitator, roundId, { type: 'phase', phase: 'vote' });
    await Promise.all(phones.map((p) => phoneWhere(p, (v) => v.phase === 'vote')));
    const beforeVotes = phones.map(publicCount);
    await mustAct(ada, roundId, { type: 'vote', itemId: 'c1', dots: 2 });
    await mustAct(ada, roundId, { type: 'vote', itemId: 'n6', dots: 1 });
    const overCap = await act(ben, roundId, { type: 'vote', itemId: 'c2', dots: 3 });
    expect(overCap).toMatchObject(refused('INVALID_ACTION'));
    if (!overCap.ok) expect(overCap.error.message).toBe('At most 2 dots on one item');
    const overTotal = await act(ada, roundId, { type: 'vote', itemId: 'c2', dots: 1 });
    expect(overTotal).toMatchObject(refused('INVALID_ACTION'));
    if (!overTotal.ok) expect(overTotal.error.message).toMatch(/You have 3 dots in all/);
    await mustAct(ben, roundId, { type: 'vote', itemId: 'c2', dots: 2 });
    await mustAct(ben, roundId, { type: 'vote', itemId: 'c1', dots: 1 });
    await mustAct(cleo, roundId, { type: 'vote', itemId: 'c2', dots: 1 });
    await mustAct(cleo, roundId, { type: 'vote', itemId: 'n6', dots: 2 });
    await mustAct(dev, roundId, { type: 'vote', itemId: 'c1', dots: 1 });
    expect(await ownWhere(ada, (o) => o.dotsLeft === 0)).toMatchObject({ dots: { c1: 2, n6: 1 } });
    expect(await ownWhere(dev, (o) => o.dotsLeft === 2)).toMatchObject({ dots: { c1: 1 } });
    expect((await screenWhere(screen, (v) => v.counts.voters === 4)).ranking).toBeNull();
    const live = await consoleWhere(facilitator, (v) => v.counts.voters === 4);
    // Speed: Ada 2 + Ben 1 + Dev 1 = 4; Care: Ben 2 + Cleo 1 = 3; n6: Ada 1 + Cleo 2 = 3.
    expect(live.ranking?.map((r) => [r.label, r.dots])).toEqual([
      ['Speed', 4],
      ['Care', 3],
      ['Free returns forever', 3],
    ]);

    // Results: the ranking reaches the room, which saw no live counts while voting.
    await mustAct(facilitator, roundId, { type: 'phase', phase: 'results' });
    const ranked = await phoneWhere(ben, (v) => v.ranking !== null);
    expect(ranked.ranking?.map((r) => r.dots)).toEqual([4, 3, 3]);
    await Promise.all(phones.map((p) => phoneWhere(p, (v) => v.ranking !== null)));
    expect(phones.map(publicCount)).toEqual(beforeVotes.map((n) => n + 1));
    const onScreen = await screenWhere(screen, (v) => v.ranking !== null);
    expect(onScreen.ranking?.map((r) => r.label)).toEqual([
      'Speed',
      'Care',
      'Free returns forever',
    ]);
    expect(await act(ada, roundId, { type: 'vote', itemId: 'c1', dots: 1 })).toMatchObject(
      refused('CONFLICT'),
    );

    // The stored results hold the ranking, without the hidden note or anyone's name.
    const results = await requestJson(`${server.url}/api/sessions/${room.sessionId}/results`, {
      headers: { authorization: `Bearer ${room.facilitatorToken}` },
    });
    const summary = (results.body as { rounds: { summary: unknown }[] }).rounds[0]?.summary;
    expect(summary).toMatchObject({
      headline:
        'What could a competitor do that would be your worst nightmare? Top: “Speed” with 4 dots',
      blocks: [
        { type: 'text' },
        { type: 'bars', labels: ['Speed', 'Care', 'Free returns forever'], values: [4, 3, 3] },
        { type: 'table', columns: ['Rank', 'Item', 'Dots', 'Notes'] },
        {
          type: 'list',
          title: '1. Speed (4 dots)',
          items: ['Same-day delivery everywhere (+1 similar)', 'Next-hour delivery in cities'],
        },
        { type: 'list', title: '2. Care (3 dots)' },
        { type: 'list', title: 'Notes in no cluster', items: ['Free returns forever'] },
      ],
    });
    const secrets = [...seats.flatMap((s) => [s.participantId, s.name])];
    expect(JSON.stringify(summary)).not.toContain('idiot');
    for (const secret of secrets) expect(JSON.stringify(summary)).not.toContain(secret);

    const cleoNow = await ownWhere(cleo, () => true);
    expect(JSON.stringify(cleoNow)).not.toContain('idiot');
    // Anonymous: no view of the round, for anyone, says who wrote what.
    for (const socket of [facilitator, screen, ...phones]) {
      for (const { event, message } of receivedViews(socket)) {
        const { round } = (message as { view: { round: unknown } }).view;
        const json = JSON.stringify(round);
        expect(json, event).not.toContain('"author"');
        for (const secret of secrets) expect(json, event).not.toContain(secret);
        // The hidden note reached nobody but the console (and its author before it was hidden).
        const isAuthors = socket === cleo && event === 'view.own';
        if (socket !== facilitator && !isAuthors) expect(json, event).not.toContain('idiot');
      }
    }

    // The stored log folds back into the same board and dots.
    const log = await server.playfield.manager.repository.loadEvents(room.sessionId);
    const replayed = replay(log).rounds[roundId]?.state as BrainstormState;
    expect(replayed.phase).toBe('results');
    expect(tallyVotes(replayed).ranking).toEqual(onScreen.ranking);
  });

  it('refuses a facilitator action from a phone and a malformed action, and stores nothing', async () => {
    const room = await openRoom(server);
    const { roundId, facilitator, phones } = room;
    const ada = phones[0] as TestSocket;
    await mustAct(ada, roundId, { type: 'addNote', text: 'Same-day delivery', tag: null });
    await consoleWhere(facilitator, (v) => v.counts.notes === 1);
    const events = server.countRows('events');

    for (const action of [
      { type: 'phase', phase: 'vote' },
      { type: 'createCluster', name: 'Mine' },
      { type: 'hideNote', noteId: 'n1', isHidden: true },
      { type: 'mergeNote', noteId: 'n1', intoNoteId: 'n1' },
    ]) {
      expect(await act(ada, roundId, action), JSON.stringify(action)).toMatchObject(
        refused('FORBIDDEN'),
      );
    }
    // The facilitator does not post notes or vote on the room's behalf.
    expect(
      await act(facilitator, roundId, { type: 'addNote', text: 'Planted', tag: null }),
    ).toMatchObject(refused('FORBIDDEN'));

    for (const action of [
      { type: 'addNote', text: '', tag: null },
      { type: 'addNote', text: 'x'.repeat(501), tag: null },
      { type: 'addNote', text: 42, tag: null },
      { type: 'vote', itemId: 'n1', dots: 1.5 },
      { type: 'deleteNote', noteId: '../n1' },
      { type: 'teleport' },
    ]) {
      const result = await emitRaw(ada, 'round.act', { roundId, action });
      expect(result, JSON.stringify(action)).toMatchObject(refused('BAD_REQUEST'));
    }
    for (const action of [
      { type: 'moveNote', noteId: 'n1', clusterId: 'bogus' },
      { type: 'createCluster', name: '   ' },
      { type: 'phase', phase: 'party' },
    ]) {
      const result = await emitRaw(facilitator, 'round.act', { roundId, action });
      expect(result, JSON.stringify(action)).toMatchObject(refused('BAD_REQUEST'));
    }
    const empty = await act(facilitator, roundId, { type: 'createCluster', name: '  ' });
    if (!empty.ok) expect(empty.error.message).toMatch(/Give the cluster a name/);

    // Nothing was logged, and every view still shows the one note, ungrouped.
    expect(server.countRows('events')).toBe(events);
    const after = await consoleWhere(facilitator, () => true);
    expect(after).toMatchObject({ phase: 'collect', clusters: [], hidden: [] });
    expect(after.loose.map((n) => n.text)).toEqual(['Same-day delivery']);
  });

  it('names authors to the facilitator and on the revealed board of a named brainstorm', async () => {
    const room = await openRoom(server, {
      isAnonymous: false,
      tags: ['Better', 'Faster', 'Different'],
      prompt: 'Catch someone doing things better, faster or different',
    });
    const { roundId, facilitator, screen, phones } = room;
    const [ada, ben] = phones as [TestSocket, TestSocket];
    const untagged = await act(ada, roundId, { type: 'addNote', text: 'Kim was great', tag: null });
    expect(untagged).toMatchObject(refused('INVALID_ACTION'));
    await mustAct(ada, roundId, { type: 'addNote', text: 'Kim rebooked a family', tag: 'Faster' });
    await mustAct(ben, roundId, { type: 'addNote', text: 'Sam fixed the form', tag: 'Better' });

    const view = await consoleWhere(facilitator, (v) => v.loose.length === 2);
    expect(view.loose.map((n) => [n.tag, n.author])).toEqual([
      ['Faster', NAMES[0]],
      ['Better', NAMES[1]],
    ]);
    await mustControl(facilitator, { type: 'round.reveal' });
    const shown = await screenWhere(screen, (v) => v.board !== null);
    expect(shown.board?.groups[0]?.notes.map((n) => n.author)).toEqual([NAMES[0], NAMES[1]]);
    expect(shown.tagCounts).toEqual([1, 1, 0]);
  });
});
