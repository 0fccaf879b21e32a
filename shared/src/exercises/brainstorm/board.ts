import { dict, own } from '../../own.ts';
import type { BrainstormCluster, BrainstormNote, BrainstormState } from './model.ts';

/** A note on the board with the duplicates it absorbed (visible ones only). */
export interface BoardEntry {
  note: BrainstormNote;
  absorbed: BrainstormNote[];
}

/** One thing that can take dots: a cluster with its notes, or a note standing on its own. */
export interface BoardItem {
  id: string;
  kind: 'cluster' | 'note';
  /** The cluster's name, or the note's text. */
  label: string;
  /** Visible notes standing on their own in this item, in posting order. */
  entries: BoardEntry[];
  /** Visible notes in the item, absorbed duplicates included. */
  noteCount: number;
}

/** The board as the room may see it: hidden notes left out, duplicates under their twin. */
export interface Board {
  /** Clusters holding at least one visible note, in creation order. */
  clusters: (BoardItem & { cluster: BrainstormCluster })[];
  /** Visible notes in no cluster, in posting order: each is an item of its own. */
  loose: BoardItem[];
  /** Every item in board order: the clusters, then the loose notes. */
  items: BoardItem[];
  /** Empty clusters: the facilitator still sees them, nobody votes on them. */
  emptyClusters: BrainstormCluster[];
  /** Notes by id, hidden ones included. */
  byId: ReadonlyMap<string, BrainstormNote>;
}

/** Is the note on the board: not hidden, and not absorbed by a hidden twin? */
export function isNoteVisible(note: BrainstormNote, byId: ReadonlyMap<string, BrainstormNote>) {
  if (note.isHidden) return false;
  if (note.mergedInto === null) return true;
  return byId.get(note.mergedInto)?.isHidden === false;
}

/** Lays the board out from the round's notes and clusters. */
/**
 * The board of a state, built once per notes and clusters: votes, views and every phone's
 * own view read the same board while notes and clusters stand still (a whole vote).
 */
const boards = new WeakMap<readonly BrainstormNote[], { clusters: unknown; board: Board }>();

/** The board of `state` (shared and read-only: built once per notes and clusters). */
export function buildBoard(state: BrainstormState): Board {
  const memo = boards.get(state.notes);
  if (memo?.clusters === state.clusters) return memo.board;
  const board = assembleBoard(state);
  boards.set(state.notes, { clusters: state.clusters, board });
  return board;
}

function assembleBoard(state: BrainstormState): Board {
  const byId = new Map(state.notes.map((n) => [n.id, n]));
  const absorbed = new Map<string, BrainstormNote[]>();
  const rootsByCluster = new Map<string | null, BoardEntry[]>();
  for (const note of state.notes) {
    if (note.mergedInto !== null && isNoteVisible(note, byId)) {
      const twins = absorbed.get(note.mergedInto) ?? [];
      twins.push(note);
      absorbed.set(note.mergedInto, twins);
    }
  }
  for (const note of state.notes) {
    if (note.mergedInto !== null || note.isHidden) continue;
    const entries = rootsByCluster.get(note.clusterId) ?? [];
    entries.push({ note, absorbed: absorbed.get(note.id) ?? [] });
    rootsByCluster.set(note.clusterId, entries);
  }
  const countOf = (entries: BoardEntry[]) => entries.reduce((n, e) => n + 1 + e.absorbed.length, 0);

  const clusters: Board['clusters'] = [];
  const emptyClusters: BrainstormCluster[] = [];
  for (const cluster of state.clusters) {
    const entries = rootsByCluster.get(cluster.id) ?? [];
    if (entries.length === 0) {
      emptyClusters.push(cluster);
      continue;
    }
    clusters.push({
      id: cluster.id,
      kind: 'cluster',
      label: cluster.name,
      entries,
      noteCount: countOf(entries),
      cluster,
    });
  }
  const loose: BoardItem[] = (rootsByCluster.get(null) ?? []).map((entry) => ({
    id: entry.note.id,
    kind: 'note',
    label: entry.note.text,
    entries: [entry],
    noteCount: 1 + entry.absorbed.length,
  }));
  return { clusters, loose, items: [...clusters, ...loose], emptyClusters, byId };
}

/**
 * The item a dot placed on `itemId` counts for now: a note's dots follow it into a cluster
 * or into the twin that absorbed it; dots on a hidden note or an empty or deleted cluster
 * count for nothing (and go back to the voter).
 */
