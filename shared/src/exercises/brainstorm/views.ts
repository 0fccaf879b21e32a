/** What the console, the phones and the room screen see of a brainstorm. */
import { own } from '../../own.ts';
import { teamNameIn, type RoundContext } from '../types.ts';
import type { Board, BoardEntry, BoardItem, RankedItem } from './board.ts';
import type { BoardSpace } from './limits.ts';
import type {
  BrainstormConfig,
  BrainstormNote,
  BrainstormPhase,
  BrainstormState,
} from './model.ts';

/** The room screen shows this many groups at most (the busiest, when there are more). */
export const SCREEN_GROUPS = 6;
/** The room screen shows this many notes of each group at most; the count says the rest. */
export const SCREEN_NOTES_PER_GROUP = 3;
/**
 * Phones get this many notes of each item at most (the count says how many more): a
 * clustered board of 500 notes stays small enough to send to 500 phones at once.
 */
export const PHONE_NOTES_PER_ITEM = 10;
/** The room screen ranks this many items at most. */
export const SCREEN_RANKED = 6;
/**
 * Phones get the top of the ranking (the count says how many more): 2,000 ranked notes
 * would be a chart nobody reads on a phone, sent to every phone in the room.
 */
export const PHONE_RANKED = 20;

/** The settings every audience may know. */
export interface BrainstormRules {
  prompt: string;
  isAnonymous: boolean;
  tags: string[];
  maxNotesPerPerson: number;
  noteLength: number;
  dotsPerPerson: number;
  maxDotsPerItem: number;
}

/** A note as the room screen shows it: never its author in an anonymous brainstorm. */
export interface PublicNote {
  id: string;
  text: string;
  tag: string | null;
  /** Duplicates merged into this note. */
  similar: number;
  /** The author's name, in a named brainstorm only. */
  author?: string;
  /** The table it came from, in a per-table brainstorm (a table, never a person). */
  team?: string;
}

/**
 * A note as phones get it: only what is set (no empty tag, no zero count), since the
 * board goes to every phone in the room and a full one holds 2,000 notes.
 */
export interface PhoneNote {
  id: string;
  text: string;
  /** Absent when the note has no tag. */
  tag?: string;
  /** Duplicates merged into this note; absent when none. */
  similar?: number;
  /** The author's name, in a named brainstorm only. */
  author?: string;
  /** The table it came from, in a per-table brainstorm (a table, never a person). */
  team?: string;
}

/** A cluster on the phones' board: its name, its first notes, and how many it holds. */
export interface PublicCluster {
  id: string;
  kind: 'cluster';
  label: string;
  /** The first notes (see {@link PHONE_NOTES_PER_ITEM}). */
  notes: PhoneNote[];
  /** Visible notes in the cluster, duplicates included. */
  noteCount: number;
}

/** A note standing alone on the phones' board: the item is the note (the same id). */
export interface PublicLoneNote extends PhoneNote {
  kind: 'note';
}

/** Something on the phones' board to vote on: a cluster, or one note standing alone. */
export type PublicItem = PublicCluster | PublicLoneNote;

/** What every phone sees: the rules, and once shown, the board and the ranking. */
export interface BrainstormPublicView extends BrainstormRules {
  phase: BrainstormPhase;
  /**
   * The board, once revealed or once voting opens (people need it to vote); never while
   * notes are coming in, so a note posted does not re-send the room's shared view; and no
   * longer in the results, which the ranking shows.
   */
  items: PublicItem[] | null;
  /** The top of the ranking, in the results phase (see {@link PHONE_RANKED}). */
  ranking: RankedItem[] | null;
  /** Items ranked below those sent (0 outside the results). */
  moreRanked: number;
  /**
   * How full the board is, in three steps so that a note posted re-sends the room's view
   * at most twice: phones say so before the board refuses notes.
   */
  boardSpace: BoardSpace;
}

/** A participant's own note. */
export interface OwnNote {
  id: string;
  text: string;
  tag: string | null;
  /** Merged with a similar note: it now shows under that one. */
  isMerged: boolean;
}

/** What only one participant sees: their notes and their dots. */
export interface BrainstormOwnView {
  notes: OwnNote[];
  /** Notes the facilitator set aside: counted against the limit, no longer shown. */
  setAside: number;
  notesLeft: number;
  /** Dots by item id, as they count now. */
  dots: Record<string, number>;
  dotsLeft: number;
}

/** A note on the console: its author only in a named brainstorm. */
export interface ConsoleNote {
  id: string;
  text: string;
  tag: string | null;
  author?: string;
  /** The table it came from, in a per-table brainstorm. */
  team?: string;
}

