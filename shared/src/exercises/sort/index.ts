import { dict, own } from '../../own.ts';
import { fail, ok } from '../../result.ts';
import { withEntry } from '../records.ts';
import type { Result } from '../../result.ts';
import type { Actor, ExerciseDefinition, RoundContext, SummaryBlock } from '../types.ts';
import {
  sortConfigSchema,
  sortFacilitatorActionSchema,
  sortParticipantActionSchema,
  type SortConfig,
  type SortFacilitatorAction,
  type SortItem,
  type SortParticipantAction,
  type SortState,
} from './model.ts';
import {
  mostDivided,
  percent,
  scoreSpread,
  sortScore,
  tallySort,
  type SortItemResult,
  type SortResults,
  type SortScore,
} from './stats.ts';

export { SORT_LIMITS } from './limits.ts';
export {
  sortConfigSchema,
  sortFacilitatorActionSchema,
  sortParticipantActionSchema,
} from './model.ts';
export type {
  SortConfig,
  SortFacilitatorAction,
  SortItem,
  SortParticipantAction,
  SortState,
} from './model.ts';
export { mostDivided, scoreSpread, sortScore, tallySort } from './stats.ts';
export type { SortItemResult, SortResults, SortScore } from './stats.ts';

/** How many of the most divided statements the room screen's overview lists. */
export const SCREEN_DIVIDED = 4;

/** The console: the statements with their expected categories and the live spread. */
export interface SortFacilitatorView {
  prompt: string;
  categories: string[];
  items: SortItem[];
  isRevealed: boolean;
  /** The statement on the room screen, or null for the overview. */
  focus: number | null;
  results: SortResults;
  /** Respondents per score (index k: sorted k as expected); empty without expected categories. */
  scoreSpread: number[];
}

/** What every phone sees: the statements to sort, and the room's results once revealed. */
export interface SortPublicView {
  prompt: string;
  categories: string[];
  /** The statements only: their expected categories stay hidden until the reveal. */
  items: string[];
  /** Whether any statement has an expected category (without saying which). */
  hasAnswers: boolean;
  /** Only once revealed, so early answers do not sway the room. */
  results: SortResults | null;
}

/** What only this participant sees: their own placements, and their score once revealed. */
export interface SortOwnView {
  /** Category per statement, in statement order; null where not sorted yet. */
  placements: (number | null)[];
  /** Once revealed and when some statement has an expected category. */
  score: SortScore | null;
}

/** The room screen: progress while people sort, then the results. */
export interface SortScreenView {
  prompt: string;
  categories: string[];
  itemCount: number;
  respondents: number;
  finished: number;
  /** The statement the facilitator put on the screen, with its result once revealed. */
  focus: { index: number; text: string; result: SortItemResult | null } | null;
  /** Every statement's result, once revealed. */
  results: {
    items: (SortItemResult & { text: string })[];
    averageCorrectShare: number | null;
    /** Up to {@link SCREEN_DIVIDED} statements the room disagreed on most, most divided first. */
    divided: number[];
  } | null;
}

/** The four views of a sort. */
export interface SortViews {
  facilitator: SortFacilitatorView;
  participantPublic: SortPublicView;
  participantOwn: SortOwnView;
  screen: SortScreenView;
}

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

