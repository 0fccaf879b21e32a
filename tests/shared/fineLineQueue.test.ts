/**
 * The Fine Line queue model: seeded customers, determinism and purity, the threshold staffing
 * policy, cost, policy changes mid-run, validation, metrics on hand-placed customers, and the
 * M/M/c steady state against the Erlang C formula.
 */
import { describe, expect, it } from 'vitest';
import {
  advanceQueue,
  customerAt,
  customerInStore,
  erlangCWait,
  initQueue,
  queueMetrics,
  upcomingArrival,
  validateDemand,
  validatePolicy,
  withPolicy,
  type Customer,
  type Demand,
  type QueueState,
  type StaffingPolicy,
} from '@playfield/shared/exercises/fineLine/queue';

/** Set FINE_LINE_SEED to rerun the seeded checks from another base seed. */
const BASE_SEED = process.env.FINE_LINE_SEED ?? 'fine-line';

const DEMAND: Demand = {
  arrivalsPerHour: 60,
  service: { kind: 'exponential', meanMinutes: 2.5 },
  patienceMeanMinutes: 4,
};

const THRESHOLD: StaffingPolicy = {
  openAtStart: 1,
  openThreshold: 4,
  openDelayMinutes: 2,
  maxRegisters: 4,
  costPerRegisterMinute: 0.5,
};

/** A fixed staffing of `c` registers: the threshold is never reached. */
const fixed = (c: number, cost = 1): StaffingPolicy => ({
  openAtStart: c,
  openThreshold: 1_000_000_000,
  openDelayMinutes: 0,
  maxRegisters: c,
  costPerRegisterMinute: cost,
});

