import { fail, ok, type Result } from '../../result.ts';
import { teamOfIn, type Actor, type RoundContext } from '../types.ts';
import { isHiddenEntry } from './cards.ts';
import { CANVAS_MAX_ENTRIES } from './limits.ts';
import {
  type CanvasEntry,
  type CanvasFacilitatorAction,
  type CanvasParticipantAction,
  type CanvasState,
} from './model.ts';

type Content = Pick<CanvasEntry, 'text' | 'rating' | 'tags'>;

/** Checks an entry's rating and tags against the box it goes in; returns them tidied. */
function checkContent(
  state: CanvasState,
  box: number,
  content: Content,
): Result<Pick<CanvasEntry, 'rating' | 'tags'>> {
  const target = state.config.boxes[box];
  if (!target) return fail('INVALID_ACTION', 'That box does not exist');
  const { max } = state.config.rating;
  if (target.isRated) {
    if (content.rating === null) {
      return fail('INVALID_ACTION', `Rate it from 1 to ${max} before you post it`);
    }
    if (content.rating > max) return fail('INVALID_ACTION', `Ratings go from 1 to ${max}`);
  } else if (content.rating !== null) {
    return fail('INVALID_ACTION', 'This box takes no rating');
  }
  const tags = [...new Set(content.tags)].sort((a, b) => a - b);
  if (tags.some((t) => t >= state.config.tags.length)) {
    return fail('INVALID_ACTION', 'That tag does not exist');
  }
  return ok({ rating: content.rating, tags });
}

const sameText = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

function replaceEntry(state: CanvasState, entry: CanvasEntry): CanvasState {
  return { ...state, entries: state.entries.map((e) => (e.id === entry.id ? entry : e)) };
}

/** Removes an entry; if others were merged into it, the oldest of them heads the card now. */
function removeEntry(state: CanvasState, entry: CanvasEntry): CanvasState {
  const heir = state.entries.find((e) => e.mergedInto === entry.id);
  const entries = state.entries
    .filter((e) => e.id !== entry.id)
    .map((e) => {
      if (!heir || e.mergedInto !== entry.id) return e;
      // The card stays together, where the facilitator left it, shown or hidden as it was:
      // so no other participant's own view changes when an author removes their entry.
      return e.id === heir.id
        ? { ...e, mergedInto: null, isHidden: entry.isHidden, box: entry.box }
        : { ...e, mergedInto: heir.id };
    });
  return { ...state, entries };
}

/** The author's table on a per-table canvas, as the entry keeps it. */
function teamTag(
  state: CanvasState,
  participantId: string,
  ctx: RoundContext,
): { teamId?: string } {
  const teamId = state.config.isPerTeam ? teamOfIn(ctx, participantId) : null;
  return teamId === null ? {} : { teamId };
}

function reduceParticipant(
  state: CanvasState,
  action: CanvasParticipantAction,
  participantId: string,
  ctx: RoundContext,
): Result<CanvasState> {
  if (!ctx.isOpen) return fail('ROUND_LOCKED', 'The canvas is locked');
  if (action.type === 'post') {
    const checked = checkContent(state, action.box, action);
    if (!checked.ok) return checked;
    const mine = state.entries.filter((e) => e.authorId === participantId);
    const { maxEntriesPerPerson } = state.config;
    if (mine.length >= maxEntriesPerPerson) {
      return fail(
        'INVALID_ACTION',
        `You can have at most ${maxEntriesPerPerson} ${maxEntriesPerPerson === 1 ? 'entry' : 'entries'}: edit or remove one first`,
      );
    }
    if (state.entries.length >= CANVAS_MAX_ENTRIES) {
      return fail('INVALID_ACTION', 'The canvas is full');
    }
    if (mine.some((e) => e.box === action.box && sameText(e.text, action.text))) {
      return fail('INVALID_ACTION', 'You already posted that in this box');
    }
    const entry: CanvasEntry = {
      id: `e${state.nextId}`,
      box: action.box,
      authorId: participantId,
      text: action.text,
      ...checked.data,
      isHidden: false,
      mergedInto: null,
      ...teamTag(state, participantId, ctx),
    };
    return ok({ ...state, entries: [...state.entries, entry], nextId: state.nextId + 1 });
  }

  const entry = state.entries.find((e) => e.id === action.entryId);
  // Someone else's entry is answered like a missing one: its existence is nobody's business.
  if (!entry || entry.authorId !== participantId) {
    return fail('NOT_FOUND', 'You have no such entry');
  }
  if (action.type === 'remove') return ok(removeEntry(state, entry));

  if (isHiddenEntry(state, entry)) {
    return fail('INVALID_ACTION', 'The facilitator took this entry off the canvas: remove it');
  }
  const checked = checkContent(state, entry.box, action);
  if (!checked.ok) return checked;
  const isDuplicate = state.entries.some(
    (e) =>
      e.id !== entry.id &&
      e.authorId === participantId &&
      e.box === entry.box &&
      sameText(e.text, action.text),
  );
  if (isDuplicate) return fail('INVALID_ACTION', 'You already posted that in this box');
  return ok(replaceEntry(state, { ...entry, text: action.text, ...checked.data }));
}

