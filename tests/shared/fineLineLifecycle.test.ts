/**
 * The Fine Line as an exercise: config and policy bounds, the run's lifecycle (start, pause,
 * speed, ticks, finish, replays over the same customers), policy changes by the facilitator
 * and the management team, participants as shoppers in the line, rate-limited moods, views,
 * the debrief, automation, and replay determinism through the session machinery.
 *
 * This file covers the config schema and the lifecycle; the other fineLine*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { getExercise, type Actor } from '@playfield/shared';
import {
  fineLine,
  type FineLineConfig,
  type FineLineState,
} from '@playfield/shared/exercises/fineLine/index';
import { demandOf } from '@playfield/shared/exercises/fineLine/model';
import {
  customerAt,
  queueMetrics,
  type QueueState,
  type StaffingPolicy,
} from '@playfield/shared/exercises/fineLine/queue';
import {
  type Action,
  FAC,
  ANA,
  BEN,
  CAI,
  GONE,
  ctx,
  DEFAULT_POLICY,
  policy,
  config,
  init,
  step,
  refused,
  lastRun,
  queueOf,
  clockOf,
  tickBy,
  own,
  statusOf,
  started,
  runToEnd,
} from './fineLineFixtures.ts';

/** Applies actions that must all be accepted. */
function act(state: FineLineState, steps: [Actor, Action][], context = ctx()): FineLineState {
  return steps.reduce((s, [actor, action]) => step(s, actor, action, context), state);
}

const JARGON = /too (small|big)|expected (number|string)|>=|<=|invalid input/i;

