import { dict } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import { deleteSharded, readSharded, writeSharded } from '../scale/shards.ts';
import type { Actor, ExerciseDefinition, RoundContext } from '../types.ts';
import {
  adjustTotals,
  isFullOrder,
  rangeLabel,
  rankItems,
  rankLabel,
  type RankedItem,
} from './borda.ts';
import {
  rankingConfigSchema,
  rankingFacilitatorActionSchema,
  rankingParticipantActionSchema,
  type RankingConfig,
  type RankingFacilitatorAction,
  type RankingParticipantAction,
  type RankingState,
} from './model.ts';

export {
  RANKING_LIMITS,
  rankingConfigSchema,
  rankingFacilitatorActionSchema,
  rankingParticipantActionSchema,
} from './model.ts';
export type {
  RankingConfig,
  RankingFacilitatorAction,
  RankingItem,
  RankingParticipantAction,
  RankingState,
} from './model.ts';
export {
  adjustTotals,
  bordaPoints,
  isFullOrder,
  rangeLabel,
  rankItems,
  rankLabel,
} from './borda.ts';
export type { RankedItem } from './borda.ts';
export { rankingPresets, type RankingPreset } from './presets.ts';

/** An item as the phones show it. */
export interface RankingItemView {
  label: string;
  description: string;
}

/** The console: the live ranking with its spread. */
export interface RankingFacilitatorView {
  question: string;
  items: RankingItemView[];
  submitted: number;
  isRevealed: boolean;
  /** Most points first; see {@link rankItems}. */
  ranking: RankedItem[];
}

/** Every phone: the items to order, and the room's ranking once revealed. */
export interface RankingPublicView {
  question: string;
  items: RankingItemView[];
  results: { ranking: RankedItem[]; submitted: number } | null;
}

/** Only this participant: the order they handed in, or null. */
export interface RankingOwnView {
  order: number[] | null;
}

/** The room screen: the items and progress, then the ranking. */
export interface RankingScreenView {
  question: string;
  items: string[];
  submitted: number;
  results: RankedItem[] | null;
}

/** The four views of a ranking round. */
export interface RankingViews {
  facilitator: RankingFacilitatorView;
  participantPublic: RankingPublicView;
  participantOwn: RankingOwnView;
  screen: RankingScreenView;
}

function emptyTotals(config: RankingConfig): Pick<RankingState, 'points' | 'places'> {
  const n = config.items.length;
  return {
    points: config.items.map(() => 0),
    places: config.items.map(() => Array.from({ length: n }, () => 0)),
  };
}

function rankingOf(state: RankingState): RankedItem[] {
  return rankItems(
    state.config.items.map((i) => i.label),
    state.points,
    state.places,
  );
}

function itemsOf(config: RankingConfig): RankingItemView[] {
  return config.items.map((i) => ({ label: i.label, description: i.description }));
}

