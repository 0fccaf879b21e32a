import { dict, own } from '../../own.ts';
import type { ExerciseDefinition } from '../types.ts';
import {
  authorCount,
  buildBoard,
  dotsUsed,
  isNoteVisible,
  resolvedDots,
  tallyVotes,
  type RankedItem,
} from './board.ts';
import {
  brainstormConfigSchema,
  brainstormFacilitatorActionSchema,
  brainstormParticipantActionSchema,
  type BrainstormConfig,
  type BrainstormFacilitatorAction,
  type BrainstormParticipantAction,
  type BrainstormPhase,
  type BrainstormState,
} from './model.ts';
import { reduceBrainstorm } from './reduce.ts';
import { boardSpace } from './limits.ts';
import { brainstormSummary } from './summary.ts';
import {
  consoleBoard,
  isVoting,
  PHONE_RANKED,
  publicItem,
  rules,
  screenGroups,
  SCREEN_RANKED,
  tagCounts,
  visibleCount,
  type BrainstormViews,
} from './views.ts';

export type { BrainstormConfig, BrainstormPhase, BrainstormState, RankedItem };
export { BRAINSTORM_LIMITS, BRAINSTORM_PHASES } from './model.ts';
export {
  PHONE_NOTES_PER_ITEM,
  PHONE_RANKED,
  SCREEN_GROUPS,
  SCREEN_NOTES_PER_GROUP,
  SCREEN_RANKED,
} from './views.ts';
export type {
  BrainstormFacilitatorView,
  BrainstormOwnView,
  BrainstormPublicView,
  BrainstormRules,
  BrainstormScreenView,
  BrainstormViews,
  ConsoleCluster,
  ConsoleEntry,
  ConsoleNote,
  OwnNote,
  PhoneNote,
  PublicCluster,
  PublicItem,
  PublicLoneNote,
  PublicNote,
  ScreenGroup,
} from './views.ts';

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
    const { clusters, loose, hidden } = consoleBoard(state, board, ctx);
    const tally = isVoting(state.phase) ? tallyVotes(state, board) : null;
    return {
      ...rules(state.config),
      phase: state.phase,
      clusters,
      loose,
      hidden,
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
    const isBoardShown = state.phase === 'vote' || (state.phase === 'cluster' && ctx.isRevealed);
    const board = isBoardShown ? buildBoard(state) : null;
    const ranking = state.phase === 'results' ? tallyVotes(state, buildBoard(state)).ranking : null;
    return {
      ...rules(state.config),
      phase: state.phase,
      items: board ? board.items.map((item) => publicItem(state, item, ctx)) : null,
      ranking: ranking ? ranking.slice(0, PHONE_RANKED) : null,
      moreRanked: ranking ? Math.max(0, ranking.length - PHONE_RANKED) : 0,
      boardSpace: boardSpace(state.notes.length),
    };
  },

  participantOwnView(state, participantId) {
    const board = buildBoard(state);
    const mine = state.notes.filter((n) => n.authorId === participantId);
    const shown = mine.filter((n) => isNoteVisible(n, board.byId));
    const { dots, used } = resolvedDots(state, board, participantId);
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
      dotsLeft: Math.max(0, state.config.dotsPerPerson - used),
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
      boardSpace: boardSpace(state.notes.length),
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

  summary: brainstormSummary,

  actionPlanPrompt: (config) =>
    `From what the room ranked highest for “${config.prompt}”, which one idea will I act on first, and what is my first step this week?`,
};
