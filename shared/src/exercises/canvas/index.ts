import {
  perTeamCountsBlock,
  type ExerciseDefinition,
  type RoundContext,
  type SummaryBlock,
} from '../types.ts';
import {
  boxFigures,
  byWeight,
  cardGroups,
  contributorCount,
  isHiddenEntry,
  moderatedCard,
  publicCard,
  type CanvasBoxFigures,
  type CanvasCard,
  type CanvasMergedEntry,
  type CanvasModeratedCard,
} from './cards.ts';
import { CANVAS_ENTRY_LENGTH } from './limits.ts';
import {
  canvasConfigSchema,
  canvasFacilitatorActionSchema,
  canvasParticipantActionSchema,
  type CanvasBox,
  type CanvasConfig,
  type CanvasEntry,
  type CanvasFacilitatorAction,
  type CanvasParticipantAction,
  type CanvasRating,
  type CanvasState,
} from './model.ts';
import { canvasPresets } from './presets.ts';
import { reduceCanvas } from './reduce.ts';

export type {
  CanvasBox,
  CanvasBoxFigures,
  CanvasCard,
  CanvasConfig,
  CanvasEntry,
  CanvasFacilitatorAction,
  CanvasMergedEntry,
  CanvasModeratedCard,
  CanvasParticipantAction,
  CanvasRating,
  CanvasState,
};
export { canvasPresets };

/** Most cards per box on the room screen: it must be readable and never scroll. */
export const SCREEN_CARDS_PER_BOX = 6;
/** Most cards per box on the phones after the reveal: bounds the message sent to the room. */
export const PUBLIC_CARDS_PER_BOX = 60;

/** The canvas's set-up as every audience sees it. */
export interface CanvasLayout {
  prompt: string;
  boxes: CanvasBox[];
  rating: CanvasRating;
  tags: string[];
  isAnonymous: boolean;
}

/** A box with its heaviest cards, as the room sees it. */
export interface CanvasBoxBoard extends CanvasBoxFigures {
  cards: CanvasCard[];
  /** Cards left out for room: the screen shows the heaviest only. */
  moreCards: number;
}

/** The facilitator's console: every card, hidden ones apart, with moderation handles. */
export interface CanvasFacilitatorView extends CanvasLayout {
  boxes: (CanvasBox &
    CanvasBoxFigures & { cards: CanvasModeratedCard[]; hidden: CanvasModeratedCard[] })[];
  maxEntriesPerPerson: number;
  /** Entries posted in all, hidden and merged ones included. */
  entryCount: number;
  contributors: number;
}

/** What every phone sees: the boxes, and the filled-in canvas once revealed. */
export interface CanvasPublicView extends CanvasLayout {
  maxEntriesPerPerson: number;
  entryMaxLength: number;
  /** Only after the reveal: before it, this view must not change as people post. */
  board: CanvasBoxBoard[] | null;
}

/** One of the participant's own entries. */
export interface CanvasOwnEntry {
  id: string;
  box: number;
  text: string;
  rating: number | null;
  tags: number[];
  /** Taken off the canvas by the facilitator (also when merged into a hidden entry). */
  isHidden: boolean;
}

/** Only the participant's own entries: the one view that ties entries to their author. */
export interface CanvasOwnView {
  entries: CanvasOwnEntry[];
}

/** The room screen: the boxes filling in live. */
export interface CanvasScreenView extends CanvasLayout {
  board: CanvasBoxBoard[];
  entryCount: number;
  contributors: number;
}

/** The four views of a canvas round. */
export interface CanvasViews {
  facilitator: CanvasFacilitatorView;
  participantPublic: CanvasPublicView;
  participantOwn: CanvasOwnView;
  screen: CanvasScreenView;
}

function layout(config: CanvasConfig): CanvasLayout {
  const { prompt, boxes, rating, tags, isAnonymous } = config;
  return { prompt, boxes, rating, tags, isAnonymous };
}

/** Each box with its shown cards, heaviest first, at most `limit` of them. */
export function canvasBoard(
  state: CanvasState,
  limit: number,
  ctx?: RoundContext,
): CanvasBoxBoard[] {
  return cardGroups(state).map((groups, box) => {
    const shown = byWeight(groups.filter((g) => !g.head.isHidden));
    return {
      ...boxFigures(state, box, groups),
      cards: shown.slice(0, limit).map((g) => publicCard(state, g, ctx)),
      moreCards: Math.max(0, shown.length - limit),
    };
  });
}

function describeCard(card: CanvasCard, rating: CanvasRating): string {
  const details = [
    ...(card.count > 1 ? [`×${card.count}`] : []),
    ...(card.rating === null
      ? []
      : [`${rating.question.toLowerCase()} ${card.rating}/${rating.max}`]),
    ...card.tags.map((t) => (t.count > 1 ? `${t.tag} ×${t.count}` : t.tag)),
  ];
  return details.length ? `${card.text} (${details.join('; ')})` : card.text;
}

