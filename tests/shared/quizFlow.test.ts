/**
 * The quiz: config bounds with readable messages, the speed bonus at its edges, all-or-nothing
 * multi-answer scoring, the server's deadline, the facilitator's steps in order, ties that
 * share a rank, rank changes, per-team aggregation with a fake team lookup, privacy of the
 * views (anonymous leaderboards name nobody), O(1) answers, the automatic lock, and a replay.
 *
 * This file covers the facilitator's steps in order, ranks and teams, the privacy of the views, the automatic lock, and a replay; the other quiz*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  participantPublicView as sessionPublicView,
  replay,
  type Actor,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
} from '@playfield/shared';
import {
  buildStandings,
  quiz,
  tableGet,
  tableSet,
  emptyTable,
  type QuizConfig,
  type QuizPlayer,
  type QuizState,
} from '@playfield/shared/exercises/quiz/index';
import {
  FACILITATOR as SESSION_FACILITATOR,
  T0,
  exerciseContext,
  participant,
  recordedSession,
  run,
} from './sessionHarness.ts';
import { type Action, config, answer } from './quizFixtures.ts';

const ANA = { id: 'p-ana', name: 'Ana' };
const BEN = { id: 'p-ben', name: 'Ben' };
const CAI = { id: 'p-cai', name: 'Cai' };
const DEE = { id: 'p-dee', name: 'Dee' };
const PEOPLE = [ANA, BEN, CAI, DEE];
const FAC: Actor = { role: 'facilitator' };
const as = (id: string): Actor => ({ role: 'participant', participantId: id });
const ctx = (at: number, overrides: Partial<RoundContext> = {}): RoundContext =>
  exerciseContext(PEOPLE, { at, ...overrides });

function must(state: QuizState, action: Action, actor: Actor, at: number): QuizState {
  const result = quiz.reduce(state, action, actor, ctx(at));
  if (!result.ok) throw new Error(`${JSON.stringify(action)}: ${result.error.message}`);
  return result.data;
}

function refused(state: QuizState, action: Action, actor: Actor, at: number) {
  const result = quiz.reduce(state, action, actor, ctx(at));
  if (result.ok) throw new Error(`${JSON.stringify(action)} was accepted`);
  return result.error;
}

/** Q0 shown at t=0 s, Ana right at 0 s, Ben right at 5 s, Cai wrong at 2 s, then locked. */
function firstQuestion(cfg: QuizConfig = config()): QuizState {
  let s = quiz.init(cfg, 'seed');
  s = must(s, { type: 'show', question: 0 }, FAC, 0);
  s = must(s, answer(0, 1), as(ANA.id), 0);
  s = must(s, answer(0, 1), as(BEN.id), 5000);
  s = must(s, answer(0, 2), as(CAI.id), 2000);
  return must(s, { type: 'lock', question: 0 }, FAC, 20_000);
}

