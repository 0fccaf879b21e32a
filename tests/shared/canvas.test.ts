/**
 * The canvas as an exercise: config bounds with readable messages, posting, editing and
 * removing one's own entries, moderation (hide, merge, split, move), refusals that change
 * nothing, the figures per box worked by hand, privacy of every view (anonymous or not),
 * the summary and a replay of the session's log.
 */
import { describe, expect, it } from 'vitest';
import {
  getExercise,
  replay,
  type Actor,
  type AppError,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
} from '@playfield/shared';
import {
  PUBLIC_CARDS_PER_BOX,
  SCREEN_CARDS_PER_BOX,
  canvas,
  canvasBoard,
  canvasPresets,
  type CanvasConfig,
  type CanvasFacilitatorAction,
  type CanvasParticipantAction,
  type CanvasState,
} from '@playfield/shared/exercises/canvas/index';
import { CANVAS_MAX_ENTRIES } from '@playfield/shared/exercises/canvas/limits';
import {
  FACILITATOR as SESSION_FACILITATOR,
  run,
  recordedSession,
  exerciseContext,
} from './sessionHarness.ts';

type Action = CanvasParticipantAction | CanvasFacilitatorAction;

const ANA = { id: 'p-ana-3c1', name: 'Ana Lindqvist' };
const BEN = { id: 'p-ben-8d2', name: 'Ben Okafor' };
const CAI = { id: 'p-cai-5e7', name: 'Cai Moreau' };
const PEOPLE = [ANA, BEN, CAI];
const FAC: Actor = { role: 'facilitator' };
const as = (participantId: string): Actor => ({ role: 'participant', participantId });

const ctx = (overrides: Partial<RoundContext> = {}): RoundContext =>
  exerciseContext(PEOPLE, { at: 1000, ...overrides });

/** Two rated boxes and one unrated, two tags, four entries a person. */
function config(overrides: Partial<CanvasConfig> = {}): CanvasConfig {
  return {
    prompt: 'List the contacts a customer has with us and rate the impression each leaves.',
    boxes: [
      { title: 'Before they buy', hint: 'Adverts, the website…', isRated: true },
      { title: 'Buying', hint: 'The counter, the invoice…', isRated: true },
      { title: 'Ideas', hint: '', isRated: false },
    ],
    rating: { question: 'Impression', max: 5, lowLabel: 'Poor', highLabel: 'Excellent' },
    tags: ['Not mine', 'Urgent'],
    maxEntriesPerPerson: 4,
    isAnonymous: false,
    actionPrompt: 'Which moment of truth will I improve first?',
    ...overrides,
  };
}

const init = (overrides: Partial<CanvasConfig> = {}) => canvas.init(config(overrides), 'seed');

function step(state: CanvasState, actor: Actor, action: Action, context = ctx()): CanvasState {
  const result = canvas.reduce(state, action, actor, context);
  if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.message}`);
  return result.data;
}

function act(state: CanvasState, steps: [Actor, Action][], context = ctx()): CanvasState {
  return steps.reduce((s, [actor, action]) => step(s, actor, action, context), state);
}

/** An action that must be refused; also checks it left the state exactly as it was. */
function refused(state: CanvasState, actor: Actor, action: Action, context = ctx()): AppError {
  const before = structuredClone(state);
  const result = canvas.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${action.type} was accepted`);
  expect(state).toEqual(before);
  return result.error;
}

const post = (
  box: number,
  text: string,
  rating: number | null = box < 2 ? 3 : null,
  tags: number[] = [],
): Action => ({ type: 'post', box, text, rating, tags });

/**
 * The hand-worked canvas:
 *   e1 Ana  box 0 "Website"        rating 2
 *   e2 Ben  box 0 "Web site"       rating 4, tagged Not mine   (merged into e1 below)
 *   e3 Cai  box 0 "Phone call"     rating 5, tagged Not mine, Urgent
 *   e4 Ben  box 0 "Rude reply"     rating 1                    (hidden below)
 *   e5 Ana  box 2 "Call back sooner"
 */
function handWorked(): CanvasState {
  return act(init(), [
    [as(ANA.id), post(0, 'Website', 2)],
    [as(BEN.id), post(0, 'Web site', 4, [0])],
    [as(CAI.id), post(0, 'Phone call', 5, [1, 0])],
    [as(BEN.id), post(0, 'Rude reply', 1)],
    [as(ANA.id), post(2, 'Call back sooner')],
    [FAC, { type: 'merge', entryId: 'e2', intoId: 'e1' }],
    [FAC, { type: 'hide', entryId: 'e4', isHidden: true }],
  ]);
}

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

