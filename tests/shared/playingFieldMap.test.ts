/**
 * Define the Playing Field as an exercise: config bounds, placing, locking and revealing,
 * the rigid-to-flexible tests, the map, the aggregates (worked by hand), the privacy of
 * every view, the summary, and a replay of a whole round's log.
 *
 * This file covers the rigid-to-flexible test, the map and the privacy of every view; the other playingField*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise } from '@playfield/shared';
import {
  playingField,
  type PlayingFieldState,
} from '@playfield/shared/exercises/playingField/index';
import { TEST_QUESTION_IDS } from '@playfield/shared/exercises/playingField/model';
import { fieldResults, testTally } from '@playfield/shared/exercises/playingField/stats';
import {
  type Action,
  FAC,
  as,
  ANA,
  BEN,
  CAI,
  DEE,
  EVA,
  NAMES,
  ctx,
  init,
  step,
  refused,
  workedRoom,
} from './playingFieldFixtures.ts';

describe('the rigid-to-flexible test', () => {
  const answer = (cardId: string, question: string, yes: boolean): Action =>
    ({ type: 'test.answer', cardId, question, answer: yes }) as Action;

  function allYes(s: PlayingFieldState, who: string, cardId: string) {
    return TEST_QUESTION_IDS.reduce((next, q) => step(next, as(who), answer(cardId, q, true)), s);
  }

  it('opens a card’s test, which moves the round to the test phase, and tallies the answers', () => {
    let s = step(workedRoom(), FAC, { type: 'test.open', cardId: 'b' });
    expect(s).toMatchObject({ phase: 'test', activeTestCardId: 'b' });
    s = allYes(s, ANA, 'b');
    s = allYes(s, BEN, 'b');
    s = step(s, as(CAI), answer('b', 'rubberStamp', false));
    s = step(s, as(CAI), answer('b', 'rubberStamp', true));

    const [tally] = playingField.screenView(s, ctx()).tests;
    expect(tally).toEqual({
      cardId: 'b',
      respondents: 3,
      questions: [
        { id: 'rubberStamp', yes: 3, no: 0 },
        { id: 'noValueAdded', yes: 2, no: 0 },
        { id: 'canReach', yes: 2, no: 0 },
        { id: 'canLearn', yes: 2, no: 0 },
      ],
      yesMajorities: 4,
      verdict: 'widen',
      // The room's majority for B is escalate: widening moves it one zone, to a guideline.
      suggestedZone: 'guideline',
      isOpen: true,
    });
  });

  it('keeps the field when a question lacks a yes from more than half of the respondents', () => {
    const tally = testTally(
      {
        cardId: 'c',
        answers: {
          [ANA]: { rubberStamp: true, noValueAdded: true, canReach: true, canLearn: true },
          [BEN]: { rubberStamp: true, noValueAdded: false, canReach: true, canLearn: true },
          [CAI]: { rubberStamp: true, canReach: true, canLearn: true },
          [DEE]: { rubberStamp: true, canReach: true, canLearn: true },
        },
      },
      'escalate',
      false,
    );
    // 2 yes of 4 respondents is not more than half.
    expect(tally).toMatchObject({ respondents: 4, yesMajorities: 3, verdict: 'keep' });
    expect(tally.suggestedZone).toBeNull();
  });

  it('has no verdict while nobody has answered', () => {
    expect(testTally({ cardId: 'c', answers: {} }, 'escalate', true)).toMatchObject({
      verdict: 'pending',
      respondents: 0,
    });
  });

  it('refuses answers for a card whose test is not open, after it closes, or when locked', () => {
    let s = step(workedRoom(), FAC, { type: 'test.open', cardId: 'b' });
    expect(refused(s, as(ANA), answer('c', 'canLearn', true)).code).toBe('INVALID_ACTION');
    expect(refused(s, as(ANA), answer('b', 'canLearn', true), ctx({ isOpen: false })).code).toBe(
      'ROUND_LOCKED',
    );
    s = step(s, FAC, { type: 'test.close' });
    expect(refused(s, as(ANA), answer('b', 'canLearn', true)).code).toBe('INVALID_ACTION');
    expect(refused(s, FAC, { type: 'test.close' }).code).toBe('INVALID_ACTION');
  });

  it('keeps each card’s tally when another card is tested and when one is reopened', () => {
    let s = step(workedRoom(), FAC, { type: 'test.open', cardId: 'b' });
    s = allYes(s, ANA, 'b');
    s = step(s, FAC, { type: 'test.open', cardId: 'c' });
    s = step(s, as(ANA), answer('c', 'canReach', false));
    s = step(s, FAC, { type: 'test.open', cardId: 'b' });
    s = step(s, as(BEN), answer('b', 'canReach', true));

    const tallies = playingField.facilitatorView(s, ctx()).tests;
    expect(tallies.map((t) => [t.cardId, t.respondents, t.isOpen])).toEqual([
      ['b', 2, true],
      ['c', 1, false],
    ]);
  });

  it('closes the open test when the room leaves the test phase', () => {
    let s = step(workedRoom(), FAC, { type: 'test.open', cardId: 'b' });
    s = step(s, FAC, { type: 'phase', phase: 'map' });
    expect(s).toMatchObject({ phase: 'map', activeTestCardId: null });
  });

  it('suggests the most contested card not tested yet', () => {
    let s = workedRoom();
    expect(playingField.facilitatorView(s, ctx()).suggestedTestCardId).toBe('b');
    s = step(s, FAC, { type: 'test.open', cardId: 'b' });
    expect(playingField.facilitatorView(s, ctx()).suggestedTestCardId).toBe('c');
  });
});

describe('the map', () => {
  it('records, replaces and clears a card’s zone and guideline', () => {
    // Through the exercise's own parser, as the session does: the guideline is cleaned.
    const parsed = getExercise('playingField')?.parseAction('facilitator', {
      type: 'map.set',
      cardId: 'a',
      zone: 'guideline',
      guideline: '  Up to €100 and\nwithin 60 days of purchase ',
    });
    if (!parsed?.ok) throw new Error('map.set was refused');
    let s = step(init(), FAC, parsed.data as Action);
    expect(s.map).toEqual({
      a: { zone: 'guideline', guideline: 'Up to €100 and within 60 days of purchase' },
    });
    s = step(s, FAC, { type: 'map.set', cardId: 'a', zone: 'spot', guideline: '' });
    expect(s.map.a).toEqual({ zone: 'spot', guideline: '' });
    s = step(s, FAC, { type: 'map.clear', cardId: 'a' });
    expect(s.map).toEqual({});
    expect(refused(s, FAC, { type: 'map.clear', cardId: 'a' }).code).toBe('INVALID_ACTION');
    expect(
      refused(s, FAC, { type: 'map.set', cardId: 'nope', zone: 'spot', guideline: '' }).code,
    ).toBe('INVALID_ACTION');
  });

  it('fills the cards not on the map with the room’s majority, leaving recorded ones alone', () => {
    let s = step(workedRoom(), FAC, {
      type: 'map.set',
      cardId: 'b',
      zone: 'guideline',
      guideline: 'Up to €50',
    });
    s = step(s, FAC, { type: 'map.acceptMajority' });
    expect(s.map).toEqual({
      a: { zone: 'spot', guideline: '' },
      b: { zone: 'guideline', guideline: 'Up to €50' },
      c: { zone: 'escalate', guideline: '' },
      d: { zone: 'escalate', guideline: '' },
      e: { zone: 'spot', guideline: '' },
    });
    expect(refused(s, FAC, { type: 'map.acceptMajority' }).code).toBe('INVALID_ACTION');
  });
});

describe('views', () => {
  const ids = Object.keys(NAMES);
  const names = Object.values(NAMES);

  function expectNobodyIn(view: unknown) {
    const json = JSON.stringify(view);
    for (const secret of [...ids, ...names]) expect(json).not.toContain(secret);
  }

  it('keeps every placement off the phones and the screen until the reveal', () => {
    const s = workedRoom();
    expect(playingField.participantPublicView(s, ctx()).results).toBeNull();
    const screen = playingField.screenView(s, ctx());
    expect(screen.results).toBeNull();
    expect(screen.progress).toEqual({ started: 5, finished: 0, placements: 17 });
  });

  it('does not change the phones’ shared view when someone places a card', () => {
    const before = playingField.participantPublicView(init(), ctx());
    const after = playingField.participantPublicView(workedRoom(), ctx());
    expect(after).toEqual(before);
  });

  it('does not change the phones’ shared view while people answer an open test', () => {
    const open = step(workedRoom(), FAC, { type: 'test.open', cardId: 'b' });
    const answered = step(open, as(ANA), {
      type: 'test.answer',
      cardId: 'b',
      question: 'canLearn',
      answer: true,
    });
    expect(playingField.participantPublicView(answered, ctx())).toEqual(
      playingField.participantPublicView(open, ctx()),
    );
    // Once closed, the tally joins the phones' view.
    const closed = step(answered, FAC, { type: 'test.close' });
    expect(playingField.participantPublicView(closed, ctx()).tests).toMatchObject([
      { cardId: 'b', respondents: 1, isOpen: false },
    ]);
  });

  it('shows the spreads on the phones and the screen once revealed, with no names or ids', () => {
    const s = step(workedRoom(), FAC, { type: 'test.open', cardId: 'b' });
    const revealed = ctx({ isRevealed: true });
    const phones = playingField.participantPublicView(s, revealed);
    const screen = playingField.screenView(s, revealed);
    const console = playingField.facilitatorView(s, revealed);

    expect(phones.results).toEqual(fieldResults(s));
    expect(screen.results).toEqual(fieldResults(s));
    for (const view of [phones, screen, console]) expectNobodyIn(view);
  });

  it('gives each participant only their own placements and answers', () => {
    let s = step(workedRoom(), FAC, { type: 'test.open', cardId: 'b' });
    s = step(s, as(BEN), { type: 'test.answer', cardId: 'b', question: 'canReach', answer: false });

    expect(playingField.participantOwnView(s, BEN, ctx())).toEqual({
      placements: { a: 'spot', b: 'guideline', c: 'guideline', d: 'escalate' },
      testAnswers: { b: { canReach: false } },
    });
    expect(playingField.participantOwnView(s, EVA, ctx())).toEqual({
      placements: { e: 'spot' },
      testAnswers: {},
    });
    expect(playingField.participantOwnView(s, 'p-new', ctx())).toEqual({
      placements: {},
      testAnswers: {},
    });
  });

  it('tells the console the generic controls’ state and the live results before any reveal', () => {
    const view = playingField.facilitatorView(workedRoom(), ctx({ isOpen: false }));
    expect(view).toMatchObject({ isOpen: false, isRevealed: false, phase: 'place' });
    expect(view.results.contested).toEqual(['b', 'c']);
  });
});