function reduceFacilitator(
  state: CanvasState,
  action: CanvasFacilitatorAction,
): Result<CanvasState> {
  if (action.type === 'reset') return ok({ ...state, entries: [] });
  const entry = state.entries.find((e) => e.id === action.entryId);
  if (!entry) return fail('NOT_FOUND', 'That entry is no longer on the canvas');

  if (action.type === 'split') {
    if (entry.mergedInto === null) return fail('INVALID_ACTION', 'That entry is not merged');
    return ok(replaceEntry(state, { ...entry, mergedInto: null }));
  }
  // Hiding and moving act on a whole card: its head entry carries the merged ones along.
  if (entry.mergedInto !== null) {
    return fail('INVALID_ACTION', 'That entry is merged into another: split it off first');
  }
  if (action.type === 'hide')
    return ok(replaceEntry(state, { ...entry, isHidden: action.isHidden }));
  if (action.type === 'move') {
    if (action.box >= state.config.boxes.length) {
      return fail('INVALID_ACTION', 'That box does not exist');
    }
    const entries = state.entries.map((e) =>
      e.id === entry.id || e.mergedInto === entry.id ? { ...e, box: action.box } : e,
    );
    return ok({ ...state, entries });
  }

  // Merge: the entry and everything merged into it join the target's card.
  const target = state.entries.find((e) => e.id === action.intoId);
  if (!target) return fail('NOT_FOUND', 'That entry is no longer on the canvas');
  if (target.id === entry.id) return fail('INVALID_ACTION', 'An entry cannot merge into itself');
  if (target.mergedInto !== null) {
    return fail('INVALID_ACTION', 'Merge into an entry that is not merged itself');
  }
  if (entry.isHidden || target.isHidden) {
    return fail('INVALID_ACTION', 'Show the entry again before merging it');
  }
  const entries = state.entries.map((e) =>
    e.id === entry.id || e.mergedInto === entry.id
      ? { ...e, mergedInto: target.id, box: target.box }
      : e,
  );
  return ok({ ...state, entries });
}

/**
 * Applies one action to a canvas, or refuses it with a typed error that leaves the state
 * as it was. Participants post, edit and remove only their own entries while the round is
 * open; the facilitator moderates at any time.
 */
export function reduceCanvas(
  state: CanvasState,
  action: CanvasParticipantAction | CanvasFacilitatorAction,
  actor: Actor,
  ctx: RoundContext,
): Result<CanvasState> {
  switch (action.type) {
    case 'post':
    case 'edit':
    case 'remove':
      if (actor.role !== 'participant') {
        return fail('FORBIDDEN', 'Participants post on the canvas themselves');
      }
      return reduceParticipant(state, action, actor.participantId, ctx);
    case 'hide':
    case 'merge':
    case 'split':
    case 'move':
    case 'reset':
      if (actor.role !== 'facilitator') {
        return fail('FORBIDDEN', 'Only the facilitator can moderate the canvas');
      }
      return reduceFacilitator(state, action);
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
