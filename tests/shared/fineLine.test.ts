/**
 * The Fine Line as an exercise: config and policy bounds, the run's lifecycle (start, pause,
 * speed, ticks, finish, replays over the same customers), policy changes by the facilitator
 * and the management team, participants as shoppers in the line, rate-limited moods, views,
 * the debrief, automation, and replay determinism through the session machinery.
 */
import { describe, expect, it } from 'vitest';
import {
  getExercise,
  replay,
  type Actor,
  type AppError,
  type CommandActor,
  type EventEnvelope,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import {
  fineLine,
  shopperStatus,
  type FineLineConfig,
  type FineLineState,
  type ShopperStatus,
} from '@playfield/shared/exercises/fineLine/index';
import {
  demandOf,
  MOOD_INTERVAL_MS,
  TICK_MS,
  type FineLineFacilitatorAction,
  type FineLineParticipantAction,
  type FineLineRun,
} from '@playfield/shared/exercises/fineLine/model';
import {
  customerAt,
  customerInStore,
  queueMetrics,
  type QueueState,
  type StaffingPolicy,
} from '@playfield/shared/exercises/fineLine/queue';
import { FACILITATOR as SESSION_FACILITATOR, createSession, run } from './sessionHarness.ts';

type Action = FineLineFacilitatorAction | FineLineParticipantAction;

const FAC: Actor = { role: 'facilitator' };
const as = (participantId: string): Actor => ({ role: 'participant', participantId });

const ANA = 'p-ana-7f3';
const BEN = 'p-ben-9c1';
const CAI = 'p-cai-2d8';
const GONE = 'p-kim-left';

const NAMES: Record<string, string> = {
  [ANA]: 'Ana Wanderlust',
  [BEN]: 'Benedikt Quorum',
  [CAI]: 'Cai Ledger',
  [GONE]: 'Kim Absent',
};

const ROSTER: RoundContext['roster'] = Object.fromEntries(
  Object.entries(NAMES).map(([id, name]) => [id, { id, name, hasLeft: id === GONE }]),
);

/** Real time of the actions: the mood rate limit counts from here. */
const AT = 1_700_000_000_000;

function ctx(overrides: Partial<RoundContext> = {}): RoundContext {
  return { isOpen: true, isRevealed: false, roster: ROSTER, at: AT, ...overrides };
}

const DEFAULT_POLICY: StaffingPolicy = fineLine.defaultConfig().policy;

function policy(overrides: Partial<StaffingPolicy> = {}): StaffingPolicy {
  return { ...DEFAULT_POLICY, ...overrides };
}

function config(overrides: Partial<FineLineConfig> = {}): FineLineConfig {
  return { ...fineLine.defaultConfig(), ...overrides };
}

/**
 * A store that cannot keep up: one register, a fixed 3-minute service and a customer a
 * minute, so every participant waits in line before being served.
 */
const SLOW: Partial<FineLineConfig> = {
  arrivalsPerHour: 60,
  serviceKind: 'fixed',
  serviceMeanMinutes: 3,
  policy: policy({ openAtStart: 1, openThreshold: 200, openDelayMinutes: 0, maxRegisters: 1 }),
};

function init(overrides: Partial<FineLineConfig> = {}): FineLineState {
  return fineLine.init(config(overrides), 'round-seed');
}

/** Applies one action that must be accepted. */
function step(state: FineLineState, actor: Actor, action: Action, context = ctx()): FineLineState {
  const result = fineLine.reduce(state, action, actor, context);
  if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.message}`);
  return result.data;
}

/** Applies actions that must all be accepted. */
function act(state: FineLineState, steps: [Actor, Action][], context = ctx()): FineLineState {
  return steps.reduce((s, [actor, action]) => step(s, actor, action, context), state);
}

/** An action that must be refused; returns the error. */
function refused(state: FineLineState, actor: Actor, action: Action, context = ctx()): AppError {
  const result = fineLine.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${action.type} was accepted`);
  return result.error;
}

function lastRun(state: FineLineState): FineLineRun {
  const current = state.runs.at(-1);
  if (!current) throw new Error('no run');
  return current;
}

const queueOf = (state: FineLineState): QueueState => lastRun(state).queue;
const clockOf = (state: FineLineState): number => queueOf(state).clock;

