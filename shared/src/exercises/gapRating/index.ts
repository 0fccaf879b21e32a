import { dict, own } from '../../own.ts';
import { fail, ok } from '../../result.ts';
import { withEntry, withoutEntry } from '../records.ts';
import type { ExerciseDefinition } from '../types.ts';
import {
  gapRatingConfigSchema,
  gapRatingFacilitatorActionSchema,
  gapRatingParticipantActionSchema,
  type GapAnswers,
  type GapRatingConfig,
  type GapRatingFacilitatorAction,
  type GapRatingParticipantAction,
  type GapRatingState,
  type GapScale,
  type GapSide,
} from './model.ts';
import { gapRatingPresets } from './presets.ts';
import { gapProgress, gapStats, type GapMeasureStats, type GapProgress } from './stats.ts';

export type {
  GapAnswers,
  GapRatingConfig,
  GapRatingFacilitatorAction,
  GapRatingParticipantAction,
  GapRatingState,
  GapScale,
  GapSide,
  GapProgress,
};
export { gapRatingPresets };

/** One measure on the gap chart; figures rounded to two decimals. */
export interface GapMeasureResult {
  measure: string;
  /** Mean expected and actual rating, over everyone who gave that rating. */
  expected: number | null;
  actual: number | null;
  /** Mean of each person's actual minus expected, over people who rated both. */
  gap: number | null;
  /** Spread: the sample standard deviation of those gaps (n - 1); null below two people. */
  sd: number | null;
  /** The smallest and largest single gap. */
  min: number | null;
  max: number | null;
  /** People who rated both sides of this measure. */
  n: number;
  /** Actual equal to or greater than expected, on average; null with no gap yet. */
  isSatisfied: boolean | null;
}

/** The gap chart: every measure, and how many people rated anything. */
export interface GapResults {
  respondents: number;
  measures: GapMeasureResult[];
}

/** The facilitator's console: live progress and the figures so far, revealed or not. */
export interface GapRatingFacilitatorView {
  question: string;
  measures: string[];
  scale: GapScale;
  progress: GapProgress;
  results: GapResults;
}

/** What every phone sees: the questions, and the chart once revealed. */
export interface GapRatingPublicView {
  question: string;
  measures: string[];
  scale: GapScale;
  /** Only after the reveal, so nobody's answers sway the room while rating. */
  results: GapResults | null;
}

/** A participant's own ratings, by measure index (null where not given). */
export type GapRatingOwnView = GapAnswers;

/** The room screen: how far the room is, then the gap chart once revealed. */
export interface GapRatingScreenView {
  question: string;
  measures: string[];
  scale: GapScale;
  progress: Pick<GapProgress, 'respondents' | 'completed'>;
  results: GapResults | null;
}

/** The four views of an "expected vs actual" round. */
export interface GapRatingViews {
  facilitator: GapRatingFacilitatorView;
  participantPublic: GapRatingPublicView;
  participantOwn: GapRatingOwnView;
  screen: GapRatingScreenView;
}

const round2 = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 100) / 100;

function toResult(stats: GapMeasureStats): GapMeasureResult {
  return {
    measure: stats.measure,
    expected: round2(stats.expected.mean),
    actual: round2(stats.actual.mean),
    gap: round2(stats.gap.mean),
    sd: round2(stats.gap.sd),
    min: stats.gap.min,
    max: stats.gap.max,
    n: stats.gap.n,
    isSatisfied: stats.isSatisfied,
  };
}

/** The gap chart of a round's ratings so far. */
export function gapResults(state: GapRatingState): GapResults {
  const answers = Object.values(state.ratings);
  return {
    respondents: gapProgress(state.config.measures.length, answers).respondents,
    measures: gapStats(state.config.measures, answers).map(toResult),
  };
}

function blankAnswers(config: GapRatingConfig): GapAnswers {
  return {
    expected: config.measures.map(() => null),
    actual: config.measures.map(() => null),
  };
}

function withRating(
  answers: GapAnswers,
  measure: number,
  side: GapSide,
  value: number | null,
): GapAnswers {
  return { ...answers, [side]: answers[side].map((v, i) => (i === measure ? value : v)) };
}

