/**
 * The checkout line of "The Fine Line": a deterministic discrete-event simulation of a store
 * with one line and several registers, driven by a simulated clock in minutes.
 *
 * Pure and replayable. Every customer's arrival gap, service time and patience come from a
 * generator seeded with `deriveSeed(seed, 'customer', String(index))`, never from the staffing
 * policy, so the same arrivals can be replayed under another policy. The state is plain JSON
 * (no `Infinity`, no `Map`), so it can be stored in a snapshot and rebuilt from an event log.
 *
 * The model, in one paragraph. Customers join one first-come-first-served line and are never
 * lost: patience is only used to count who was kept waiting past it. `openAtStart` registers
 * are always open. When the line reaches `openThreshold` waiting customers, one extra register
 * is scheduled to open `openDelayMinutes` later (one at a time, up to `maxRegisters`); an extra
 * register closes as soon as it is idle with nobody waiting. Each open register costs
 * `costPerRegisterMinute` per simulated minute.
 *
 * Events at the same instant are handled in a fixed order: service completions (lowest
 * register id first), then register openings, then the arrival, then the whole-minute sample
 * (which therefore shows the state after everything that happened at that minute). Cost and
 * time-averages are accrued only at event instants, so advancing in many small steps gives
 * exactly (bit for bit) the same state as one big step.
 */
import { customerAt } from './arrivals.ts';
import { isFiniteNumber, validateDemand, validatePolicy, validateScript } from './queueRules.ts';
import type {
  Customer,
  CustomerInStore,
  Demand,
  QueueState,
  Register,
  StaffingPolicy,
} from './queueTypes.ts';
import { Simulation } from './simulation.ts';

export {
  MAX_REGISTERS,
  MAX_ARRIVALS_PER_HOUR,
  MAX_SERVICE_MEAN_MINUTES,
  MAX_PATIENCE_MEAN_MINUTES,
  MAX_OPEN_DELAY_MINUTES,
  RECENT_SERVED_LIMIT,
} from './queueTypes.ts';
export type {
  ServiceTime,
  Demand,
  StaffingPolicy,
  Customer,
  CustomerInStore,
  ServedCustomer,
  Register,
  QueueSample,
  QueueTotals,
  QueueState,
  QueueMetrics,
} from './queueTypes.ts';
export { validateDemand, validatePolicy } from './queueRules.ts';
export { customerAt, upcomingArrival } from './arrivals.ts';
export { erlangCWait, queueMetrics } from './queueMetrics.ts';

/**
 * A store at minute 0: `policy.openAtStart` registers open, nobody in line, the first sample
 * taken. Throws a RangeError with the validation message if the demand or policy is refused.
 * `script`, if given, replaces the seeded arrivals with hand-placed customers (sorted by
 * arrival); the demand is then only used for validation and display.
 */
export function initQueue(
  seed: string,
  demand: Demand,
  policy: StaffingPolicy,
  script?: readonly Customer[],
): QueueState {
  const problem =
    validateDemand(demand) ?? validatePolicy(policy) ?? (script ? validateScript(script) : null);
  if (problem !== null) throw new RangeError(problem);
  const registers: Register[] = [];
  for (let id = 0; id < policy.openAtStart; id++) {
    registers.push({
      id,
      isOpen: true,
      opensAt: null,
      servingIndex: null,
      busyUntil: null,
      isExtra: false,
    });
  }
  const copiedScript = script ? script.map((c) => ({ ...c })) : null;
  const first = copiedScript ? copiedScript[0] : customerAt(seed, demand, 0);
  return {
    clock: 0,
    seed,
    demand: { ...demand, service: { ...demand.service } },
    policy: { ...policy },
    script: copiedScript,
    nextIndex: 0,
    nextArrivalAt: first ? first.arrival : null,
    nextDraw: first ? { service: first.service, patience: first.patience } : null,
    waiting: [],
    inStore: [],
    registers,
    recentServed: [],
    totals: {
      accruedAt: 0,
      cost: 0,
      queueArea: 0,
      openRegisterArea: 0,
      started: 0,
      waitSum: 0,
      worstWait: 0,
      pastPatience: 0,
      served: 0,
    },
    cost: 0,
    samples: [
      { t: 0, waiting: 0, openRegisters: policy.openAtStart, averageWait: 0, headWait: 0, cost: 0 },
    ],
  };
}

/**
 * Runs the store from `state.clock` to `toClock`: arrivals, service completions, register
 * openings and closings in time order (ties as described at the top of this file), cost and
 * time-averages accrued, a sample at every whole minute. Pure: returns a new state. Advancing
 * in many small steps gives the same state as one step. Returns `state` itself when `toClock`
 * is not later than the clock; throws a RangeError for a non-finite `toClock`.
 */
export function advanceQueue(state: QueueState, toClock: number): QueueState {
  if (!isFiniteNumber(toClock)) {
    throw new RangeError(`The simulation can only run to a finite time (got ${toClock})`);
  }
  if (toClock <= state.clock) return state;
  const sim = new Simulation(state);
  sim.run(toClock);
  return sim.toState();
}

/**
 * Puts a new staffing policy in force at the current clock, without rewinding anything.
 * Raising `openAtStart` opens registers now (open extras become permanent first); lowering it
 * turns the surplus into extras that close once idle with nobody waiting. Lowering
 * `maxRegisters` cancels a scheduled opening that no longer fits and closes no register that
 * is serving; extras above the maximum close as they become idle. A lower threshold may
 * schedule an opening now. Throws a RangeError with the validation message for a refused policy.
 */
export function withPolicy(state: QueueState, policy: StaffingPolicy): QueueState {
  const problem = validatePolicy(policy);
  if (problem !== null) throw new RangeError(problem);
  const sim = new Simulation(state);
  sim.applyPolicy(policy);
  return sim.toState();
}

/**
 * Customer `index` if they are in the store (waiting, with `start` null, or at a register),
 * else undefined. O(log n): `inStore` is kept in index order. Prefer this to
 * {@link customerAt}, which is O(index), when showing customers who are in the store.
 */
export function customerInStore(state: QueueState, index: number): CustomerInStore | undefined {
  const { inStore } = state;
  let low = 0;
  let high = inStore.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const customer = inStore[middle];
    if (!customer) return undefined;
    if (customer.index === index) return customer;
    if (customer.index < index) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