function reduceSort(
  state: SortState,
  action: SortParticipantAction | SortFacilitatorAction,
  actor: Actor,
  ctx: RoundContext,
): Result<SortState> {
  const { items, categories } = state.config;
  switch (action.type) {
    case 'reset':
      if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can reset');
      return ok({ ...state, placements: dict() });
    case 'focus':
      if (actor.role !== 'facilitator')
        return fail('FORBIDDEN', 'Only the facilitator chooses what the screen shows');
      if (action.item !== null && action.item >= items.length)
        return fail('INVALID_ACTION', 'That statement does not exist');
      return ok({ ...state, focus: action.item });
    case 'place': {
      if (actor.role !== 'participant')
        return fail('FORBIDDEN', 'Participants sort for themselves');
      if (!ctx.isOpen) return fail('ROUND_LOCKED', 'Answers are locked for this sort');
      // After the reveal the right answers are out: changing an answer then would be copying.
      if (ctx.isRevealed)
        return fail('ROUND_LOCKED', 'The results are out: answers can no longer change');
      if (action.item >= items.length)
        return fail('INVALID_ACTION', 'That statement does not exist');
      if (action.category >= categories.length)
        return fail('INVALID_ACTION', 'That category does not exist');
      const previous = own(state.placements, actor.participantId) ?? items.map(() => null);
      const placements = items.map((_, i) =>
        i === action.item ? action.category : (previous[i] ?? null),
      );
      return ok({
        ...state,
        placements: withEntry(state.placements, actor.participantId, placements, ctx.draft),
      });
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

function itemLabel(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function summaryBlocks(state: SortState, results: SortResults): SummaryBlock[] {
  const { categories, items } = state.config;
  const hasAnswers = items.some((i) => i.answer !== null);
  const blocks: SummaryBlock[] = [
    {
      type: 'table',
      columns: [
        'Statement',
        ...categories,
        ...(hasAnswers ? ['Expected', 'Sorted as expected'] : []),
      ],
      rows: items.map((item, i) => {
        const r = results.items[i];
        const spread = categories.map((_, c) => {
          const n = r?.counts[c] ?? 0;
          return r && r.placed > 0 ? `${n} (${percent(n / r.placed)}%)` : String(n);
        });
        if (!hasAnswers) return [item.text, ...spread];
        const expected = item.answer === null ? 'none' : `✓ ${categories[item.answer] ?? ''}`;
        const share = r?.correctShare;
        return [
          item.text,
          ...spread,
          expected,
          share === null || share === undefined ? '–' : `${percent(share)}%`,
        ];
      }),
    },
  ];
  if (hasAnswers) {
    const scored = items.flatMap((item, i) => (item.answer === null ? [] : [i]));
    blocks.push({
      type: 'bars',
      labels: scored.map((i) => itemLabel(items[i]?.text ?? '')),
      values: scored.map((i) => percent(results.items[i]?.correctShare ?? 0)),
      unit: '% sorted as expected',
    });
  }
  const divided = mostDivided(results, 3);
  if (divided.length) {
    blocks.push({
      type: 'list',
      title: 'Where the room disagreed most',
      items: divided.map((i) => {
        const r = results.items[i];
        const spread = categories
          .map((c, j) => `${r?.counts[j] ?? 0} ${c}`)
          .filter((_, j) => (r?.counts[j] ?? 0) > 0)
          .join(', ');
        return `“${items[i]?.text ?? ''}”: ${spread}`;
      }),
    });
  }
  blocks.push({
    type: 'text',
    text: `${people(results.respondents)} sorted; ${results.finished} sorted every statement.`,
  });
  return blocks;
}

/** Sort statements into 2 to 4 categories; the room's spread and right answers after the reveal. */
export const sort: ExerciseDefinition<
  SortConfig,
  SortState,
  SortParticipantAction,
  SortFacilitatorAction,
  SortViews
> = {
  kind: 'sort',
  label: 'Sort',
  description:
    'Everyone sorts the same statements into 2 to 4 categories on their phone; after the reveal the room sees the spread per statement and, where set, the expected answer.',
  configSchema: sortConfigSchema,
  defaultConfig: () => ({
    prompt: 'Product performance or service performance?',
    categories: ['Product performance', 'Service performance'],
    items: [
      { text: 'Tangible, stackable, weighable', answer: 0 },
      { text: 'Produced with the customer present', answer: 1 },
      { text: 'Can follow a standard template', answer: 0 },
      { text: 'The receiver’s quality standards prevail', answer: 1 },
    ],
  }),
  participantActionSchema: sortParticipantActionSchema,
  facilitatorActionSchema: sortFacilitatorActionSchema,

  init: (config) => ({ config, placements: dict(), focus: null }),

  reduce: reduceSort,

  facilitatorView(state, ctx) {
    return {
      prompt: state.config.prompt,
      categories: state.config.categories,
      items: state.config.items,
      isRevealed: ctx.isRevealed,
      focus: state.focus,
      results: tallySort(state),
      scoreSpread: scoreSpread(state),
    };
  },

  participantPublicView(state, ctx) {
    return {
      prompt: state.config.prompt,
      categories: state.config.categories,
      items: state.config.items.map((i) => i.text),
      hasAnswers: state.config.items.some((i) => i.answer !== null),
      results: ctx.isRevealed ? tallySort(state) : null,
    };
  },

  participantOwnView(state, participantId, ctx) {
    const hasAnswers = state.config.items.some((i) => i.answer !== null);
    return {
      placements: own(state.placements, participantId) ?? state.config.items.map(() => null),
      score: ctx.isRevealed && hasAnswers ? sortScore(state, participantId) : null,
    };
  },

  screenView(state, ctx) {
    const results = tallySort(state);
    const focused = state.focus === null ? undefined : state.config.items[state.focus];
    return {
      prompt: state.config.prompt,
      categories: state.config.categories,
      itemCount: state.config.items.length,
      respondents: results.respondents,
      finished: results.finished,
      focus:
        state.focus === null || !focused
          ? null
          : {
              index: state.focus,
              text: focused.text,
              result: ctx.isRevealed ? (results.items[state.focus] ?? null) : null,
            },
      results: ctx.isRevealed
        ? {
            items: results.items.map((r, i) => ({ ...r, text: state.config.items[i]?.text ?? '' })),
            averageCorrectShare: results.averageCorrectShare,
            divided: mostDivided(results, SCREEN_DIVIDED),
          }
        : null,
    };
  },

  submittedCount: (state) =>
    Object.values(state.placements).filter((p) => p.some((c) => c !== null)).length,

  summary(state) {
    const results = tallySort(state);
    const average =
      results.averageCorrectShare === null
        ? ''
        : `; ${percent(results.averageCorrectShare)}% of answers as expected`;
    return {
      headline: `${state.config.prompt}: ${people(results.respondents)} sorted ${state.config.items.length} statements${average}`,
      blocks: summaryBlocks(state, results),
    };
  },

  actionPlanPrompt: (config) =>
    `Take the statement from “${config.prompt}” that the room disagreed on most: what will I do differently in my own work because of it, and what is my first step?`,
};
