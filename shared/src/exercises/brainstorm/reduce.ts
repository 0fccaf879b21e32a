import { teamOfIn, type Actor, type RoundContext } from '../types.ts';
import { fail, ok, type Result } from '../../result.ts';
import { withEntry, withoutEntry } from '../records.ts';
import { buildBoard, dotsUsed, resolvedVotes } from './board.ts';
import {
  BRAINSTORM_LIMITS,
  type BrainstormFacilitatorAction,
  type BrainstormNote,
  type BrainstormParticipantAction,
  type BrainstormPhase,
  type BrainstormState,
} from './model.ts';

type Action = BrainstormParticipantAction | BrainstormFacilitatorAction;

const PHASE_NAMES: Record<BrainstormPhase, string> = {
  collect: 'collecting notes',
  cluster: 'clustering',
  vote: 'voting',
  results: 'showing the results',
};

const dots = (n: number) => `${n} ${n === 1 ? 'dot' : 'dots'}`;

function tagError(state: BrainstormState, tag: string | null): Result<never> | null {
  const { tags } = state.config;
  if (tags.length === 0) {
    return tag === null ? null : fail('INVALID_ACTION', 'This brainstorm has no tags');
  }
  if (tag !== null && tags.includes(tag)) return null;
  const choices =
    tags.length === 1 ? tags[0] : `${tags.slice(0, -1).join(', ')} or ${tags.at(-1) ?? ''}`;
  return fail('INVALID_ACTION', `Choose one tag for the note: ${choices}`);
}

function textError(state: BrainstormState, text: string): Result<never> | null {
  const max = state.config.noteLength;
  return text.length > max
    ? fail('INVALID_ACTION', `A note has at most ${max} characters (this one has ${text.length})`)
    : null;
}

function replaceNote(state: BrainstormState, note: BrainstormNote): BrainstormState {
  return { ...state, notes: state.notes.map((n) => (n.id === note.id ? note : n)) };
}

/** The participant's own note that they may still change, or why not. */
function ownNote(
  state: BrainstormState,
  noteId: string,
  participantId: string,
): Result<BrainstormNote> {
  const note = state.notes.find((n) => n.id === noteId);
  // A hidden note is off the board for its author too: it is as if it were gone.
  if (!note || note.isHidden) return fail('NOT_FOUND', 'That note is no longer on the board');
  if (note.authorId !== participantId)
    return fail('FORBIDDEN', 'You can only change your own notes');
  return ok(note);
}

