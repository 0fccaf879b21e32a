/**
 * The role-play through real sockets: a facilitator, a room screen and seven phones form
 * trios, score, reveal, lock and rotate; a late joiner waits, then is placed; phones that
 * try the facilitator's moves, score for another group or send junk are refused and
 * nothing reaches the log. Every wait is on an ack or a view; nothing sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ControlCommand,
  CreateSessionBody,
  ExerciseViews,
  JoinedSeat,
  ParticipantPublicView,
  Result,
} from '@playfield/shared';
import type { RolePlayConfig } from '../../shared/src/exercises/rolePlay/index.ts';
import { rolePlayPresets } from '../../shared/src/exercises/rolePlay/presets.ts';
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

const CONFIG: RolePlayConfig = rolePlayPresets.hostileFeedback!.config;
const STEPS = CONFIG.steps.map((s) => s.name);

function rolePlayAgenda(config: Partial<RolePlayConfig> = {}): CreateSessionBody['agenda'] {
  return [{ kind: 'rolePlay', title: 'Hostile feedback', config: { ...CONFIG, ...config } }];
}

type Console = ExerciseViews<'rolePlay'>['facilitator'];
type Own = ExerciseViews<'rolePlay'>['participantOwn'];

const consoleWhere = async (socket: TestSocket, predicate: (view: Console) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'rolePlay', predicate)).view;
const ownWhere = async (socket: TestSocket, predicate: (own: Own) => boolean) =>
  (await exerciseView(socket, 'view.own', 'rolePlay', predicate)).view;

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

interface Room {
  roundId: string;
  code: string;
  facilitator: TestSocket;
  screen: TestSocket;
  seats: JoinedSeat[];
  /** Phones by participant id. */
  phones: Map<string, TestSocket>;
}

async function openRoom(server: TestServer, names: string[]): Promise<Room> {
  const session = await server.createSession({ title: 'Complaints', agenda: rolePlayAgenda() });
  const seats = await Promise.all(names.map((name) => server.join(session.code, name)));
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const phones = new Map(
    await Promise.all(
      seats.map(
        async (seat) => [seat.participantId, await server.connect(participantOf(seat))] as const,
      ),
    ),
  );
  await mustControl(facilitator, { type: 'session.start' });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  return { roundId: view.round?.id ?? '', code: session.code, facilitator, screen, seats, phones };
}

function phoneOf(room: Room, participantId: string): TestSocket {
  const socket = room.phones.get(participantId);
  if (!socket) throw new Error(`No phone for ${participantId}`);
  return socket;
}

/** The scorer's id of each group, from the console. */
function scorers(view: Console): string[] {
  return view.groups.map((g) => g.members.find((m) => m.isScorer)?.id ?? '');
}