/** A note on the console with the duplicates it absorbed. */
export interface ConsoleEntry extends ConsoleNote {
  absorbed: ConsoleNote[];
}

/** A cluster on the console, empty ones included. */
export interface ConsoleCluster {
  id: string;
  name: string;
  notes: ConsoleEntry[];
  noteCount: number;
}

/** The facilitator's console: the whole board, moderation, and live dots. */
export interface BrainstormFacilitatorView extends BrainstormRules {
  phase: BrainstormPhase;
  /** Clusters in creation order. */
  clusters: ConsoleCluster[];
  /** Visible notes in no cluster. */
  loose: ConsoleEntry[];
  /** Hidden notes, to show again if hidden by mistake. */
  hidden: ConsoleNote[];
  counts: { notes: number; hidden: number; authors: number; voters: number };
  /** How full the board is (the phones are told too). */
  boardSpace: BoardSpace;
  /** Live dots per item, from the vote on. */
  ranking: RankedItem[] | null;
}

/** A group on the room screen: a cluster or the ungrouped notes, cut to fit. */
export interface ScreenGroup {
  /** The cluster's name, or null for the notes in no cluster. */
  name: string | null;
  noteCount: number;
  /** The first few notes. */
  notes: PublicNote[];
}

/** The room screen: counts while notes come in, the board once revealed, then the ranking. */
export interface BrainstormScreenView {
  prompt: string;
  isAnonymous: boolean;
  tags: string[];
  phase: BrainstormPhase;
  dotsPerPerson: number;
  counts: { notes: number; authors: number; voters: number };
  /** Notes per tag, in tag order, once revealed. */
  tagCounts: number[] | null;
  /** Only once revealed, and only what fits the screen. */
  board: { groups: ScreenGroup[]; moreGroups: number } | null;
  /** The top of the ranking, in the results phase once revealed. */
  ranking: RankedItem[] | null;
  /** Items on the ranking beyond those shown, and their dots (so shares add up). */
  moreRanked: number;
  moreRankedDots: number;
  /** How full the board is: the room is told while notes come in, as the phones are. */
  boardSpace: BoardSpace;
}

/** The four views of a brainstorm. */
export interface BrainstormViews {
  facilitator: BrainstormFacilitatorView;
  participantPublic: BrainstormPublicView;
  participantOwn: BrainstormOwnView;
  screen: BrainstormScreenView;
}

export function rules(config: BrainstormConfig): BrainstormRules {
  const { prompt, isAnonymous, tags, maxNotesPerPerson, noteLength } = config;
  const { dotsPerPerson, maxDotsPerItem } = config;
  return {
    prompt,
    isAnonymous,
    tags,
    maxNotesPerPerson,
    noteLength,
    dotsPerPerson,
    maxDotsPerItem,
  };
}

/** The author's name for a named brainstorm; undefined (no field at all) when anonymous. */
export function authorOf(state: BrainstormState, note: BrainstormNote, ctx: RoundContext) {
  if (state.config.isAnonymous) return undefined;
  return own(ctx.roster, note.authorId)?.name ?? 'Someone who left';
}

function withAuthor<T extends object>(
  base: T,
  author: string | undefined,
): T & { author?: string } {
  return author === undefined ? base : { ...base, author };
}

/** The note's table name, as a field to spread: absent outside per-table brainstorms. */
function teamField(note: BrainstormNote, ctx: RoundContext): { team?: string } {
  const team = teamNameIn(ctx, note.teamId ?? null);
  return team === null ? {} : { team };
}

function publicNote(state: BrainstormState, entry: BoardEntry, ctx: RoundContext): PublicNote {
  const { note } = entry;
  return withAuthor(
    {
      id: note.id,
      text: note.text,
      tag: note.tag,
      similar: entry.absorbed.length,
      ...teamField(note, ctx),
    },
    authorOf(state, note, ctx),
  );
}

/** A note for the phones' board: fields left out when empty. */
function phoneNote(state: BrainstormState, entry: BoardEntry, ctx: RoundContext): PhoneNote {
  const { note } = entry;
  const author = authorOf(state, note, ctx);
  return {
    id: note.id,
    text: note.text,
    ...(note.tag === null ? {} : { tag: note.tag }),
    ...(entry.absorbed.length > 0 ? { similar: entry.absorbed.length } : {}),
    ...(author === undefined ? {} : { author }),
    ...teamField(note, ctx),
  };
}