/** Moves the simulated clock on by `minutes`. */
function tickBy(state: FineLineState, minutes: number, context = ctx()): FineLineState {
  return step(state, FAC, { type: 'tick', toClock: clockOf(state) + minutes }, context);
}

/** Ticks in small steps while `predicate` holds and the run is going; fails if it never stops. */
function tickWhile(
  state: FineLineState,
  predicate: (s: FineLineState) => boolean,
  minutes = 0.1,
): FineLineState {
  let s = state;
  while (predicate(s)) {
    if (s.status !== 'running') throw new Error(`the run ended at ${clockOf(s)} first`);
    s = tickBy(s, minutes);
  }
  return s;
}

const own = (state: FineLineState, id: string) => fineLine.participantOwnView(state, id, ctx());
const statusOf = (state: FineLineState, id: string): ShopperStatus['kind'] | null =>
  own(state, id).status?.kind ?? null;
const isInLine = (state: FineLineState, id: string) =>
  statusOf(state, id) === 'waiting' || statusOf(state, id) === 'atRegister';

/** Started, with Ana, Ben and Cai seated as shoppers. */
function started(overrides: Partial<FineLineConfig> = {}): FineLineState {
  return step(init(overrides), FAC, { type: 'start' });
}

/** Ticks to the end of the run. */
function runToEnd(state: FineLineState, minutes = 1): FineLineState {
  let s = state;
  while (s.status === 'running') s = tickBy(s, minutes);
  return s;
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

describe('policy changes', () => {
  const moreStaff = policy({ openAtStart: 4, maxRegisters: 6, costPerRegisterMinute: 2 });

  it('changes the queue policy and logs it when the facilitator changes it mid-run', () => {
    let s = tickBy(started(), 10);
    s = step(s, FAC, { type: 'policy', policy: moreStaff });
    expect(queueOf(s).policy).toEqual(moreStaff);
    expect(lastRun(s).policyChanges).toEqual([{ t: 10, policy: moreStaff }]);
    expect(queueOf(s).registers.filter((r) => r.isOpen).length).toBeGreaterThanOrEqual(4);
    expect(fineLine.screenView(s, ctx()).policy).toEqual(moreStaff);
    s = tickBy(s, 5);
    expect(queueOf(s).policy).toEqual(moreStaff);
  });

  it('refuses a policy change when the run is over', () => {
    const s = step(started(), FAC, { type: 'finish' });
    expect(refused(s, FAC, { type: 'policy', policy: moreStaff }).code).toBe('CONFLICT');
  });

  it('refuses a participant’s policy change when the facilitator has not made them a manager', () => {
    const s = tickBy(started(), 5);
    const error = refused(s, as(ANA), { type: 'policy', policy: moreStaff });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/management team/);
  });

  it('changes the policy when a manager changes it, and not after the facilitator revokes them', () => {
    let s = step(started(), FAC, { type: 'manager', participantId: CAI, isManager: true });
    s = tickBy(s, 4);
    s = step(s, as(CAI), { type: 'policy', policy: moreStaff });
    expect(queueOf(s).policy).toEqual(moreStaff);
    expect(lastRun(s).policyChanges).toEqual([{ t: 4, policy: moreStaff }]);
    s = step(s, FAC, { type: 'manager', participantId: CAI, isManager: false });
    expect(refused(s, as(CAI), { type: 'policy', policy: DEFAULT_POLICY }).code).toBe('FORBIDDEN');
    s = step(s, FAC, { type: 'finish' });
    s = step(s, FAC, { type: 'manager', participantId: CAI, isManager: true });
    expect(refused(s, as(CAI), { type: 'policy', policy: DEFAULT_POLICY }).code).toBe('CONFLICT');
  });

  it('takes a manager out of the line and seats them again when they stop being one', () => {
    let s = step(started(), FAC, { type: 'manager', participantId: ANA, isManager: true });
    expect(s.shoppers[ANA]).toBeUndefined();
    expect(s.managers).toEqual([ANA]);
    s = tickBy(s, 5);
    expect(s.shoppers[ANA]).toBeUndefined();
    s = step(s, FAC, { type: 'manager', participantId: ANA, isManager: false });
    expect(s.managers).toEqual([]);
    s = tickBy(s, 0.1);
    expect(s.shoppers[ANA]).toMatchObject({ visits: 1 });
    expect(statusOf(s, ANA)).toBe('arriving');
  });

  it('refuses a manager who is not in the session', () => {
    expect(
      refused(init(), FAC, { type: 'manager', participantId: 'p-nobody', isManager: true }).code,
    ).toBe('NOT_FOUND');
  });

  it('refuses a facilitator reporting a mood and a participant running the store', () => {
    expect(refused(started(), FAC, { type: 'mood', value: 3 }).code).toBe('FORBIDDEN');
    expect(refused(init(), as(ANA), { type: 'start' }).code).toBe('FORBIDDEN');
    expect(refused(started(), as(ANA), { type: 'tick', toClock: 50 }).code).toBe('FORBIDDEN');
  });
});

