/**
 * The Fine Line queue model: seeded customers, determinism and purity, the threshold staffing
 * policy, cost, policy changes mid-run, validation, metrics on hand-placed customers, and the
 * M/M/c steady state against the Erlang C formula.
 *
 * This file covers policy changes mid-run, metrics on hand-placed customers, the Erlang C steady state, validation and the next arrival; the other fineLineQueue*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  advanceQueue,
  customerAt,
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
import {
  BASE_SEED,
  DEMAND,
  THRESHOLD,
  fixed,
  BUNCH,
  FIXED_DEMAND,
  OPEN_ONE_AT_TWO,
  expectInvariants,
} from './fineLineQueueFixtures.ts';

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
