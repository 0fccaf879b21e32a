/**
 * The brainstorm as an exercise: config bounds, notes from phones, the facilitator's board
 * (clusters, hiding, merging), dot voting with its limits, the ranking and summary worked
 * out by hand, the privacy of every view, refusals that change nothing, and replay.
 *
 * This file covers the config, action parsing through the registry and writing notes; the other brainstorm*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise, type AppError } from '@playfield/shared';
import {
  brainstorm,
  BRAINSTORM_LIMITS,
  type BrainstormState,
} from '@playfield/shared/exercises/brainstorm/index';
import {
  brainstormConfigSchema,
  type BrainstormConfig,
} from '@playfield/shared/exercises/brainstorm/model';
import { brainstormPresets } from '@playfield/shared/exercises/brainstorm/presets';
import {
  type Action,
  FAC,
  as,
  ANA,
  BEN,
  ctx,
  config,
  init,
  step,
  act,
  refused,
  note,
  phase,
} from './brainstormFixtures.ts';

describe('brainstorm config', () => {
  it('accepts the defaults and every preset when parsed', () => {
    expect(brainstormConfigSchema.safeParse(brainstorm.defaultConfig()).success).toBe(true);
    for (const [key, preset] of Object.entries(brainstormPresets)) {
      expect(brainstormConfigSchema.safeParse(preset.config).success, key).toBe(true);
      expect(getExercise('brainstorm')?.parseConfig(preset.config).ok, key).toBe(true);
    }
  });

  it('offers the four workshop presets with the seeds’ questions', () => {
    expect(Object.values(brainstormPresets).map((p) => p.title)).toEqual([
      'Worst nightmare',
      'When do we need to pound the table?',
      'Recognition wall',
      'Service culture stories',
    ]);
    expect(brainstormPresets.worstNightmare?.config.prompt).toBe(
      'What could a competitor do that would be your worst nightmare?',
    );
    expect(brainstormPresets.recognitionWall?.config).toMatchObject({
      isAnonymous: false,
      tags: ['Better', 'Faster', 'Different'],
    });
    expect(brainstormPresets.serviceCultureStories?.config.tags).toEqual([
      'The culture we want',
      'The culture we have',
    ]);
  });

  it.each<[string, Partial<BrainstormConfig>, RegExp]>([
    ['an empty prompt', { prompt: '   ' }, /prompt must not be empty/],
    ['no notes per person', { maxNotesPerPerson: 0 }, /notes per person must be at least 1/],
    ['notes of 10 characters', { noteLength: 10 }, /length of a note must be at least 20/],
    ['notes of 501 characters', { noteLength: 501 }, /length of a note can be at most 500/],
    ['seven tags', { tags: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, /At most 6 tags/],
    ['the same tag twice', { tags: ['Better', 'better'] }, /Each tag must be different/],
    ['an empty tag', { tags: ['Better', ' '] }, /A tag must not be empty/],
    [
      'more dots on one item than a person has',
      { dotsPerPerson: 2, maxDotsPerItem: 3 },
      /dots allowed on one item cannot be more than the dots each person has/,
    ],
    ['half a dot', { dotsPerPerson: 2.5 }, /dots per person must be a whole number/],
  ])('refuses %s with a readable message', (_, overrides, message) => {
    const parsed = getExercise('brainstorm')?.parseConfig(config(overrides));
    expect(parsed?.ok).toBe(false);
    if (parsed && !parsed.ok) {
      expect(parsed.error.code).toBe('BAD_REQUEST');
      expect(parsed.error.message).toMatch(message);
      expect(parsed.error.message).not.toMatch(/too (small|big)|expected|>=|<=/i);
    }
  });

  it('starts collecting with an empty board when initialised', () => {
    expect(init()).toEqual({
      config: config(),
      phase: 'collect',
      notes: [],
      clusters: [],
      nextNote: 1,
      nextCluster: 1,
      votes: {},
    });
  });
});

describe('brainstorm action parsing through the registry', () => {
  const exercise = getExercise('brainstorm');

  it.each([
    ['an empty note', { type: 'addNote', text: '  \n ', tag: null }, /Write something/],
    ['a note of 501 characters', { type: 'addNote', text: 'x'.repeat(501), tag: null }, /500/],
    ['a note without its tag field', { type: 'addNote', text: 'Hi' }, /tag/],
    ['a vote of 1.5 dots', { type: 'vote', itemId: 'c1', dots: 1.5 }, /whole number/],
    ['a vote of -1 dots', { type: 'vote', itemId: 'c1', dots: -1 }, /negative/],
    ['a vote on a made-up id', { type: 'vote', itemId: 'p-ana', dots: 1 }, /Unknown item/],
    ['an edit of a cluster id', { type: 'editNote', noteId: 'c1', text: 'x', tag: null }, /note/],
  ])('refuses as BAD_REQUEST a participant sending %s', (_, action, message) => {
    const result = exercise?.parseAction('participant', action);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) {
      expect(result.error.code).toBe('BAD_REQUEST');
      expect(result.error.message).toMatch(message);
    }
  });

  it('cleans invisible characters and spaces out of a note when parsing', () => {
    const result = exercise?.parseAction('participant', {
      type: 'addNote',
      text: '  Free\u200B  returns\n\nforever ',
      tag: null,
    });
    expect(result).toEqual({
      ok: true,
      data: { type: 'addNote', text: 'Free returns forever', tag: null },
    });
  });

  it.each([
    ['participant', { type: 'createCluster', name: 'Speed' }, 'Only the facilitator can do that'],
    [
      'participant',
      { type: 'hideNote', noteId: 'n1', isHidden: true },
      'Only the facilitator can do that',
    ],
    ['participant', { type: 'phase', phase: 'vote' }, 'Only the facilitator can do that'],
    ['facilitator', { type: 'addNote', text: 'Hi', tag: null }, 'Participants do that themselves'],
    ['facilitator', { type: 'vote', itemId: 'c1', dots: 1 }, 'Participants do that themselves'],
  ] as const)('refuses as FORBIDDEN a %s sending the other side’s %j', (role, action, message) => {
    expect(exercise?.parseAction(role, action)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message },
    });
  });
});

describe('notes', () => {
  it('numbers notes in posting order and keeps them in the round when participants post', () => {
    const s = act(init(), [
      [as(ANA), note('Same-day delivery')],
      [as(BEN), note('Free returns')],
    ]);
    expect(s.notes.map((n) => [n.id, n.authorId, n.text, n.clusterId])).toEqual([
      ['n1', ANA, 'Same-day delivery', null],
      ['n2', BEN, 'Free returns', null],
    ]);
    expect(s.nextNote).toBe(3);
    expect(brainstorm.submittedCount(s)).toBe(2);
  });

  it('lets the author edit and delete their own note while collecting', () => {
    let s = act(init(), [
      [as(ANA), note('Sme-day delivery')],
      [as(ANA), note('Price match')],
    ]);
    s = step(s, as(ANA), { type: 'editNote', noteId: 'n1', text: 'Same-day delivery', tag: null });
    s = step(s, as(ANA), { type: 'deleteNote', noteId: 'n2' });
    expect(s.notes.map((n) => [n.id, n.text])).toEqual([['n1', 'Same-day delivery']]);
    // A deleted note's number is not given out again.
    s = step(s, as(ANA), note('Loyalty points'));
    expect(s.notes.map((n) => n.id)).toEqual(['n1', 'n3']);
  });

  it('requires exactly one of the configured tags when the brainstorm has tags', () => {
    const tags = ['Better', 'Faster', 'Different'];
    const s = step(init({ tags }), as(ANA), note('Kim rebooked a stranded family', 'Faster'));
    expect(s.notes[0]?.tag).toBe('Faster');
    expect(refused(s, as(ANA), note('No tag'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'Choose one tag for the note: Better, Faster or Different',
    });
    expect(refused(s, as(ANA), note('Made-up tag', 'Cheaper')).code).toBe('INVALID_ACTION');
    expect(refused(s, as(ANA), { type: 'editNote', noteId: 'n1', text: 'x', tag: null }).code).toBe(
      'INVALID_ACTION',
    );
  });

  it('refuses a tag when the brainstorm has none', () => {
    expect(refused(init(), as(ANA), note('Hi', 'Better'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'This brainstorm has no tags',
    });
  });

  it('refuses a note longer than the configured length, with the count', () => {
    expect(refused(init({ noteLength: 20 }), as(ANA), note('x'.repeat(21)))).toEqual({
      code: 'INVALID_ACTION',
      message: 'A note has at most 20 characters (this one has 21)',
    });
  });

  it('refuses a note past the per-person limit, counting hidden notes', () => {
    let s = act(init({ maxNotesPerPerson: 2 }), [
      [as(ANA), note('One')],
      [as(ANA), note('Two')],
    ]);
    s = step(s, FAC, { type: 'hideNote', noteId: 'n2', isHidden: true });
    expect(refused(s, as(ANA), note('Three'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'You have posted your 2 notes: edit or delete one to add another',
    });
    // Others are not held back by Ana's notes.
    expect(step(s, as(BEN), note('Mine')).notes).toHaveLength(3);
  });

  it('tells the room the board is nearly full at nine-tenths, then refuses the 2,001st note', () => {
    const limit = BRAINSTORM_LIMITS.notesOnBoard;
    const space = (s: BrainstormState) => ({
      phones: brainstorm.participantPublicView(s, ctx()).boardSpace,
      console: brainstorm.facilitatorView(s, ctx()).boardSpace,
      screen: brainstorm.screenView(s, ctx()).boardSpace,
    });
    const seen: Record<number, ReturnType<typeof space>> = {};
    // Twenty notes per seat: 100 seats fill the board.
    let s = init({ maxNotesPerPerson: 20 });
    for (let i = 0; i < limit; i++) {
      s = step(s, as(`p-${Math.floor(i / 20)}`), note(`Idea ${i}`));
      if ([limit * 0.9 - 1, limit * 0.9, limit].includes(s.notes.length))
        seen[s.notes.length] = space(s);
    }
    expect(seen).toEqual({
      [limit * 0.9 - 1]: { phones: 'open', console: 'open', screen: 'open' },
      [limit * 0.9]: { phones: 'nearlyFull', console: 'nearlyFull', screen: 'nearlyFull' },
      [limit]: { phones: 'full', console: 'full', screen: 'full' },
    });
    expect(refused(s, as('p-late'), note('Too late'))).toEqual({
      code: 'INVALID_ACTION',
      message: 'The board is full: no more notes fit',
    });
  });

  it.each<[string, Action, AppError]>([
    [
      'an edit of someone else’s note',
      { type: 'editNote', noteId: 'n1', text: 'Mine now', tag: null },
      { code: 'FORBIDDEN', message: 'You can only change your own notes' },
    ],
    [
      'a delete of someone else’s note',
      { type: 'deleteNote', noteId: 'n1' },
      { code: 'FORBIDDEN', message: 'You can only change your own notes' },
    ],
    [
      'an edit of a note that does not exist',
      { type: 'editNote', noteId: 'n9', text: 'x', tag: null },
      { code: 'NOT_FOUND', message: 'That note is no longer on the board' },
    ],
  ])('refuses %s', (_, action, error) => {
    const s = step(init(), as(ANA), note('Same-day delivery'));
    expect(refused(s, as(BEN), action)).toEqual(error);
  });

  it('refuses notes once clustering starts and when the round is locked', () => {
    const s = act(init(), [
      [as(ANA), note('Same-day delivery')],
      [FAC, phase('cluster')],
    ]);
    expect(refused(s, as(BEN), note('Late idea'))).toEqual({
      code: 'CONFLICT',
      message: 'Notes are closed: the room is clustering',
    });
    expect(refused(s, as(ANA), { type: 'deleteNote', noteId: 'n1' }).code).toBe('CONFLICT');
    const locked = ctx({ isOpen: false });
    expect(refused(init(), as(ANA), note('Late'), locked)).toEqual({
      code: 'ROUND_LOCKED',
      message: 'The facilitator has locked this brainstorm',
    });
  });

  it('refuses a note when the facilitator sends it, and board work when a participant does', () => {
    const s = step(init(), as(ANA), note('Same-day delivery'));
    expect(refused(s, FAC, note('From the console')).code).toBe('FORBIDDEN');
    expect(refused(s, as(ANA), { type: 'createCluster', name: 'Mine' }).code).toBe('FORBIDDEN');
    expect(refused(s, as(ANA), { type: 'hideNote', noteId: 'n1', isHidden: true }).code).toBe(
      'FORBIDDEN',
    );
    expect(refused(s, as(ANA), phase('vote')).code).toBe('FORBIDDEN');
  });
});