function reduceRanking(
  state: RankingState,
  action: RankingParticipantAction | RankingFacilitatorAction,
  actor: Actor,
  ctx: RoundContext,
): Result<RankingState> {
  switch (action.type) {
    case 'reset':
      if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can reset');
      return ok({ ...state, orders: dict(), submitted: 0, ...emptyTotals(state.config) });
    case 'submit':
    case 'withdraw': {
      if (actor.role !== 'participant')
        return fail('FORBIDDEN', 'Participants rank for themselves');
      if (!ctx.isOpen) return fail('ROUND_LOCKED', 'Rankings are locked for this round');
      const id = actor.participantId;
      const previous = readSharded(state.orders, id);
      if (action.type === 'withdraw') {
        if (!previous) return ok(state);
        return ok({
          ...state,
          ...adjustTotals(state, previous, -1),
          orders: deleteSharded(state.orders, id),
          submitted: state.submitted - 1,
        });
      }
      if (!isFullOrder(action.order, state.config.items.length))
        return fail('INVALID_ACTION', `Place each of the ${state.config.items.length} items once`);
      const without = previous ? adjustTotals(state, previous, -1) : state;
      return ok({
        ...state,
        ...adjustTotals(without, action.order, 1),
        orders: writeSharded(state.orders, id, [...action.order]),
        submitted: state.submitted + (previous ? 0 : 1),
      });
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** Everyone orders a list; the room's ranking by Borda count, with the spread per item. */
export const ranking: ExerciseDefinition<
  RankingConfig,
  RankingState,
  RankingParticipantAction,
  RankingFacilitatorAction,
  RankingViews
> = {
  kind: 'ranking',
  label: 'Ranking',
  description:
    'Everyone puts 3–10 items in order on the phone (drag or up/down buttons); the room’s ranking by Borda count, with how many put each item first and its range of places.',
  configSchema: rankingConfigSchema,
  defaultConfig: () => ({
    question: 'Which enemy of business success does us the most harm? Most harmful first.',
    items: [
      { label: 'Putting a spin on customer information', description: '' },
      { label: 'False happy talk', description: '' },
      { label: 'Ambiguous information', description: '' },
      { label: 'Numbers without meaning', description: '' },
    ],
  }),
  participantActionSchema: rankingParticipantActionSchema,
  facilitatorActionSchema: rankingFacilitatorActionSchema,

  init: (config) => ({ config, orders: dict(), submitted: 0, ...emptyTotals(config) }),

  reduce: reduceRanking,

  facilitatorView(state, ctx) {
    return {
      question: state.config.question,
      items: itemsOf(state.config),
      submitted: state.submitted,
      isRevealed: ctx.isRevealed,
      ranking: rankingOf(state),
    };
  },

  participantPublicView(state, ctx) {
    return {
      question: state.config.question,
      items: itemsOf(state.config),
      results: ctx.isRevealed ? { ranking: rankingOf(state), submitted: state.submitted } : null,
    };
  },

  participantOwnView(state, participantId) {
    const order = readSharded(state.orders, participantId);
    return { order: order ? [...order] : null };
  },

  screenView(state, ctx) {
    return {
      question: state.config.question,
      items: state.config.items.map((i) => i.label),
      submitted: state.submitted,
      results: ctx.isRevealed ? rankingOf(state) : null,
    };
  },

  submittedCount: (state) => state.submitted,

  summary(state) {
    const ranked = rankingOf(state);
    const n = state.config.items.length;
    const top = ranked.filter((r) => r.rank === 1);
    const headline =
      state.submitted === 0
        ? `${state.config.question}: no rankings yet`
        : top.length > 1
          ? `${state.config.question}: ${top.map((r) => `“${r.label}”`).join(' and ')} share first place`
          : `${state.config.question}: “${top[0]?.label ?? ''}” first with ${top[0]?.points ?? 0} points`;
    return {
      headline,
      blocks: [
        {
          type: 'text',
          text: `${state.submitted} ${state.submitted === 1 ? 'person' : 'people'} ranked ${n} items; Borda count: ${n - 1} points for a first place … 0 for the last. Ties are broken by first places, and items still equal share a rank.`,
        },
        {
          type: 'bars',
          labels: ranked.map((r) => `${rankLabel(r)}. ${r.label}`),
          values: ranked.map((r) => r.points),
          unit: 'points',
        },
        {
          type: 'table',
          columns: ['Rank', 'Item', 'Points', 'First places', 'Places', 'Mean place'],
          rows: ranked.map((r) => [
            rankLabel(r),
            r.label,
            String(r.points),
            String(r.firsts),
            rangeLabel(r),
            r.meanPlace === null ? '–' : String(Math.round(r.meanPlace * 10) / 10),
          ]),
        },
      ],
    };
  },

  actionPlanPrompt(config) {
    return `“${config.question}”: for the item the room put first, what will I do differently in my own work, and what is my first step?`;
  },
};