describe('quiz flow', () => {
  it('scores answers as they arrive and shows them only after the reveal', () => {
    const locked = firstQuestion();
    const at = ctx(20_000);
    // Before the reveal: nobody's points or result show, the screen has the distribution.
    expect(quiz.participantOwnView(locked, ANA.id, at)).toEqual({
      answer: { choices: [1] },
      result: null,
      total: 0,
      rank: null,
      previousRank: null,
    });
    expect(quiz.screenView(locked, at)).toMatchObject({
      phase: 'locked',
      distribution: { counts: [0, 2, 1], answered: 3, right: 2 },
      correct: null,
      leaderboard: null,
    });
    expect(quiz.participantPublicView(locked, at).correct).toBeNull();

    const revealed = must(locked, { type: 'reveal', question: 0 }, FAC, 21_000);
    expect(quiz.participantOwnView(revealed, ANA.id, at)).toEqual({
      answer: { choices: [1] },
      result: { isCorrect: true, points: 1000 },
      total: 1000,
      rank: 1,
      previousRank: null,
    });
    expect(quiz.participantOwnView(revealed, BEN.id, at)).toMatchObject({
      result: { isCorrect: true, points: 875 },
      rank: 2,
    });
    expect(quiz.participantOwnView(revealed, CAI.id, at)).toMatchObject({
      result: { isCorrect: false, points: 0 },
      total: 0,
      rank: 3,
    });
    // Dee did not answer: no result, no rank, and nothing of anyone else's.
    expect(quiz.participantOwnView(revealed, DEE.id, at)).toEqual({
      answer: null,
      result: null,
      total: 0,
      rank: null,
      previousRank: null,
    });
    expect(quiz.participantPublicView(revealed, at)).toMatchObject({
      correct: [1],
      rankedCount: 3,
    });
  });

  it('refuses answers after the deadline, before the lock lands, and after the lock', () => {
    let s = quiz.init(config(), 'seed');
    s = must(s, { type: 'show', question: 0 }, FAC, 1000);
    // Shown at 1 s with 20 s: the deadline is 21 s. At 21 s an answer counts (half points).
    const onTime = must(s, answer(0, 1), as(ANA.id), 21_000);
    expect(tableGet(onTime.players, ANA.id)?.answers['0']?.points).toBe(500);
    expect(refused(s, answer(0, 1), as(ANA.id), 21_001)).toEqual({
      code: 'ROUND_LOCKED',
      message: 'Time is up: answers are closed',
    });
    const locked = must(s, { type: 'lock', question: 0 }, FAC, 5000);
    expect(refused(locked, answer(0, 1), as(BEN.id), 5001).code).toBe('ROUND_LOCKED');
  });

  it('refuses a second answer, answers to another question and malformed choices', () => {
    let s = quiz.init(config(), 'seed');
    expect(refused(s, answer(0, 1), as(ANA.id), 0).message).toBe('This question is closed');
    s = must(s, { type: 'show', question: 0 }, FAC, 0);
    s = must(s, answer(0, 2), as(ANA.id), 100);
    expect(refused(s, answer(0, 1), as(ANA.id), 200)).toEqual({
      code: 'CONFLICT',
      message: 'You have already answered',
    });
    expect(refused(s, answer(1, 1), as(BEN.id), 200).code).toBe('ROUND_LOCKED');
    expect(refused(s, answer(0, 1, 2), as(BEN.id), 200).message).toBe('Choose one answer');
    expect(refused(s, answer(0, 5), as(BEN.id), 200).message).toBe('That option does not exist');
    expect(refused(s, answer(0, 1, 1), as(BEN.id), 200).message).toBe('Choose each option once');
    expect(refused(s, answer(0, 1), FAC, 200).code).toBe('FORBIDDEN');
    expect(refused(s, { type: 'lock', question: 0 }, as(ANA.id), 200).code).toBe('FORBIDDEN');
    expect(s.playerCount).toBe(1);
  });

  it('runs the steps in order and refuses them out of order', () => {
    let s = quiz.init(config(), 'seed');
    expect(refused(s, { type: 'show', question: 1 }, FAC, 0).code).toBe('CONFLICT');
    expect(refused(s, { type: 'reveal', question: 0 }, FAC, 0).code).toBe('CONFLICT');
    expect(refused(s, { type: 'finish' }, FAC, 0).code).toBe('CONFLICT');
    s = must(s, { type: 'show', question: 0 }, FAC, 0);
    expect(refused(s, { type: 'show', question: 0 }, FAC, 10).code).toBe('CONFLICT');
    expect(refused(s, { type: 'reveal', question: 0 }, FAC, 10).code).toBe('CONFLICT');
    expect(refused(s, { type: 'lock', question: 1 }, FAC, 10).code).toBe('CONFLICT');
    s = must(s, { type: 'lock', question: 0 }, FAC, 10);
    // A late automatic lock for the same question changes nothing.
    expect(refused(s, { type: 'lock', question: 0 }, FAC, 20_000).code).toBe('CONFLICT');
    s = must(s, { type: 'reveal', question: 0 }, FAC, 20);
    expect(refused(s, { type: 'finish' }, FAC, 30).code).toBe('CONFLICT');
    s = must(s, { type: 'leaderboard', question: 0 }, FAC, 30);
    s = must(s, { type: 'show', question: 1 }, FAC, 40);
    s = must(s, { type: 'lock', question: 1 }, FAC, 50);
    s = must(s, { type: 'reveal', question: 1 }, FAC, 60);
    // The last question goes straight to the final leaderboard (or via the leaderboard).
    expect(refused(s, { type: 'show', question: 2 }, FAC, 70).code).toBe('INVALID_ACTION');
    s = must(s, { type: 'finish' }, FAC, 70);
    expect(s.phase).toBe('final');
  });

  it('scores a multi-answer question all or nothing and tracks rank changes', () => {
    let s = must(firstQuestion(), { type: 'reveal', question: 0 }, FAC, 21_000);
    s = must(s, { type: 'show', question: 1 }, FAC, 30_000);
    s = must(s, answer(1, 0, 2), as(CAI.id), 30_000); // right at 0 s: 500
    s = must(s, answer(1, 2, 0), as(DEE.id), 35_000); // right at 5 s: 500 x 0.75 = 375
    s = must(s, answer(1, 0), as(ANA.id), 31_000); // one of two: 0
    s = must(s, answer(1, 0, 1, 2), as(BEN.id), 31_000); // one wrong too: 0
    s = must(s, { type: 'lock', question: 1 }, FAC, 40_000);
    s = must(s, { type: 'reveal', question: 1 }, FAC, 41_000);
    s = must(s, { type: 'leaderboard', question: 1 }, FAC, 42_000);
    const board = quiz.screenView(s, ctx(42_000)).leaderboard;
    expect(board).toEqual([
      { rank: 1, previousRank: 1, name: 'Ana', points: 1000 },
      { rank: 2, previousRank: 2, name: 'Ben', points: 875 },
      { rank: 3, previousRank: 3, name: 'Cai', points: 500 },
      { rank: 4, previousRank: null, name: 'Dee', points: 375 },
    ]);
    expect(quiz.participantOwnView(s, CAI.id, ctx(42_000))).toEqual({
      answer: { choices: [0, 2] },
      result: { isCorrect: true, points: 500 },
      total: 500,
      rank: 3,
      previousRank: 3,
    });
    const distribution = quiz.screenView(s, ctx(42_000)).distribution;
    expect(distribution).toEqual({ counts: [4, 1, 3, 0], answered: 4, right: 2 });
  });

  it('shares a rank between equal scores on the leaderboard and on the phones', () => {
    let s = quiz.init(config({ isSpeedBonus: false }), 'seed');
    s = must(s, { type: 'show', question: 0 }, FAC, 0);
    s = must(s, answer(0, 1), as(BEN.id), 100);
    s = must(s, answer(0, 1), as(ANA.id), 9000);
    s = must(s, answer(0, 0), as(CAI.id), 100);
    s = must(s, { type: 'lock', question: 0 }, FAC, 10_000);
    s = must(s, { type: 'reveal', question: 0 }, FAC, 10_000);
    expect(quiz.facilitatorView(s, ctx(0)).leaderboard.map((e) => [e.name, e.rank])).toEqual([
      ['Ana', 1],
      ['Ben', 1],
      ['Cai', 3],
    ]);
    expect(quiz.participantOwnView(s, BEN.id, ctx(0)).rank).toBe(1);
  });

  it('keeps a rejoining participant’s points and answers: they are the seat’s, not the socket’s', () => {
    // A phone that rejoins with its resume token acts as the same participant id again.
    let s = must(firstQuestion(), { type: 'reveal', question: 0 }, FAC, 21_000);
    s = must(s, { type: 'show', question: 1 }, FAC, 30_000);
    const own = quiz.participantOwnView(s, BEN.id, ctx(30_000));
    expect(own).toEqual({ answer: null, result: null, total: 875, rank: 2, previousRank: null });
    s = must(s, answer(1, 0, 2), as(BEN.id), 30_000);
    expect(quiz.participantOwnView(s, BEN.id, ctx(30_001))).toMatchObject({
      answer: { choices: [0, 2] },
      total: 875,
    });
  });

  it('shows no names on any leaderboard or summary when anonymous, and no answers in public views', () => {
    let s = firstQuestion(config({ isAnonymous: true }));
    s = must(s, { type: 'reveal', question: 0 }, FAC, 21_000);
    s = must(s, { type: 'leaderboard', question: 0 }, FAC, 22_000);
    const c = ctx(22_000);
    const views = [
      quiz.facilitatorView(s, c),
      quiz.screenView(s, c),
      quiz.participantPublicView(s, c),
      quiz.summary(s, c),
    ];
    for (const view of views) {
      const text = JSON.stringify(view);
      for (const person of PEOPLE) {
        expect(text).not.toContain(person.name);
        expect(text).not.toContain(person.id);
      }
    }
    expect(quiz.screenView(s, c).leaderboard?.[0]).toEqual({
      rank: 1,
      previousRank: null,
      name: null,
      points: 1000,
    });
    // Named quizzes name people on the leaderboard, but never who chose what.
    const named = must(
      must(firstQuestion(), { type: 'reveal', question: 0 }, FAC, 21_000),
      { type: 'leaderboard', question: 0 },
      FAC,
      22_000,
    );
    const screen = JSON.stringify(quiz.screenView(named, c));
    expect(screen).toContain('Ana');
    expect(screen).not.toContain('choices');
    expect(JSON.stringify(quiz.participantPublicView(named, c))).not.toMatch(/Ana|Ben|choices/);
  });

  it('does not change the phones’ shared view when someone answers', () => {
    let s = quiz.init(config(), 'seed');
    s = must(s, { type: 'show', question: 0 }, FAC, 0);
    const before = quiz.participantPublicView(s, ctx(0));
    s = must(s, answer(0, 1), as(ANA.id), 100);
    expect(quiz.participantPublicView(s, ctx(100))).toEqual(before);
    expect(quiz.participantPublicView(s, ctx(0)).question).not.toHaveProperty('correct');
  });

  it('locks each question at its deadline through the automation hook', () => {
    let s = quiz.init(config(), 'seed');
    expect(quiz.automation?.(s, ctx(0))).toBeNull();
    s = must(s, { type: 'show', question: 0 }, FAC, 1000);
    expect(quiz.automation?.(s, ctx(1000))).toEqual({
      action: { type: 'lock', question: 0 },
      delayMs: 20_000,
    });
    expect(quiz.automation?.(s, ctx(15_000))?.delayMs).toBe(6000);
    expect(quiz.automation?.(s, ctx(30_000))?.delayMs).toBe(0);
    s = must(s, { type: 'lock', question: 0 }, FAC, 21_000);
    expect(quiz.automation?.(s, ctx(21_000))).toBeNull();
  });

  it('sums up each question’s right answer and share right, and the final leaderboard', () => {
    let s = must(firstQuestion(), { type: 'reveal', question: 0 }, FAC, 21_000);
    s = must(s, { type: 'show', question: 1 }, FAC, 30_000);
    s = must(s, answer(1, 0, 2), as(CAI.id), 30_000);
    s = must(s, answer(1, 0), as(ANA.id), 31_000);
    s = must(s, { type: 'lock', question: 1 }, FAC, 40_000);
    s = must(s, { type: 'reveal', question: 1 }, FAC, 41_000);
    s = must(s, { type: 'finish' }, FAC, 42_000);
    const summary = quiz.summary(s, ctx(42_000));
    expect(summary.headline).toBe('Quiz: 2 questions, Ana first with 1000 points');
    expect(summary.blocks[0]).toEqual({
      type: 'table',
      columns: ['Question', 'Right answer', 'Answered', 'Share right'],
      rows: [
        ['1. Who defines quality?', 'The customer', '3', '67%'],
        ['2. Which are sins of service?', 'Apathy + Runaround', '2', '50%'],
      ],
    });
    expect(summary.blocks[1]).toEqual({
      type: 'table',
      columns: ['Rank', 'Name', 'Points'],
      rows: [
        ['1st', 'Ana', '1000'],
        ['2nd', 'Ben', '875'],
        ['3rd', 'Cai', '500'],
      ],
    });
    expect(quiz.screenView(s, ctx(42_000))).toMatchObject({ phase: 'final' });
  });

  it('builds standings without reading inherited keys of the roster', () => {
    const players = tableSet(emptyTable<QuizPlayer>(), 'toString', { total: 5, answers: {} });
    const standings = buildStandings(players, {}, quiz.init(config(), 's').standings, 0);
    expect(standings.top).toEqual(['toString']);
    expect(standings.count).toBe(1);
  });
});

