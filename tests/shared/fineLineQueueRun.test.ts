/**
 * The Fine Line queue model: seeded customers, determinism and purity, the threshold staffing
 * policy, cost, policy changes mid-run, validation, metrics on hand-placed customers, and the
 * M/M/c steady state against the Erlang C formula.
 *
 * This file covers seeded customers, advancing the queue with determinism and purity, and the threshold staffing policy; the other fineLineQueue*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  advanceQueue,
  customerAt,
  customerInStore,
  initQueue,
  queueMetrics,
  withPolicy,
  type Demand,
  type QueueState,
  type StaffingPolicy,
} from '@playfield/shared/exercises/fineLine/queue';
import {
  BASE_SEED,
  DEMAND,
  THRESHOLD,
  fixed,
  BUNCH,
  FIXED_DEMAND,
  OPEN_ONE_AT_TWO,
  openCount,
  expectInvariants,
} from './fineLineQueueFixtures.ts';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('customerAt', () => {
  it('gives the same customer when the seed and demand are the same', () => {
    expect(customerAt(BASE_SEED, DEMAND, 7)).toEqual(customerAt(BASE_SEED, DEMAND, 7));
    expect(customerAt(BASE_SEED, DEMAND, 7)).not.toEqual(customerAt(`${BASE_SEED}-x`, DEMAND, 7));
  });

  it('sums the inter-arrival gaps so arrivals increase at the requested rate', () => {
    let previous = 0;
    for (let i = 0; i < 50; i++) {
      const { arrival } = customerAt(BASE_SEED, DEMAND, i);
      expect(arrival, `seed ${BASE_SEED}`).toBeGreaterThanOrEqual(previous);
      previous = arrival;
    }
    // 2000 customers at 60 an hour arrive after about 2000 minutes (sd about 45).
    const last = customerAt(BASE_SEED, DEMAND, 1999).arrival;
    expect(Math.abs(last - 2000), `seed ${BASE_SEED}: ${last}`).toBeLessThan(200);
  });

  it('keeps arrivals and patience when only the service distribution changes', () => {
    const uniform: Demand = {
      ...DEMAND,
      service: { kind: 'uniform', meanMinutes: 2.5, spreadMinutes: 1 },
    };
    const constant: Demand = { ...DEMAND, service: { kind: 'fixed', meanMinutes: 2.5 } };
    for (let i = 0; i < 20; i++) {
      const a = customerAt(BASE_SEED, DEMAND, i);
      const u = customerAt(BASE_SEED, uniform, i);
      const f = customerAt(BASE_SEED, constant, i);
      expect([u.arrival, u.patience]).toEqual([a.arrival, a.patience]);
      expect([f.arrival, f.patience]).toEqual([a.arrival, a.patience]);
      expect(u.service).toBeGreaterThanOrEqual(1.5);
      expect(u.service).toBeLessThanOrEqual(3.5);
      expect(f.service).toBe(2.5);
    }
  });

  it('refuses a negative or fractional index', () => {
    expect(() => customerAt(BASE_SEED, DEMAND, -1)).toThrow(RangeError);
    expect(() => customerAt(BASE_SEED, DEMAND, 1.5)).toThrow(RangeError);
  });
});

describe('advanceQueue', () => {
  it('reaches the same state when the seed and policy are the same', () => {
    const a = advanceQueue(initQueue(BASE_SEED, DEMAND, THRESHOLD), 240);
    const b = advanceQueue(initQueue(BASE_SEED, DEMAND, THRESHOLD), 240);
    expect(a).toEqual(b);
    expect(a.nextIndex).toBeGreaterThan(100);
  });

  it('reaches exactly the same state when advanced in many small steps as in one', () => {
    const start = initQueue(BASE_SEED, DEMAND, THRESHOLD);
    const big = advanceQueue(start, 300.25);
    let small = start;
    // Steps that fall on whole minutes, between events and (at 0.25) on a quarter grid.
    for (let t = 0.37; t < 300; t += 0.37) small = advanceQueue(small, t);
    small = advanceQueue(small, 300.25);
    expect(small).toEqual(big);
  });

  it('does not mutate its input and keeps the state plain JSON', () => {
    const start = deepFreeze(advanceQueue(initQueue(BASE_SEED, DEMAND, THRESHOLD), 60));
    const later = advanceQueue(start, 120);
    const changed = withPolicy(start, { ...THRESHOLD, openAtStart: 3 });
    expect(later.clock).toBe(120);
    expect(changed.clock).toBe(60);
    const roundTripped = JSON.parse(JSON.stringify(later)) as QueueState;
    expect(roundTripped).toEqual(later);
    expect(advanceQueue(roundTripped, 200)).toEqual(advanceQueue(later, 200));
  });

  it('replays the same arrivals when the policy differs', () => {
    let lean = initQueue(BASE_SEED, DEMAND, fixed(1));
    let generous = initQueue(BASE_SEED, DEMAND, { ...THRESHOLD, openAtStart: 3, maxRegisters: 6 });
    for (let t = 10; t <= 480; t += 10) {
      lean = advanceQueue(lean, t);
      generous = advanceQueue(generous, t);
      expect(generous.nextIndex).toBe(lean.nextIndex);
      expect(generous.nextArrivalAt).toBe(lean.nextArrivalAt);
    }
    // The lean store still has a line; every customer in either store arrived when customerAt says.
    expect(lean.waiting.length).toBeGreaterThan(generous.waiting.length);
    for (const c of [...lean.inStore, ...generous.inStore, ...generous.recentServed]) {
      expect(c.arrival).toBe(customerAt(BASE_SEED, DEMAND, c.index).arrival);
    }
  });

  it('records one sample per whole minute showing the state at that minute', () => {
    const state = advanceQueue(initQueue(BASE_SEED, DEMAND, THRESHOLD), 90.5);
    expect(state.samples.map((s) => s.t)).toEqual(Array.from({ length: 91 }, (_, i) => i));
    const at90 = advanceQueue(initQueue(BASE_SEED, DEMAND, THRESHOLD), 90);
    expect(state.samples[90]).toEqual({
      t: 90,
      waiting: at90.waiting.length,
      openRegisters: openCount(at90),
      averageWait: expect.any(Number) as number,
      headWait: expect.any(Number) as number,
      cost: at90.cost,
    });
  });

  it('holds its invariants at every step under a range of seeded policies', () => {
    for (let k = 0; k < 6; k++) {
      const seed = `${BASE_SEED}-inv-${k}`;
      const policy: StaffingPolicy = {
        openAtStart: 1 + (k % 2),
        openThreshold: 1 + k,
        openDelayMinutes: k % 3,
        maxRegisters: 3 + (k % 3),
        costPerRegisterMinute: 1,
      };
      let state = initQueue(seed, { ...DEMAND, arrivalsPerHour: 70 + 10 * k }, policy);
      for (let t = 0.5; t <= 240; t += 0.5) {
        state = advanceQueue(state, t);
        expectInvariants(state, `seed ${seed} at ${t}`);
      }
    }
  });

  it('runs 8 hours at 120 arrivals an hour', () => {
    const demand: Demand = { ...DEMAND, arrivalsPerHour: 120 };
    const state = advanceQueue(
      initQueue(BASE_SEED, demand, { ...THRESHOLD, maxRegisters: 8 }),
      480,
    );
    expect(state.samples).toHaveLength(481);
    expect(queueMetrics(state).customers).toBeGreaterThan(800);
  });

  it('finds the customers in the store by index', () => {
    const state = advanceQueue(initQueue('script', FIXED_DEMAND, OPEN_ONE_AT_TWO, BUNCH), 2);
    expect(customerInStore(state, 1)).toMatchObject({ index: 1, register: 1 });
    expect(customerInStore(state, 1)?.start).toBeCloseTo(1.2, 12);
    expect(customerInStore(state, 3)).toMatchObject({ index: 3, arrival: 0.3, start: null });
    const later = advanceQueue(state, 4.5);
    expect(customerInStore(later, 0)).toBeUndefined();
    expect(customerInStore(later, 2)).toMatchObject({ start: 4, register: 0 });
    expect(customerInStore(later, 9)).toBeUndefined();
  });

  it('refuses to run to a time that is not finite', () => {
    const start = initQueue(BASE_SEED, DEMAND, THRESHOLD);
    expect(() => advanceQueue(start, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => advanceQueue(start, Number.NaN)).toThrow(RangeError);
    expect(advanceQueue(start, 0)).toBe(start);
  });
});

describe('the threshold policy', () => {
  it('opens one register after the delay when the line reaches the threshold', () => {
    // c0 is served at once; c2 makes the line 2 long at 0.2, so register 1 opens at 1.2.
    const start = initQueue('script', FIXED_DEMAND, OPEN_ONE_AT_TWO, BUNCH);
    const before = advanceQueue(start, 1.1);
    expect(before.registers[1]).toMatchObject({ isOpen: false, isExtra: true });
    expect(before.registers[1]?.opensAt).toBeCloseTo(1.2, 12);
    const after = advanceQueue(start, 1.25);
    expect(after.registers[1]).toMatchObject({ isOpen: true, isExtra: true, servingIndex: 1 });
    expect(after.waiting).toEqual([2, 3]);
    // The maximum is reached: no further opening while the line stays long.
    expect(after.registers.filter((r) => r.opensAt !== null)).toEqual([]);
  });

  it('closes an extra register when it is idle and nobody waits', () => {
    // Register 0 serves c0 (0-4) and c2 (4-8); register 1 serves c1 (1.2-5.2) and c3 (5.2-9.2).
    const start = initQueue('script', FIXED_DEMAND, OPEN_ONE_AT_TWO, BUNCH);
    const at9 = advanceQueue(start, 9);
    expect(at9.registers.map((r) => [r.isOpen, r.servingIndex])).toEqual([
      [true, null],
      [true, 3],
    ]);
    const at10 = advanceQueue(start, 10);
    expect(at10.registers.map((r) => r.isOpen)).toEqual([true, false]);
    expect(at10.recentServed.map((s) => [s.index, s.register, s.start, s.end])).toEqual([
      [0, 0, 0, 4],
      [1, 1, 1.2, 5.2],
      [2, 0, 4, 8],
      [3, 1, 5.2, 9.2],
    ]);
    expect(at10.samples.map((s) => s.openRegisters)).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1]);
  });

  it('accrues cost for every open register minute', () => {
    // Register 0 is open for 10 minutes, register 1 from 1.2 to 9.2: 18 register minutes.
    const policy = { ...OPEN_ONE_AT_TWO, costPerRegisterMinute: 2.5 };
    const state = advanceQueue(initQueue('script', FIXED_DEMAND, policy, BUNCH), 10);
    expect(state.cost).toBeCloseTo(45, 9);
    expect(queueMetrics(state).staffingCost).toBeCloseTo(45, 9);
    expect(queueMetrics(state).averageOpenRegisters).toBeCloseTo(1.8, 9);
    expect(state.samples[5]?.cost).toBeCloseTo(2.5 * (5 + 3.8), 9);
  });

  it('accrues the cost of the registers open at the start when nobody comes', () => {
    const state = advanceQueue(initQueue('empty', FIXED_DEMAND, fixed(3, 0.25), []), 60);
    expect(state.cost).toBeCloseTo(45, 9);
    expect(queueMetrics(state)).toEqual({
      customers: 0,
      served: 0,
      averageWait: 0,
      worstWait: 0,
      pastPatienceShare: 0,
      averageQueue: 0,
      staffingCost: state.cost,
      averageOpenRegisters: 3,
    });
  });

  it('opens registers one at a time up to the maximum when the line keeps growing', () => {
    const rush: Demand = { ...DEMAND, arrivalsPerHour: 300 };
    const policy: StaffingPolicy = { ...THRESHOLD, openThreshold: 3, openDelayMinutes: 5 };
    let state = initQueue(BASE_SEED, rush, policy);
    let opened = 0;
    let previousOpen = openCount(state);
    for (let t = 0.25; t <= 60; t += 0.25) {
      state = advanceQueue(state, t);
      const open = openCount(state);
      expect(open - previousOpen, `seed ${BASE_SEED} at ${t}`).toBeLessThanOrEqual(1);
      if (open > previousOpen) opened++;
      previousOpen = open;
    }
    expect(openCount(state)).toBe(4);
    expect(opened).toBeGreaterThanOrEqual(3);
  });
});