describe('shoppers', () => {
  it('moves a participant from arriving through the line to the register and seats them again', () => {
    let s = started(SLOW);
    const firstIndex = s.shoppers[ANA]?.customerIndex ?? -1;
    const kinds: string[] = [];
    let wasWaiting = false;
    let lastPlace = Infinity;
    let lastWaited = -1;
    while ((s.shoppers[ANA]?.visits ?? 0) < 2) {
      const status = own(s, ANA).status;
      if (!status) throw new Error('Ana has no status');
      if (kinds.at(-1) !== status.kind) kinds.push(status.kind);
      if (status.kind === 'waiting') {
        wasWaiting = true;
        // The line only moves forward, and the wait only grows.
        expect(status.place).toBeLessThanOrEqual(lastPlace);
        expect(status.waitedMinutes).toBeGreaterThanOrEqual(lastWaited);
        lastPlace = status.place;
        lastWaited = status.waitedMinutes;
      }
      s = tickBy(s, 0.1);
    }
    expect(wasWaiting).toBe(true);
    // Done and re-seated happen in the same tick: the phone goes straight to the next visit.
    expect(kinds).toEqual(['arriving', 'waiting', 'atRegister']);
    expect(shopperStatus(queueOf(s), firstIndex)).toEqual({ kind: 'done' });
    expect(own(s, ANA)).toMatchObject({ visits: 2, mood: null, status: { kind: 'arriving' } });
    expect(s.shoppers[ANA]?.customerIndex).toBeGreaterThan(firstIndex);
    // The phone keeps how long the previous visit waited, from the queue's own record.
    const served = queueOf(s).recentServed.find((c) => c.index === firstIndex);
    expect(served).toBeDefined();
    expect(own(s, ANA).lastWaitMinutes).toBeCloseTo(
      (served?.start ?? 0) - (served?.arrival ?? 0),
      9,
    );
    expect(own(s, ANA).lastWaitMinutes).toBeGreaterThanOrEqual(lastWaited);
  });

  it('shows the place in line and the minutes waited when a participant is waiting', () => {
    const s = tickWhile(started(SLOW), (x) => statusOf(x, ANA) !== 'waiting');
    const waited = tickBy(s, 1.5);
    const status = own(waited, ANA).status;
    const index = waited.shoppers[ANA]?.customerIndex ?? -1;
    const queue = queueOf(waited);
    expect(status).toEqual({
      kind: 'waiting',
      place: queue.waiting.indexOf(index) + 1,
      waitedMinutes: queue.clock - customerAt(queue.seed, queue.demand, index).arrival,
    });
    if (status?.kind === 'waiting') {
      expect(status.place).toBeGreaterThanOrEqual(1);
      expect(status.waitedMinutes).toBeGreaterThanOrEqual(1.5);
    }
  });

  it('keeps the participants’ status in agreement with the queue throughout a run', () => {
    let s = started({ ...SLOW, durationMinutes: 40 });
    const seen = new Set<string>();
    while (s.status === 'running') {
      const queue = queueOf(s);
      for (const [id, shopper] of Object.entries(s.shoppers)) {
        const index = shopper.customerIndex;
        const status = shopperStatus(queue, index);
        expect(own(s, id).status).toEqual(status);
        seen.add(status.kind);
        switch (status.kind) {
          case 'arriving':
            expect(index).toBeGreaterThanOrEqual(queue.nextIndex);
            expect(status.inMinutes).toBeCloseTo(
              customerAt(queue.seed, queue.demand, index).arrival - queue.clock,
              9,
            );
            break;
          case 'waiting':
            expect(queue.waiting[status.place - 1]).toBe(index);
            break;
          case 'atRegister': {
            const register = queue.registers[status.register];
            expect(register?.servingIndex).toBe(index);
            const customer = customerInStore(queue, index);
            expect(status.waitedMinutes).toBe((customer?.start ?? NaN) - (customer?.arrival ?? 0));
            break;
          }
          case 'done':
            throw new Error(`${id} was left done after a tick`);
          default: {
            const unreachable: never = status;
            throw new Error(`unknown status ${JSON.stringify(unreachable)}`);
          }
        }
      }
      s = tickBy(s, 0.25);
    }
    expect([...seen].sort()).toEqual(['arriving', 'atRegister', 'waiting']);
  });

  it('keeps simulated customers between participants when it seats them, visit after visit', () => {
    let s = started({ ...SLOW, durationMinutes: 60 });
    let sawParticipantsInLine = 0;
    while (s.status === 'running') {
      const indices = Object.values(s.shoppers)
        .map((x) => x.customerIndex)
        .sort((a, b) => a - b);
      for (let i = 1; i < indices.length; i++) {
        expect((indices[i] ?? 0) - (indices[i - 1] ?? 0)).toBeGreaterThanOrEqual(2);
      }
      const line = fineLine.screenView(s, ctx()).line;
      for (let i = 1; i < line.length; i++) {
        expect(line[i]?.isParticipant && line[i - 1]?.isParticipant).toBe(false);
      }
      sawParticipantsInLine = Math.max(
        sawParticipantsInLine,
        line.filter((x) => x.isParticipant).length,
      );
      s = tickBy(s, 0.5);
    }
    expect(sawParticipantsInLine).toBeGreaterThanOrEqual(2);
    expect(Math.max(...Object.values(s.shoppers).map((x) => x.visits))).toBeGreaterThan(1);
  });

  it('seats a participant who joins during the run at the next tick', () => {
    const late = 'p-dan-late';
    const roster = { ...ROSTER, [late]: { id: late, name: 'Dan Late', hasLeft: false } };
    let s = tickBy(started(), 5);
    expect(s.shoppers[late]).toBeUndefined();
    s = tickBy(s, 0.1, ctx({ roster }));
    expect(s.shoppers[late]).toMatchObject({ visits: 1, mood: null });
    expect(s.shoppers[late]?.customerIndex).toBeGreaterThan(queueOf(s).nextIndex);
  });
});