describe('quiz replay', () => {
  const ROUND = 'qz';
  const spec: RoundSpec = { id: ROUND, kind: 'quiz', title: 'Service quiz', config: config() };
  const roundAct = (action: Action): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });

  it('rebuilds the same scores, standings and views from the log, the automatic lock included', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const [ana = '', ben = '', cai = ''] = live.ids;
    live.must(roundAct({ type: 'show', question: 0 }), SESSION_FACILITATOR);
    live.must(roundAct(answer(0, 1)), participant(ana));
    live.must(roundAct(answer(0, 0)), participant(ben));
    // What the server's automation does at the deadline: a logged facilitator action.
    const state = () => live.state.rounds[ROUND]?.state as QuizState;
    const auto = quiz.automation?.(
      state(),
      exerciseContext([], { at: T0 + live.state.seq * 1000 }),
    );
    expect(auto?.action).toEqual({ type: 'lock', question: 0 });
    live.must(roundAct(auto?.action as Action), SESSION_FACILITATOR);
    // An answer after the deadline is refused and leaves nothing in the log.
    const late = run(live.state, roundAct(answer(0, 1)), participant(cai), T0 + 10_000_000);
    expect(late.result.ok).toBe(false);
    live.must(roundAct({ type: 'reveal', question: 0 }), SESSION_FACILITATOR);
    live.must(roundAct({ type: 'leaderboard', question: 0 }), SESSION_FACILITATOR);
    live.must(roundAct({ type: 'show', question: 1 }), SESSION_FACILITATOR);
    live.must(roundAct(answer(1, 0, 2)), participant(cai));
    live.must(roundAct({ type: 'lock', question: 1 }), SESSION_FACILITATOR);
    live.must(roundAct({ type: 'reveal', question: 1 }), SESSION_FACILITATOR);
    live.must(roundAct({ type: 'finish' }), SESSION_FACILITATOR);

    expect(state().phase).toBe('final');
    expect(tableGet(state().players, ana)?.total).toBeGreaterThan(500);
    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
    // A snapshot is JSON: the state read back gives the same views.
    const restored = JSON.parse(JSON.stringify(state())) as QuizState;
    const c = exerciseContext([{ id: ana, name: 'Ana' }]);
    expect(quiz.screenView(restored, c)).toEqual(quiz.screenView(state(), c));
    expect(quiz.participantOwnView(restored, cai, c)).toEqual(
      quiz.participantOwnView(state(), cai, c),
    );
  });
});
