/**
 * Define the Playing Field as an exercise: config bounds, placing, locking and revealing,
 * the rigid-to-flexible tests, the map, the aggregates (worked by hand), the privacy of
 * every view, the summary, and a replay of a whole round's log.
 */
import { describe, expect, it } from 'vitest';
import {
  getExercise,
  replay,
  participantPublicView as sessionPublicView,
  screenView as sessionScreenView,
  type Actor,
  type AppError,
  type CommandActor,
  type EventEnvelope,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import {
  playingField,
  type PlayingFieldState,
  type PlayingFieldFacilitatorAction,
  type PlayingFieldParticipantAction,
  type Zone,
} from '@playfield/shared/exercises/playingField/index';
import {
  TEST_QUESTION_IDS,
  playingFieldConfigSchema,
  type PlayingFieldConfig,
} from '@playfield/shared/exercises/playingField/model';
import { DEFAULT_DECK } from '@playfield/shared/exercises/playingField/deck';
import { playingFieldPresets } from '@playfield/shared/exercises/playingField/presets';
import {
  byDisagreement,
  cardSpread,
  fieldResults,
  majorityZone,
  placementProgress,
  testTally,
} from '@playfield/shared/exercises/playingField/stats';
import { FACILITATOR as SESSION_FACILITATOR, createSession, run } from './sessionHarness.ts';

type Action = PlayingFieldParticipantAction | PlayingFieldFacilitatorAction;

const FAC: Actor = { role: 'facilitator' };
const as = (participantId: string): Actor => ({ role: 'participant', participantId });

const ANA = 'p-ana-31';
const BEN = 'p-ben-47';
const CAI = 'p-cai-59';
const DEE = 'p-dee-62';
const EVA = 'p-eva-88';
const NAMES: Record<string, string> = {
  [ANA]: 'Ana Ortega',
  [BEN]: 'Ben Whitlock',
  [CAI]: 'Cai Lindqvist',
  [DEE]: 'Dee Okafor',
  [EVA]: 'Eva Marsh',
};

function ctx(overrides: Partial<RoundContext> = {}): RoundContext {
  return {
    isOpen: true,
    isRevealed: false,
    roster: Object.fromEntries(
      Object.entries(NAMES).map(([id, name]) => [id, { id, name, hasLeft: false }]),
    ),
    at: 1_700_000_000_000,
    ...overrides,
  };
}

/** A small deck of five cards, A to E. */
const DECK: PlayingFieldConfig['cards'] = [
  { id: 'a', text: 'Refund past the return window', note: '€85' },
  { id: 'b', text: 'Waive a late fee', note: '€25' },
  { id: 'c', text: 'Free rush delivery', note: '' },
  { id: 'd', text: 'Give account details to a third party', note: 'Data protection risk' },
  { id: 'e', text: 'Large credit after an outage', note: '€400' },
];

function config(overrides: Partial<PlayingFieldConfig> = {}): PlayingFieldConfig {
  return { cards: DECK.map((c) => ({ ...c })), consensusPercent: 75, ...overrides };
}

function init(overrides: Partial<PlayingFieldConfig> = {}): PlayingFieldState {
  return playingField.init(config(overrides), 'seed');
}

function step(state: PlayingFieldState, actor: Actor, action: Action, context = ctx()) {
  const result = playingField.reduce(state, action, actor, context);
  if (!result.ok) throw new Error(`${JSON.stringify(action)}: ${result.error.message}`);
  return result.data;
}

function refused(
  state: PlayingFieldState,
  actor: Actor,
  action: Action,
  context = ctx(),
): AppError {
  const before = JSON.stringify(state);
  const result = playingField.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${JSON.stringify(action)} was accepted`);
  // The state given is never touched.
  expect(JSON.stringify(state)).toBe(before);
  return result.error;
}

const place = (cardId: string, zone: Zone): Action => ({ type: 'place', cardId, zone });

/**
 * The hand-worked room: four people place A to D, a fifth places E only.
 *   A: spot, spot, spot, guideline    -> [3, 1, 0], P_i = (9 + 1 - 4) / 12 = 0.5, 75 % spot
 *   B: spot, guideline, esc, esc      -> [1, 1, 2], P_i = (1 + 1 + 4 - 4) / 12 = 1/6
 *   C: guideline, guideline, esc, esc -> [0, 2, 2], P_i = (4 + 4 - 4) / 12 = 1/3, tie
 *   D: esc x 4                        -> [0, 0, 4], P_i = 1
 *   E: spot (one person)              -> [1, 0, 0], not counted
 * Over A-D: 16 placements, 4 spot, 4 guideline, 8 escalate: P_e = 1/16 + 1/16 + 1/4 = 0.375;
 * P-bar = (0.5 + 1/6 + 1/3 + 1) / 4 = 0.5; kappa = (0.5 - 0.375) / 0.625 = 0.2.
 */
function workedRoom(): PlayingFieldState {
  const rows: [string, Zone[]][] = [
    [ANA, ['spot', 'spot', 'guideline', 'escalate']],
    [BEN, ['spot', 'guideline', 'guideline', 'escalate']],
    [CAI, ['spot', 'escalate', 'escalate', 'escalate']],
    [DEE, ['guideline', 'escalate', 'escalate', 'escalate']],
  ];
  let s = init();
  for (const [who, zones] of rows) {
    zones.forEach((zone, i) => {
      s = step(s, as(who), place('abcd'[i] ?? '', zone));
    });
  }
  return step(s, as(EVA), place('e', 'spot'));
}

describe('playing field config', () => {
  const module = getExercise('playingField');

  it('accepts the default deck of at least 12 real cards', () => {
    const deck = playingField.defaultConfig();
    expect(playingFieldConfigSchema.safeParse(deck).success).toBe(true);
    expect(deck.cards.length).toBeGreaterThanOrEqual(12);
    expect(deck.cards.map((c) => c.text)).toContain(
      'Refund an item brought back 10 days after the 30-day return window',
    );
  });

  it('accepts every preset, and names the default deck "Define the playing field"', () => {
    for (const preset of Object.values(playingFieldPresets))
      expect(playingFieldConfigSchema.safeParse(preset.config).success).toBe(true);
    expect(playingFieldPresets.definePlayingField).toMatchObject({
      title: 'Define the playing field',
      config: { cards: DEFAULT_DECK },
    });
  });

  it.each([
    ['one card', { cards: DECK.slice(0, 1) }, 'The deck needs at least 2 cards'],
    [
      '41 cards',
      {
        cards: Array.from({ length: 41 }, (_, i) => ({ id: `c${i}`, text: `Case ${i}`, note: '' })),
      },
      'The deck holds at most 40 cards',
    ],
    [
      'two cards with one id',
      { cards: [DECK[0], { ...DECK[1], id: 'a' }] },
      'Each card needs its own id',
    ],
    [
      'the same text twice, in other case',
      { cards: [DECK[0], { ...DECK[1], text: 'REFUND past the return window' }] },
      'Card 2 is the same as another card',
    ],
    ['a blank card text', { cards: [DECK[0], { ...DECK[1], text: '   ' }] }, 'must not be empty'],
    [
      'a card text of 141 characters',
      { cards: [DECK[0], { ...DECK[1], text: 'x'.repeat(141) }] },
      'at most 140 characters',
    ],
    [
      'a note of 61 characters',
      { cards: [DECK[0], { ...DECK[1], note: 'y'.repeat(61) }] },
      'An amount or risk note has at most 60 characters',
    ],
    [
      'an id with a space',
      { cards: [DECK[0], { ...DECK[1], id: 'b c' }] },
      'A card id is 1 to 32 letters',
    ],
    ['agreement at 50 %', { consensusPercent: 50 }, 'at least 51 %'],
  ])('refuses a deck with %s, saying why', (_label, overrides, message) => {
    const result = module?.parseConfig(config(overrides as Partial<PlayingFieldConfig>));
    expect(result?.ok).toBe(false);
    if (result && !result.ok) {
      expect(result.error.code).toBe('BAD_REQUEST');
      expect(result.error.message).toContain(message);
    }
  });

  it('cleans card text and keeps a blank note as none', () => {
    const parsed = playingFieldConfigSchema.parse(
      config({
        cards: [
          { id: 'a', text: '  Refund \u200Bpast   the window ', note: '   ' },
          { id: 'b', text: 'Fee waiver', note: ' €25 ' },
        ],
      }),
    );
    expect(parsed.cards).toEqual([
      { id: 'a', text: 'Refund past the window', note: '' },
      { id: 'b', text: 'Fee waiver', note: '€25' },
    ]);
  });
});

describe('placing cards', () => {
  it('keeps each participant’s placement and lets them change it or take it back', () => {
    let s = init();
    s = step(s, as(ANA), place('a', 'spot'));
    s = step(s, as(ANA), place('b', 'escalate'));
    s = step(s, as(BEN), place('a', 'guideline'));
    s = step(s, as(ANA), place('a', 'guideline'));
    s = step(s, as(ANA), { type: 'unplace', cardId: 'b' });

    expect(s.placements).toEqual({ [ANA]: { a: 'guideline' }, [BEN]: { a: 'guideline' } });
    s = step(s, as(BEN), { type: 'unplace', cardId: 'a' });
    expect(s.placements).toEqual({ [ANA]: { a: 'guideline' } });
    expect(playingField.submittedCount(s)).toBe(1);
  });

  it('refuses a placement when answers are locked, and changes nothing', () => {
    expect(refused(init(), as(ANA), place('a', 'spot'), ctx({ isOpen: false }))).toMatchObject({
      code: 'ROUND_LOCKED',
    });
  });

  it('refuses a placement once the spreads are revealed', () => {
    const s = step(init(), as(ANA), place('a', 'spot'));
    expect(refused(s, as(ANA), place('a', 'escalate'), ctx({ isRevealed: true }))).toEqual({
      code: 'ROUND_LOCKED',
      message: 'The placements are on the screen, so they can no longer change',
    });
    expect(
      refused(s, as(ANA), { type: 'unplace', cardId: 'a' }, ctx({ isRevealed: true })).code,
    ).toBe('ROUND_LOCKED');
  });

  it('refuses a placement after the room moved on to the test', () => {
    const s = step(init(), FAC, { type: 'phase', phase: 'test' });
    expect(refused(s, as(ANA), place('a', 'spot'))).toMatchObject({ code: 'INVALID_ACTION' });
  });

  it('refuses a card that is not in the deck', () => {
    expect(refused(init(), as(ANA), place('zz', 'spot'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'That card is not in the deck',
    });
  });

  it('refuses a placement from the facilitator and a phase change from a participant', () => {
    expect(refused(init(), FAC, place('a', 'spot')).code).toBe('FORBIDDEN');
    expect(refused(init(), as(ANA), { type: 'phase', phase: 'map' }).code).toBe('FORBIDDEN');
    expect(refused(init(), as(ANA), { type: 'map.acceptMajority' }).code).toBe('FORBIDDEN');
  });

  it('answers FORBIDDEN for the other side’s well-formed action and BAD_REQUEST for junk', () => {
    const module = getExercise('playingField');
    expect(module?.parseAction('participant', { type: 'phase', phase: 'map' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(module?.parseAction('facilitator', place('a', 'spot'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const junk of [
      { type: 'place', cardId: 'a', zone: 'nowhere' },
      { type: 'place', cardId: 'a'.repeat(33), zone: 'spot' },
      { type: 'place', cardId: 'a' },
      { type: 'test.answer', cardId: 'a', question: 'isItGood', answer: true },
      { type: 'test.answer', cardId: 'a', question: 'canLearn', answer: 'yes' },
      { type: 'hack' },
    ]) {
      expect(module?.parseAction('participant', junk)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(
      module?.parseAction('facilitator', {
        type: 'map.set',
        cardId: 'a',
        zone: 'spot',
        guideline: 'g'.repeat(241),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('at most 240') as string },
    });
  });
});

describe('aggregates', () => {
  it('counts each card’s spread, its majority, its agreement and whether the room agrees', () => {
    const results = fieldResults(workedRoom());
    const byId = Object.fromEntries(results.spreads.map((s) => [s.cardId, s]));

    expect(results.spreads.map((s) => s.counts)).toEqual([
      [3, 1, 0],
      [1, 1, 2],
      [0, 2, 2],
      [0, 0, 4],
      [1, 0, 0],
    ]);
    expect(byId.a).toMatchObject({
      total: 4,
      majorityZone: 'spot',
      majorityShare: 0.75,
      agreement: 0.5,
      isConsensus: true,
    });
    expect(byId.b?.agreement).toBeCloseTo(1 / 6, 12);
    expect(byId.b).toMatchObject({ majorityZone: 'escalate', majorityShare: 0.5 });
    // A tie goes to the narrower zone.
    expect(byId.c).toMatchObject({ majorityZone: 'escalate', isConsensus: false });
    expect(byId.c?.agreement).toBeCloseTo(1 / 3, 12);
    expect(byId.d).toMatchObject({ agreement: 1, isConsensus: true });
    expect(byId.e).toMatchObject({ total: 1, agreement: null, isConsensus: false });
    expect(results.consensus).toEqual(['a', 'd']);
    expect(results.contested).toEqual(['b', 'c']);
    expect(results.raters).toBe(5);
  });

  it('computes Fleiss’ kappa over the cards with two or more placements', () => {
    const { kappa } = fieldResults(workedRoom());

    expect(kappa.cards).toBe(4);
    expect(kappa.observed).toBeCloseTo(0.5, 12);
    expect(kappa.expected).toBeCloseTo(0.375, 12);
    expect(kappa.value).toBeCloseTo(0.2, 12);
    expect(kappa.label).toBe('slight agreement');
  });

  it('says kappa is not defined when everybody chose one zone, or nobody placed a card twice', () => {
    let s = init();
    s = step(s, as(ANA), place('a', 'escalate'));
    expect(fieldResults(s).kappa).toMatchObject({
      value: null,
      label: 'not defined yet: no card has two placements',
    });
    s = step(s, as(BEN), place('a', 'escalate'));
    s = step(s, as(BEN), place('b', 'escalate'));
    expect(fieldResults(s).kappa).toMatchObject({
      value: null,
      label: 'not defined: every placement is in the same zone',
      cards: 1,
    });
  });

  it('needs the consensus share exactly: 3 of 4 is 75 %, 2 of 3 is not', () => {
    expect(cardSpread('x', [3, 1, 0], 75).isConsensus).toBe(true);
    expect(cardSpread('x', [2, 1, 0], 75).isConsensus).toBe(false);
    expect(cardSpread('x', [2, 1, 0], 66).isConsensus).toBe(true);
    // One placement is never a room agreeing.
    expect(cardSpread('x', [1, 0, 0], 75).isConsensus).toBe(false);
  });

  it('breaks majority ties towards the narrower zone', () => {
    expect(majorityZone([2, 2, 0])).toBe('guideline');
    expect(majorityZone([1, 1, 1])).toBe('escalate');
    expect(majorityZone([3, 1, 1])).toBe('spot');
    expect(majorityZone([0, 0, 0])).toBeNull();
  });

  it('orders contested cards by agreement, then by more placements, then by deck order', () => {
    const spreads = [
      cardSpread('x', [1, 1, 0], 75), // P = 0, 2 placements
      cardSpread('y', [1, 1, 1], 75), // P = 0, 3 placements
      cardSpread('z', [0, 1, 1], 75), // P = 0, 2 placements, after x in the deck
      cardSpread('w', [2, 1, 0], 75), // P = 1/3
      cardSpread('v', [0, 0, 1], 75), // one placement: left out
      cardSpread('u', [2, 2, 0], 75), // P = 1/3, 4 placements: before w
    ];
    expect(byDisagreement(spreads).map((s) => s.cardId)).toEqual(['y', 'x', 'z', 'u', 'w']);
  });

  it('reports how far the room got without naming anyone', () => {
    expect(placementProgress(workedRoom())).toEqual({ started: 5, finished: 0, placements: 17 });
    let s = workedRoom();
    s = step(s, as(ANA), place('e', 'escalate'));
    expect(placementProgress(s)).toEqual({ started: 5, finished: 1, placements: 18 });
  });
});

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

describe('summary', () => {
  function mappedRoom() {
    let s = workedRoom();
    s = step(s, FAC, { type: 'test.open', cardId: 'b' });
    for (const who of [ANA, BEN, CAI])
      for (const q of TEST_QUESTION_IDS)
        s = step(s, as(who), { type: 'test.answer', cardId: 'b', question: q, answer: true });
    s = step(s, FAC, { type: 'map.set', cardId: 'd', zone: 'escalate', guideline: '' });
    s = step(s, FAC, {
      type: 'map.set',
      cardId: 'b',
      zone: 'guideline',
      guideline: 'Once a year per customer',
    });
    return step(s, FAC, { type: 'map.set', cardId: 'a', zone: 'spot', guideline: 'Up to €100' });
  }

  it('has the playing field map as a table, one row per card in zone order', () => {
    const summary = playingField.summary(mappedRoom(), ctx());
    const table = summary.blocks.find((b) => b.type === 'table');

    expect(table).toEqual({
      type: 'table',
      columns: ['Card', 'Amount or risk', 'Zone', 'Guideline'],
      rows: [
        ['Refund past the return window', '€85', 'On the spot', 'Up to €100'],
        ['Waive a late fee', '€25', 'Within a guideline', 'Once a year per customer'],
        ['Give account details to a third party', 'Data protection risk', 'Escalate', '—'],
        ['Free rush delivery', '—', 'Not decided', '—'],
        ['Large credit after an outage', '€400', 'Not decided', '—'],
      ],
    });
    expect(summary.blocks[0]).toEqual({
      type: 'text',
      text: 'Playing field map: where the team handles each routine deviation, and the guideline that goes with it (3 of 5 cards decided).',
    });
  });

  it('exports the map alone as the one-page policy, without the room’s statistics', () => {
    const room = mappedRoom();
    const policy = playingField.policy?.(room, ctx());
    const table = playingField.summary(room, ctx()).blocks.find((b) => b.type === 'table');

    expect(policy?.headline).toBe('Our playing field');
    expect(policy?.blocks).toHaveLength(2);
    expect(policy?.blocks[1]).toEqual(table);
    expect(JSON.stringify(policy)).not.toMatch(/kappa/i);
  });

  it('states the agreement, the most contested cards and the tests’ tallies', () => {
    const summary = playingField.summary(mappedRoom(), ctx());

    expect(summary.headline).toBe(
      'Playing field: 1 on the spot, 1 within a guideline, 1 escalate; κ = 0.20 (slight agreement)',
    );
    expect(summary.blocks).toContainEqual({
      type: 'text',
      text: 'Agreement: Fleiss’ kappa over 4 cards placed by 5 people is 0.20 (slight agreement); observed agreement 50 %, expected by chance 38 %.',
    });
    expect(summary.blocks).toContainEqual({
      type: 'bars',
      labels: ['On the spot', 'Within a guideline', 'Escalate'],
      values: [5, 4, 8],
      unit: 'placements',
    });
    expect(summary.blocks).toContainEqual({
      type: 'list',
      title: 'Where the room agreed (at least 75 % in one zone)',
      items: [
        'Refund past the return window: On the spot (3 of 4)',
        'Give account details to a third party: Escalate (4 of 4)',
      ],
    });
    expect(summary.blocks).toContainEqual({
      type: 'list',
      title: 'The cards the room disagreed on most',
      items: [
        '1. Waive a late fee: 1 on the spot, 1 within a guideline, 2 escalate (two people agree 17 % of the time)',
        '2. Free rush delivery: 0 on the spot, 2 within a guideline, 2 escalate (two people agree 33 % of the time)',
      ],
    });
    const tests = summary.blocks.find(
      (b) => b.type === 'list' && b.title === 'From rigid to flexible',
    );
    expect(tests).toEqual({
      type: 'list',
      title: 'From rigid to flexible',
      items: [
        'Waive a late fee: Is the decision a rubber stamp? 3 yes, 0 no; Would involving someone else add nothing? 3 yes, 0 no; Can the person reach the information they need? 3 yes, 0 no; Can they learn the criteria? 3 yes, 0 no. 3 answered: widen the field (towards on the spot).',
      ],
    });
  });

  it('says so when nothing is decided and kappa is not defined', () => {
    const summary = playingField.summary(init(), ctx());
    expect(summary.headline).toBe(
      'Playing field: no zones agreed yet; κ not defined yet: no card has two placements',
    );
    expect(summary.blocks).toContainEqual({
      type: 'text',
      text: 'Agreement: Fleiss’ kappa is not defined yet: no card has two placements. 0 people placed cards.',
    });
  });

  it('offers a concrete action-plan prompt', () => {
    expect(playingField.actionPlanPrompt(config())).toMatch(/^Which decision .*\?$/);
  });
});

describe('replay', () => {
  const ROUND = 'pf';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'playingField',
    title: 'Define the playing field',
    config: config(),
  };

  interface Live {
    state: SessionState;
    log: EventEnvelope[];
  }

  function must(live: Live, command: SessionCommand, actor: CommandActor): Live {
    const stepped = run(live.state, command, actor);
    if (!stepped.result.ok)
      throw new Error(`${JSON.stringify(command)} was refused: ${stepped.result.error.message}`);
    return { state: stepped.state, log: [...live.log, ...stepped.envelopes] };
  }

  it('gives the same state and views when a whole round’s log is replayed', () => {
    let live: Live = createSession([spec]);
    const ids: string[] = [];
    for (const name of ['Ana', 'Ben', 'Cai', 'Dee']) {
      const before = live.log.length;
      live = must(live, { type: 'participant.join', name }, { role: 'system' });
      const event = live.log[before]?.event;
      if (event?.type !== 'participant.joined') throw new Error(`${name} did not join`);
      ids.push(event.participantId);
    }
    const act = (actor: CommandActor, action: Action) => {
      live = must(live, { type: 'round.act', roundId: ROUND, action }, actor);
    };
    const person = (i: number): CommandActor => ({
      role: 'participant',
      participantId: ids[i] ?? '',
    });
    live = must(live, { type: 'session.start' }, SESSION_FACILITATOR);
    const zones: Zone[] = ['spot', 'guideline', 'escalate'];
    ids.forEach((_, i) =>
      DECK.forEach((card, j) => act(person(i), place(card.id, zones[(i + j) % 3] ?? 'spot'))),
    );
    act(person(0), { type: 'unplace', cardId: 'e' });
    live = must(live, { type: 'round.lock' }, SESSION_FACILITATOR);
    // A refused placement leaves no trace in the log.
    const refusedStep = run(
      live.state,
      { type: 'round.act', roundId: ROUND, action: place('a', 'spot') },
      person(1),
    );
    expect(refusedStep.result.ok).toBe(false);
    expect(refusedStep.envelopes).toEqual([]);
    live = must(live, { type: 'round.reveal' }, SESSION_FACILITATOR);
    live = must(live, { type: 'round.open' }, SESSION_FACILITATOR);
    act(SESSION_FACILITATOR, { type: 'test.open', cardId: 'c' });
    ids.forEach((_, i) =>
      TEST_QUESTION_IDS.forEach((q, j) =>
        act(person(i), {
          type: 'test.answer',
          cardId: 'c',
          question: q,
          answer: (i + j) % 2 === 0,
        }),
      ),
    );
    act(SESSION_FACILITATOR, { type: 'test.close' });
    act(SESSION_FACILITATOR, { type: 'phase', phase: 'map' });
    act(SESSION_FACILITATOR, {
      type: 'map.set',
      cardId: 'a',
      zone: 'guideline',
      guideline: 'Up to €100',
    });
    act(SESSION_FACILITATOR, { type: 'map.acceptMajority' });

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
    expect(sessionScreenView(replayed, new Set(), 0)).toEqual(
      sessionScreenView(live.state, new Set(), 0),
    );
    const round = replayed.rounds[ROUND]?.state as PlayingFieldState;
    expect(Object.keys(round.map)).toHaveLength(5);
    expect(round.placements[ids[0] ?? '']).not.toHaveProperty('e');
  });
});
