/**
 * The sort exercise: config bounds with readable messages, placing statements, refusals that
 * change nothing, the spread and scores worked out by hand, privacy of every view, the
 * summary blocks, the presets, and a replay of a session's log.
 *
 * This file covers config bounds, placing statements, refusals that change nothing and action parsing; the other sort*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise, type Actor, type AppError, type RoundContext } from '@playfield/shared';
import {
  sort,
  sortConfigSchema,
  type SortConfig,
  type SortState,
} from '@playfield/shared/exercises/sort/index';
import { sortPresets } from '@playfield/shared/exercises/sort/presets';
import {
  type Action,
  ANA,
  BEN,
  CAI,
  DEE,
  FAC,
  as,
  ctx,
  config,
  init,
  act,
  place,
  workedExample,
} from './sortFixtures.ts';

function refused(state: SortState, action: Action, actor: Actor, context = ctx()): AppError {
  const before = structuredClone(state);
  const result = sort.reduce(state, action, actor, context);
  expect(state).toEqual(before);
  if (result.ok) throw new Error('accepted');
  return result.error;
}

describe('sort config', () => {
  it('accepts the default config and every preset', () => {
    expect(sortConfigSchema.safeParse(sort.defaultConfig()).success).toBe(true);
    for (const preset of Object.values(sortPresets)) {
      expect(sortConfigSchema.safeParse(preset.config).success, preset.title).toBe(true);
    }
  });

  it.each<[string, Partial<SortConfig>, string]>([
    ['one category', { categories: ['Only'] }, 'A sort needs at least 2 categories'],
    [
      'five categories',
      { categories: ['A', 'B', 'C', 'D', 'E'] },
      'A sort has at most 4 categories',
    ],
    [
      'thirty-one statements',
      { items: Array.from({ length: 31 }, (_, i) => ({ text: `S${i}`, answer: null })) },
      'A sort has at most 30 statements',
    ],
    ['no statements', { items: [] }, 'A sort needs at least 1 statement'],
    [
      'duplicate categories ignoring case',
      { categories: ['Yes', 'yes'] },
      'Each category must be different',
    ],
    [
      'duplicate statements',
      {
        items: [
          { text: 'Same', answer: 0 },
          { text: 'same', answer: 1 },
        ],
      },
      'Each statement must be different',
    ],
    [
      'an expected category past the last one',
      { items: [{ text: 'Odd', answer: 2 }] },
      'Statement 1 expects a category that does not exist',
    ],
    [
      'an empty statement',
      { items: [{ text: '   ', answer: null }] },
      'A statement must not be empty',
    ],
    [
      'a statement of 201 characters',
      { items: [{ text: 'x'.repeat(201), answer: null }] },
      'A statement has at most 200 characters',
    ],
    ['an empty prompt', { prompt: ' ' }, 'The prompt must not be empty'],
  ])('rejects a config with %s, saying so', (_label, overrides, message) => {
    const parsed = sortConfigSchema.safeParse(config(overrides));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
  });

  it('explains a bad config in the registry’s words when a round is parsed', () => {
    const parsed = getExercise('sort')?.parseConfig(config({ categories: ['Only'] }));
    expect(parsed).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'Invalid Sort settings: categories: A sort needs at least 2 categories',
      },
    });
  });

  it('starts with no placements and nothing on screen when initialised', () => {
    expect(init()).toEqual({ config: config(), placements: {}, focus: null });
  });
});

describe('sort reduce', () => {
  it('records one statement and leaves the rest unsorted when a participant places it', () => {
    const state = act(init(), [[as(ANA.id), place(1, 0)]]);
    expect(state.placements).toEqual({ [ANA.id]: [null, 0, null] });
  });

  it('replaces an earlier placement when the participant changes their mind', () => {
    const state = act(init(), [
      [as(ANA.id), place(1, 0)],
      [as(ANA.id), place(0, 1)],
      [as(ANA.id), place(1, 1)],
    ]);
    expect(state.placements[ANA.id]).toEqual([1, 1, null]);
  });

  it('keeps each participant’s placements apart', () => {
    const state = workedExample();
    expect(state.placements).toEqual({
      [ANA.id]: [0, 1, 0],
      [BEN.id]: [0, 0, 1],
      [CAI.id]: [1, 1, null],
      [DEE.id]: [0, null, null],
    });
  });

  it('does not mutate the previous state when reducing', () => {
    const before = workedExample();
    const snapshot = structuredClone(before);
    act(before, [
      [as(ANA.id), place(0, 1)],
      [FAC, { type: 'focus', item: 2 }],
      [FAC, { type: 'reset' }],
    ]);
    expect(before).toEqual(snapshot);
  });

  it('clears every placement but keeps the screen’s focus when the facilitator resets', () => {
    const state = act(workedExample(), [
      [FAC, { type: 'focus', item: 1 }],
      [FAC, { type: 'reset' }],
    ]);
    expect(state.placements).toEqual({});
    expect(state.focus).toBe(1);
  });

  it('puts a statement on the screen and takes it off again when the facilitator focuses', () => {
    const focused = act(init(), [[FAC, { type: 'focus', item: 2 }]], ctx({ isOpen: false }));
    expect(focused.focus).toBe(2);
    expect(act(focused, [[FAC, { type: 'focus', item: null }]]).focus).toBeNull();
  });

  it.each<[string, Action, Actor, AppError['code'], string, Partial<RoundContext>]>([
    [
      'a placement when locked',
      place(0, 0),
      as(ANA.id),
      'ROUND_LOCKED',
      'Answers are locked for this sort',
      { isOpen: false },
    ],
    [
      'a placement after the reveal',
      place(0, 0),
      as(ANA.id),
      'ROUND_LOCKED',
      'The results are out: answers can no longer change',
      { isRevealed: true },
    ],
    [
      'a statement past the end',
      place(3, 0),
      as(ANA.id),
      'INVALID_ACTION',
      'That statement does not exist',
      {},
    ],
    [
      'a category past the end',
      place(0, 2),
      as(ANA.id),
      'INVALID_ACTION',
      'That category does not exist',
      {},
    ],
    [
      'a placement by the facilitator',
      place(0, 0),
      FAC,
      'FORBIDDEN',
      'Participants sort for themselves',
      {},
    ],
    [
      'a reset by a participant',
      { type: 'reset' },
      as(ANA.id),
      'FORBIDDEN',
      'Only the facilitator can reset',
      {},
    ],
    [
      'a focus by a participant',
      { type: 'focus', item: 0 },
      as(ANA.id),
      'FORBIDDEN',
      'Only the facilitator chooses what the screen shows',
      {},
    ],
    [
      'a focus past the end',
      { type: 'focus', item: 3 },
      FAC,
      'INVALID_ACTION',
      'That statement does not exist',
      {},
    ],
  ])('refuses %s and changes nothing', (_label, action, actor, code, message, context) => {
    expect(refused(workedExample(), action, actor, ctx(context))).toEqual({ code, message });
  });
});

describe('sort action parsing through the registry', () => {
  const exercise = getExercise('sort');

  it.each([
    { type: 'place', item: -1, category: 0 },
    { type: 'place', item: 0.5, category: 0 },
    { type: 'place', item: 30, category: 0 },
    { type: 'place', item: 0, category: 4 },
    { type: 'place', item: 0 },
    { type: 'place', item: '0', category: 0 },
    { type: 'sort' },
  ])('refuses as BAD_REQUEST a participant sending %j', (action) => {
    const result = exercise?.parseAction('participant', action);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.code).toBe('BAD_REQUEST');
  });

  it('names the field in the message when a placement is malformed', () => {
    const result = exercise?.parseAction('participant', { type: 'place', item: 0.5, category: 0 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'Invalid answer: item: The statement must be a whole number',
      },
    });
  });

  it.each([
    ['participant', { type: 'reset' }, 'Only the facilitator can do that'],
    ['participant', { type: 'focus', item: 1 }, 'Only the facilitator can do that'],
    ['facilitator', { type: 'place', item: 0, category: 0 }, 'Participants do that themselves'],
  ] as const)('refuses as FORBIDDEN a %s sending the other side’s %j', (role, action, message) => {
    expect(exercise?.parseAction(role, action)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message },
    });
  });
});