describe('canvas moderation', () => {
  const card = (state: CanvasState, box: number, id: string) =>
    canvas.facilitatorView(state, ctx()).boxes[box]?.cards.find((c) => c.id === id);

  it('puts a hidden entry aside and shows it again when unhidden', () => {
    const hidden = handWorked();
    const box = canvas.facilitatorView(hidden, ctx()).boxes[0];
    expect(box?.cards.map((c) => c.id)).toEqual(['e1', 'e3']);
    expect(box?.hidden.map((c) => c.id)).toEqual(['e4']);
    const shown = act(hidden, [[FAC, { type: 'hide', entryId: 'e4', isHidden: false }]]);
    expect(canvas.facilitatorView(shown, ctx()).boxes[0]?.cards.map((c) => c.id)).toEqual([
      'e1',
      'e3',
      'e4',
    ]);
  });

  it('makes one card of merged duplicates, counting their ratings and tags', () => {
    expect(card(handWorked(), 0, 'e1')).toEqual({
      id: 'e1',
      text: 'Website',
      count: 2,
      rating: 3,
      tags: [{ tag: 'Not mine', count: 1 }],
      isHidden: false,
      author: ANA.name,
      merged: [{ id: 'e2', text: 'Web site', author: BEN.name }],
    });
  });

  it('brings an entry’s merged entries along when it is merged itself', () => {
    const state = act(handWorked(), [[FAC, { type: 'merge', entryId: 'e1', intoId: 'e3' }]]);
    expect(state.entries.filter((e) => e.mergedInto === 'e3').map((e) => e.id)).toEqual([
      'e1',
      'e2',
    ]);
    // Three entries: ratings 2, 4 and 5 make 11/3; tags: Not mine twice, Urgent once.
    expect(card(state, 0, 'e3')).toMatchObject({
      count: 3,
      rating: 3.67,
      tags: [
        { tag: 'Not mine', count: 2 },
        { tag: 'Urgent', count: 1 },
      ],
    });
  });

  it('moves a merged entry into the target’s box when merging across boxes', () => {
    const state = act(handWorked(), [[FAC, { type: 'merge', entryId: 'e5', intoId: 'e1' }]]);
    expect(state.entries.find((e) => e.id === 'e5')).toMatchObject({ box: 0, mergedInto: 'e1' });
  });

  it('gives a merged entry its own card again when split off', () => {
    const state = act(handWorked(), [[FAC, { type: 'split', entryId: 'e2' }]]);
    expect(card(state, 0, 'e1')).toMatchObject({ count: 1, rating: 2, merged: [] });
    expect(card(state, 0, 'e2')).toMatchObject({ count: 1, rating: 4 });
  });

  it('moves a card with its merged entries when moved to another box', () => {
    const state = act(handWorked(), [[FAC, { type: 'move', entryId: 'e1', box: 1 }]]);
    expect(state.entries.filter((e) => e.box === 1).map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('drops the rating from a card moved into an unrated box, and keeps it for moving back', () => {
    const moved = act(handWorked(), [[FAC, { type: 'move', entryId: 'e3', box: 2 }]]);
    expect(card(moved, 2, 'e3')?.rating).toBeNull();
    const back = act(moved, [[FAC, { type: 'move', entryId: 'e3', box: 0 }]]);
    expect(card(back, 0, 'e3')?.rating).toBe(5);
  });

  it('keeps a card together when its first entry’s author removes it', () => {
    const three = act(handWorked(), [
      [as(CAI.id), post(0, 'Webpage', 3)],
      [FAC, { type: 'merge', entryId: 'e6', intoId: 'e1' }],
      [FAC, { type: 'hide', entryId: 'e1', isHidden: true }],
    ]);
    const before = {
      ben: canvas.participantOwnView(three, BEN.id, ctx()),
      cai: canvas.participantOwnView(three, CAI.id, ctx()),
    };
    const state = act(three, [[as(ANA.id), { type: 'remove', entryId: 'e1' }]]);
    expect(state.entries.find((e) => e.id === 'e2')).toMatchObject({
      mergedInto: null,
      isHidden: true,
      box: 0,
    });
    expect(state.entries.find((e) => e.id === 'e6')?.mergedInto).toBe('e2');
    // Nobody else's own view changed: the server only re-sends the actor's.
    expect(canvas.participantOwnView(state, BEN.id, ctx())).toEqual(before.ben);
    expect(canvas.participantOwnView(state, CAI.id, ctx())).toEqual(before.cai);
  });

  it('clears every entry when the facilitator resets, even when locked', () => {
    const state = act(handWorked(), [[FAC, { type: 'reset' }]], ctx({ isOpen: false }));
    expect(state.entries).toEqual([]);
    expect(canvas.submittedCount(state)).toBe(0);
  });

  it('lets the facilitator moderate when the canvas is locked', () => {
    const state = act(
      handWorked(),
      [[FAC, { type: 'move', entryId: 'e5', box: 1 }]],
      ctx({ isOpen: false }),
    );
    expect(state.entries.find((e) => e.id === 'e5')?.box).toBe(1);
  });

  it.each<[string, Actor, Action, AppError['code'], RegExp]>([
    [
      'a merge into itself',
      FAC,
      { type: 'merge', entryId: 'e1', intoId: 'e1' },
      'INVALID_ACTION',
      /itself/,
    ],
    [
      'a merge into a merged entry',
      FAC,
      { type: 'merge', entryId: 'e3', intoId: 'e2' },
      'INVALID_ACTION',
      /not merged itself/,
    ],
    [
      'a merge of a hidden entry',
      FAC,
      { type: 'merge', entryId: 'e4', intoId: 'e1' },
      'INVALID_ACTION',
      /Show the entry/,
    ],
    [
      'a merge into a hidden entry',
      FAC,
      { type: 'merge', entryId: 'e3', intoId: 'e4' },
      'INVALID_ACTION',
      /Show the entry/,
    ],
    [
      'a merge into a missing entry',
      FAC,
      { type: 'merge', entryId: 'e3', intoId: 'e42' },
      'NOT_FOUND',
      /no longer/,
    ],
    [
      'a split of an entry that is not merged',
      FAC,
      { type: 'split', entryId: 'e3' },
      'INVALID_ACTION',
      /not merged/,
    ],
    [
      'a move of a merged entry',
      FAC,
      { type: 'move', entryId: 'e2', box: 1 },
      'INVALID_ACTION',
      /split it off/,
    ],
    [
      'a hide of a merged entry',
      FAC,
      { type: 'hide', entryId: 'e2', isHidden: true },
      'INVALID_ACTION',
      /split it off/,
    ],
    [
      'a move to a box that does not exist',
      FAC,
      { type: 'move', entryId: 'e1', box: 5 },
      'INVALID_ACTION',
      /box/,
    ],
    [
      'a hide of a missing entry',
      FAC,
      { type: 'hide', entryId: 'e42', isHidden: true },
      'NOT_FOUND',
      /no longer/,
    ],
    [
      'a hide from a participant',
      as(ANA.id),
      { type: 'hide', entryId: 'e3', isHidden: true },
      'FORBIDDEN',
      /facilitator/,
    ],
    ['a reset from a participant', as(ANA.id), { type: 'reset' }, 'FORBIDDEN', /facilitator/],
  ])('refuses %s and changes nothing', (_label, actor, action, code, message) => {
    const error = refused(handWorked(), actor, action);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('canvas action parsing through the registry', () => {
  const exercise = getExercise('canvas');

  it('cleans the text of a post: invisible characters gone, spaces collapsed, trimmed', () => {
    const parsed = exercise?.parseAction('participant', {
      type: 'post',
      box: 0,
      text: '  Hold\u200B   music\n on the line ',
      rating: 2,
      tags: [],
    });
    expect(parsed).toEqual({
      ok: true,
      data: { type: 'post', box: 0, text: 'Hold music on the line', rating: 2, tags: [] },
    });
  });

  it.each([
    { type: 'post', box: 0, text: 'x'.repeat(141), rating: 2, tags: [] },
    { type: 'post', box: 0, text: '   ', rating: 2, tags: [] },
    { type: 'post', box: -1, text: 'Fax', rating: 2, tags: [] },
    { type: 'post', box: 0, text: 'Fax', rating: 0, tags: [] },
    { type: 'post', box: 0, text: 'Fax', rating: 2.5, tags: [] },
    { type: 'post', box: 0, text: 'Fax', rating: 2, tags: [0, 1, 2, 3, 4, 5, 0] },
    { type: 'post', box: 0, text: 'Fax', tags: [] },
    { type: 'edit', entryId: '../e1', text: 'Fax', rating: 2, tags: [] },
    { type: 'remove', entryId: 42 },
    { type: 'shout' },
  ])('refuses as BAD_REQUEST a participant sending %j', (action) => {
    const result = exercise?.parseAction('participant', action);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.code).toBe('BAD_REQUEST');
  });

  it.each([
    { type: 'hide', entryId: 'e1', isHidden: true },
    { type: 'merge', entryId: 'e1', intoId: 'e2' },
    { type: 'move', entryId: 'e1', box: 1 },
    { type: 'reset' },
  ])('refuses as FORBIDDEN a participant sending the facilitator’s %j', (action) => {
    expect(exercise?.parseAction('participant', action)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only the facilitator can do that' },
    });
  });
});

describe('canvas views', () => {
  const secrets = PEOPLE.flatMap((p) => [p.id, p.name]);

  it('figures each box from its shown entries when worked by hand', () => {
    const board = canvasBoard(handWorked(), 10);
    // Box 0 shows e1 (2), e2 (4, merged into e1) and e3 (5); e4 (1) is hidden: 11/3.
    expect(board[0]).toMatchObject({
      entryCount: 3,
      averageRating: 3.67,
      ratingCount: 3,
      moreCards: 0,
    });
    expect(board[1]).toMatchObject({ entryCount: 0, averageRating: null, ratingCount: 0 });
    // An unrated box has no average.
    expect(board[2]).toMatchObject({ entryCount: 1, averageRating: null });
  });

  it('orders the room’s cards by entries, then newest first', () => {
    const state = act(handWorked(), [[as(CAI.id), post(0, 'Brochure', 3)]]);
    expect(canvasBoard(state, 10)[0]?.cards.map((c) => c.id)).toEqual(['e1', 'e6', 'e3']);
  });

  it('keeps the board off the phones until the reveal, and unchanged as people post', () => {
    const empty = JSON.stringify(canvas.participantPublicView(init(), ctx()));
    const filled = canvas.participantPublicView(handWorked(), ctx());
    expect(filled.board).toBeNull();
    expect(JSON.stringify(filled)).toBe(empty);
    expect(filled).toMatchObject({ maxEntriesPerPerson: 4, entryMaxLength: 140 });
  });

  it('shows the phones every shown card without authors after the reveal', () => {
    const view = canvas.participantPublicView(handWorked(), ctx({ isRevealed: true }));
    expect(view.board?.[0]?.cards).toEqual([
      { id: 'e1', text: 'Website', count: 2, rating: 3, tags: [{ tag: 'Not mine', count: 1 }] },
      {
        id: 'e3',
        text: 'Phone call',
        count: 1,
        rating: 5,
        tags: [
          { tag: 'Not mine', count: 1 },
          { tag: 'Urgent', count: 1 },
        ],
      },
    ]);
  });

  it('caps the cards per box on the screen and says how many more there are', () => {
    let state = init({ maxEntriesPerPerson: 30 });
    for (let i = 0; i < SCREEN_CARDS_PER_BOX + 3; i++) {
      state = step(state, as(ANA.id), post(2, `Idea ${i}`));
    }
    const box = canvas.screenView(state, ctx()).board[2];
    expect(box?.cards).toHaveLength(SCREEN_CARDS_PER_BOX);
    expect(box?.moreCards).toBe(3);
    expect(box?.cards[0]?.text).toBe(`Idea ${SCREEN_CARDS_PER_BOX + 2}`);
    expect(PUBLIC_CARDS_PER_BOX).toBeGreaterThan(SCREEN_CARDS_PER_BOX);
  });

  it('shows the boxes filling in on the screen before the reveal', () => {
    const view = canvas.screenView(handWorked(), ctx());
    expect(view.board[0]?.cards.map((c) => c.text)).toEqual(['Website', 'Phone call']);
    expect(view).toMatchObject({ entryCount: 4, contributors: 3 });
  });

  it('shows a participant only their own entries, marking those taken off the canvas', () => {
    const state = handWorked();
    expect(canvas.participantOwnView(state, BEN.id, ctx())).toEqual({
      entries: [
        { id: 'e2', box: 0, text: 'Web site', rating: 4, tags: [0], isHidden: false },
        { id: 'e4', box: 0, text: 'Rude reply', rating: 1, tags: [], isHidden: true },
      ],
    });
    expect(canvas.participantOwnView(state, '', ctx())).toEqual({ entries: [] });
  });

  it('names authors to the facilitator only when the canvas is named', () => {
    const view = canvas.facilitatorView(handWorked(), ctx());
    expect(view.boxes[0]?.cards.map((c) => c.author)).toEqual([ANA.name, CAI.name]);
    expect(view.boxes[0]?.hidden[0]?.author).toBe(BEN.name);
    for (const shared of [
      canvas.screenView(handWorked(), ctx({ isRevealed: true })),
      canvas.participantPublicView(handWorked(), ctx({ isRevealed: true })),
      canvas.summary(handWorked(), ctx()),
    ]) {
      const json = JSON.stringify(shared);
      for (const secret of secrets) expect(json).not.toContain(secret);
    }
  });

  it.each([false, true])(
    'never names or identifies an author in any view but their own when anonymous (revealed: %s)',
    (isRevealed) => {
      const named = handWorked();
      const state: CanvasState = { ...named, config: { ...named.config, isAnonymous: true } };
      const context = ctx({ isRevealed });
      const views = {
        facilitator: canvas.facilitatorView(state, context),
        participantPublic: canvas.participantPublicView(state, context),
        screen: canvas.screenView(state, context),
        summary: canvas.summary(state, context),
      };
      for (const [audience, view] of Object.entries(views)) {
        const json = JSON.stringify(view);
        for (const secret of secrets)
          expect(json, `${audience} leaks ${secret}`).not.toContain(secret);
      }
      expect(views.facilitator.boxes[0]?.cards[0]).toMatchObject({
        author: null,
        merged: [{ id: 'e2', text: 'Web site', author: null }],
      });
    },
  );
});

describe('canvas summary', () => {
  it('lists each box, bars the average rating of rated boxes and counts tags per box', () => {
    const summary = canvas.summary(handWorked(), ctx());
    expect(summary.headline).toBe('4 entries from 3 people in 3 boxes');
    expect(summary.blocks).toEqual([
      {
        type: 'list',
        title: 'Before they buy',
        items: [
          'Website (×2; impression 3/5; Not mine)',
          'Phone call (impression 5/5; Not mine; Urgent)',
        ],
      },
      { type: 'list', title: 'Buying', items: [] },
      { type: 'list', title: 'Ideas', items: ['Call back sooner'] },
      {
        type: 'bars',
        labels: ['Before they buy'],
        values: [3.67],
        unit: 'average impression (1 = Poor, 5 = Excellent)',
      },
      {
        type: 'table',
        columns: ['Box', 'Entries', 'Tagged “Not mine”', 'Tagged “Urgent”'],
        rows: [
          ['Before they buy', '3', '2', '1'],
          ['Buying', '0', '0', '0'],
          ['Ideas', '1', '0', '0'],
        ],
      },
    ]);
  });

  it('leaves out the bars and the tag table when nothing is rated or tagged', () => {
    const state = act(init({ tags: [] }), [[as(ANA.id), post(2, 'Idea')]]);
    expect(canvas.summary(state, ctx()).blocks.map((b) => b.type)).toEqual([
      'list',
      'list',
      'list',
    ]);
    expect(canvas.summary(state, ctx()).headline).toBe('1 entry from 1 person in 3 boxes');
  });

  it('uses the configured question for the action plan', () => {
    expect(canvas.actionPlanPrompt(config())).toBe('Which moment of truth will I improve first?');
  });
});

describe('canvas replay', () => {
  const ROUND = 'cv';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'canvas',
    title: 'Moments of truth',
    config: config(),
  };

  it('gives the same state when the session log is replayed', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const { ids, must } = live;
    const roundAct = (action: Action): SessionCommand => ({
      type: 'round.act',
      roundId: ROUND,
      action,
    });
    const by = (i: number, action: Action) =>
      must(roundAct(action), { role: 'participant', participantId: ids[i] ?? '' });
    const fac = (action: Action) => must(roundAct(action), SESSION_FACILITATOR);

    by(0, post(0, 'Website', 2));
    by(1, post(0, 'Web site', 4, [0]));
    by(2, post(1, 'Invoice', 1, [0, 1]));
    by(2, post(2, 'Call back'));
    fac({ type: 'merge', entryId: 'e2', intoId: 'e1' });
    by(0, { type: 'edit', entryId: 'e1', text: 'Our website', rating: 3, tags: [] });
    fac({ type: 'move', entryId: 'e4', box: 1 });
    fac({ type: 'hide', entryId: 'e3', isHidden: true });
    by(1, { type: 'remove', entryId: 'e2' });
    must({ type: 'round.lock' }, SESSION_FACILITATOR);
    expect(
      run(live.state, roundAct(post(2, 'Late')), {
        role: 'participant',
        participantId: ids[0] ?? '',
      }).result.ok,
    ).toBe(false);
    must({ type: 'round.reveal' }, SESSION_FACILITATOR);

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const roundState = replayed.rounds[ROUND]?.state as CanvasState;
    expect(roundState.entries.map((e) => [e.id, e.box, e.text, e.isHidden])).toEqual([
      ['e1', 0, 'Our website', false],
      ['e3', 1, 'Invoice', true],
      ['e4', 1, 'Call back', false],
    ]);
  });
});
