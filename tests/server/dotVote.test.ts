/**
 * The dot vote through real sockets: four phones choose listening sources under the rule
 * "at least two", with examples; the console sees live counts, who falls short and every
 * example without its author, hides one and puts an option on the screen; the reveal shows
 * the ranking, the shortfall and the examples left. An anonymous vote names nobody in any
 * round view. A phone cannot moderate, and bad ballots leave no trace in the log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateSessionBody, ExerciseViews, Result } from '@playfield/shared';
import type { DotVoteConfig } from '@playfield/shared/exercises/dotVote/index';
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

const CONFIG: DotVoteConfig = {
  question: 'Which sources of customer information does your team use continually?',
  options: ['Letters', 'Complaints', 'Survey cards', 'CSI'].map((label) => ({
    label,
    description: '',
  })),
  rule: { mode: 'choose', min: 2, max: 4 },
  exampleMode: 'optional',
  isAnonymous: false,
  showShortfallNames: true,
};

const agenda = (config: Partial<DotVoteConfig> = {}): CreateSessionBody['agenda'] => [
  { kind: 'dotVote', title: 'Listening sources', config: { ...CONFIG, ...config } },
];

type Console = ExerciseViews<'dotVote'>['facilitator'];
type Phone = ExerciseViews<'dotVote'>['participantPublic'];
type Own = ExerciseViews<'dotVote'>['participantOwn'];
type Screen = ExerciseViews<'dotVote'>['screen'];

const consoleWhere = async (socket: TestSocket, predicate: (v: Console) => boolean) =>
  (await exerciseView(socket, 'view.facilitator', 'dotVote', predicate)).view;
const phoneWhere = async (socket: TestSocket, predicate: (v: Phone) => boolean) =>
  (await exerciseView(socket, 'view.public', 'dotVote', predicate)).view;
const ownWhere = async (socket: TestSocket, predicate: (v: Own) => boolean) =>
  (await exerciseView(socket, 'view.own', 'dotVote', predicate)).view;
const screenWhere = async (socket: TestSocket, predicate: (v: Screen) => boolean) =>
  (await exerciseView(socket, 'view.screen', 'dotVote', predicate)).view;

/** A ballot choosing these options, with examples where given. */
const vote = (...choices: (number | [number, string])[]) => ({
  type: 'vote',
  choices: choices.map((c) =>
    typeof c === 'number'
      ? { option: c, dots: 1, example: null }
      : { option: c[0], dots: 1, example: c[1] },
  ),
});

const NAMES = ['Ana', 'Ben', 'Cai', 'Dee'];

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/** A started session on the vote, with the console, the screen and four phones connected. */
async function openRoom(config: Partial<DotVoteConfig> = {}) {
  const session = await server.createSession({ title: 'Service Pro', agenda: agenda(config) });
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
  return { facilitator, screen, seats, phones, act };
}

/**
 * Ana: Letters, Complaints ("Weekly complaint log"), Survey cards. Ben: Complaints
 * ("Angry letters go straight to legal"), short of two. Cai: Complaints, CSI. Dee: none,
 * short. Counts: Complaints 3, Letters 1, Survey cards 1, CSI 1.
 */
async function castVotes(
  act: (socket: TestSocket, action: unknown) => Promise<Result<{ seq: number }>>,
  phones: TestSocket[],
) {
  const ballots = [
    vote(0, [1, 'Weekly complaint log'], 2),
    vote([1, 'Angry letters go straight to legal']),
    vote(1, 3),
    vote(),
  ];
  for (const [i, phone] of phones.entries()) {
    expect(await act(phone, ballots[i])).toMatchObject({ ok: true });
  }
}