describe('mood', () => {
  const at = (ms: number) => ctx({ at: AT + ms });

  it('refuses a mood when the participant is not in line', () => {
    const s = started(SLOW);
    expect(statusOf(s, ANA)).toBe('arriving');
    const error = refused(s, as(ANA), { type: 'mood', value: 3 });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/not in line/);
    expect(refused(init(), as(ANA), { type: 'mood', value: 3 }).code).toBe('CONFLICT');
    expect(refused(s, as(GONE), { type: 'mood', value: 3 }).code).toBe('CONFLICT');
  });

  it.each<['waiting' | 'atRegister']>([['waiting'], ['atRegister']])(
    'accepts a mood when the participant is %s',
    (kind) => {
      const s = tickWhile(started(SLOW), (x) => statusOf(x, ANA) !== kind);
      const reported = step(s, as(ANA), { type: 'mood', value: 2 });
      expect(reported.shoppers[ANA]).toMatchObject({ mood: 2, moodAt: AT });
      expect(own(reported, ANA).mood).toBe(2);
      expect(fineLine.submittedCount(reported)).toBe(1);
    },
  );

  it('refuses a mood when the run is over', () => {
    let s = tickWhile(started(SLOW), (x) => statusOf(x, ANA) !== 'waiting');
    s = step(s, FAC, { type: 'finish' });
    expect(refused(s, as(ANA), { type: 'mood', value: 4 }).code).toBe('CONFLICT');
  });

  it('rate limits a participant’s second report within the interval', () => {
    let s = tickWhile(started(SLOW), (x) => !isInLine(x, ANA) || !isInLine(x, BEN));
    s = step(s, as(ANA), { type: 'mood', value: 4 }, at(0));
    const error = refused(s, as(ANA), { type: 'mood', value: 1 }, at(MOOD_INTERVAL_MS - 1));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/again in a moment/);
    // Someone else is not held back by Ana's report.
    s = step(s, as(BEN), { type: 'mood', value: 5 }, at(1));
    s = step(s, as(ANA), { type: 'mood', value: 1 }, at(MOOD_INTERVAL_MS));
    expect(s.shoppers[ANA]).toMatchObject({ mood: 1, moodAt: AT + MOOD_INTERVAL_MS });
    expect(s.shoppers[BEN]?.mood).toBe(5);
  });

  it('charts the average reported mood per simulated minute', () => {
    let s = tickWhile(started(SLOW), (x) => !isInLine(x, ANA) || !isInLine(x, BEN));
    const before = clockOf(s);
    s = step(s, as(ANA), { type: 'mood', value: 2 });
    s = step(s, as(BEN), { type: 'mood', value: 5 }, at(10));
    const inLineUntil = tickWhile(s, (x) => isInLine(x, ANA) && isInLine(x, BEN), 0.5);
    // Only the minutes both were still in line for: the last tick may have moved one on.
    const after = clockOf(inLineUntil) - 0.5;
    expect(after - before).toBeGreaterThan(1);
    const points = fineLine.screenView(inLineUntil, ctx()).points;
    for (const point of points) {
      if (point.t <= before) expect(point.mood).toBeNull();
      else if (point.t <= after) expect(point.mood).toBe(3.5);
    }
    expect(points.filter((p) => p.mood === 3.5).length).toBeGreaterThanOrEqual(1);
    const samples = lastRun(inLineUntil).moodSamples.filter((m) => m.t > before && m.t <= after);
    expect(samples.length).toBeGreaterThanOrEqual(1);
    expect(samples.every((m) => m.reports === 2 && m.average === 3.5)).toBe(true);
    // Minutes before anyone reported count as no report, not as a mood of 0.
    expect(
      lastRun(inLineUntil)
        .moodSamples.filter((m) => m.t <= before)
        .every((m) => m.reports === 0),
    ).toBe(true);
    expect(fineLine.screenView(inLineUntil, ctx()).runs[0]?.averageMood).toBeGreaterThan(0);
  });

  it('has no average mood when nobody reported one', () => {
    const s = runToEnd(started({ durationMinutes: 10 }));
    expect(fineLine.screenView(s, ctx()).points.every((p) => p.mood === null)).toBe(true);
    expect(fineLine.screenView(s, ctx()).runs[0]?.averageMood).toBeNull();
  });
});

