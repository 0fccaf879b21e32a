import { dict, own } from '../../own.ts';
import {
  perTeamCountsBlock,
  teamNameIn,
  type ExerciseDefinition,
  type RoundContext,
  type SummaryBlock,
} from '../types.ts';
import {
  authorCount,
  buildBoard,
  dotsUsed,
  isNoteVisible,
  resolvedVotes,
  tallyVotes,
  type Board,
  type BoardEntry,
  type BoardItem,
  type RankedItem,
} from './board.ts';
import {
  brainstormConfigSchema,
  brainstormFacilitatorActionSchema,
  brainstormParticipantActionSchema,
  type BrainstormConfig,
  type BrainstormFacilitatorAction,
  type BrainstormNote,
  type BrainstormParticipantAction,
  type BrainstormPhase,
  type BrainstormState,
} from './model.ts';
import { plural } from '../../plural.ts';
import { reduceBrainstorm } from './reduce.ts';
import { boardSpace, type BoardSpace } from './limits.ts';

export type { BrainstormConfig, BrainstormPhase, BrainstormState, RankedItem };
export { BRAINSTORM_LIMITS, BRAINSTORM_PHASES } from './model.ts';

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

/** A note as the room sees it: never its author in an anonymous brainstorm. */
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

/** A group of notes on the room's board: a named cluster, or one note standing alone. */
export interface PublicItem {
  id: string;
  kind: 'cluster' | 'note';
  /** The cluster's name; for a lone note its text. */
  label: string;
  /** The first notes (see {@link PHONE_NOTES_PER_ITEM}). */
  notes: PublicNote[];
  /** Visible notes in the item, duplicates included. */
  noteCount: number;
}

/** What every phone sees: the rules, and once shown, the board and the ranking. */
export interface BrainstormPublicView extends BrainstormRules {
  phase: BrainstormPhase;
  /**
   * The board, once revealed or once voting opens (people need it to vote); never while
   * notes are coming in, so a note posted does not re-send the room's shared view.
   */
  items: PublicItem[] | null;
  /** The ranked result, in the results phase. */
  ranking: RankedItem[] | null;
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
}

/** The four views of a brainstorm. */
export interface BrainstormViews {
  facilitator: BrainstormFacilitatorView;
  participantPublic: BrainstormPublicView;
  participantOwn: BrainstormOwnView;
  screen: BrainstormScreenView;
}

