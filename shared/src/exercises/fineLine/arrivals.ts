/**
 * The seeded customers of the checkout line (queue.ts): each customer's arrival gap, service time
 * and patience come from `deriveSeed(seed, 'customer', String(index))`, never from the policy.
 */
import { createRandom, deriveSeed } from '../../random.ts';
import type { Customer, Demand, QueueState } from './queueTypes.ts';

/** Inverse-transform exponential draw; `1 - u` is in (0, 1], so the log is finite. */
function exponential(mean: number, u: number): number {
  return -mean * Math.log(1 - u);
}

/**
 * Customer `index`'s own draws. Always three numbers in the same order, whatever the service
 * kind, so that changing the service distribution does not shift gaps or patience.
 */
export function drawCustomer(
  seed: string,
  demand: Demand,
  index: number,
): { gap: number; service: number; patience: number } {
  const random = createRandom(deriveSeed(seed, 'customer', String(index)));
  const gapU = random.next();
  const serviceU = random.next();
  const patienceU = random.next();
  const { kind, meanMinutes } = demand.service;
  let service: number;
  switch (kind) {
    case 'exponential':
      service = exponential(meanMinutes, serviceU);
      break;
    case 'uniform': {
      const spread = demand.service.spreadMinutes ?? 0;
      service = meanMinutes - spread + 2 * spread * serviceU;
      break;
    }
    case 'fixed':
      service = meanMinutes;
      break;
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown service kind ${String(unknown)}`);
    }
  }
  return {
    gap: exponential(60 / demand.arrivalsPerHour, gapU),
    service,
    patience: exponential(demand.patienceMeanMinutes, patienceU),
  };
}

/**
 * Customer `index` (0-based) of the seeded arrival stream: the arrival time is the sum of the
 * inter-arrival gaps of customers 0..index (so customer 0 arrives after one gap), each drawn
 * with the customer's service time and patience from
 * `createRandom(deriveSeed(seed, 'customer', String(i)))`. Independent of any policy. O(index);
 * the simulation itself carries the next arrival time instead of calling this.
 */
export function customerAt(seed: string, demand: Demand, index: number): Customer {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`A customer index is a whole number from 0 (got ${index})`);
  }
  let arrival = 0;
  for (let i = 0; i < index; i++) arrival += drawCustomer(seed, demand, i).gap;
  const own = drawCustomer(seed, demand, index);
  return { arrival: arrival + own.gap, service: own.service, patience: own.patience };
}

/**
 * When a customer who has not arrived yet will arrive, counted from the next arrival the
 * state already knows: O(index - nextIndex), not O(index) like {@link customerAt}. Null for
 * a customer who has already arrived, or past the end of a script.
 */
export function upcomingArrival(state: QueueState, index: number): number | null {
  if (index < state.nextIndex || state.nextArrivalAt === null) return null;
  if (state.script) return state.script[index]?.arrival ?? null;
  let arrival = state.nextArrivalAt;
  for (let i = state.nextIndex + 1; i <= index; i++)
    arrival += drawCustomer(state.seed, state.demand, i).gap;
  return arrival;
}