export function resolveItem(board: Board, itemId: string): string | null {
  if (itemId.startsWith('c')) {
    return board.clusters.some((c) => c.id === itemId) ? itemId : null;
  }
  const note = board.byId.get(itemId);
  if (!note) return null;
  const root = note.mergedInto === null ? note : board.byId.get(note.mergedInto);
  if (!root || root.isHidden) return null;
  return root.clusterId ?? root.id;
}

/**
 * A participant's dots as they count now (see {@link resolveItem}), with the per-item cap
 * and the dots per person applied once more after merges brought dots together.
 */
export function resolvedVotes(
  state: BrainstormState,
  board: Board,
  participantId: string,
): Record<string, number> {
  const placed = own(state.votes, participantId) ?? dict();
  const { maxDotsPerItem, dotsPerPerson } = state.config;
  const result = dict<number>();
  let total = 0;
  for (const [itemId, dots] of Object.entries(placed)) {
    const target = resolveItem(board, itemId);
    if (target === null) continue;
    const before = own(result, target) ?? 0;
    const added = Math.min(dots, maxDotsPerItem - before, dotsPerPerson - total);
    if (added <= 0) continue;
    result[target] = before + added;
    total += added;
  }
  return result;
}

/**
 * Each participant's dots as resolved on a board, kept beside the record of dots they placed:
 * that record is made afresh by each vote and never written after, so a tally at every view
 * flush resolves only the voters who voted since the board last changed.
 */
const resolvedMemo = new WeakMap<
  object,
  { board: Board; config: unknown; dots: Record<string, number>; used: number }
>();

const NO_DOTS: { dots: Record<string, number>; used: number } = { dots: dict(), used: 0 };

/** A participant's resolved dots and their sum, for views (see `resolvedMemo`). */
export function resolvedDots(
  state: BrainstormState,
  board: Board,
  participantId: string,
): { dots: Readonly<Record<string, number>>; used: number } {
  const placed = own(state.votes, participantId);
  if (!placed) return NO_DOTS;
  const memo = resolvedMemo.get(placed);
  if (memo?.board === board && memo.config === state.config) return memo;
  const dots = resolvedVotes(state, board, participantId);
  const entry = { board, config: state.config, dots, used: dotsUsed(dots) };
  resolvedMemo.set(placed, entry);
  return entry;
}

/** The sum of a participant's dots. */
export function dotsUsed(votes: Readonly<Record<string, number>>): number {
  return Object.values(votes).reduce((a, b) => a + b, 0);
}

/** An item with its dots, as the ranking lists it. */
export interface RankedItem {
  id: string;
  kind: 'cluster' | 'note';
  label: string;
  dots: number;
  /** Visible notes in the item, absorbed duplicates included. */
  notes: number;
  /** People who put at least one dot on it. */
  voters: number;
}

/** Every item's dots, and how many people placed at least one dot anywhere. */
export interface Tally {
  ranking: RankedItem[];
  voters: number;
  dotsPlaced: number;
}

/**
 * Counts the dots and ranks the items: most dots first; ties go to the item with more
 * notes behind it, then to the one earlier on the board (clusters in creation order before
 * loose notes in posting order), so the same votes always give the same order.
 */
export function tallyVotes(state: BrainstormState, board: Board = buildBoard(state)): Tally {
  const dots = new Map<string, number>();
  const voters = new Map<string, number>();
  let people = 0;
  let dotsPlaced = 0;
  for (const participantId of Object.keys(state.votes)) {
    const { dots: mine, used } = resolvedDots(state, board, participantId);
    if (used === 0) continue;
    people++;
    dotsPlaced += used;
    for (const [itemId, n] of Object.entries(mine)) {
      dots.set(itemId, (dots.get(itemId) ?? 0) + n);
      voters.set(itemId, (voters.get(itemId) ?? 0) + 1);
    }
  }
  const ranking = board.items
    .map((item, order) => ({
      order,
      ranked: {
        id: item.id,
        kind: item.kind,
        label: item.label,
        dots: dots.get(item.id) ?? 0,
        notes: item.noteCount,
        voters: voters.get(item.id) ?? 0,
      },
    }))
    .sort(
      (a, b) =>
        b.ranked.dots - a.ranked.dots || b.ranked.notes - a.ranked.notes || a.order - b.order,
    )
    .map((r) => r.ranked);
  return { ranking, voters: people, dotsPlaced };
}

/** Authors per notes array: a state's notes are a new array whenever a note changes. */
const authorCounts = new WeakMap<readonly BrainstormNote[], number>();

/** How many people posted at least one note (hidden ones included). */
export function authorCount(state: BrainstormState): number {
  let count = authorCounts.get(state.notes);
  if (count === undefined) {
    count = new Set(state.notes.map((n) => n.authorId)).size;
    authorCounts.set(state.notes, count);
  }
  return count;
}