describe('views', () => {
  /** Ana and Ben both waiting in a slow store. */
  function bothWaiting(): FineLineState {
    return tickWhile(
      started(SLOW),
      (x) => statusOf(x, ANA) !== 'waiting' || statusOf(x, BEN) !== 'waiting',
    );
  }

  it('shows every participant the same public view, with no names', () => {
    const s = bothWaiting();
    const view = fineLine.participantPublicView(s, ctx());
    expect(fineLine.participantPublicView(s, ctx({ at: AT + 60_000 }))).toEqual(view);
    expect(view.line.some((entry) => entry.isParticipant)).toBe(true);
    for (const entry of view.line) expect(entry.name).toBeNull();
    const json = JSON.stringify(view);
    for (const [id, name] of Object.entries(NAMES)) {
      expect(json).not.toContain(id);
      expect(json).not.toContain(name.split(' ')[0]);
    }
  });

  it('names participant customers in the line on the screen and the facilitator console', () => {
    const s = bothWaiting();
    const queue = queueOf(s);
    for (const view of [fineLine.screenView(s, ctx()), fineLine.facilitatorView(s, ctx())]) {
      for (const [id, shopper] of Object.entries(s.shoppers)) {
        const place = queue.waiting.indexOf(shopper.customerIndex);
        if (place < 0) continue;
        expect(view.line[place]).toMatchObject({ isParticipant: true, name: NAMES[id] });
      }
      const named = view.line.filter((entry) => entry.name !== null);
      expect(named.length).toBeGreaterThanOrEqual(2);
      for (const entry of view.line) {
        if (!entry.isParticipant) expect(entry.name).toBeNull();
      }
      expect(view.waitingCount).toBe(queue.waiting.length);
    }
  });

  it('lists the present people and their role for the facilitator', () => {
    const s = step(init(), FAC, { type: 'manager', participantId: BEN, isManager: true });
    const view = fineLine.facilitatorView(s, ctx());
    expect(view.people).toEqual([
      { id: ANA, name: NAMES[ANA], isManager: false },
      { id: BEN, name: NAMES[BEN], isManager: true },
      { id: CAI, name: NAMES[CAI], isManager: false },
    ]);
    expect(view.config).toEqual(config());
  });

  it('shows each register’s state and a chart point per simulated minute', () => {
    const s = tickBy(started(SLOW), 12.5);
    const view = fineLine.screenView(s, ctx());
    expect(view.clock).toBe(12.5);
    expect(view.registers).toEqual([{ id: 0, state: 'busy' }]);
    expect(view.points.map((p) => p.t)).toEqual(Array.from({ length: 13 }, (_, t) => t));
    expect(view.points.at(-1)).toMatchObject({
      waiting: queueOf(s).samples[12]?.waiting,
      openRegisters: 1,
    });
  });

  it('compares the runs side by side with their own figures', () => {
    const cheap = policy({ openAtStart: 1, maxRegisters: 2, openThreshold: 8 });
    let s = runToEnd(started({ durationMinutes: 45, policy: cheap }));
    s = step(s, FAC, { type: 'replay', label: 'Staff up', policy: policy({ openAtStart: 4 }) });
    s = step(s, FAC, { type: 'start' });
    s = step(tickBy(s, 30), FAC, { type: 'finish' });
    const rows = fineLine.facilitatorView(s, ctx()).runs;
    expect(rows.map((r) => [r.id, r.label, r.minutes])).toEqual([
      [1, 'Wait for the line to grow', 45],
      [2, 'Staff up', 30],
    ]);
    for (const [i, row] of rows.entries()) {
      const queue = s.runs[i]?.queue;
      if (!queue) throw new Error('missing run');
      const metrics = queueMetrics(queue);
      expect(row).toEqual({
        id: i + 1,
        label: s.runs[i]?.label,
        policy: queue.policy,
        policySteps: [{ t: 0, policy: i === 0 ? cheap : policy({ openAtStart: 4 }) }],
        policyStepsLeftOut: 0,
        averageWait: metrics.averageWait,
        worstWait: metrics.worstWait,
        pastPatienceShare: metrics.pastPatienceShare,
        averageMood: null,
        staffingCost: metrics.staffingCost,
        customers: metrics.customers,
        minutes: queue.clock,
      });
    }
    expect(rows[1]?.averageWait).toBeLessThan(rows[0]?.averageWait ?? 0);
  });

  it('shows each run’s policy changes with the minute they took effect, not only the last policy', () => {
    const slow = policy({ openThreshold: 6, openDelayMinutes: 2 });
    const quick = policy({ openThreshold: 2, openDelayMinutes: 0.5 });
    let s = tickBy(started({ durationMinutes: 30, policy: slow }), 12);
    s = step(s, FAC, { type: 'policy', policy: quick });
    s = runToEnd(s);
    const [run] = fineLine.screenView(s, ctx()).runs;
    expect(run?.policy).toEqual(quick);
    expect(run?.policySteps).toEqual([
      { t: 0, policy: slow },
      { t: 12, policy: quick },
    ]);
    const debrief = fineLine.screenView(s, ctx()).debrief ?? [];
    expect(debrief[0]).toMatch(
      /^Wait for the line to grow \(30 store minutes, policy changed at minute 12\)/,
    );
    const table = fineLine.summary(s, ctx()).blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' ? table.rows[0]?.[1] : null).toBe(
      'from minute 0: 2 open, another at 6 waiting (+2 min), at most 5; then from minute 12: 2 open, another at 2 waiting (+0.5 min), at most 5',
    );
  });

  it('has a debrief only when the run is finished, quoting the runs’ numbers', () => {
    const cheap = policy({ openAtStart: 1, maxRegisters: 2, openThreshold: 8 });
    let s = started({ durationMinutes: 45, policy: cheap });
    expect(fineLine.screenView(init(), ctx()).debrief).toBeNull();
    expect(fineLine.screenView(s, ctx()).debrief).toBeNull();
    expect(fineLine.screenView(step(s, FAC, { type: 'pause' }), ctx()).debrief).toBeNull();
    s = runToEnd(s);
    s = step(s, FAC, { type: 'replay', label: 'Staff up', policy: policy({ openAtStart: 4 }) });
    expect(fineLine.screenView(s, ctx()).debrief).toBeNull();
    s = runToEnd(step(s, FAC, { type: 'start' }));

    const view = fineLine.screenView(s, ctx());
    const debrief = view.debrief ?? [];
    expect(debrief.length).toBeGreaterThan(2);
    const text = debrief.join('\n');
    for (const r of view.runs) {
      expect(text).toContain(
        `${r.label} (${r.minutes.toFixed(0)} store minutes): average wait ${r.averageWait.toFixed(1)} min, worst ${r.worstWait.toFixed(1)} min, ${Math.round(r.pastPatienceShare * 100)}% kept past their patience, staffing cost ${r.staffingCost.toFixed(0)}.`,
      );
    }
    const [waiting, staffed] = view.runs;
    if (!waiting || !staffed) throw new Error('two runs expected');
    expect(waiting.staffingCost).toBeLessThan(staffed.staffingCost);
    expect(waiting.pastPatienceShare).toBeGreaterThan(staffed.pastPatienceShare);
    expect(text).toContain(
      `“${waiting.label}” saved ${(staffed.staffingCost - waiting.staffingCost).toFixed(0)} in staffing against “${staffed.label}”`,
    );
    expect(text).toMatch(/tolerance of customer dissatisfaction .* a choice with a cost/);
    expect(fineLine.facilitatorView(s, ctx()).debrief).toEqual(debrief);
    expect(fineLine.participantPublicView(s, ctx()).debrief).toEqual(debrief);
  });

  it('summarises every run for the session’s results with the action-plan prompt', () => {
    let s = runToEnd(started({ durationMinutes: 20 }));
    s = step(s, FAC, { type: 'replay', label: 'Staff up', policy: policy({ openAtStart: 4 }) });
    const summary = fineLine.summary(s, ctx());
    expect(summary.headline).toBe('The Fine Line: 2 policies over the same customers');
    const table = summary.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' ? table.rows.map((r) => r[0]) : []).toEqual([
      'Wait for the line to grow',
      'Staff up',
    ]);
    expect(summary.blocks.some((b) => b.type === 'text' && /choice with a cost/.test(b.text))).toBe(
      true,
    );
    expect(fineLine.actionPlanPrompt(config())).toMatch(/complain/);
  });
});