/** A gap as people read it: "+0.5", "-1.25", "0". */
export function formatGap(gap: number): string {
  const rounded = Math.round(gap * 100) / 100;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

const fixed = (value: number | null, digits = 1) => (value === null ? '-' : value.toFixed(digits));

/** Each participant rates the service customers expect and the service they get, per measure. */
export const gapRating: ExerciseDefinition<
  GapRatingConfig,
  GapRatingState,
  GapRatingParticipantAction,
  GapRatingFacilitatorAction,
  GapRatingViews
> = {
  kind: 'gapRating',
  label: 'Expected vs actual',
  description:
    'Everyone rates the service customers expect and the service they actually get on each measure of service quality; the gap chart shows where actual falls short.',
  configSchema: gapRatingConfigSchema,
  defaultConfig: () => structuredClone(gapRatingPresets.expectedVsActual.config),
  participantActionSchema: gapRatingParticipantActionSchema,
  facilitatorActionSchema: gapRatingFacilitatorActionSchema,

  init: (config) => ({ config, ratings: dict() }),

  reduce(state, action, actor, ctx) {
    if (action.type === 'reset') {
      if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can reset');
      return ok({ ...state, ratings: dict() });
    }
    if (actor.role !== 'participant') return fail('FORBIDDEN', 'Only participants rate');
    if (!ctx.isOpen) return fail('ROUND_LOCKED', 'Ratings are locked for this round');
    const { measures, scale } = state.config;
    if (action.measure >= measures.length) {
      return fail('INVALID_ACTION', 'That measure does not exist');
    }
    const mine = own(state.ratings, actor.participantId) ?? blankAnswers(state.config);
    if (action.type === 'unrate') {
      const answers = withRating(mine, action.measure, action.side, null);
      // Someone who took back their last rating has not answered: drop them entirely.
      const isBlank =
        answers.expected.every((v) => v === null) && answers.actual.every((v) => v === null);
      const ratings = isBlank
        ? withoutEntry(state.ratings, actor.participantId, ctx.draft)
        : withEntry(state.ratings, actor.participantId, answers, ctx.draft);
      return ok({ ...state, ratings });
    }
    if (action.value < scale.min || action.value > scale.max) {
      return fail('INVALID_ACTION', `Ratings go from ${scale.min} to ${scale.max}`);
    }
    return ok({
      ...state,
      ratings: withEntry(
        state.ratings,
        actor.participantId,
        withRating(mine, action.measure, action.side, action.value),
        ctx.draft,
      ),
    });
  },

  facilitatorView(state) {
    const { question, measures, scale } = state.config;
    return {
      question,
      measures,
      scale,
      progress: gapProgress(measures.length, Object.values(state.ratings)),
      results: gapResults(state),
    };
  },

  participantPublicView(state, ctx) {
    const { question, measures, scale } = state.config;
    return { question, measures, scale, results: ctx.isRevealed ? gapResults(state) : null };
  },

  participantOwnView: (state, participantId) =>
    own(state.ratings, participantId) ?? blankAnswers(state.config),

  screenView(state, ctx) {
    const { question, measures, scale } = state.config;
    const { respondents, completed } = gapProgress(measures.length, Object.values(state.ratings));
    return {
      question,
      measures,
      scale,
      progress: { respondents, completed },
      results: ctx.isRevealed ? gapResults(state) : null,
    };
  },

  submittedCount: (state) => Object.keys(state.ratings).length,

  summary(state) {
    const results = gapResults(state);
    const rated = results.measures.filter((m) => m.gap !== null);
    const satisfied = rated.filter((m) => m.isSatisfied).length;
    const widest = rated.reduce<GapMeasureResult | null>(
      (low, m) => (low === null || (m.gap ?? 0) < (low.gap ?? 0) ? m : low),
      null,
    );
    const headline =
      rated.length === 0
        ? 'Expected vs actual: nobody rated both sides of a measure'
        : `Expected vs actual: ${satisfied} of ${rated.length} measures meet expectations` +
          (widest && !widest.isSatisfied
            ? `; the widest gap is ${widest.measure} (${formatGap(widest.gap ?? 0)})`
            : '');
    const { scale } = state.config;
    return {
      headline,
      blocks: [
        {
          type: 'bars',
          labels: rated.map((m) => m.measure),
          values: rated.map((m) => m.gap ?? 0),
          unit: 'gap (actual minus expected)',
        },
        {
          type: 'table',
          columns: ['Measure', 'Expected', 'Actual', 'Gap', 'Spread (SD)', 'Satisfied?'],
          rows: results.measures.map((m) => [
            m.measure,
            fixed(m.expected),
            fixed(m.actual),
            m.gap === null ? '-' : formatGap(m.gap),
            fixed(m.sd, 2),
            m.isSatisfied === null ? '-' : m.isSatisfied ? 'Yes' : 'No',
          ]),
        },
        {
          type: 'text',
          text:
            `${results.respondents} ${results.respondents === 1 ? 'person' : 'people'} rated on a scale of ${scale.min} (${scale.lowLabel}) to ${scale.max} (${scale.highLabel}). ` +
            'Gap = actual minus expected, the mean of each person’s own gap; customers are satisfied where the gap is 0 or more. ' +
            'Spread = sample standard deviation of the gaps.',
        },
      ],
    };
  },

  actionPlanPrompt: () =>
    'Take the measure where the service our customers get falls furthest short of what they expect: what one thing will I do in the next month to close that gap, and how will I know it worked?',
};
