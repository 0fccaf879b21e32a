/*
 * The customer-base model of the promises exercise (seed 003 [9]): what a promise does to
 * the customers a company keeps. Deterministic and pure: the same settings always give the
 * same curves, so the room can predict first and then see them.
 *
 * The service delivered is the same in every scenario (level 1.0); only the promise
 * changes: under-promise 0.8, realistic 1.0, over-promise 1.3. The gap is delivered minus
 * promised (the seed's "actual service minus expected service"). Each period:
 * - new customers come in proportion to the promise's pull (promise cubed), scaled by the
 *   company's reputation (word of mouth);
 * - customers leave at a base rate, less when the company beats its promise and more when
 *   it misses it, and, for a missed promise, more each period as disappointment spreads;
 * - reputation grows a little with every kept promise and falls fast with every broken one.
 * The result matches the seed: under-promising keeps fewer but very satisfied customers,
 * a realistic promise a satisfied and growing base, and over-promising wins customers at
 * first, then loses them to dissatisfaction and negative feedback.
 */

/** The three scenarios, in the order they are shown. */
export const PROMISE_SCENARIOS = ['under', 'realistic', 'over'] as const;
export type PromiseScenario = (typeof PROMISE_SCENARIOS)[number];

/** What a participant predicts for a scenario's customer base at the end. */
export const PROMISE_OUTCOMES = ['grows', 'steady', 'shrinks'] as const;
export type PromiseOutcome = (typeof PROMISE_OUTCOMES)[number];

/** How much each scenario promises against a delivered service of 1.0. */
export const PROMISE_LEVEL: Record<PromiseScenario, number> = {
  under: 0.8,
  realistic: 1.0,
  over: 1.3,
};

/** One scenario's curves: customers and satisfied customers at the start and after each period. */
export interface PromiseSeries {
  scenario: PromiseScenario;
  customers: number[];
  satisfied: number[];
  /** Grows (more than 10 % up at the end), shrinks (more than 10 % down) or holds steady. */
  outcome: PromiseOutcome;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The share of customers who are satisfied in period `t` of a scenario with this gap. */
function satisfiedShare(gap: number, t: number): number {
  return clamp(0.8 + 0.9 * gap - (gap < 0 ? 0.5 * -gap * t : 0), 0.05, 0.97);
}

/** Classifies a customer base's end against its start. */
export function outcomeOf(start: number, end: number): PromiseOutcome {
  if (end > start * 1.1) return 'grows';
  if (end < start * 0.9) return 'shrinks';
  return 'steady';
}

/** Runs the model for one scenario: `periods` steps from `start` customers. */
export function simulatePromise(
  scenario: PromiseScenario,
  start: number,
  periods: number,
): PromiseSeries {
  const promise = PROMISE_LEVEL[scenario];
  const gap = 1.0 - promise;
  let base = start;
  let reputation = 0;
  const customers = [start];
  const satisfied = [Math.round(start * satisfiedShare(gap, 0))];
  for (let t = 0; t < periods; t++) {
    const disappointment = gap < 0 ? Math.min(0.35, 0.4 * -gap * t) : 0;
    const churn = 0.08 - 0.15 * gap + disappointment;
    const gained = start * 0.1 * promise ** 3 * Math.max(0, 1 + reputation);
    base = base * (1 - churn) + gained;
    reputation = clamp(reputation + (gap >= 0 ? 0.3 * gap + 0.03 : 0.8 * gap), -0.9, 0.6);
    const rounded = Math.round(base);
    customers.push(rounded);
    satisfied.push(Math.round(rounded * satisfiedShare(gap, t + 1)));
  }
  return {
    scenario,
    customers,
    satisfied,
    outcome: outcomeOf(start, customers[customers.length - 1] ?? start),
  };
}

/** The three scenarios' curves, in {@link PROMISE_SCENARIOS} order. */
export function simulatePromises(start: number, periods: number): PromiseSeries[] {
  return PROMISE_SCENARIOS.map((s) => simulatePromise(s, start, periods));
}
