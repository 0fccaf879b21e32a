import { z } from 'zod';
import { dict, own } from '../../own.ts';
import { cleanText } from '../../protocol/schemas.ts';
import { fail, ok } from '../../result.ts';
import { withEntry } from '../records.ts';
import type { ExerciseDefinition, RoundContext } from '../types.ts';
import {
  PROMISE_OUTCOMES,
  PROMISE_SCENARIOS,
  simulatePromises,
  type PromiseOutcome,
  type PromiseScenario,
  type PromiseSeries,
} from './model.ts';

export * from './model.ts';

/** Bounds of the promises exercise's settings. */
export const PROMISES_LIMITS = {
  question: 200,
  promise: 160,
  periodName: 20,
  minCustomers: 10,
  maxCustomers: 1_000_000,
  minPeriods: 4,
  maxPeriods: 16,
} as const;

const scenarioText = (what: string) => cleanText(PROMISES_LIMITS.promise, { what });

/** The exercise's settings: the question, the three promises as the room reads them, the model's size. */
export const promisesConfigSchema = z.object({
  question: cleanText(PROMISES_LIMITS.question, { what: 'The question' }),
  promises: z.object(
    {
      under: scenarioText('The under-promise'),
      realistic: scenarioText('The realistic promise'),
      over: scenarioText('The over-promise'),
    },
    { error: 'Write the three promises' },
  ),
  startCustomers: z
    .number({ error: 'The customers at the start must be a number' })
    .int('The customers at the start must be a whole number')
    .min(
      PROMISES_LIMITS.minCustomers,
      `Start with at least ${PROMISES_LIMITS.minCustomers} customers`,
    )
    .max(
      PROMISES_LIMITS.maxCustomers,
      `Start with at most ${PROMISES_LIMITS.maxCustomers.toLocaleString('en')} customers`,
    ),
  periods: z
    .number({ error: 'The periods must be a number' })
    .int('The periods must be a whole number')
    .min(PROMISES_LIMITS.minPeriods, `Run at least ${PROMISES_LIMITS.minPeriods} periods`)
    .max(PROMISES_LIMITS.maxPeriods, `Run at most ${PROMISES_LIMITS.maxPeriods} periods`),
  periodName: cleanText(PROMISES_LIMITS.periodName, { what: 'The period name' }),
});
export type PromisesConfig = z.infer<typeof promisesConfigSchema>;

const scenarioSchema = z.enum(PROMISE_SCENARIOS, {
  error: 'The scenario is under, realistic or over',
});
const outcomeSchema = z.enum(PROMISE_OUTCOMES, {
  error: 'The prediction is grows, steady or shrinks',
});

export const promisesParticipantActionSchema = z.object({
  type: z.literal('predict'),
  scenario: scenarioSchema,
  outcome: outcomeSchema,
});
export type PromisesParticipantAction = z.infer<typeof promisesParticipantActionSchema>;

export const promisesFacilitatorActionSchema = z.object({ type: z.literal('reset') });
export type PromisesFacilitatorAction = z.infer<typeof promisesFacilitatorActionSchema>;

/** One participant's predictions, by scenario (those they have made). */
export type PromisePredictions = Partial<Record<PromiseScenario, PromiseOutcome>>;

/** How many predicted each outcome, per scenario: [grows, steady, shrinks]. */
export type PromiseTallies = Record<PromiseScenario, [number, number, number]>;

/**
 * Predictions by participant, and their tallies kept as they change (a prediction costs
 * O(1), never a pass over the room). The model's curves depend on the settings only, so
 * they are computed once, at the start.
 */
export interface PromisesState {
  config: PromisesConfig;
  predictions: Record<string, PromisePredictions>;
  tallies: PromiseTallies;
  /** People who made at least one prediction. */
  predictors: number;
  series: PromiseSeries[];
}

/** A scenario as the room reads it. */
export interface PromiseScenarioView {
  scenario: PromiseScenario;
  promise: string;
}

/** What the reveal shows: the curves and how the room predicted. Counts only, never names. */
export interface PromisesResults {
  series: PromiseSeries[];
  tallies: PromiseTallies;
  predictors: number;
}

export interface PromisesFacilitatorView {
  question: string;
  scenarios: PromiseScenarioView[];
  periodName: string;
  startCustomers: number;
  /** The console sees the curves and the tallies before the reveal, to lead the debrief. */
  results: PromisesResults;
}

export interface PromisesPublicView {
  question: string;
  scenarios: PromiseScenarioView[];
  periodName: string;
  periods: number;
  startCustomers: number;
  /** Only once revealed, so the room predicts first. */
  results: PromisesResults | null;
}

export interface PromisesOwnView {
  predictions: PromisePredictions;
}

export interface PromisesViews {
  facilitator: PromisesFacilitatorView;
  participantPublic: PromisesPublicView;
  participantOwn: PromisesOwnView;
  screen: PromisesPublicView;
}

const OUTCOME_INDEX: Record<PromiseOutcome, 0 | 1 | 2> = { grows: 0, steady: 1, shrinks: 2 };

/** The names the room reads for scenarios and outcomes. */
export const SCENARIO_NAMES: Record<PromiseScenario, string> = {
  under: 'Under-promise',
  realistic: 'Realistic promise',
  over: 'Over-promise',
};
export const OUTCOME_NAMES: Record<PromiseOutcome, string> = {
  grows: 'Grows',
  steady: 'Holds steady',
  shrinks: 'Shrinks',
};

