/**
 * The canvas as an exercise: config bounds with readable messages, posting, editing and
 * removing one's own entries, moderation (hide, merge, split, move), refusals that change
 * nothing, the figures per box worked by hand, privacy of every view (anonymous or not),
 * the summary and a replay of the session's log.
 *
 * This file covers moderation (hide, merge, split, move) and action parsing through the registry; the other canvas*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise, type Actor, type AppError } from '@playfield/shared';
import { canvas, type CanvasState } from '@playfield/shared/exercises/canvas/index';
import {
  type Action,
  ANA,
  BEN,
  CAI,
  FAC,
  as,
  ctx,
  act,
  refused,
  post,
  handWorked,
} from './canvasFixtures.ts';

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
