/** A Fine Line round's runs of the store, and where each participant's customer is in one. */
import type { RosterEntry } from '../types.ts';
import { own } from '../../own.ts';
import { copyRecord } from '../records.ts';
import {
  customerInStore,
  initQueue,
  upcomingArrival,
  withPolicy,
  type QueueState,
  type StaffingPolicy,
} from './queue.ts';
import {
  demandOf,
  type FineLineConfig,
  type FineLineRun,
  type FineLineState,
  type Shopper,
} from './model.ts';

/** Where a participant's customer is. */
export type ShopperStatus =
  | { kind: 'arriving'; inMinutes: number }
  | { kind: 'waiting'; place: number; waitedMinutes: number }
  | { kind: 'atRegister'; register: number; waitedMinutes: number }
  | { kind: 'done' };

export function currentRun(state: FineLineState): FineLineRun {
  const run = state.runs.at(-1);
  if (!run) throw new Error('A Fine Line round always has a run');
  return run;
}

export function replaceRun(state: FineLineState, run: FineLineRun): FineLineState {
  return { ...state, runs: [...state.runs.slice(0, -1), run] };
}

export function newRun(
  config: FineLineConfig,
  id: number,
  label: string,
  policy: StaffingPolicy,
): FineLineRun {
  return {
    id,
    label,
    queue: initQueue(config.seed, demandOf(config), policy),
    moodSamples: [],
    policyChanges: [],
    startPolicy: policy,
  };
}

/** Where a customer is at the queue's clock. */
export function shopperStatus(queue: QueueState, customerIndex: number): ShopperStatus {
  const inStore = customerInStore(queue, customerIndex);
  if (inStore) {
    if (inStore.start === null) {
      return {
        kind: 'waiting',
        place: queue.waiting.indexOf(customerIndex) + 1,
        waitedMinutes: queue.clock - inStore.arrival,
      };
    }
    return {
      kind: 'atRegister',
      register: inStore.register ?? 0,
      waitedMinutes: inStore.start - inStore.arrival,
    };
  }
  const arrival = upcomingArrival(queue, customerIndex);
  return arrival === null
    ? { kind: 'done' }
    : { kind: 'arriving', inMinutes: arrival - queue.clock };
}

/**
 * Seats participants among the simulated customers: each present participant without a
 * customer in the store takes an upcoming arrival, every other one, so simulated
 * customers stay between them and the line behaves the same for any room size.
 */
export function seatShoppers(
  state: FineLineState,
  roster: Readonly<Record<string, RosterEntry>>,
): FineLineState {
  const queue = currentRun(state).queue;
  const shoppers = copyRecord(state.shoppers);
  let highest = Math.max(queue.nextIndex, ...Object.values(shoppers).map((s) => s.customerIndex));
  let changed = false;
  for (const person of Object.values(roster)) {
    if (person.hasLeft || state.managers.includes(person.id)) continue;
    const shopper = own(shoppers, person.id);
    if (shopper && shopperStatus(queue, shopper.customerIndex).kind !== 'done') continue;
    highest += 2;
    const previous = shopper && queue.recentServed.find((c) => c.index === shopper.customerIndex);
    shoppers[person.id] = {
      customerIndex: highest,
      mood: null,
      moodAt: shopper?.moodAt ?? 0,
      visits: (shopper?.visits ?? 0) + 1,
      lastWaitMinutes: previous
        ? previous.start - previous.arrival
        : (shopper?.lastWaitMinutes ?? null),
    };
    changed = true;
  }
  return changed ? { ...state, shoppers } : state;
}

/** Records the average reported mood for each simulated minute the clock passed. */
export function sampleMoods(
  run: FineLineRun,
  fromClock: number,
  shoppers: Record<string, Shopper>,
): FineLineRun {
  const moods = Object.values(shoppers)
    .filter((s) => s.mood !== null && shopperStatus(run.queue, s.customerIndex).kind !== 'done')
    .map((s) => s.mood ?? 0);
  const samples = [...run.moodSamples];
  for (let t = Math.floor(fromClock) + 1; t <= Math.floor(run.queue.clock); t++) {
    samples.push({
      t,
      average: moods.length ? moods.reduce((a, b) => a + b, 0) / moods.length : 0,
      reports: moods.length,
    });
  }
  return { ...run, moodSamples: samples };
}

export function changePolicy(state: FineLineState, policy: StaffingPolicy): FineLineState {
  const run = currentRun(state);
  if (state.status === 'finished') return state;
  return replaceRun(state, {
    ...run,
    queue: withPolicy(run.queue, policy),
    policyChanges: [...run.policyChanges, { t: run.queue.clock, policy }],
  });
}