function reduceParticipant(
  state: BrainstormState,
  action: BrainstormParticipantAction,
  participantId: string,
  ctx: RoundContext,
): Result<BrainstormState> {
  if (!ctx.isOpen) return fail('ROUND_LOCKED', 'The facilitator has locked this brainstorm');
  const isNoteAction = action.type !== 'vote' && action.type !== 'clearVotes';
  if (isNoteAction && state.phase !== 'collect') {
    return fail('CONFLICT', `Notes are closed: the room is ${PHASE_NAMES[state.phase]}`);
  }
  if (!isNoteAction && state.phase !== 'vote') {
    return fail('CONFLICT', `Voting is not open: the room is ${PHASE_NAMES[state.phase]}`);
  }
  switch (action.type) {
    case 'addNote': {
      const problem = textError(state, action.text) ?? tagError(state, action.tag);
      if (problem) return problem;
      const mine = state.notes.filter((n) => n.authorId === participantId).length;
      const max = state.config.maxNotesPerPerson;
      if (mine >= max) {
        return fail(
          'INVALID_ACTION',
          `You have posted your ${max} ${max === 1 ? 'note' : 'notes'}: edit or delete one to add another`,
        );
      }
      if (state.notes.length >= BRAINSTORM_LIMITS.notesOnBoard) {
        return fail('INVALID_ACTION', 'The board is full: no more notes fit');
      }
      const note: BrainstormNote = {
        id: `n${state.nextNote}`,
        authorId: participantId,
        text: action.text,
        tag: action.tag,
        clusterId: null,
        isHidden: false,
        mergedInto: null,
      };
      const teamId = state.config.isPerTeam ? teamOfIn(ctx, participantId) : null;
      if (teamId !== null) note.teamId = teamId;
      return ok({ ...state, notes: [...state.notes, note], nextNote: state.nextNote + 1 });
    }
    case 'editNote': {
      const found = ownNote(state, action.noteId, participantId);
      if (!found.ok) return found;
      const problem = textError(state, action.text) ?? tagError(state, action.tag);
      if (problem) return problem;
      return ok(replaceNote(state, { ...found.data, text: action.text, tag: action.tag }));
    }
    case 'deleteNote': {
      const found = ownNote(state, action.noteId, participantId);
      if (!found.ok) return found;
      const gone = found.data;
      // Duplicates the note had absorbed stand on their own again, where it stood.
      const notes = state.notes
        .filter((n) => n.id !== gone.id)
        .map((n) =>
          n.mergedInto === gone.id ? { ...n, mergedInto: null, clusterId: gone.clusterId } : n,
        );
      return ok({ ...state, notes });
    }
    case 'vote': {
      const board = buildBoard(state);
      if (!board.items.some((item) => item.id === action.itemId)) {
        return fail('NOT_FOUND', 'That item is no longer on the board: pick another');
      }
      const { maxDotsPerItem, dotsPerPerson } = state.config;
      if (action.dots > maxDotsPerItem) {
        return fail('INVALID_ACTION', `At most ${dots(maxDotsPerItem)} on one item`);
      }
      const now = resolvedVotes(state, board, participantId);
      const mine =
        action.dots === 0
          ? withoutEntry(now, action.itemId)
          : withEntry(now, action.itemId, action.dots);
      if (dotsUsed(mine) > dotsPerPerson) {
        return fail(
          'INVALID_ACTION',
          `You have ${dots(dotsPerPerson)} in all: take one off another item first`,
        );
      }
      return ok({ ...state, votes: withEntry(state.votes, participantId, mine, ctx.draft) });
    }
    case 'clearVotes': {
      return ok({ ...state, votes: withoutEntry(state.votes, participantId, ctx.draft) });
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** A note that exists and is not hidden, for the facilitator's board operations. */
function boardNote(state: BrainstormState, noteId: string): Result<BrainstormNote> {
  const note = state.notes.find((n) => n.id === noteId);
  return note ? ok(note) : fail('NOT_FOUND', 'That note is no longer on the board');
}

function clusterExists(state: BrainstormState, clusterId: string): boolean {
  return state.clusters.some((c) => c.id === clusterId);
}

/** Moves notes into a cluster; absorbed notes are moved by way of their twin. */
function moveNotes(
  state: BrainstormState,
  noteIds: readonly string[],
  clusterId: string | null,
): BrainstormState {
  const byId = new Map(state.notes.map((n) => [n.id, n]));
  const roots = new Set(
    noteIds.map((id) => {
      const note = byId.get(id);
      return note?.mergedInto ?? id;
    }),
  );
  return {
    ...state,
    notes: state.notes.map((n) => (roots.has(n.id) ? { ...n, clusterId } : n)),
  };
}

function isNameTaken(state: BrainstormState, name: string, except?: string): boolean {
  const key = name.toLocaleLowerCase();
  return state.clusters.some((c) => c.id !== except && c.name.toLocaleLowerCase() === key);
}

function reduceFacilitator(
  state: BrainstormState,
  action: BrainstormFacilitatorAction,
): Result<BrainstormState> {
  if (action.type === 'phase') {
    if (action.phase === state.phase) {
      return fail('CONFLICT', `The room is already ${PHASE_NAMES[state.phase]}`);
    }
    if (action.phase === 'vote' && buildBoard(state).items.length === 0) {
      return fail('INVALID_ACTION', 'There is nothing to vote on yet: the board has no notes');
    }
    return ok({ ...state, phase: action.phase });
  }
  // The board is arranged while notes come in and while clustering, never under the dots.
  if (state.phase !== 'collect' && state.phase !== 'cluster') {
    return fail('CONFLICT', 'Go back to clustering to change the board');
  }
  switch (action.type) {
    case 'createCluster': {
      if (state.clusters.length >= BRAINSTORM_LIMITS.clusters) {
        return fail('INVALID_ACTION', `At most ${BRAINSTORM_LIMITS.clusters} clusters`);
      }
      if (isNameTaken(state, action.name)) {
        return fail('CONFLICT', `There is already a cluster called "${action.name}"`);
      }
      const noteIds = action.noteIds ?? [];
      for (const noteId of noteIds) {
        const found = boardNote(state, noteId);
        if (!found.ok) return found;
      }
      const id = `c${state.nextCluster}`;
      const created: BrainstormState = {
        ...state,
        clusters: [...state.clusters, { id, name: action.name }],
        nextCluster: state.nextCluster + 1,
      };
      return ok(moveNotes(created, noteIds, id));
    }
    case 'renameCluster': {
      if (!clusterExists(state, action.clusterId)) {
        return fail('NOT_FOUND', 'That cluster no longer exists');
      }
      if (isNameTaken(state, action.name, action.clusterId)) {
        return fail('CONFLICT', `There is already a cluster called "${action.name}"`);
      }
      return ok({
        ...state,
        clusters: state.clusters.map((c) =>
          c.id === action.clusterId ? { ...c, name: action.name } : c,
        ),
      });
    }
    case 'deleteCluster': {
      if (!clusterExists(state, action.clusterId)) {
        return fail('NOT_FOUND', 'That cluster no longer exists');
      }
      // Its notes stay on the board, ungrouped.
      return ok({
        ...state,
        clusters: state.clusters.filter((c) => c.id !== action.clusterId),
        notes: state.notes.map((n) =>
          n.clusterId === action.clusterId ? { ...n, clusterId: null } : n,
        ),
      });
    }
    case 'moveNote': {
      const found = boardNote(state, action.noteId);
      if (!found.ok) return found;
      if (action.clusterId !== null && !clusterExists(state, action.clusterId)) {
        return fail('NOT_FOUND', 'That cluster no longer exists');
      }
      return ok(moveNotes(state, [action.noteId], action.clusterId));
    }
    case 'hideNote': {
      const found = boardNote(state, action.noteId);
      if (!found.ok) return found;
      return ok(replaceNote(state, { ...found.data, isHidden: action.isHidden }));
    }
    case 'mergeNote': {
      if (action.noteId === action.intoNoteId) {
        return fail('INVALID_ACTION', 'A note cannot absorb itself');
      }
      const found = boardNote(state, action.noteId);
      if (!found.ok) return found;
      const target = boardNote(state, action.intoNoteId);
      if (!target.ok) return target;
      // Merging into an absorbed note means merging into its twin: one level only.
      const rootId = target.data.mergedInto ?? target.data.id;
      const root = state.notes.find((n) => n.id === rootId);
      if (!root || rootId === action.noteId) {
        return fail('INVALID_ACTION', 'Those notes are already merged');
      }
      if (found.data.isHidden || root.isHidden || target.data.isHidden) {
        return fail('INVALID_ACTION', 'Show a hidden note again before merging it');
      }
      // The absorbed note and the duplicates it held all move under the twin; the twin keeps
      // its own text, tag and cluster, and dots placed on any of them now count for it.
      const notes = state.notes.map((n) =>
        n.id === action.noteId || n.mergedInto === action.noteId
          ? { ...n, mergedInto: rootId, clusterId: null }
          : n,
      );
      return ok({ ...state, notes });
    }
    case 'splitNote': {
      const found = boardNote(state, action.noteId);
      if (!found.ok) return found;
      const twinId = found.data.mergedInto;
      if (twinId === null) return fail('INVALID_ACTION', 'That note is not merged with another');
      const twin = state.notes.find((n) => n.id === twinId);
      return ok(
        replaceNote(state, { ...found.data, mergedInto: null, clusterId: twin?.clusterId ?? null }),
      );
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

const PARTICIPANT_ACTIONS = new Set<string>([
  'addNote',
  'editNote',
  'deleteNote',
  'vote',
  'clearVotes',
]);

function isParticipantAction(action: Action): action is BrainstormParticipantAction {
  return PARTICIPANT_ACTIONS.has(action.type);
}

/**
 * Applies one validated action, or refuses it with a typed error and changes nothing.
 * Participants post and vote; the facilitator runs the phases and arranges the board.
 */
export function reduceBrainstorm(
  state: BrainstormState,
  action: Action,
  actor: Actor,
  ctx: RoundContext,
): Result<BrainstormState> {
  if (isParticipantAction(action)) {
    if (actor.role !== 'participant') {
      return fail('FORBIDDEN', 'Participants post notes and place dots themselves');
    }
    return reduceParticipant(state, action, actor.participantId, ctx);
  }
  if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can do that');
  return reduceFacilitator(state, action);
}