/** Four customers bunched at the start, each taking 4 minutes. */
const BUNCH: Customer[] = [0, 0.1, 0.2, 0.3].map((arrival) => ({
  arrival,
  service: 4,
  patience: 10,
}));
const FIXED_DEMAND: Demand = {
  arrivalsPerHour: 60,
  service: { kind: 'fixed', meanMinutes: 4 },
  patienceMeanMinutes: 10,
};
const OPEN_ONE_AT_TWO: StaffingPolicy = {
  openAtStart: 1,
  openThreshold: 2,
  openDelayMinutes: 1,
  maxRegisters: 2,
  costPerRegisterMinute: 1,
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function openCount(state: QueueState): number {
  return state.registers.filter((r) => r.isOpen).length;
}

/** Checks what must hold between any two events, whatever the policy. */
function expectInvariants(state: QueueState, note: string): void {
  const m = queueMetrics(state);
  expect(m.served, note).toBeLessThanOrEqual(m.customers);
  expect(m.averageWait, note).toBeGreaterThanOrEqual(0);
  expect(m.worstWait, note).toBeGreaterThanOrEqual(m.averageWait);
  expect(m.pastPatienceShare, note).toBeGreaterThanOrEqual(0);
  expect(m.pastPatienceShare, note).toBeLessThanOrEqual(1);
  expect(state.inStore.length, note).toBe(m.customers - m.served);
  expect(state.registers.filter((r) => r.opensAt !== null).length, note).toBeLessThanOrEqual(1);
  expect(
    openCount(state) + state.registers.filter((r) => r.opensAt !== null).length,
    note,
  ).toBeLessThanOrEqual(state.policy.maxRegisters);
  for (const r of state.registers) {
    // Nobody waits while a register is idle, and an idle extra has closed.
    if (r.isOpen && r.servingIndex === null) {
      expect(state.waiting, `${note}: register ${r.id} idle`).toEqual([]);
      expect(r.isExtra, `${note}: register ${r.id} idle`).toBe(false);
    }
  }
  const serving = state.registers.filter((r) => r.servingIndex !== null).length;
  expect(state.waiting.length + serving, note).toBe(state.inStore.length);
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

describe('withPolicy', () => {
  const rushHour = (): QueueState =>
    advanceQueue(initQueue(BASE_SEED, { ...DEMAND, arrivalsPerHour: 90 }, fixed(1)), 60);

  it('opens registers at once when openAtStart rises', () => {
    const before = rushHour();
    expect(before.waiting.length).toBeGreaterThan(3);
    const after = withPolicy(before, fixed(3));
    expect(after.clock).toBe(before.clock);
    expect(after.registers.map((r) => [r.isOpen, r.isExtra, r.servingIndex !== null])).toEqual([
      [true, false, true],
      [true, false, true],
      [true, false, true],
    ]);
    expect(after.waiting.length).toBe(before.waiting.length - 2);
    // The cost now runs three times as fast.
    const later = advanceQueue(after, 70);
    expect(later.cost - after.cost).toBeCloseTo(30, 9);
    expectInvariants(later, `seed ${BASE_SEED}`);
  });

  it('stops a scheduled opening but closes no busy register when the maximum drops', () => {
    let state = initQueue('script', FIXED_DEMAND, OPEN_ONE_AT_TWO, BUNCH);
    state = advanceQueue(state, 0.5);
    expect(state.registers[1]?.opensAt).not.toBeNull();
    const capped = withPolicy(state, { ...OPEN_ONE_AT_TWO, maxRegisters: 1 });
    expect(capped.registers.map((r) => [r.isOpen, r.opensAt, r.servingIndex])).toEqual([
      [true, null, 0],
      [false, null, null],
    ]);
    const end = advanceQueue(capped, 20);
    expect(end.registers.map((r) => r.isOpen)).toEqual([true, false]);
    expect(queueMetrics(end).served).toBe(4);
    expect(end.recentServed.map((s) => s.end)).toEqual([4, 8, 12, 16]);
  });

  it('lets the surplus registers close once idle when openAtStart drops', () => {
    const three = advanceQueue(initQueue('script', FIXED_DEMAND, fixed(3), BUNCH), 0.5);
    expect(three.registers.map((r) => r.servingIndex)).toEqual([0, 1, 2]);
    const one = withPolicy(three, fixed(1));
    expect(one.registers.map((r) => [r.isOpen, r.isExtra])).toEqual([
      [true, false],
      [true, true],
      [true, true],
    ]);
    // Register 0 takes c3 at 4; registers 1 and 2 finish at 4.1 and 4.2 and close.
    const end = advanceQueue(one, 5);
    expect(end.registers.map((r) => r.isOpen)).toEqual([true, false, false]);
    expect(end.registers[0]?.servingIndex).toBe(3);
  });

  it('keeps the arrivals of the run when the policy changes', () => {
    const changed = advanceQueue(withPolicy(rushHour(), fixed(4)), 120);
    const unchanged = advanceQueue(rushHour(), 120);
    expect(changed.nextIndex).toBe(unchanged.nextIndex);
    expect(changed.nextArrivalAt).toBe(unchanged.nextArrivalAt);
    expect(queueMetrics(changed).averageWait).toBeLessThan(queueMetrics(unchanged).averageWait);
  });

  it('refuses an insane policy', () => {
    expect(() => withPolicy(rushHour(), { ...THRESHOLD, maxRegisters: 0 })).toThrow(
      /at least 1 register/,
    );
  });
});

describe('queueMetrics', () => {
  // One register, 2-minute services. c0 waits 0, c1 1.5 (past its patience of 1), c2 3, c3 0.5.
  const HAND: Customer[] = [
    { arrival: 0.5, service: 2, patience: 1 },
    { arrival: 1, service: 2, patience: 1 },
    { arrival: 1.5, service: 2, patience: 5 },
    { arrival: 6, service: 2, patience: 1 },
  ];
  const FIXED_TWO: Demand = { ...FIXED_DEMAND, service: { kind: 'fixed', meanMinutes: 2 } };
  const hand = (clock: number): QueueState =>
    advanceQueue(initQueue('hand', FIXED_TWO, fixed(1, 2), HAND), clock);

  it('gives exact figures for hand-placed customers once all are served', () => {
    const m = queueMetrics(hand(10));
    expect(m.customers).toBe(4);
    expect(m.served).toBe(4);
    expect(m.averageWait).toBeCloseTo((0 + 1.5 + 3 + 0.5) / 4, 12);
    expect(m.worstWait).toBeCloseTo(3, 12);
    expect(m.pastPatienceShare).toBe(1 / 4);
    // Waiting area: c1 1.5 + c2 3 + c3 0.5 = 5 customer-minutes over 10 minutes.
    expect(m.averageQueue).toBeCloseTo(0.5, 12);
    expect(m.staffingCost).toBeCloseTo(20, 12);
    expect(m.averageOpenRegisters).toBe(1);
  });

  it('counts the customers still waiting with their wait so far', () => {
    // At 4: c0 done, c1 in service after waiting 1.5, c2 has waited 2.5 and still waits.
    const state = hand(4);
    expect(state.waiting).toEqual([2]);
    const m = queueMetrics(state);
    expect(m.customers).toBe(3);
    expect(m.served).toBe(1);
    expect(m.averageWait).toBeCloseTo(0.75, 12);
    expect(m.worstWait).toBeCloseTo(2.5, 12);
    expect(m.pastPatienceShare).toBeCloseTo(1 / 3, 12);
    expect(m.averageQueue).toBeCloseTo((1.5 + 2.5) / 4, 12);
    expect(state.samples[4]?.headWait).toBeCloseTo(2.5, 12);
    // c2 (patience 5) starts at 4.5, so c1 stays the only one past patience.
    expect(queueMetrics(hand(7)).pastPatienceShare).toBeCloseTo(1 / 4, 12);
  });

  it('has zero figures before anyone arrives', () => {
    expect(queueMetrics(initQueue(BASE_SEED, DEMAND, THRESHOLD))).toMatchObject({
      customers: 0,
      served: 0,
      averageWait: 0,
      worstWait: 0,
      pastPatienceShare: 0,
      averageQueue: 0,
      staffingCost: 0,
    });
  });
});

describe('erlangCWait', () => {
  it('matches the closed forms for one and two servers', () => {
    // M/M/1: Wq = rho * S / (1 - rho). 42 an hour, 1 minute: rho 0.7, Wq = 7/3.
    expect(erlangCWait(42, 1, 1)).toBeCloseTo(7 / 3, 12);
    // M/M/2: Lq = 2 rho^3 / (1 - rho^2), Wq = Lq / lambda. 45 an hour, 2 minutes: rho 0.75.
    const rho = 0.75;
    expect(erlangCWait(45, 2, 2)).toBeCloseTo((2 * rho ** 3) / (1 - rho ** 2) / 0.75, 12);
    // M/M/3 with a = 2 erlangs: C = 4/9, Wq = C * S / (c - a) = 4/9 * 3 / 1.
    expect(erlangCWait(40, 3, 3)).toBeCloseTo(4 / 3, 12);
  });

  it('is Infinity when the utilisation reaches 1 and 0 when nobody arrives', () => {
    expect(erlangCWait(60, 1, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(erlangCWait(130, 3, 6)).toBe(Number.POSITIVE_INFINITY);
    expect(erlangCWait(0, 3, 2)).toBe(0);
    expect(() => erlangCWait(10, 1, 0)).toThrow(RangeError);
  });

  // Relative standard error of the simulated mean wait, measured over 30 base seeds with
  // 400 000 minutes a run: 1.4 % for M/M/1 at 0.7, 2.3 % for M/M/2 at 0.75, 1.9 % for M/M/3 at
  // 0.7 (multi-server waits vary more: most customers do not wait). Runs of 500 000 minutes,
  // pooled as below, bring each to about 1.2-1.6 %, so 5 % is over 3 standard errors for any
  // base seed. About 0.5 s a run.
  const MINUTES = 500_000;
  it.each([
    { c: 1, arrivalsPerHour: 42, meanMinutes: 1, runs: 1 },
    { c: 2, arrivalsPerHour: 45, meanMinutes: 2, runs: 2 },
    { c: 3, arrivalsPerHour: 42, meanMinutes: 3, runs: 2 },
  ])(
    'matches the simulated mean wait of long M/M/$c runs within 5 %',
    ({ c, arrivalsPerHour, meanMinutes, runs }) => {
      const demand: Demand = {
        arrivalsPerHour,
        service: { kind: 'exponential', meanMinutes },
        patienceMeanMinutes: 5,
      };
      const theory = erlangCWait(arrivalsPerHour, meanMinutes, c);
      let waitSum = 0;
      let started = 0;
      for (let run = 0; run < runs; run++) {
        const seed = `${BASE_SEED}-erlang-${c}-${run}`;
        const state = advanceQueue(initQueue(seed, demand, fixed(c)), MINUTES);
        const m = queueMetrics(state);
        const note = `M/M/${c} from seed "${seed}" (rerun with FINE_LINE_SEED=${BASE_SEED})`;
        // Little's law ties the time-average line to the mean wait.
        const lambdaHat = m.customers / MINUTES;
        expect(Math.abs(m.averageQueue / (lambdaHat * m.averageWait) - 1), note).toBeLessThan(0.01);
        expect(m.averageOpenRegisters, note).toBeCloseTo(c, 9);
        waitSum += state.totals.waitSum;
        started += state.totals.started;
      }
      const simulated = waitSum / started;
      const note = `M/M/${c}: simulated ${simulated.toFixed(4)} vs Erlang C ${theory.toFixed(4)} over ${runs} x ${MINUTES} minutes from base seed "${BASE_SEED}" (rerun with FINE_LINE_SEED=${BASE_SEED})`;
      expect(Math.abs(simulated / theory - 1), note).toBeLessThan(0.05);
    },
  );
});

describe('validation', () => {
  it.each<[string, Partial<StaffingPolicy>, RegExp]>([
    ['no register', { maxRegisters: 0 }, /at least 1 register/],
    ['too many registers', { maxRegisters: 21 }, /at most 20 registers/],
    ['none open at the start', { openAtStart: 0 }, /At least 1 register must be open/],
    [
      'more open than the maximum',
      { openAtStart: 5 },
      /5 registers open at the start.*maximum is 4/,
    ],
    ['a zero threshold', { openThreshold: 0 }, /at least 1 customer/],
    ['a fractional threshold', { openThreshold: 2.5 }, /whole number/],
    ['a negative delay', { openDelayMinutes: -1 }, /0 minutes or more/],
    ['a delay over an hour', { openDelayMinutes: 61 }, /at most 60 minutes/],
    ['a negative cost', { costPerRegisterMinute: -0.01 }, /0 or more/],
    ['a cost that is not a number', { costPerRegisterMinute: Number.NaN }, /0 or more/],
  ])('refuses a policy with %s', (_, change, message) => {
    expect(validatePolicy({ ...THRESHOLD, ...change })).toMatch(message);
    expect(() => initQueue(BASE_SEED, DEMAND, { ...THRESHOLD, ...change })).toThrow(message);
  });

  it.each<[string, Demand, RegExp]>([
    ['no arrivals', { ...DEMAND, arrivalsPerHour: 0 }, /above 0 per hour/],
    ['negative arrivals', { ...DEMAND, arrivalsPerHour: -5 }, /above 0 per hour/],
    ['over 600 arrivals an hour', { ...DEMAND, arrivalsPerHour: 601 }, /at most 600/],
    [
      'a zero service time',
      { ...DEMAND, service: { kind: 'fixed', meanMinutes: 0 } },
      /service time must be above 0/,
    ],
    [
      'a service time over an hour',
      { ...DEMAND, service: { kind: 'exponential', meanMinutes: 61 } },
      /at most 60 minutes/,
    ],
    [
      'a uniform spread as wide as the mean',
      { ...DEMAND, service: { kind: 'uniform', meanMinutes: 2, spreadMinutes: 2 } },
      /spread \(2 min\) must be below the mean \(2 min\)/,
    ],
    [
      'a uniform service without a spread',
      { ...DEMAND, service: { kind: 'uniform', meanMinutes: 2 } },
      /needs a spread/,
    ],
    ['no patience', { ...DEMAND, patienceMeanMinutes: 0 }, /patience must be above 0/],
  ])('refuses a demand with %s', (_, demand, message) => {
    expect(validateDemand(demand)).toMatch(message);
    expect(() => initQueue(BASE_SEED, demand, THRESHOLD)).toThrow(message);
  });

  it('accepts sane demand and policies at their bounds', () => {
    expect(validatePolicy(THRESHOLD)).toBeNull();
    expect(validatePolicy(fixed(20))).toBeNull();
    expect(
      validatePolicy({ ...THRESHOLD, openDelayMinutes: 60, costPerRegisterMinute: 0 }),
    ).toBeNull();
    expect(validateDemand({ ...DEMAND, arrivalsPerHour: 600 })).toBeNull();
    expect(
      validateDemand({
        ...DEMAND,
        service: { kind: 'uniform', meanMinutes: 60, spreadMinutes: 0 },
      }),
    ).toBeNull();
  });

  it('refuses hand-placed customers out of order', () => {
    expect(() =>
      initQueue('script', FIXED_DEMAND, THRESHOLD, [
        { arrival: 2, service: 1, patience: 1 },
        { arrival: 1, service: 1, patience: 1 },
      ]),
    ).toThrow(/at or after 2/);
  });
});

describe('upcomingArrival', () => {
  it('gives the same arrival as customerAt for customers still to come', () => {
    const demand: Demand = {
      arrivalsPerHour: 90,
      service: { kind: 'exponential', meanMinutes: 2 },
      patienceMeanMinutes: 5,
    };
    const policy = {
      openAtStart: 2,
      openThreshold: 6,
      openDelayMinutes: 2,
      maxRegisters: 5,
      costPerRegisterMinute: 0.5,
    };
    const state = advanceQueue(initQueue('upcoming', demand, policy), 30);
    for (const index of [state.nextIndex, state.nextIndex + 1, state.nextIndex + 7]) {
      expect(upcomingArrival(state, index)).toBeCloseTo(
        customerAt('upcoming', demand, index).arrival,
        9,
      );
    }
    expect(upcomingArrival(state, state.nextIndex - 1)).toBeNull();
  });
});
