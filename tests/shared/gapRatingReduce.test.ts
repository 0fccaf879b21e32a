/**
 * "Expected vs actual" as an exercise: config bounds with readable messages, the reducer
 * (each rating a separate, changeable answer), refusals that change nothing, the gap
 * statistics against hand-worked values, privacy of every view, the summary, and a replay
 * of the session's log.
 *
 * This file covers config bounds, the reducer, refusals that change nothing and action parsing; the other gapRating*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise, type Actor, type AppError, type RoundContext } from '@playfield/shared';
import {
  gapRating,
  gapRatingPresets,
  type GapRatingConfig,
  type GapRatingState,
} from '@playfield/shared/exercises/gapRating/index';
import {
  type Action,
  ANA,
  DEE,
  as,
  ctx,
  config,
  init,
  act,
  rate,
  handWorked,
} from './gapRatingFixtures.ts';

const FACILITATOR: Actor = { role: 'facilitator' };

/** An action that must be refused; also checks it left the state exactly as it was. */
function refused(state: GapRatingState, actor: Actor, action: Action, context = ctx()): AppError {
  const before = structuredClone(state);
  const result = gapRating.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${action.type} was accepted`);
  expect(state).toEqual(before);
  return result.error;
}

describe('gapRating config', () => {
  it('accepts the default config, which is the eleven measures of service quality', () => {
    const defaults = gapRating.defaultConfig();
    expect(gapRating.configSchema.safeParse(defaults).success).toBe(true);
    expect(defaults.measures).toHaveLength(11);
    expect(defaults.scale).toEqual({
      min: 1,
      max: 7,
      lowLabel: 'Very poor',
      highLabel: 'Excellent',
    });
  });

  it('offers the "Expected vs actual service" preset with the measures from the deck', () => {
    const preset = gapRatingPresets.expectedVsActual;
    expect(preset.title).toBe('Expected vs actual service');
    expect(gapRating.configSchema.safeParse(preset.config).success).toBe(true);
    expect(preset.config.measures.map((m) => m.toLowerCase())).toEqual([
      'friendliness of our service staff',
      'speed',
      'accuracy of the information we provide',
      'technical expertise and knowledge',
      'quality of the equipment or service',
      'access and control over dealings with us',
      'being treated as an individual',
      'being recognised as important',
      'flexibility with unusual requests',
      'ability to communicate',
      'price',
    ]);
  });

  it('gives each call of defaultConfig its own copy when the caller edits it', () => {
    const a = gapRating.defaultConfig();
    a.measures.push('Parking');
    expect(gapRating.defaultConfig().measures).toHaveLength(11);
  });

  it.each<[string, Partial<GapRatingConfig>, RegExp]>([
    ['no measures', { measures: [] }, /at least one measure/],
    [
      'seventeen measures',
      { measures: Array.from({ length: 17 }, (_, i) => `M${i}`) },
      /at most 16 measures/,
    ],
    ['the same measure twice ignoring case', { measures: ['Speed', 'speed'] }, /must be different/],
    ['an empty measure', { measures: ['Speed', '  '] }, /Each measure must not be empty/],
    ['a measure of 81 characters', { measures: ['x'.repeat(81)] }, /at most 80 characters/],
    [
      'a scale from 1 to 2',
      { scale: { min: 1, max: 2, lowLabel: 'Low', highLabel: 'High' } },
      /at least 3/,
    ],
    [
      'a scale from 0 to 10 (eleven points)',
      { scale: { min: 0, max: 10, lowLabel: 'Low', highLabel: 'High' } },
      /at most 10 points/,
    ],
    [
      'a scale starting at 2',
      { scale: { min: 2, max: 7, lowLabel: 'Low', highLabel: 'High' } },
      /starts at 0 or 1/,
    ],
    [
      'an empty end label',
      { scale: { min: 1, max: 7, lowLabel: ' ', highLabel: 'High' } },
      /low end must not be empty/,
    ],
    ['an empty question', { question: '' }, /question must not be empty/],
  ])('refuses %s with a readable message', (_label, overrides, message) => {
    const parsed = getExercise('gapRating')?.parseConfig(config(overrides));
    expect(parsed?.ok).toBe(false);
    if (parsed && !parsed.ok) {
      expect(parsed.error.code).toBe('BAD_REQUEST');
      expect(parsed.error.message).toMatch(message);
      expect(parsed.error.message).not.toMatch(/too (small|big)|expected number|>=|<=/i);
    }
  });

  it('starts with nobody’s ratings when initialised', () => {
    expect(init()).toEqual({ config: config(), ratings: {} });
  });
});

describe('gapRating reduce', () => {
  it('records one rating on its own when a participant rates one side of one measure', () => {
    const state = act(init(), [[as(ANA.id), rate(1, 'actual', 3)]]);
    expect(state.ratings).toEqual({ [ANA.id]: { expected: [null, null], actual: [null, 3] } });
  });

  it('replaces the rating when the participant changes it, leaving the other side alone', () => {
    const state = act(init(), [
      [as(ANA.id), rate(0, 'expected', 6)],
      [as(ANA.id), rate(0, 'actual', 2)],
      [as(ANA.id), rate(0, 'actual', 5)],
    ]);
    expect(state.ratings[ANA.id]).toEqual({ expected: [6, null], actual: [5, null] });
  });

  it('takes back one rating when the participant unrates it', () => {
    const state = act(init(), [
      [as(ANA.id), rate(0, 'expected', 6)],
      [as(ANA.id), rate(0, 'actual', 2)],
      [as(ANA.id), { type: 'unrate', measure: 0, side: 'expected' }],
    ]);
    expect(state.ratings[ANA.id]).toEqual({ expected: [null, null], actual: [2, null] });
  });

  it('no longer counts a participant as answering when they unrate their last rating', () => {
    const state = act(init(), [
      [as(ANA.id), rate(0, 'expected', 6)],
      [as(ANA.id), { type: 'unrate', measure: 0, side: 'expected' }],
    ]);
    expect(state.ratings).toEqual({});
    expect(gapRating.submittedCount(state)).toBe(0);
  });

  it('accepts the ends of the scale when the scale runs from 0 to 9', () => {
    const scale = { min: 0, max: 9, lowLabel: 'Awful', highLabel: 'Superb' };
    const state = act(init({ scale }), [
      [as(ANA.id), rate(0, 'expected', 0)],
      [as(ANA.id), rate(0, 'actual', 9)],
    ]);
    expect(state.ratings[ANA.id]).toEqual({ expected: [0, null], actual: [9, null] });
  });

  it('does not mutate the previous state when reducing', () => {
    const before = handWorked();
    const snapshot = structuredClone(before);
    act(before, [
      [as(ANA.id), rate(0, 'expected', 1)],
      [as(DEE.id), { type: 'unrate', measure: 0, side: 'actual' }],
      [FACILITATOR, { type: 'reset' }],
    ]);
    expect(before).toEqual(snapshot);
  });

  it.each<[string, Actor, Action, RoundContext, AppError['code'], RegExp]>([
    [
      'a rating below the scale',
      as(ANA.id),
      rate(0, 'actual', 0),
      ctx(),
      'INVALID_ACTION',
      /1 to 7/,
    ],
    [
      'a rating above the scale',
      as(ANA.id),
      rate(0, 'actual', 8),
      ctx(),
      'INVALID_ACTION',
      /1 to 7/,
    ],
    [
      'a measure past the end',
      as(ANA.id),
      rate(2, 'actual', 4),
      ctx(),
      'INVALID_ACTION',
      /measure/,
    ],
    [
      'an unrate of a measure past the end',
      as(ANA.id),
      { type: 'unrate', measure: 5, side: 'actual' },
      ctx(),
      'INVALID_ACTION',
      /measure/,
    ],
    [
      'a rating when the round is locked',
      as(ANA.id),
      rate(0, 'actual', 4),
      ctx({ isOpen: false }),
      'ROUND_LOCKED',
      /locked/,
    ],
    [
      'an unrate when the round is locked',
      as(ANA.id),
      { type: 'unrate', measure: 0, side: 'expected' },
      ctx({ isOpen: false }),
      'ROUND_LOCKED',
      /locked/,
    ],
    [
      'a rating from the facilitator',
      FACILITATOR,
      rate(0, 'actual', 4),
      ctx(),
      'FORBIDDEN',
      /rate/,
    ],
    [
      'a reset from a participant',
      as(ANA.id),
      { type: 'reset' },
      ctx(),
      'FORBIDDEN',
      /facilitator/,
    ],
  ])('refuses %s and changes nothing', (_label, actor, action, context, code, message) => {
    const error = refused(handWorked(), actor, action, context);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('clears every rating when the facilitator resets, even when locked', () => {
    const state = act(handWorked(), [[FACILITATOR, { type: 'reset' }]], ctx({ isOpen: false }));
    expect(state.ratings).toEqual({});
  });
});

describe('gapRating action parsing through the registry', () => {
  const exercise = getExercise('gapRating');

  it.each([
    { type: 'rate', measure: 0, side: 'expected', value: 3.5 },
    { type: 'rate', measure: -1, side: 'expected', value: 3 },
    { type: 'rate', measure: 0, side: 'wanted', value: 3 },
    { type: 'rate', measure: 0, side: 'actual' },
    { type: 'rate', measure: 99, side: 'actual', value: 3 },
    { type: 'rate', measure: 0, side: 'actual', value: 1e9 },
    { type: 'cheer' },
  ])('refuses as BAD_REQUEST a participant sending %j', (action) => {
    const result = exercise?.parseAction('participant', action);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.code).toBe('BAD_REQUEST');
  });

  it('refuses as FORBIDDEN a participant sending the facilitator’s reset', () => {
    expect(exercise?.parseAction('participant', { type: 'reset' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only the facilitator can do that' },
    });
  });

  it('refuses as FORBIDDEN a facilitator sending a participant’s rating', () => {
    const result = exercise?.parseAction('facilitator', rate(0, 'actual', 3));
    expect(result?.ok === false && result.error.code).toBe('FORBIDDEN');
  });
});