/** A canvas of a few named boxes the group fills in together, with moderation. */
export const canvas: ExerciseDefinition<
  CanvasConfig,
  CanvasState,
  CanvasParticipantAction,
  CanvasFacilitatorAction,
  CanvasViews
> = {
  kind: 'canvas',
  label: 'Canvas',
  description:
    'A few named boxes the group fills in together from their phones, optionally rating or tagging each entry; the facilitator hides, merges and moves entries.',
  configSchema: canvasConfigSchema,
  defaultConfig: () => structuredClone(canvasPresets.momentsOfTruth.config),
  participantActionSchema: canvasParticipantActionSchema,
  facilitatorActionSchema: canvasFacilitatorActionSchema,

  init: (config) => ({ config, entries: [], nextId: 1 }),

  reduce: reduceCanvas,

  facilitatorView(state, ctx) {
    const groups = cardGroups(state);
    return {
      ...layout(state.config),
      boxes: state.config.boxes.map((box, i) => {
        const cards = groups[i] ?? [];
        return {
          ...box,
          ...boxFigures(state, i, cards),
          cards: cards
            .filter((g) => !g.head.isHidden)
            .map((g) => moderatedCard(state, g, ctx.roster, ctx)),
          hidden: cards
            .filter((g) => g.head.isHidden)
            .map((g) => moderatedCard(state, g, ctx.roster, ctx)),
        };
      }),
      maxEntriesPerPerson: state.config.maxEntriesPerPerson,
      entryCount: state.entries.length,
      contributors: contributorCount(state),
    };
  },

  participantPublicView: (state, ctx) => ({
    ...layout(state.config),
    maxEntriesPerPerson: state.config.maxEntriesPerPerson,
    entryMaxLength: CANVAS_ENTRY_LENGTH,
    board: ctx.isRevealed ? canvasBoard(state, PUBLIC_CARDS_PER_BOX, ctx) : null,
  }),

  participantOwnView: (state, participantId) => ({
    entries: state.entries
      .filter((e) => e.authorId === participantId)
      .map((e) => ({
        id: e.id,
        box: e.box,
        text: e.text,
        rating: e.rating,
        tags: e.tags,
        isHidden: isHiddenEntry(state, e),
      })),
  }),

  screenView(state, ctx) {
    const board = canvasBoard(state, SCREEN_CARDS_PER_BOX, ctx);
    return {
      ...layout(state.config),
      board,
      entryCount: board.reduce((n, b) => n + b.entryCount, 0),
      contributors: contributorCount(state),
    };
  },

  submittedCount: (state) => contributorCount(state),

  summary(state, ctx) {
    const { config } = state;
    const board = canvasBoard(state, Number.POSITIVE_INFINITY, ctx);
    const blocks: SummaryBlock[] = config.boxes.map((box, i) => ({
      type: 'list',
      title: box.title,
      items: (board[i]?.cards ?? []).map((card) => describeCard(card, config.rating)),
    }));
    const rated = config.boxes.flatMap((box, i) => {
      const average = board[i]?.averageRating ?? null;
      return box.isRated && average !== null ? [{ title: box.title, average }] : [];
    });
    if (rated.length) {
      blocks.push({
        type: 'bars',
        labels: rated.map((r) => r.title),
        values: rated.map((r) => r.average),
        unit: `average ${config.rating.question.toLowerCase()} (1 = ${config.rating.lowLabel}, ${config.rating.max} = ${config.rating.highLabel})`,
      });
    }
    if (config.tags.length) {
      const tagged = (box: number, tag: string) =>
        (board[box]?.cards ?? []).reduce(
          (n, card) => n + (card.tags.find((t) => t.tag === tag)?.count ?? 0),
          0,
        );
      blocks.push({
        type: 'table',
        columns: ['Box', 'Entries', ...config.tags.map((t) => `Tagged “${t}”`)],
        rows: config.boxes.map((box, i) => [
          box.title,
          String(board[i]?.entryCount ?? 0),
          ...config.tags.map((t) => String(tagged(i, t))),
        ]),
      });
    }
    if (config.isPerTeam) {
      const shown = state.entries.filter((e) => !isHiddenEntry(state, e));
      blocks.push(
        perTeamCountsBlock(
          ctx,
          shown.map((e) => e.teamId),
          'Entries',
        ),
      );
    }
    const entries = board.reduce((n, b) => n + b.entryCount, 0);
    const people = new Set(
      state.entries.filter((e) => !isHiddenEntry(state, e)).map((e) => e.authorId),
    ).size;
    return {
      headline: `${entries} ${entries === 1 ? 'entry' : 'entries'} from ${people} ${people === 1 ? 'person' : 'people'} in ${config.boxes.length} boxes`,
      blocks,
    };
  },

  actionPlanPrompt: (config) => config.actionPrompt,
};