/** An item of the phones' board: a cluster with its first notes, or a lone note itself. */
export function publicItem(state: BrainstormState, item: BoardItem, ctx: RoundContext): PublicItem {
  const [first] = item.entries;
  if (item.kind === 'note' && first) return { ...phoneNote(state, first, ctx), kind: 'note' };
  return {
    id: item.id,
    kind: 'cluster',
    label: item.label,
    notes: item.entries.slice(0, PHONE_NOTES_PER_ITEM).map((e) => phoneNote(state, e, ctx)),
    noteCount: item.noteCount,
  };
}

export function consoleNote(
  state: BrainstormState,
  note: BrainstormNote,
  ctx: RoundContext,
): ConsoleNote {
  return withAuthor(
    { id: note.id, text: note.text, tag: note.tag, ...teamField(note, ctx) },
    authorOf(state, note, ctx),
  );
}

export function consoleEntry(
  state: BrainstormState,
  entry: BoardEntry,
  ctx: RoundContext,
): ConsoleEntry {
  return {
    ...consoleNote(state, entry.note, ctx),
    absorbed: entry.absorbed.map((n) => consoleNote(state, n, ctx)),
  };
}

/** The console's part of the board: its clusters, loose notes and hidden notes. */
export type ConsoleBoard = Pick<BrainstormFacilitatorView, 'clusters' | 'loose' | 'hidden'>;

/**
 * The console's board, built once per board (notes and clusters), roster, tables and config:
 * through a whole vote the console's 2,000 note cards are the same objects flush after flush,
 * so a view patch skips them at once instead of comparing each. Safe to share: a state's
 * notes, clusters, roster and tables are never written once a view has read them.
 */
const consoleBoards = new WeakMap<
  Board,
  { roster: unknown; teams: unknown; config: unknown; value: ConsoleBoard }
>();

export function consoleBoard(
  state: BrainstormState,
  board: Board,
  ctx: RoundContext,
): ConsoleBoard {
  const memo = consoleBoards.get(board);
  if (memo?.roster === ctx.roster && memo.teams === ctx.teams && memo.config === state.config)
    return memo.value;
  const byCluster = new Map(board.clusters.map((c) => [c.id, c]));
  const value: ConsoleBoard = {
    clusters: state.clusters.map((cluster) => {
      const item = byCluster.get(cluster.id);
      return {
        id: cluster.id,
        name: cluster.name,
        notes: item ? item.entries.map((e) => consoleEntry(state, e, ctx)) : [],
        noteCount: item?.noteCount ?? 0,
      };
    }),
    loose: board.loose.flatMap((item) => item.entries.map((e) => consoleEntry(state, e, ctx))),
    hidden: state.notes.filter((n) => n.isHidden).map((n) => consoleNote(state, n, ctx)),
  };
  consoleBoards.set(board, { roster: ctx.roster, teams: ctx.teams, config: state.config, value });
  return value;
}

/** Visible notes, duplicates included. */
export function visibleCount(board: Board): number {
  return board.items.reduce((n, item) => n + item.noteCount, 0);
}

export function isVoting(phase: BrainstormPhase): boolean {
  return phase === 'vote' || phase === 'results';
}

export function tagCounts(state: BrainstormState, board: Board): number[] {
  const counts = state.config.tags.map(() => 0);
  for (const item of board.items) {
    for (const entry of item.entries) {
      for (const note of [entry.note, ...entry.absorbed]) {
        const index = note.tag === null ? -1 : state.config.tags.indexOf(note.tag);
        if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
      }
    }
  }
  return counts;
}

export function screenGroups(state: BrainstormState, board: Board, ctx: RoundContext) {
  const groups: ScreenGroup[] = board.clusters.map((c) => ({
    name: c.label,
    noteCount: c.noteCount,
    notes: c.entries.slice(0, SCREEN_NOTES_PER_GROUP).map((e) => publicNote(state, e, ctx)),
  }));
  if (board.loose.length > 0) {
    groups.push({
      name: null,
      noteCount: board.loose.reduce((n, item) => n + item.noteCount, 0),
      notes: board.loose
        .slice(0, SCREEN_NOTES_PER_GROUP)
        .flatMap((item) => item.entries.map((e) => publicNote(state, e, ctx))),
    });
  }
  // The busiest groups first when they do not all fit; the order is stable otherwise.
  const shown =
    groups.length <= SCREEN_GROUPS
      ? groups
      : groups
          .map((g, i) => ({ g, i }))
          .sort((a, b) => b.g.noteCount - a.g.noteCount || a.i - b.i)
          .slice(0, SCREEN_GROUPS)
          .sort((a, b) => a.i - b.i)
          .map(({ g }) => g);
  return { groups: shown, moreGroups: groups.length - shown.length };
}