describe('the role-play, live', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('forms trios, scores, reveals, locks and rotates a round with the room following', async () => {
    const names = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eve', 'Finn', 'Gia'];
    const room = await openRoom(server, names);
    const { roundId, facilitator, screen } = room;

    // Before forming, phones see the scenario and no group.
    const before = await exerciseView(
      phoneOf(room, room.seats[0]!.participantId),
      'view.public',
      'rolePlay',
      (v) => v.play === 0,
    );
    expect(before.view).toMatchObject({
      title: CONFIG.scenario.title,
      groupCount: 0,
      results: null,
    });

    await mustAct(facilitator, roundId, { type: 'form' });
    const formed = await consoleWhere(facilitator, (v) => v.groups.length > 0);
    expect(formed.groups.map((g) => g.members.length)).toEqual([3, 2, 2]);
    expect(formed.groups.flatMap((g) => g.members.map((m) => m.name)).sort()).toEqual(
      [...names].sort(),
    );

    // Every phone learns its group, its part and its partners, as the console shows them.
    for (const group of formed.groups) {
      for (const member of group.members) {
        const own = await ownWhere(phoneOf(room, member.id), (o) => o.group !== null);
        expect(own.group).toMatchObject({
          label: group.label,
          role: member.role,
          isScorer: member.isScorer,
          partners: group.members
            .filter((m) => m.id !== member.id)
            .map((m) => ({ name: m.name, role: m.role, isScorer: m.isScorer })),
          brief:
            member.role === 'customer'
              ? CONFIG.scenario.customerBrief
              : member.role === 'provider'
                ? CONFIG.scenario.providerBrief
                : null,
        });
      }
    }
    // In the trio the observer scores; in the pairs the customer does.
    expect(formed.groups.map((g) => g.members.find((m) => m.isScorer)?.role)).toEqual([
      'observer',
      'customer',
      'customer',
    ]);

    // The phones' shared view does not move while groups score: whatever else a phone is
    // sent meanwhile (a head count), the role-play part stays as it was after forming.
    const watcher = phoneOf(room, formed.groups[0]!.members[0]!.id);
    await exerciseView(watcher, 'view.public', 'rolePlay', (v) => v.play === 1);
    const rolePlayParts = () =>
      receivedViews(watcher)
        .filter((m) => m.event === 'view.public')
        .map((m) =>
          JSON.stringify((m.message as { view: ParticipantPublicView }).view.round?.view),
        );
    const publicBefore = rolePlayParts().length;
    const formedPart = rolePlayParts().at(-1);

    const cards = [
      [4, 2, 5, 3],
      [5, 3, 4, 4],
      [3, 2, 4, 5],
    ];
    for (const [g, scorer] of scorers(formed).entries()) {
      for (const [i, step] of STEPS.entries()) {
        await mustAct(phoneOf(room, scorer), roundId, {
          type: 'score',
          step,
          value: cards[g]![i],
        });
      }
    }
    await mustAct(phoneOf(room, scorers(formed)[0]!), roundId, {
      type: 'comment',
      text: 'Listened well, rushed the fix',
    });

    const scored = await consoleWhere(
      facilitator,
      (v) => v.progress.complete === 3 && !!v.groups[0]?.scorecard?.comment,
    );
    expect(scored.results.steps.map((s) => s.mean)).toEqual([4, 2.33, 4.33, 4]);
    expect(scored.groups[0]?.scorecard?.comment).toBe('Listened well, rushed the fix');
    // The room screen counts the groups that scored, without the scores until the reveal.
    const onScreen = await exerciseView(
      screen,
      'view.screen',
      'rolePlay',
      (v) => v.progress.complete === 3,
    );
    expect(onScreen.view.results).toBeNull();
    // The customer of the trio sees the observer's finished card.
    const customer = formed.groups[0]!.members[0]!;
    const feedback = await ownWhere(
      phoneOf(room, customer.id),
      (o) => !!o.group?.scorecard?.comment,
    );
    expect(feedback.group?.scorecard).toEqual({
      scores: [4, 2, 5, 3],
      comment: 'Listened well, rushed the fix',
      isComplete: true,
    });
    expect(new Set(rolePlayParts().slice(publicBefore - 1))).toEqual(new Set([formedPart]));

    // The reveal puts the room's means on the screen and the phones.
    await mustControl(facilitator, { type: 'round.reveal' });
    const revealed = await exerciseView(
      screen,
      'view.screen',
      'rolePlay',
      (v) => v.results !== null,
    );
    expect(revealed.view.results).toMatchObject({ scorecards: 3, plays: 1 });
    expect(revealed.view.results?.steps[1]).toMatchObject({
      name: 'Empathise',
      mean: 2.33,
      lowest: 2,
      highest: 3,
      distribution: [0, 2, 1, 0, 0],
    });
    const phoneResults = await exerciseView(
      watcher,
      'view.public',
      'rolePlay',
      (v) => v.results !== null,
    );
    expect(phoneResults.view.results).toEqual(revealed.view.results);
    expect(JSON.stringify(phoneResults.view)).not.toContain('rushed the fix');

    // Locked: scores can no longer change.
    await mustControl(facilitator, { type: 'round.lock' });
    expect(
      await act(phoneOf(room, scorers(formed)[1]!), roundId, {
        type: 'score',
        step: 'Clarify',
        value: 1,
      }),
    ).toMatchObject(refused('ROUND_LOCKED'));
    await mustControl(facilitator, { type: 'round.open' });

    // Rotating: the trio's customer now provides, and the next play starts blank.
    await mustAct(facilitator, roundId, { type: 'rotate' });
    const rotated = await consoleWhere(facilitator, (v) => v.play === 2);
    expect(rotated.groups.every((g) => g.status === 'waiting')).toBe(true);
    expect(rotated.results.scorecards).toBe(3);
    const next = await ownWhere(phoneOf(room, customer.id), (o) => o.group?.role === 'provider');
    expect(next.group?.scorecard).toBeNull();
  });

  it('holds a late joiner until the facilitator places them in the smallest group', async () => {
    const room = await openRoom(server, ['Ada', 'Ben', 'Cleo', 'Dev', 'Eve']);
    await mustAct(room.facilitator, room.roundId, { type: 'form' });
    const formed = await consoleWhere(room.facilitator, (v) => v.groups.length === 2);
    expect(formed.groups.map((g) => g.members.length)).toEqual([3, 2]);

    const lateSeat = await server.join(room.code, 'Zoe');
    const late = await server.connect(participantOf(lateSeat));
    const waiting = await consoleWhere(room.facilitator, (v) => v.waiting.length === 1);
    expect(waiting.waiting).toEqual([{ id: lateSeat.participantId, name: 'Zoe' }]);
    // The late phone knows the groups exist but holds no group of its own.
    await exerciseView(late, 'view.public', 'rolePlay', (v) => v.play === 1 && v.groupCount === 2);
    expect(
      receivedViews(late).some(
        (m) => m.event === 'view.own' && JSON.stringify(m.message).includes('"label"'),
      ),
    ).toBe(false);

    await mustAct(room.facilitator, room.roundId, { type: 'placeNewcomers' });
    const own = await ownWhere(late, (o) => o.group !== null);
    expect(own.group).toMatchObject({ label: 'Group 2', role: 'observer', isScorer: true });
    const placed = await consoleWhere(room.facilitator, (v) => v.waiting.length === 0);
    expect(placed.groups[1]?.members.map((m) => m.name).at(-1)).toBe('Zoe');
    // The pair's customer hands the scoring to the newcomer.
    const pairCustomer = placed.groups[1]!.members[0]!;
    await ownWhere(phoneOf(room, pairCustomer.id), (o) => o.group?.isScorer === false);
    await mustAct(late, room.roundId, { type: 'score', step: 'Correct', value: 4 });
  });

  it('refuses facilitator moves from phones, scores from the wrong member and bad payloads, changing nothing', async () => {
    const room = await openRoom(server, ['Ada', 'Ben', 'Cleo']);
    const { roundId, facilitator } = room;
    const anyPhone = phoneOf(room, room.seats[0]!.participantId);

    for (const action of [{ type: 'form' }, { type: 'rotate' }, { type: 'placeNewcomers' }]) {
      const result = await act(anyPhone, roundId, action);
      expect(result).toMatchObject(refused('FORBIDDEN'));
      expect(!result.ok && result.error.message).toBe('Only the facilitator can do that');
    }
    // Before groups exist nobody scores.
    expect(
      await act(anyPhone, roundId, { type: 'score', step: 'Clarify', value: 3 }),
    ).toMatchObject(refused('FORBIDDEN'));

    const formedSeq = await mustAct(facilitator, roundId, { type: 'form' });
    const formed = await consoleWhere(facilitator, (v) => v.groups.length === 1);
    const [customer, provider, observer] = formed.groups[0]!.members;
    const eventsAfterForming = server.countRows('events');

    for (const member of [customer!, provider!]) {
      expect(
        await act(phoneOf(room, member.id), roundId, { type: 'score', step: 'Clarify', value: 3 }),
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Only your group’s observer scores the role-play' },
      });
    }
    const scorerPhone = phoneOf(room, observer!.id);
    for (const payload of [
      { type: 'score', step: 'Clarify', value: 'ten' },
      { type: 'score', step: 'Clarify', value: 11 },
      { type: 'score', step: 'Clarify' },
      { type: 'comment', text: 'x'.repeat(281) },
      { type: 'cheer' },
      'score',
    ]) {
      expect(await act(scorerPhone, roundId, payload as object)).toMatchObject(
        refused('BAD_REQUEST'),
      );
    }
    expect(
      await act(scorerPhone, roundId, { type: 'score', step: 'Apologise', value: 3 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'There is no step called “Apologise”' },
    });
    expect(
      await act(facilitator, roundId, { type: 'score', step: 'Clarify', value: 3 }),
    ).toMatchObject(refused('FORBIDDEN'));

    // None of it reached the log: the next accepted action directly follows the forming.
    expect(server.countRows('events')).toBe(eventsAfterForming);
    expect(await mustAct(scorerPhone, roundId, { type: 'score', step: 'Clarify', value: 3 })).toBe(
      formedSeq + 1,
    );
    const view = await consoleWhere(facilitator, (v) => v.progress.started === 1);
    expect(view.groups[0]?.scorecard?.scores).toEqual([null, null, 3, null]);
  });
});