function emptyTallies(): PromiseTallies {
  return { under: [0, 0, 0], realistic: [0, 0, 0], over: [0, 0, 0] };
}

function scenarios(config: PromisesConfig): PromiseScenarioView[] {
  return PROMISE_SCENARIOS.map((scenario) => ({
    scenario,
    promise: config.promises[scenario],
  }));
}

function results(state: PromisesState): PromisesResults {
  return { series: state.series, tallies: state.tallies, predictors: state.predictors };
}

function publicView(state: PromisesState, ctx: RoundContext): PromisesPublicView {
  const { question, periodName, periods, startCustomers } = state.config;
  return {
    question,
    scenarios: scenarios(state.config),
    periodName,
    periods,
    startCustomers,
    results: ctx.isRevealed ? results(state) : null,
  };
}

/**
 * Promises and the customer base (seed 003 [9]): the room predicts what an under-promise, a
 * realistic promise and an over-promise do to the customers a company keeps, then sees the
 * model's curves beside its own predictions.
 */
export const promises: ExerciseDefinition<
  PromisesConfig,
  PromisesState,
  PromisesParticipantAction,
  PromisesFacilitatorAction,
  PromisesViews
> = {
  kind: 'promises',
  label: 'Promises',
  description:
    'Under-promise, realistic promise, over-promise: the room predicts what happens to the customer base, then sees the curves.',
  configSchema: promisesConfigSchema,
  defaultConfig: () => ({
    question: 'Same service, three promises: what happens to the customer base over two years?',
    promises: {
      under: 'We promise delivery in 10 days, and deliver in 7',
      realistic: 'We promise delivery in 7 days, and deliver in 7',
      over: 'We promise delivery in 3 days, and deliver in 7',
    },
    startCustomers: 1000,
    periods: 8,
    periodName: 'quarter',
  }),
  participantActionSchema: promisesParticipantActionSchema,
  facilitatorActionSchema: promisesFacilitatorActionSchema,

  init: (config) => ({
    config,
    predictions: dict(),
    tallies: emptyTallies(),
    predictors: 0,
    series: simulatePromises(config.startCustomers, config.periods),
  }),

  reduce(state, action, actor, ctx) {
    if (action.type === 'reset') {
      if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can reset');
      return ok({ ...state, predictions: dict(), tallies: emptyTallies(), predictors: 0 });
    }
    if (actor.role !== 'participant') return fail('FORBIDDEN', 'Participants predict');
    if (!ctx.isOpen) return fail('ROUND_LOCKED', 'Predictions are closed');
    if (ctx.isRevealed) return fail('ROUND_LOCKED', 'The results are out: predictions are closed');
    const before = own(state.predictions, actor.participantId);
    const previous = before?.[action.scenario];
    if (previous === action.outcome) return ok(state);
    // Only the scenario's row of the tallies changes: one small copy.
    const row: [number, number, number] = [...state.tallies[action.scenario]];
    if (previous) row[OUTCOME_INDEX[previous]] -= 1;
    row[OUTCOME_INDEX[action.outcome]] += 1;
    return ok({
      ...state,
      predictions: withEntry(
        state.predictions,
        actor.participantId,
        { ...before, [action.scenario]: action.outcome },
        ctx.draft,
      ),
      tallies: { ...state.tallies, [action.scenario]: row },
      predictors: state.predictors + (before ? 0 : 1),
    });
  },

  facilitatorView: (state) => ({
    question: state.config.question,
    scenarios: scenarios(state.config),
    periodName: state.config.periodName,
    startCustomers: state.config.startCustomers,
    results: results(state),
  }),

  participantPublicView: publicView,

  participantOwnView: (state, participantId) => ({
    predictions: own(state.predictions, participantId) ?? {},
  }),

  screenView: publicView,

  submittedCount: (state) => state.predictors,

  summary(state) {
    const { periodName, periods } = state.config;
    const columns = [
      periodName ? `${periodName[0]?.toUpperCase()}${periodName.slice(1)}` : 'Period',
    ];
    const rows = Array.from({ length: periods + 1 }, (_, t) => [
      t === 0 ? 'Start' : String(t),
      ...state.series.map((s) => String(s.customers[t] ?? '')),
    ]);
    const lines = state.series.map((s) => {
      const tally = state.tallies[s.scenario];
      const right = tally[OUTCOME_INDEX[s.outcome]];
      const asked = tally[0] + tally[1] + tally[2];
      const end = s.customers[s.customers.length - 1] ?? 0;
      const happy = s.satisfied[s.satisfied.length - 1] ?? 0;
      return `${SCENARIO_NAMES[s.scenario]}: ${OUTCOME_NAMES[s.outcome].toLowerCase()} to ${end} customers, ${end ? Math.round((100 * happy) / end) : 0}% satisfied; ${right} of ${asked} predicted it.`;
    });
    return {
      headline: state.config.question,
      blocks: [
        {
          type: 'table',
          columns: [...columns, ...PROMISE_SCENARIOS.map((s) => SCENARIO_NAMES[s])],
          rows,
        },
        {
          type: 'bars',
          labels: PROMISE_SCENARIOS.map((s) => SCENARIO_NAMES[s]),
          values: state.series.map((s) => s.customers[s.customers.length - 1] ?? 0),
          unit: 'customers at the end',
        },
        { type: 'list', title: 'What happened, and who saw it coming', items: lines },
      ],
    };
  },

  actionPlanPrompt: () =>
    'Which promise do I make to customers that I should make more realistic, and how?',
};
