/**
 * Define the Playing Field as an exercise: config bounds, placing, locking and revealing,
 * the rigid-to-flexible tests, the map, the aggregates (worked by hand), the privacy of
 * every view, the summary, and a replay of a whole round's log.
 *
 * This file covers config bounds, placing cards and the aggregates worked by hand; the other playingField*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise } from '@playfield/shared';
import { playingField } from '@playfield/shared/exercises/playingField/index';
import {
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
} from '@playfield/shared/exercises/playingField/stats';
import {
  FAC,
  as,
  ANA,
  BEN,
  ctx,
  DECK,
  config,
  init,
  step,
  refused,
  place,
  workedRoom,
} from './playingFieldFixtures.ts';

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