describe('automation', () => {
  it.each<[string, () => FineLineState]>([
    ['ready', init],
    ['paused', () => step(started(), FAC, { type: 'pause' })],
    ['finished', () => step(started(), FAC, { type: 'finish' })],
  ])('does nothing when the store is %s', (_, at) => {
    expect(fineLine.automation?.(at(), ctx()) ?? null).toBeNull();
  });

  it.each<[number, number]>([
    [20, 0],
    [20, 7.25],
    [600, 3],
    [1, 0],
  ])(
    'ticks speed × TICK_MS of simulated time when running at speed %s from minute %s',
    (speed, from) => {
      let s = step(started(), FAC, { type: 'speed', speed });
      if (from > 0) s = step(s, FAC, { type: 'tick', toClock: from });
      expect(fineLine.automation?.(s, ctx())).toEqual({
        action: { type: 'tick', toClock: from + (speed * TICK_MS) / 60_000 },
        delayMs: TICK_MS,
      });
    },
  );

  it('stops the last tick at the configured duration', () => {
    const s = step(started({ durationMinutes: 30 }), FAC, { type: 'tick', toClock: 29.9 });
    expect(fineLine.automation?.(s, ctx())?.action).toEqual({ type: 'tick', toClock: 30 });
  });

  it('runs the whole store on its own until the end of the run', () => {
    let s = started({ durationMinutes: 15, speed: 120 });
    let ticks = 0;
    for (let next = fineLine.automation?.(s, ctx()); next; next = fineLine.automation?.(s, ctx())) {
      s = step(s, FAC, next.action);
      ticks++;
      if (ticks > 100) throw new Error('automation did not stop');
    }
    expect(s.status).toBe('finished');
    expect(clockOf(s)).toBe(15);
    expect(ticks).toBe(15);
  });
});