describe('a dot vote, live', () => {
  it('runs a round end to end: live counts, who falls short, moderation and the reveal', async () => {
    const { facilitator, screen, phones, act } = await openRoom();
    const [ana, ben] = phones as [TestSocket, TestSocket];
    await phoneWhere(ana, (v) => v.options.length === 4);
    const publicBefore = receivedViews(ana).filter((r) => r.event === 'view.public').length;

    await castVotes(act, phones);

    const live = await consoleWhere(facilitator, (v) => v.tally.respondents === 4);
    expect(live.tally.counts).toEqual([1, 3, 1, 1]);
    expect(live.ranking.map((r) => r.label)).toEqual([
      'Complaints',
      'Letters',
      'Survey cards',
      'CSI',
    ]);
    expect(live.shortfall).toEqual({
      min: 2,
      count: 2,
      respondents: 4,
      share: 0.5,
      names: ['Ben', 'Dee'],
    });
    expect(live.examples.map((e) => e.text).sort()).toEqual([
      'Angry letters go straight to legal',
      'Weekly complaint log',
    ]);
    // The phones’ shared view did not change while people voted; the screen shows a count.
    expect(receivedViews(ana).filter((r) => r.event === 'view.public')).toHaveLength(publicBefore);
    expect(await screenWhere(screen, (v) => v.respondents === 4)).toMatchObject({ results: null });
    expect(await ownWhere(ben, (v) => v.hasVoted)).toEqual({
      hasVoted: true,
      choices: [{ option: 1, dots: 1, example: 'Angry letters go straight to legal' }],
    });

    // The facilitator hides Ben's example, puts Complaints on the screen and reveals.
    const legal = live.examples.find((e) => e.text.startsWith('Angry'));
    expect(
      await act(facilitator, { type: 'hideExample', exampleId: legal?.id, isHidden: true }),
    ).toMatchObject({ ok: true });
    expect(await act(facilitator, { type: 'focus', option: 1 })).toMatchObject({ ok: true });
    expect(await emitAck(facilitator, 'session.control', { type: 'round.reveal' })).toMatchObject({
      ok: true,
    });

    const shown = await screenWhere(screen, (v) => v.results !== null);
    expect(shown.results).toEqual({
      ranking: live.ranking,
      shortfall: { min: 2, count: 2, respondents: 4, share: 0.5, names: ['Ben', 'Dee'] },
      examples: { option: 1, label: 'Complaints', texts: ['Weekly complaint log'], more: 0 },
    });
    const onPhone = await phoneWhere(ana, (v) => v.results !== null);
    expect(onPhone.results).toEqual({
      ranking: live.ranking,
      respondents: 4,
      shortfall: { min: 2, count: 2, respondents: 4, share: 0.5 },
    });
    // A hidden example reaches no phone and no screen; phones never learn who falls short.
    for (const socket of [...phones, screen]) {
      for (const { event, message } of receivedViews(socket)) {
        if (event === 'view.own') continue;
        expect(JSON.stringify(message), event).not.toContain('straight to legal');
      }
    }
    for (const phone of phones) {
      for (const { event, message } of receivedViews(phone)) {
        if (event === 'view.public') expect(JSON.stringify(message)).not.toContain('"names"');
      }
    }
    // Votes no longer change once the results are out.
    expect(await act(ben, vote(0, 1))).toMatchObject({
      ok: false,
      error: { code: 'ROUND_LOCKED', message: 'The results are out: votes can no longer change' },
    });
  });

  it('names nobody in any round view when the vote is anonymous', async () => {
    const { facilitator, screen, phones, seats, act } = await openRoom({
      isAnonymous: true,
      showShortfallNames: false,
    });
    await castVotes(act, phones);
    await consoleWhere(facilitator, (v) => v.tally.respondents === 4);
    expect(await act(facilitator, { type: 'focus', option: 1 })).toMatchObject({ ok: true });
    expect(await emitAck(facilitator, 'session.control', { type: 'round.reveal' })).toMatchObject({
      ok: true,
    });
    const revealed = await consoleWhere(facilitator, (v) => v.isRevealed);
    expect(revealed.shortfall).toEqual({ min: 2, count: 2, respondents: 4, share: 0.5 });
    await screenWhere(screen, (v) => v.results !== null);
    for (const phone of phones) await phoneWhere(phone, (v) => v.results !== null);

    const secrets = seats.flatMap((s) => [s.participantId, s.name]);
    for (const socket of [facilitator, screen, ...phones]) {
      for (const { event, message } of receivedViews(socket)) {
        if (event === 'view.own') continue;
        const { round } = (message as { view: { round: unknown } }).view;
        for (const secret of secrets) expect(JSON.stringify(round), event).not.toContain(secret);
      }
    }
  });

  it('refuses a phone’s moderation as FORBIDDEN and bad ballots, changing nothing', async () => {
    const { facilitator, phones, act } = await openRoom({ exampleMode: 'off' });
    const [ana] = phones as [TestSocket];
    expect(await act(ana, vote(0, 1))).toMatchObject({ ok: true });
    await consoleWhere(facilitator, (v) => v.tally.respondents === 1);
    const events = server.countRows('events');

    for (const action of [
      { type: 'reset' },
      { type: 'focus', option: 0 },
      { type: 'hideExample', exampleId: 'ex_abcdefghij', isHidden: true },
    ]) {
      expect(await act(ana, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Only the facilitator can do that' },
      });
    }
    for (const action of [
      { type: 'vote' },
      { type: 'vote', choices: [{ option: 0, dots: 1 }] },
      { type: 'vote', choices: [{ option: 0, dots: 1, example: 'x'.repeat(400) }] },
      { type: 'vote', choices: [{ option: 25, dots: 1, example: null }] },
      { type: 'vote', choices: 'all of them' },
    ]) {
      expect(await act(ana, action), JSON.stringify(action)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    for (const [action, message] of [
      [vote(0, 0), 'Choose each option once'],
      [vote(7), 'That option does not exist'],
      [vote([0, 'We read them']), 'This vote takes no examples'],
    ] as const) {
      expect(await act(ana, action)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ACTION', message },
      });
    }
    expect(await act(facilitator, vote(0))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    expect(server.countRows('events')).toBe(events);
    const after = await consoleWhere(facilitator, () => true);
    expect(after.tally.counts).toEqual([1, 1, 0, 0]);
    expect(after.focus).toBeNull();
  });
});