describe('config schema', () => {
  it('accepts the defaults when nothing is changed', () => {
    expect(fineLine.configSchema.safeParse(fineLine.defaultConfig()).success).toBe(true);
    expect(getExercise('fineLine')?.parseConfig(fineLine.defaultConfig()).ok).toBe(true);
  });

  it.each<[string, Partial<StaffingPolicy>, RegExp]>([
    [
      'more registers open at the start than the maximum',
      { openAtStart: 6, maxRegisters: 5 },
      /6 registers open at the start, but the maximum is 5/,
    ],
    ['a threshold of 0', { openThreshold: 0 }, /opens a register must be at least 1 customer/],
    ['a negative delay', { openDelayMinutes: -1 }, /delay before a register opens must be 0/],
    ['a maximum of 50 registers', { maxRegisters: 50 }, /at most 20 registers/],
    ['a negative cost', { costPerRegisterMinute: -0.5 }, /cost of a register .* must be 0 or more/],
    ['no register open at the start', { openAtStart: 0 }, /at least 1 register must be open/i],
    ['half a register', { openAtStart: 1.5 }, /whole number/],
  ])('refuses a policy with %s with one readable message', (_, overrides, message) => {
    const parsed = fineLine.configSchema.safeParse(config({ policy: policy(overrides) }));
    expect(parsed.success).toBe(false);
    const messages = parsed.error?.issues.map((i) => i.message) ?? [];
    // One mistake, one message: the field's bound and the model's check do not both speak.
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
    expect(messages[0]).not.toMatch(JARGON);
    const viaRegistry = getExercise('fineLine')?.parseConfig(config({ policy: policy(overrides) }));
    expect(viaRegistry?.ok).toBe(false);
    if (viaRegistry && !viaRegistry.ok) {
      expect(viaRegistry.error.code).toBe('BAD_REQUEST');
      expect(viaRegistry.error.message).toMatch(message);
      expect(viaRegistry.error.message).not.toMatch(JARGON);
    }
  });

  it.each<[string, Partial<FineLineConfig>, RegExp]>([
    ['0 arrivals an hour', { arrivalsPerHour: 0 }, /customers must arrive/i],
    ['a service time of 0', { serviceMeanMinutes: 0 }, /mean service time must be at least/],
    ['a patience of 0', { patienceMeanMinutes: 0 }, /mean patience must be at least/],
    ['more than 600 arrivals an hour', { arrivalsPerHour: 601 }, /at most 600 customers/],
    ['a store open for 2 minutes', { durationMinutes: 2 }, /at least 5 minutes/],
    ['a blank seed', { seed: '   ' }, /seed must not be empty/],
  ])('refuses a demand or clock with %s with one readable message', (_, overrides, message) => {
    const parsed = fineLine.configSchema.safeParse(config(overrides));
    expect(parsed.success).toBe(false);
    const messages = parsed.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
    expect(messages[0]).not.toMatch(JARGON);
    const viaRegistry = getExercise('fineLine')?.parseConfig(config(overrides));
    expect(viaRegistry).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('accepts a policy at its bounds when every field is sane', () => {
    for (const overrides of [
      { openAtStart: 20, maxRegisters: 20 },
      { openThreshold: 1, openDelayMinutes: 0, costPerRegisterMinute: 0 },
      { openAtStart: 1, maxRegisters: 1, openDelayMinutes: 60 },
    ]) {
      expect(fineLine.configSchema.safeParse(config({ policy: policy(overrides) })).success).toBe(
        true,
      );
    }
  });

  it.each<[string, Actor['role'], unknown]>([
    [
      'a facilitator policy',
      'facilitator',
      { type: 'policy', policy: policy({ maxRegisters: 50 }) },
    ],
    [
      'a facilitator replay',
      'facilitator',
      { type: 'replay', label: 'More staff', policy: policy({ openThreshold: 0 }) },
    ],
    [
      'a manager policy',
      'participant',
      { type: 'policy', policy: policy({ openAtStart: 6, maxRegisters: 5 }) },
    ],
  ])('refuses %s with an insane policy as a bad request through the registry', (_, role, input) => {
    const parsed = getExercise('fineLine')?.parseAction(role, input);
    expect(parsed?.ok).toBe(false);
    if (parsed && !parsed.ok) {
      expect(parsed.error.code).toBe('BAD_REQUEST');
      expect(parsed.error.message).toMatch(/register|line length/);
      expect(parsed.error.message).not.toMatch(JARGON);
    }
  });

  it('accepts a sane facilitator policy and replay through the registry', () => {
    const exercise = getExercise('fineLine');
    const sane = policy({ openAtStart: 3 });
    expect(exercise?.parseAction('facilitator', { type: 'policy', policy: sane })).toEqual({
      ok: true,
      data: { type: 'policy', policy: sane },
    });
    expect(
      exercise?.parseAction('facilitator', {
        type: 'replay',
        label: '  More staff ',
        policy: sane,
      }),
    ).toEqual({ ok: true, data: { type: 'replay', label: 'More staff', policy: sane } });
  });

  it.each<[unknown, boolean]>([
    [1, true],
    [5, true],
    [0, false],
    [6, false],
    [2.5, false],
    ['3', false],
  ])('accepts a mood of %s only when it is a whole number from 1 to 5 (%s)', (value, isOk) => {
    const parsed = getExercise('fineLine')?.parseAction('participant', { type: 'mood', value });
    expect(parsed?.ok).toBe(isOk);
    if (parsed && !parsed.ok) expect(parsed.error.code).toBe('BAD_REQUEST');
  });

  it('refuses a participant starting the store as a matter of rights, not of form', () => {
    expect(getExercise('fineLine')?.parseAction('participant', { type: 'start' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('lifecycle', () => {
  it('starts ready with one run over the configured customers when initialised', () => {
    const s = init();
    expect(s.status).toBe('ready');
    expect(s.runs).toHaveLength(1);
    expect(lastRun(s)).toMatchObject({ id: 1, moodSamples: [], policyChanges: [] });
    expect(queueOf(s).clock).toBe(0);
    expect(queueOf(s).policy).toEqual(DEFAULT_POLICY);
    expect(s.shoppers).toEqual({});
    expect(s.managers).toEqual([]);
    expect(s.speed).toBe(fineLine.defaultConfig().speed);
  });

  it('builds each run’s queue from the config’s demand and seed when initialised', () => {
    const c = config({ serviceKind: 'uniform', serviceMeanMinutes: 4, seed: 'demand-check' });
    const queue = queueOf(fineLine.init(c, 'ignored-round-seed'));
    expect(queue.demand).toEqual(demandOf(c));
    expect(queue.seed).toBe('demand-check');
  });

  it('seats present participants as shoppers, every other arrival, when the store starts', () => {
    const s = started();
    expect(s.status).toBe('running');
    expect(Object.keys(s.shoppers).sort()).toEqual([ANA, BEN, CAI].sort());
    expect(s.shoppers[GONE]).toBeUndefined();
    const indices = Object.values(s.shoppers).map((x) => x.customerIndex);
    expect(indices.sort((a, b) => a - b)).toEqual([2, 4, 6]);
    for (const shopper of Object.values(s.shoppers)) {
      expect(shopper).toMatchObject({ mood: null, visits: 1 });
    }
    expect(statusOf(s, ANA)).toBe('arriving');
    expect(own(s, GONE)).toEqual({
      status: null,
      mood: null,
      isManager: false,
      visits: 0,
      lastWaitMinutes: null,
    });
  });

  it('does not seat managers as customers when the store starts', () => {
    const s = act(init(), [
      [FAC, { type: 'manager', participantId: BEN, isManager: true }],
      [FAC, { type: 'start' }],
    ]);
    expect(s.shoppers[BEN]).toBeUndefined();
    expect(Object.keys(s.shoppers).sort()).toEqual([ANA, CAI].sort());
    expect(own(s, BEN)).toMatchObject({ status: null, isManager: true, visits: 0 });
  });

  it.each<[string, () => FineLineState, Action, boolean]>([
    ['start when ready', init, { type: 'start' }, true],
    ['start when running', started, { type: 'start' }, false],
    ['pause when running', started, { type: 'pause' }, true],
    ['pause when ready', init, { type: 'pause' }, false],
    ['resume when paused', () => step(started(), FAC, { type: 'pause' }), { type: 'resume' }, true],
    ['resume when running', started, { type: 'resume' }, false],
    ['finish when running', started, { type: 'finish' }, true],
    ['finish when paused', () => step(started(), FAC, { type: 'pause' }), { type: 'finish' }, true],
    [
      'finish when finished',
      () => step(started(), FAC, { type: 'finish' }),
      { type: 'finish' },
      false,
    ],
    ['tick when ready', init, { type: 'tick', toClock: 1 }, false],
    [
      'tick when paused',
      () => step(started(), FAC, { type: 'pause' }),
      { type: 'tick', toClock: 1 },
      false,
    ],
    [
      'tick when finished',
      () => step(started(), FAC, { type: 'finish' }),
      { type: 'tick', toClock: 1 },
      false,
    ],
    ['tick when running', started, { type: 'tick', toClock: 1 }, true],
  ])('allows %s only when it makes sense', (_, at, action, isAllowed) => {
    const result = fineLine.reduce(at(), action, FAC, ctx());
    expect(result.ok).toBe(isAllowed);
    if (!result.ok) expect(result.error.code).toBe('CONFLICT');
  });

  it('moves between running and paused and keeps the clock when paused and resumed', () => {
    let s = tickBy(started(), 3);
    s = step(s, FAC, { type: 'pause' });
    expect(s.status).toBe('paused');
    expect(clockOf(s)).toBe(3);
    s = step(s, FAC, { type: 'resume' });
    expect(s.status).toBe('running');
    expect(clockOf(tickBy(s, 1))).toBe(4);
  });

  it('sets the speed when the facilitator changes it, in any state', () => {
    expect(step(init(), FAC, { type: 'speed', speed: 90 }).speed).toBe(90);
    expect(step(started(), FAC, { type: 'speed', speed: 1 }).speed).toBe(1);
    expect(
      getExercise('fineLine')?.parseAction('facilitator', { type: 'speed', speed: 0 }).ok,
    ).toBe(false);
  });

  it('moves the clock only forwards when ticked', () => {
    const s = step(started(), FAC, { type: 'tick', toClock: 5 });
    expect(clockOf(s)).toBe(5);
    for (const toClock of [5, 4.99, 0]) {
      const error = refused(s, FAC, { type: 'tick', toClock });
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toMatch(/only moves forward/);
    }
  });

  it('finishes the run at the configured duration when a tick reaches or passes it', () => {
    const atEnd = step(started({ durationMinutes: 20 }), FAC, { type: 'tick', toClock: 20 });
    expect(atEnd.status).toBe('finished');
    expect(clockOf(atEnd)).toBe(20);
    const past = step(started({ durationMinutes: 20 }), FAC, { type: 'tick', toClock: 500 });
    expect(past.status).toBe('finished');
    expect(clockOf(past)).toBe(20);
    const before = step(started({ durationMinutes: 20 }), FAC, { type: 'tick', toClock: 19.9 });
    expect(before.status).toBe('running');
  });

  it('ends the run early when the facilitator finishes it', () => {
    const s = step(tickBy(started(), 7), FAC, { type: 'finish' });
    expect(s.status).toBe('finished');
    expect(clockOf(s)).toBe(7);
    expect(fineLine.screenView(s, ctx()).runs[0]?.minutes).toBe(7);
  });

  it('replays the same customers under the new policy when a finished run is replayed', () => {
    const first = runToEnd(started({ durationMinutes: 40 }));
    const generous = policy({ openAtStart: 4, maxRegisters: 6 });
    let s = step(first, FAC, { type: 'replay', label: 'Open early', policy: generous });
    expect(s.status).toBe('ready');
    expect(s.runs).toHaveLength(2);
    expect(lastRun(s)).toMatchObject({ id: 2, label: 'Open early', policyChanges: [] });
    expect(queueOf(s).clock).toBe(0);
    expect(queueOf(s).policy).toEqual(generous);
    expect(s.shoppers).toEqual({});
    expect(own(s, ANA)).toMatchObject({ status: null, visits: 0 });
    // The first run is kept as it was, for the comparison.
    expect(s.runs[0]).toEqual(lastRun(first));

    s = runToEnd(step(s, FAC, { type: 'start' }));
    expect(s.shoppers[ANA]).toMatchObject({ visits: expect.any(Number) as number });
    const [a, b] = s.runs.map((r) => r.queue);
    if (!a || !b) throw new Error('two runs expected');
    // Same arrivals: as many customers by the same minute, each arriving at the same time.
    expect(b.nextIndex).toBe(a.nextIndex);
    expect(b.nextArrivalAt).toBe(a.nextArrivalAt);
    const arrivals = (q: QueueState) =>
      new Map([...q.recentServed, ...q.inStore].map((c) => [c.index, c.arrival]));
    const inA = arrivals(a);
    const inB = arrivals(b);
    let compared = 0;
    for (const [index, arrival] of inB) {
      expect(arrival).toBe(customerAt(a.seed, a.demand, index).arrival);
      const other = inA.get(index);
      if (other !== undefined) {
        expect(arrival).toBe(other);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    // But not the same waits: that is the point of the comparison.
    expect(queueMetrics(b).averageWait).toBeLessThan(queueMetrics(a).averageWait);
  });

  it('re-seats the shoppers at the start of a replayed run', () => {
    let s = tickBy(started(), 30);
    s = step(s, FAC, { type: 'pause' });
    s = act(s, [
      [FAC, { type: 'replay', label: 'Again', policy: DEFAULT_POLICY }],
      [FAC, { type: 'start' }],
    ]);
    const indices = Object.values(s.shoppers).map((x) => x.customerIndex);
    expect(indices.sort((a, b) => a - b)).toEqual([2, 4, 6]);
    for (const shopper of Object.values(s.shoppers)) expect(shopper.visits).toBe(1);
  });

  it('refuses a replay while the run is going', () => {
    const error = refused(started(), FAC, { type: 'replay', label: 'B', policy: DEFAULT_POLICY });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/pause or finish/i);
  });

  it('compares at most 6 policies in one round', () => {
    let s = init();
    for (let i = 2; i <= 6; i++) {
      s = step(s, FAC, { type: 'replay', label: `Policy ${i}`, policy: DEFAULT_POLICY });
    }
    expect(s.runs.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
    const error = refused(s, FAC, { type: 'replay', label: 'Policy 7', policy: DEFAULT_POLICY });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/at most 6/);
  });
});