function rules(config: BrainstormConfig): BrainstormRules {
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
function authorOf(state: BrainstormState, note: BrainstormNote, ctx: RoundContext) {
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

function publicItem(state: BrainstormState, item: BoardItem, ctx: RoundContext): PublicItem {
  return {
    id: item.id,
    kind: item.kind,
    label: item.label,
    notes: item.entries.slice(0, PHONE_NOTES_PER_ITEM).map((e) => publicNote(state, e, ctx)),
    noteCount: item.noteCount,
  };
}

function consoleNote(state: BrainstormState, note: BrainstormNote, ctx: RoundContext): ConsoleNote {
  return withAuthor(
    { id: note.id, text: note.text, tag: note.tag, ...teamField(note, ctx) },
    authorOf(state, note, ctx),
  );
}

function consoleEntry(state: BrainstormState, entry: BoardEntry, ctx: RoundContext): ConsoleEntry {
  return {
    ...consoleNote(state, entry.note, ctx),
    absorbed: entry.absorbed.map((n) => consoleNote(state, n, ctx)),
  };
}

/** Visible notes, duplicates included. */
function visibleCount(board: Board): number {
  return board.items.reduce((n, item) => n + item.noteCount, 0);
}

function isVoting(phase: BrainstormPhase): boolean {
  return phase === 'vote' || phase === 'results';
}

function tagCounts(state: BrainstormState, board: Board): number[] {
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

function screenGroups(state: BrainstormState, board: Board, ctx: RoundContext) {
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

function noteLine(state: BrainstormState, entry: BoardEntry, ctx: RoundContext): string {
  const { note } = entry;
  const tag = note.tag === null ? '' : `[${note.tag}] `;
  const similar = entry.absorbed.length ? ` (+${entry.absorbed.length} similar)` : '';
  const author = authorOf(state, note, ctx);
  return `${tag}${note.text}${similar}${author === undefined ? '' : ` (${author})`}`;
}

/** Sticky notes from phones, clustered by the facilitator, ranked by dot voting. */
export const brainstorm: ExerciseDefinition<
  BrainstormConfig,
  BrainstormState,
  BrainstormParticipantAction,
  BrainstormFacilitatorAction,
  BrainstormViews
> = {
  kind: 'brainstorm',
  label: 'Brainstorm and dot voting',
  description:
    'Sticky notes from every phone, grouped into themes by the facilitator, then ranked by dot voting.',
  configSchema: brainstormConfigSchema,
  defaultConfig: () => ({
    prompt: 'What could a competitor do that would be your worst nightmare?',
    isAnonymous: true,
    maxNotesPerPerson: 3,
    noteLength: 200,
    tags: [],
    dotsPerPerson: 3,
    maxDotsPerItem: 2,
  }),
  participantActionSchema: brainstormParticipantActionSchema,
  facilitatorActionSchema: brainstormFacilitatorActionSchema,

  init: (config) => ({
    config,
    phase: 'collect',
    notes: [],
    clusters: [],
    nextNote: 1,
    nextCluster: 1,
    votes: dict(),
  }),

  reduce: reduceBrainstorm,

  facilitatorView(state, ctx) {
    const board = buildBoard(state);
    const byCluster = new Map(board.clusters.map((c) => [c.id, c]));
    const hidden = state.notes.filter((n) => n.isHidden);
    const tally = isVoting(state.phase) ? tallyVotes(state, board) : null;
    return {
      ...rules(state.config),
      phase: state.phase,
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
      hidden: hidden.map((n) => consoleNote(state, n, ctx)),
      counts: {
        notes: visibleCount(board),
        hidden: hidden.length,
        authors: authorCount(state),
        voters: tally?.voters ?? 0,
      },
      boardSpace: boardSpace(state.notes.length),
      ranking: tally?.ranking ?? null,
    };
  },

  participantPublicView(state, ctx) {
    const isBoardShown = isVoting(state.phase) || (state.phase === 'cluster' && ctx.isRevealed);
    const board = isBoardShown ? buildBoard(state) : null;
    return {
      ...rules(state.config),
      phase: state.phase,
      items: board ? board.items.map((item) => publicItem(state, item, ctx)) : null,
      ranking: board && state.phase === 'results' ? tallyVotes(state, board).ranking : null,
      boardSpace: boardSpace(state.notes.length),
    };
  },

  participantOwnView(state, participantId) {
    const board = buildBoard(state);
    const mine = state.notes.filter((n) => n.authorId === participantId);
    const shown = mine.filter((n) => isNoteVisible(n, board.byId));
    const dots = resolvedVotes(state, board, participantId);
    return {
      notes: shown.map((n) => ({
        id: n.id,
        text: n.text,
        tag: n.tag,
        isMerged: n.mergedInto !== null,
      })),
      setAside: mine.length - shown.length,
      notesLeft: Math.max(0, state.config.maxNotesPerPerson - mine.length),
      dots,
      dotsLeft: Math.max(0, state.config.dotsPerPerson - dotsUsed(dots)),
    };
  },

  screenView(state, ctx) {
    const board = buildBoard(state);
    const tally = isVoting(state.phase) ? tallyVotes(state, board) : null;
    const ranking = ctx.isRevealed && state.phase === 'results' ? (tally?.ranking ?? null) : null;
    return {
      prompt: state.config.prompt,
      isAnonymous: state.config.isAnonymous,
      tags: state.config.tags,
      phase: state.phase,
      dotsPerPerson: state.config.dotsPerPerson,
      counts: {
        notes: visibleCount(board),
        authors: authorCount(state),
        voters: tally?.voters ?? 0,
      },
      tagCounts: ctx.isRevealed && state.config.tags.length ? tagCounts(state, board) : null,
      board: ctx.isRevealed ? screenGroups(state, board, ctx) : null,
      ranking: ranking ? ranking.slice(0, SCREEN_RANKED) : null,
      moreRanked: ranking ? Math.max(0, ranking.length - SCREEN_RANKED) : 0,
      moreRankedDots: ranking ? ranking.slice(SCREEN_RANKED).reduce((n, r) => n + r.dots, 0) : 0,
    };
  },

  /**
   * A phone's own view holds its notes (shown, merged or set aside) and its dots as they
   * count on the board. A facilitator's click that leaves notes, clusters and votes as
   * they were (a phase change) changes nobody's; one that changes some notes changes
   * their authors'; once anyone has voted, a board change may move dots: everyone's.
   */
  ownViewsChangedBy(before, after) {
    if (before.config !== after.config || before.votes !== after.votes) return 'all';
    if (before.notes === after.notes && before.clusters === after.clusters) return [];
    for (const id in before.votes) if (Object.hasOwn(before.votes, id)) return 'all';
    if (before.notes.length !== after.notes.length) return 'all';
    const authors = new Set<string>();
    before.notes.forEach((note, i) => {
      const next = after.notes[i];
      if (next === note) return;
      authors.add(note.authorId);
      if (next) authors.add(next.authorId);
    });
    return [...authors];
  },

  submittedCount: (state) =>
    new Set([
      ...state.notes.map((n) => n.authorId),
      ...Object.keys(state.votes).filter((id) => dotsUsed(own(state.votes, id) ?? dict()) > 0),
    ]).size,

  summary(state, ctx) {
    const board = buildBoard(state);
    const tally = tallyVotes(state, board);
    const hasVotes = tally.dotsPlaced > 0;
    const rankOf = new Map(tally.ranking.map((r, i) => [r.id, i + 1]));
    const dotsOf = new Map(tally.ranking.map((r) => [r.id, r.dots]));
    const notes = visibleCount(board);
    const authors = authorCount(state);
    const ordered = hasVotes
      ? tally.ranking
      : board.items.map((item) => ({
          id: item.id,
          label: item.label,
          dots: 0,
          notes: item.noteCount,
        }));
    const blocks: SummaryBlock[] = [
      {
        type: 'text',
        text:
          `${plural(notes, 'note', 'notes')} from ${plural(authors, 'person', 'people')}` +
          `, ${plural(board.clusters.length, 'cluster', 'clusters')}` +
          (hasVotes
            ? `; ${plural(tally.voters, 'person', 'people')} placed ${plural(tally.dotsPlaced, 'dot', 'dots')} (${plural(state.config.dotsPerPerson, 'dot', 'dots')} each, at most ${state.config.maxDotsPerItem} on one item).`
            : '; no dots were placed.'),
      },
      hasVotes
        ? {
            type: 'bars',
            labels: ordered.map((r) => r.label),
            values: ordered.map((r) => r.dots),
            unit: 'dots',
          }
        : {
            type: 'bars',
            labels: ordered.map((r) => r.label),
            values: ordered.map((r) => r.notes),
            unit: 'notes',
          },
      {
        type: 'table',
        columns: ['Rank', 'Item', 'Dots', 'Notes'],
        rows: ordered.map((r, i) => [String(i + 1), r.label, String(r.dots), String(r.notes)]),
      },
    ];
    for (const cluster of [...board.clusters].sort(
      (a, b) => (rankOf.get(a.id) ?? 0) - (rankOf.get(b.id) ?? 0),
    )) {
      const dots = dotsOf.get(cluster.id) ?? 0;
      blocks.push({
        type: 'list',
        title: hasVotes
          ? `${rankOf.get(cluster.id) ?? ''}. ${cluster.label} (${plural(dots, 'dot', 'dots')})`
          : cluster.label,
        items: cluster.entries.map((e) => noteLine(state, e, ctx)),
      });
    }
    if (board.loose.length > 0) {
      blocks.push({
        type: 'list',
        title: 'Notes in no cluster',
        items: board.loose.flatMap((item) => item.entries.map((e) => noteLine(state, e, ctx))),
      });
    }
    if (state.config.tags.length > 0) {
      blocks.push({
        type: 'bars',
        labels: state.config.tags,
        values: tagCounts(state, board),
        unit: 'notes by tag',
      });
    }
    if (state.config.isPerTeam) {
      const shown = board.items.flatMap((item) =>
        item.entries.flatMap((e) => [e.note, ...e.absorbed].map((n) => n.teamId)),
      );
      blocks.push(perTeamCountsBlock(ctx, shown, 'Notes'));
    }
    const top = hasVotes ? tally.ranking[0] : undefined;
    return {
      headline: top
        ? `${state.config.prompt} Top: “${top.label}” with ${plural(top.dots, 'dot', 'dots')}`
        : `${state.config.prompt} ${plural(notes, 'note', 'notes')}`,
      blocks,
    };
  },

  actionPlanPrompt: (config) =>
    `From what the room ranked highest for “${config.prompt}”, which one idea will I act on first, and what is my first step this week?`,
};
