import type { PromiseOutcome, PromiseScenario } from '@playfield/shared/exercises/promises/model';

/*
 * The names the room reads, kept here as well as in shared: the phone's bundle imports only
 * types from shared (zod stays out of it), and these few words are cheaper than that.
 */

export const SCENARIOS: readonly PromiseScenario[] = ['under', 'realistic', 'over'];
export const OUTCOMES: readonly PromiseOutcome[] = ['grows', 'steady', 'shrinks'];

export const SCENARIO_NAME: Record<PromiseScenario, string> = {
  under: 'Under-promise',
  realistic: 'Realistic promise',
  over: 'Over-promise',
};

export const OUTCOME_NAME: Record<PromiseOutcome, string> = {
  grows: 'Grows',
  steady: 'Holds steady',
  shrinks: 'Shrinks',
};

/** The position of an outcome in a tally row. */
export const OUTCOME_INDEX: Record<PromiseOutcome, number> = { grows: 0, steady: 1, shrinks: 2 };