describe('replay determinism', () => {
  const ROUND = 'fl';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'fineLine',
    title: 'The Fine Line',
    config: config({
      seed: 'replay-run',
      durationMinutes: 30,
      speed: 60,
      policy: policy({ openAtStart: 1, openThreshold: 3, openDelayMinutes: 1, maxRegisters: 3 }),
    }),
  };

  interface Live {
    state: SessionState;
    log: EventEnvelope[];
  }

  function must(live: Live, command: SessionCommand, actor: CommandActor): Live {
    const stepped = run(live.state, command, actor);
    if (!stepped.result.ok) {
      throw new Error(`${JSON.stringify(command)} was refused: ${stepped.result.error.message}`);
    }
    return { state: stepped.state, log: [...live.log, ...stepped.envelopes] };
  }

  const roundAct = (action: Action): SessionCommand => ({
    type: 'round.act',
    roundId: ROUND,
    action,
  });
  const roundState = (state: SessionState) => state.rounds[ROUND]?.state as FineLineState;

  it('rebuilds exactly the same state from the log of runs with ticks, moods and policy changes', () => {
    let live: Live = createSession([spec]);
    const ids: Record<string, string> = {};
    for (const name of ['Ana', 'Ben', 'Cai']) {
      const before = live.log.length;
      live = must(live, { type: 'participant.join', name }, { role: 'system' });
      const event = live.log[before]?.event;
      if (event?.type !== 'participant.joined') throw new Error(`${name} did not join`);
      ids[name] = event.participantId;
    }
    const id = (name: string) => ids[name] ?? '';
    const fac = (action: Action) => {
      live = must(live, roundAct(action), SESSION_FACILITATOR);
    };
    const by = (name: string, action: Action) => {
      live = must(live, roundAct(action), { role: 'participant', participantId: id(name) });
    };
    /** Lets the store's clock run to the end, as the server's automation would. */
    const runStore = (onTick: (tick: number) => void) => {
      let tick = 0;
      for (;;) {
        const next = fineLine.automation?.(roundState(live.state), ctx());
        if (!next) break;
        fac(next.action);
        tick++;
        onTick(tick);
      }
    };
    const sessionCtx = () => ctx({ roster: live.state.participants });
    const inLine = (name: string) => {
      const kind = fineLine.participantOwnView(roundState(live.state), id(name), sessionCtx())
        .status?.kind;
      return kind === 'waiting' || kind === 'atRegister';
    };

    live = must(live, { type: 'session.start' }, SESSION_FACILITATOR);
    fac({ type: 'manager', participantId: id('Cai'), isManager: true });
    fac({ type: 'start' });
    let moods = 0;
    runStore((tick) => {
      // Every fifth tick is five seconds of real time later: never rate limited.
      if (tick % 5 === 0) {
        for (const name of ['Ana', 'Ben']) {
          if (!inLine(name)) continue;
          by(name, { type: 'mood', value: 1 + ((tick / 5) % 5) });
          moods++;
        }
      }
      if (tick === 20) fac({ type: 'policy', policy: policy({ openAtStart: 2, maxRegisters: 4 }) });
      if (tick === 25) {
        fac({ type: 'pause' });
        fac({ type: 'speed', speed: 90 });
        fac({ type: 'resume' });
      }
      if (tick === 40) by('Cai', { type: 'policy', policy: policy({ openAtStart: 1 }) });
    });

    const first = roundState(live.state);
    expect(first.status).toBe('finished');
    expect(clockOf(first)).toBe(30);
    expect(moods).toBeGreaterThan(2);
    expect(lastRun(first).policyChanges.map((c) => c.policy.openAtStart)).toEqual([2, 1]);
    expect(lastRun(first).moodSamples.some((m) => m.reports > 0)).toBe(true);
    expect(replay(live.log)).toEqual(live.state);

    // A second policy over the same customers, from the same log.
    fac({ type: 'replay', label: 'Open early', policy: policy({ openAtStart: 3 }) });
    fac({ type: 'start' });
    runStore((tick) => {
      if (tick === 10 && inLine('Ana')) by('Ana', { type: 'mood', value: 5 });
    });
    const final = roundState(live.state);
    expect(final.runs).toHaveLength(2);
    expect(final.status).toBe('finished');
    expect(final.runs[1]?.queue.nextIndex).toBe(final.runs[0]?.queue.nextIndex);

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    expect(JSON.stringify(roundState(replayed))).toBe(JSON.stringify(final));
    // And again from a snapshot half way through the log.
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(fineLine.screenView(roundState(replayed), sessionCtx())).toEqual(
      fineLine.screenView(final, sessionCtx()),
    );
  });
});
