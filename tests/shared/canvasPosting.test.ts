/**
 * The canvas as an exercise: config bounds with readable messages, posting, editing and
 * removing one's own entries, moderation (hide, merge, split, move), refusals that change
 * nothing, the figures per box worked by hand, privacy of every view (anonymous or not),
 * the summary and a replay of the session's log.
 *
 * This file covers config bounds, and posting, editing and removing one's own entries; the other canvas*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise, type Actor, type AppError, type RoundContext } from '@playfield/shared';
import {
  canvas,
  canvasPresets,
  type CanvasConfig,
  type CanvasState,
} from '@playfield/shared/exercises/canvas/index';
import { CANVAS_MAX_ENTRIES } from '@playfield/shared/exercises/canvas/limits';
import {
  type Action,
  ANA,
  BEN,
  CAI,
  FAC,
  as,
  ctx,
  config,
  init,
  act,
  refused,
  post,
  handWorked,
} from './canvasFixtures.ts';

describe('canvas config', () => {
  it('accepts the default config and every preset', () => {
    expect(canvas.configSchema.safeParse(canvas.defaultConfig()).success).toBe(true);
    for (const preset of Object.values(canvasPresets)) {
      expect(canvas.configSchema.safeParse(preset.config).success, preset.title).toBe(true);
    }
  });

  it('offers the three canvases from the seed decks under their titles', () => {
    expect(Object.values(canvasPresets).map((p) => p.title)).toEqual([
      'Testbed project canvas',
      'Moments of truth',
      'Internal service chain',
    ]);
    const testbed = canvasPresets.testbedProject.config.boxes.map((b) => b.title);
    expect(testbed).toEqual(
      expect.arrayContaining([
        'The opportunity',
        'Changes as we go',
        'Counterparts to involve early',
      ]),
    );
    expect(canvasPresets.momentsOfTruth.config.boxes.every((b) => b.isRated)).toBe(true);
    expect(canvasPresets.internalServiceChain.config.tags).toContain('Not mine');
    expect(canvasPresets.internalServiceChain.config.isAnonymous).toBe(true);
  });

  it.each<[string, Partial<CanvasConfig>, RegExp]>([
    ['one box', { boxes: [{ title: 'Only', hint: '', isRated: false }] }, /at least 2 boxes/],
    [
      'nine boxes',
      {
        boxes: Array.from({ length: 9 }, (_, i) => ({ title: `B${i}`, hint: '', isRated: false })),
      },
      /at most 8 boxes/,
    ],
    [
      'two boxes with the same title ignoring case',
      {
        boxes: [
          { title: 'Ideas', hint: '', isRated: false },
          { title: 'ideas', hint: '', isRated: false },
        ],
      },
      /its own title/,
    ],
    [
      'an empty box title',
      {
        boxes: [
          { title: ' ', hint: '', isRated: false },
          { title: 'B', hint: '', isRated: false },
        ],
      },
      /box title must not be empty/,
    ],
    ['seven tags', { tags: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, /at most 6 tags/],
    ['the same tag twice', { tags: ['Not mine', 'not mine'] }, /tag must be different/],
    ['no entries per person', { maxEntriesPerPerson: 0 }, /at least 1 entry/],
    ['31 entries per person', { maxEntriesPerPerson: 31 }, /at most 30 entries/],
    [
      'a rating scale up to 8',
      { rating: { question: 'Impression', max: 8, lowLabel: 'Poor', highLabel: 'Great' } },
      /at most 7/,
    ],
    ['an empty instruction', { prompt: '' }, /instruction must not be empty/],
  ])('refuses %s with a readable message', (_label, overrides, message) => {
    const parsed = getExercise('canvas')?.parseConfig(config(overrides));
    expect(parsed?.ok).toBe(false);
    if (parsed && !parsed.ok) {
      expect(parsed.error.code).toBe('BAD_REQUEST');
      expect(parsed.error.message).toMatch(message);
      expect(parsed.error.message).not.toMatch(/too (small|big)|expected number|>=|<=/i);
    }
  });

  it('starts empty when initialised', () => {
    expect(init()).toEqual({ config: config(), entries: [], nextId: 1 });
  });
});

describe('canvas posting, editing and removing', () => {
  it('adds an entry with the next id when a participant posts', () => {
    const state = act(init(), [[as(ANA.id), post(0, 'Website', 2, [1, 0, 1])]]);
    expect(state.entries).toEqual([
      {
        id: 'e1',
        box: 0,
        authorId: ANA.id,
        text: 'Website',
        rating: 2,
        tags: [0, 1],
        isHidden: false,
        mergedInto: null,
      },
    ]);
    expect(state.nextId).toBe(2);
  });

  it('never reuses an id when an entry was removed', () => {
    const state = act(init(), [
      [as(ANA.id), post(2, 'One')],
      [as(ANA.id), { type: 'remove', entryId: 'e1' }],
      [as(ANA.id), post(2, 'Two')],
    ]);
    expect(state.entries.map((e) => e.id)).toEqual(['e2']);
  });

  it('lets the same person post the same words in another box', () => {
    const state = act(init(), [
      [as(ANA.id), post(0, 'Website')],
      [as(ANA.id), post(1, 'website')],
    ]);
    expect(state.entries).toHaveLength(2);
  });

  it('changes text, rating and tags when the author edits, keeping the box and id', () => {
    const state = act(init(), [
      [as(ANA.id), post(0, 'Website', 2)],
      [as(ANA.id), { type: 'edit', entryId: 'e1', text: 'Website search', rating: 4, tags: [1] }],
    ]);
    expect(state.entries[0]).toMatchObject({
      id: 'e1',
      box: 0,
      text: 'Website search',
      rating: 4,
      tags: [1],
    });
  });

  it('removes the author’s entry when they remove it', () => {
    const state = act(handWorked(), [[as(CAI.id), { type: 'remove', entryId: 'e3' }]]);
    expect(state.entries.map((e) => e.id)).toEqual(['e1', 'e2', 'e4', 'e5']);
  });

  it.each<[string, Actor, Action, RoundContext, AppError['code'], RegExp]>([
    [
      'a post without a rating in a rated box',
      as(CAI.id),
      post(0, 'Fax', null),
      ctx(),
      'INVALID_ACTION',
      /Rate it from 1 to 5/,
    ],
    [
      'a rating in an unrated box',
      as(CAI.id),
      post(2, 'Idea', 3),
      ctx(),
      'INVALID_ACTION',
      /no rating/,
    ],
    ['a rating above the scale', as(CAI.id), post(0, 'Fax', 6), ctx(), 'INVALID_ACTION', /1 to 5/],
    [
      'a tag that does not exist',
      as(CAI.id),
      post(0, 'Fax', 3, [2]),
      ctx(),
      'INVALID_ACTION',
      /tag/,
    ],
    ['a box that does not exist', as(CAI.id), post(3, 'Fax', null), ctx(), 'INVALID_ACTION', /box/],
    [
      'the same words twice in one box',
      as(CAI.id),
      post(0, 'PHONE CALL', 2),
      ctx(),
      'INVALID_ACTION',
      /already posted/,
    ],
    [
      'a post when the canvas is locked',
      as(CAI.id),
      post(0, 'Fax'),
      ctx({ isOpen: false }),
      'ROUND_LOCKED',
      /locked/,
    ],
    [
      'an edit when the canvas is locked',
      as(CAI.id),
      { type: 'edit', entryId: 'e3', text: 'Call', rating: 3, tags: [] },
      ctx({ isOpen: false }),
      'ROUND_LOCKED',
      /locked/,
    ],
    [
      'a removal when the canvas is locked',
      as(CAI.id),
      { type: 'remove', entryId: 'e3' },
      ctx({ isOpen: false }),
      'ROUND_LOCKED',
      /locked/,
    ],
    [
      'an edit of someone else’s entry',
      as(CAI.id),
      { type: 'edit', entryId: 'e1', text: 'Mine now', rating: 3, tags: [] },
      ctx(),
      'NOT_FOUND',
      /no such entry/,
    ],
    [
      'a removal of someone else’s entry',
      as(CAI.id),
      { type: 'remove', entryId: 'e1' },
      ctx(),
      'NOT_FOUND',
      /no such entry/,
    ],
    [
      'a removal of an entry that does not exist',
      as(CAI.id),
      { type: 'remove', entryId: 'e99' },
      ctx(),
      'NOT_FOUND',
      /no such entry/,
    ],
    [
      'an edit of an entry the facilitator hid',
      as(BEN.id),
      { type: 'edit', entryId: 'e4', text: 'Polite reply', rating: 1, tags: [] },
      ctx(),
      'INVALID_ACTION',
      /took this entry off/,
    ],
    [
      'an edit into the words of the author’s other entry in that box',
      as(BEN.id),
      { type: 'edit', entryId: 'e2', text: 'rude reply', rating: 4, tags: [] },
      ctx(),
      'INVALID_ACTION',
      /already posted/,
    ],
    ['a post from the facilitator', FAC, post(0, 'Fax'), ctx(), 'FORBIDDEN', /Participants post/],
  ])('refuses %s and changes nothing', (_label, actor, action, context, code, message) => {
    const error = refused(handWorked(), actor, action, context);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('refuses a post beyond the per-person limit and says how to make room', () => {
    const full = act(init({ maxEntriesPerPerson: 2 }), [
      [as(ANA.id), post(2, 'One')],
      [as(ANA.id), post(2, 'Two')],
    ]);
    const error = refused(full, as(ANA.id), post(2, 'Three'));
    expect(error).toEqual({
      code: 'INVALID_ACTION',
      message: 'You can have at most 2 entries: edit or remove one first',
    });
    // Others still may.
    expect(act(full, [[as(BEN.id), post(2, 'Three')]]).entries).toHaveLength(3);
  });

  it('refuses any post when the canvas holds its maximum of entries', () => {
    const entries = Array.from({ length: CANVAS_MAX_ENTRIES }, (_, i) => ({
      id: `e${i + 1}`,
      box: 2,
      authorId: `p${i}`,
      text: `Entry ${i}`,
      rating: null,
      tags: [],
      isHidden: false,
      mergedInto: null,
    }));
    const state: CanvasState = { ...init(), entries, nextId: CANVAS_MAX_ENTRIES + 1 };
    expect(refused(state, as(ANA.id), post(2, 'One more')).message).toBe('The canvas is full');
  });

  it('does not mutate the previous state when reducing', () => {
    const before = handWorked();
    const snapshot = structuredClone(before);
    act(before, [
      [as(ANA.id), { type: 'edit', entryId: 'e1', text: 'Site', rating: 1, tags: [] }],
      [FAC, { type: 'move', entryId: 'e1', box: 1 }],
      [FAC, { type: 'split', entryId: 'e2' }],
      [as(ANA.id), { type: 'remove', entryId: 'e1' }],
      [FAC, { type: 'reset' }],
    ]);
    expect(before).toEqual(snapshot);
  });
});
