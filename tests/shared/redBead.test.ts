/**
 * The Red Bead Experiment as an exercise: config bounds, roles, the day's flow of dips and
 * inspections, management's interventions and the system changes that really work,
 * predictions, statistics, views, replay determinism and demo automation.
 */
import { describe, expect, it } from 'vitest';
import {
  createRandom,
  getExercise,
  replay,
  participantPublicView as sessionPublicView,
  type Actor,
  type AppError,
  type CommandActor,
  type EventEnvelope,
  type Random,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import { deriveSeed } from '@playfield/shared/random';
import { redBead, type RedBeadState } from '@playfield/shared/exercises/redBead/index';
import {
  bucketSpec,
  type RedBeadConfig,
  type RedBeadFacilitatorAction,
  type RedBeadParticipantAction,
} from '@playfield/shared/exercises/redBead/model';
import { roleOf } from '@playfield/shared/exercises/redBead/reduce';
import { drawPaddle } from '@playfield/shared/exercises/redBead/sampler';
import { ranking, recordTable, redBeadChart } from '@playfield/shared/exercises/redBead/stats';
import { predictionOutcome, redBeadDebrief } from '@playfield/shared/exercises/redBead/debrief';
import { FACILITATOR as SESSION_FACILITATOR, createSession, run } from './sessionHarness.ts';

type Action = RedBeadFacilitatorAction | RedBeadParticipantAction;

const FAC: Actor = { role: 'facilitator' };
const as = (participantId: string): Actor => ({ role: 'participant', participantId });

/** Six workers, two inspectors, a chief, a recorder, two observers and one who left. */
const WORKERS = ['p-ana', 'p-ben', 'p-cai', 'p-dee', 'p-eli', 'p-fay'];
const INSPECTORS = ['p-gus', 'p-hal'];
const CHIEF = 'p-ivy';
const RECORDER = 'p-jon';
const OBSERVER = 'p-zed-obs-41';
const OBSERVER_2 = 'p-yin-obs-77';
const GONE = 'p-kim-left';

const NAMES: Record<string, string> = {
  'p-ana': 'Ana',
  'p-ben': 'Ben',
  'p-cai': 'Cai',
  'p-dee': 'Dee',
  'p-eli': 'Eli',
  'p-fay': 'Fay',
  'p-gus': 'Gus',
  'p-hal': 'Hal',
  'p-ivy': 'Ivy',
  'p-jon': 'Jon',
  [OBSERVER]: 'Zed',
  [OBSERVER_2]: 'Yin',
  [GONE]: 'Kim',
};

const ROSTER: RoundContext['roster'] = Object.fromEntries(
  Object.entries(NAMES).map(([id, name]) => [id, { id, name, hasLeft: id === GONE }]),
);

function ctx(roster: RoundContext['roster'] = ROSTER): RoundContext {
  return { isOpen: true, isRevealed: false, roster, at: 1000 };
}

function config(overrides: Partial<RedBeadConfig> = {}): RedBeadConfig {
  return { ...redBead.defaultConfig(), ...overrides };
}

function init(overrides: Partial<RedBeadConfig> = {}): RedBeadState {
  return redBead.init(config(overrides), 'round-seed');
}

/** Applies one action that must be accepted. */
function step(state: RedBeadState, actor: Actor, action: Action, context = ctx()): RedBeadState {
  const result = redBead.reduce(state, action, actor, context);
  if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.message}`);
  return result.data;
}

/** Applies actions that must all be accepted. */
function act(state: RedBeadState, steps: [Actor, Action][], context = ctx()): RedBeadState {
  return steps.reduce((s, [actor, action]) => step(s, actor, action, context), state);
}

/** An action that must be refused; returns the error. */
function refused(state: RedBeadState, actor: Actor, action: Action, context = ctx()): AppError {
  const result = redBead.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${action.type} was accepted`);
  return result.error;
}

/** Starts a day and lets the facilitator dip (and record) every turn until the day ends. */
function runDay(state: RedBeadState, context = ctx()): RedBeadState {
  let s = step(state, FAC, { type: 'startDay' }, context);
  while (s.stage === 'working') {
    s = step(s, FAC, s.pending ? { type: 'record' } : { type: 'dip' }, context);
  }
  return s;
}

function runDays(state: RedBeadState, days: number): RedBeadState {
  let s = state;
  for (let d = 0; d < days; d++) s = runDay(s);
  return s;
}

/** Workers assigned; inspectors, chief and recorder only when asked for. */
function staffed(
  opts: { inspectors?: number; hasChief?: boolean; hasRecorder?: boolean } = {},
  overrides: Partial<RedBeadConfig> = {},
): RedBeadState {
  const steps: [Actor, Action][] = WORKERS.map((id, slot) => [
    FAC,
    { type: 'assign', role: 'worker', slot, participantId: id },
  ]);
  INSPECTORS.slice(0, opts.inspectors ?? 0).forEach((id, slot) =>
    steps.push([FAC, { type: 'assign', role: 'inspector', slot, participantId: id }]),
  );
  if (opts.hasChief)
    steps.push([FAC, { type: 'assign', role: 'chief', slot: 0, participantId: CHIEF }]);
  if (opts.hasRecorder)
    steps.push([FAC, { type: 'assign', role: 'recorder', slot: 0, participantId: RECORDER }]);
  return act(init(overrides), steps);
}

/** The paddle the sampler gives for draw `index` of a round: the replay guarantee. */
function paddleAt(cfg: RedBeadConfig, index: number, system = cfg) {
  return drawPaddle(bucketSpec(cfg, system), deriveSeed(cfg.seed, 'draw', String(index)));
}

const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('config schema', () => {
  it('accepts the defaults when nothing is changed', () => {
    expect(redBead.configSchema.safeParse(redBead.defaultConfig()).success).toBe(true);
    expect(getExercise('redBead')?.parseConfig(redBead.defaultConfig()).ok).toBe(true);
  });

  it.each<[string, Partial<RedBeadConfig>, RegExp]>([
    ['0 beads', { beads: 0 }, /bucket needs at least 1 bead/i],
    ['a red share above 100 %', { redSharePercent: 101 }, /share of red beads .*0 and 100 %/i],
    [
      'a paddle larger than the bucket',
      { beads: 50, paddleHoles: 60 },
      /paddle has 60 holes but the bucket only 50 beads/,
    ],
    ['0 workers', { workers: 0 }, /at least 1 willing worker/i],
  ])('refuses %s with a readable message', (_, overrides, message) => {
    const parsed = redBead.configSchema.safeParse(config(overrides));
    expect(parsed.success).toBe(false);
    const messages = parsed.error?.issues.map((i) => i.message) ?? [];
    expect(messages.join(' | ')).toMatch(message);
    // Readable: no zod jargon a facilitator would have to translate.
    for (const m of messages) expect(m).not.toMatch(/too (small|big)|expected number|>=|<=/i);
    const viaRegistry = getExercise('redBead')?.parseConfig(config(overrides));
    expect(viaRegistry?.ok).toBe(false);
    if (viaRegistry && !viaRegistry.ok) {
      expect(viaRegistry.error.code).toBe('BAD_REQUEST');
      expect(viaRegistry.error.message).toMatch(message);
    }
  });

  it.each<[string, Partial<RedBeadConfig>]>([
    ['a negative red share', { redSharePercent: -1 }],
    ['more than 12 workers', { workers: 13 }],
    ['0 days', { days: 0 }],
    ['a blank seed', { seed: '   ' }],
  ])('refuses %s', (_, overrides) => {
    expect(redBead.configSchema.safeParse(config(overrides)).success).toBe(false);
  });

  it('accepts a paddle exactly as large as the bucket and 0 % or 100 % red', () => {
    for (const overrides of [
      { beads: 50, paddleHoles: 50 },
      { redSharePercent: 0 },
      { redSharePercent: 100 },
    ]) {
      expect(redBead.configSchema.safeParse(config(overrides)).success).toBe(true);
    }
  });
});

describe('roles', () => {
  it('moves a participant to their new role when they are re-assigned', () => {
    const who = 'p-ana';
    const moves: [Action, string][] = [
      [{ type: 'assign', role: 'worker', slot: 0, participantId: who }, 'worker'],
      [{ type: 'assign', role: 'inspector', slot: 1, participantId: who }, 'inspector'],
      [{ type: 'assign', role: 'chief', slot: 0, participantId: who }, 'chief'],
      [{ type: 'assign', role: 'recorder', slot: 0, participantId: who }, 'recorder'],
      [{ type: 'assign', role: 'worker', slot: 3, participantId: who }, 'worker'],
    ];
    let s = init();
    for (const [action, role] of moves) {
      s = step(s, FAC, action);
      expect(roleOf(s, who)).toBe(role);
      const seats = [
        ...s.workers.map((w) => w.participantId),
        ...s.inspectors,
        s.chiefInspector,
        s.recorder,
      ];
      expect(seats.filter((id) => id === who)).toHaveLength(1);
    }
    expect(s.workers.map((w) => w.participantId)).toEqual([null, null, null, who, null, null]);
  });

  it('frees a seat when it is assigned to nobody', () => {
    const s = act(init(), [
      [FAC, { type: 'assign', role: 'inspector', slot: 0, participantId: 'p-gus' }],
      [FAC, { type: 'assign', role: 'inspector', slot: 0, participantId: null }],
    ]);
    expect(s.inspectors).toEqual([null, null]);
    expect(roleOf(s, 'p-gus')).toBe('observer');
  });

  it.each<[string, Action, string]>([
    [
      'an unknown participant',
      { type: 'assign', role: 'worker', slot: 0, participantId: 'p-nobody' },
      'NOT_FOUND',
    ],
    [
      'a third inspector',
      { type: 'assign', role: 'inspector', slot: 2, participantId: 'p-gus' },
      'INVALID_ACTION',
    ],
    [
      'a worker slot beyond the line',
      { type: 'assign', role: 'worker', slot: 6, participantId: 'p-gus' },
      'INVALID_ACTION',
    ],
  ])('refuses to assign %s', (_, action, code) => {
    expect(refused(init(), FAC, action).code).toBe(code);
  });

  it('fills only empty roles from present, unassigned participants when volunteers are picked', () => {
    const s0 = act(init(), [
      [FAC, { type: 'assign', role: 'recorder', slot: 0, participantId: RECORDER }],
      [FAC, { type: 'assign', role: 'worker', slot: 2, participantId: 'p-cai' }],
    ]);
    const s = step(s0, FAC, { type: 'pickVolunteers' });
    const picked = [
      ...s.workers.map((w) => w.participantId),
      ...s.inspectors,
      s.chiefInspector,
    ].filter((id): id is string => id !== null);
    expect(s.recorder).toBe(RECORDER);
    expect(s.workers[2]?.participantId).toBe('p-cai');
    expect(picked).toHaveLength(9);
    expect(new Set(picked).size).toBe(9);
    expect(picked).not.toContain(GONE);
    expect(picked).not.toContain(RECORDER);
    for (const id of picked) expect(ROSTER[id]).toBeDefined();
    // Twelve people are present: the recorder and nine picks leave two observers.
    const observers = Object.keys(ROSTER).filter(
      (id) => id !== GONE && roleOf(s, id) === 'observer',
    );
    expect(observers).toHaveLength(2);
  });

  it('picks the same volunteers when the seed is the same and others when it differs', () => {
    const pick = (seed: string) => step(init({ seed }), FAC, { type: 'pickVolunteers' });
    const seats = (s: RedBeadState) => [
      ...s.workers.map((w) => w.participantId),
      ...s.inspectors,
      s.chiefInspector,
      s.recorder,
    ];
    expect(seats(pick('alpha'))).toEqual(seats(pick('alpha')));
    expect(seats(pick('alpha'))).not.toEqual(seats(pick('beta')));
  });

  it('leaves roles empty when there are not enough people to pick', () => {
    const roster = { 'p-ana': { id: 'p-ana', name: 'Ana', hasLeft: false } };
    const s = step(init(), FAC, { type: 'pickVolunteers' }, ctx(roster));
    expect(s.workers.map((w) => w.participantId)).toEqual(['p-ana', null, null, null, null, null]);
    expect([s.inspectors, s.chiefInspector, s.recorder]).toEqual([[null, null], null, null]);
    // A second pick with nobody left to take changes no seat.
    const again = step(s, FAC, { type: 'pickVolunteers' }, ctx(roster));
    expect(again.workers).toEqual(s.workers);
  });

  it('reports each role and observer for everyone else when roleOf is asked', () => {
    const s = staffed({ inspectors: 2, hasChief: true, hasRecorder: true });
    expect(
      ['p-ana', 'p-gus', 'p-hal', CHIEF, RECORDER, OBSERVER].map((id) => roleOf(s, id)),
    ).toEqual(['worker', 'inspector', 'inspector', 'chief', 'recorder', 'observer']);
    const fired = {
      ...s,
      workers: s.workers.map((w, i) => (i === 0 ? { ...w, status: 'fired' as const } : w)),
    };
    expect(roleOf(fired, 'p-ana')).toBe('observer');
  });
});

describe('the day', () => {
  it.each<[string, (s: RedBeadState) => RedBeadState, string[]]>([
    ['everyone works', (s) => s, ['A', 'B', 'C', 'D', 'E', 'F']],
    [
      'B is fired and E works a double shift',
      (s) => ({
        ...s,
        workers: s.workers.map((w) =>
          w.id === 'B'
            ? { ...w, status: 'fired' as const }
            : w.id === 'E'
              ? { ...w, hasDoubleShift: true }
              : w,
        ),
      }),
      ['A', 'C', 'D', 'E', 'E', 'F'],
    ],
    [
      'A is on probation',
      (s) => ({
        ...s,
        workers: s.workers.map((w) => (w.id === 'A' ? { ...w, status: 'probation' as const } : w)),
      }),
      ['A', 'B', 'C', 'D', 'E', 'F'],
    ],
  ])('gives each worker their turns when %s', (_, change, turns) => {
    const s = step(change(init()), FAC, { type: 'startDay' });
    expect(s).toMatchObject({ stage: 'working', day: 1, turns, turnIndex: 0 });
  });

  it('refuses to start a day when every worker has been fired', () => {
    const s = init();
    const allFired = { ...s, workers: s.workers.map((w) => ({ ...w, status: 'fired' as const })) };
    expect(refused(allFired, FAC, { type: 'startDay' }).message).toMatch(/fired/);
  });

  it('records the paddle at once when there are no inspectors', () => {
    const s = act(staffed(), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
    ]);
    const paddle = paddleAt(s.config, 0);
    expect(s.pending).toBeNull();
    expect(s.turnIndex).toBe(1);
    expect(s.draws).toEqual([
      { index: 0, day: 1, workerId: 'A', participantId: 'p-ana', red: paddle.red, sampleSize: 50 },
    ]);
    expect(s.lastDraw).toMatchObject({ index: 0, workerId: 'A', beads: paddle.beads });
    expect(redBead.participantOwnView(s, 'p-ben', ctx())).toMatchObject({ workerId: 'B' });
  });

  it('lets only the current worker dip, once per turn, when inspectors are counting', () => {
    const s = act(staffed({ inspectors: 2, hasChief: true }), [[FAC, { type: 'startDay' }]]);
    expect(refused(s, as('p-ben'), { type: 'dip' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused(s, as(OBSERVER), { type: 'dip' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused(s, as('p-gus'), { type: 'dip' })).toMatchObject({ code: 'FORBIDDEN' });
    const dipped = step(s, as('p-ana'), { type: 'dip' });
    expect(dipped.pending).toMatchObject({ index: 0, workerId: 'A', confirmedBy: [] });
    expect(refused(dipped, as('p-ana'), { type: 'dip' })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Wait for the inspectors',
    });
    expect(refused(dipped, FAC, { type: 'dip' }).message).toMatch(/still counting/);
    expect(dipped.dipCount).toBe(1);
  });

  it('refuses a dip when no day is running', () => {
    expect(refused(staffed(), as('p-ana'), { type: 'dip' }).code).toBe('FORBIDDEN');
    expect(refused(staffed(), FAC, { type: 'dip' }).code).toBe('CONFLICT');
  });

  it('lets the facilitator dip for a simulated worker', () => {
    const s = act(init(), [
      [FAC, { type: 'startDay' }],
      [FAC, { type: 'dip' }],
    ]);
    expect(s.draws.map((d) => d.workerId)).toEqual(['A']);
  });

  it('records the paddle only after both inspectors and then the chief confirm it', () => {
    const s = act(staffed({ inspectors: 2, hasChief: true }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
    ]);
    expect(refused(s, as(CHIEF), { type: 'confirm', drawIndex: 0 }).message).toMatch(
      /both inspectors/,
    );
    expect(refused(s, as('p-gus'), { type: 'confirm', drawIndex: 1 }).code).toBe('CONFLICT');
    expect(refused(s, as(OBSERVER), { type: 'confirm', drawIndex: 0 }).code).toBe('FORBIDDEN');
    expect(refused(s, as('p-ana'), { type: 'confirm', drawIndex: 0 }).code).toBe('FORBIDDEN');
    expect(refused(s, FAC, { type: 'confirm', drawIndex: 0 }).code).toBe('FORBIDDEN');

    const one = step(s, as('p-gus'), { type: 'confirm', drawIndex: 0 });
    expect(one.pending?.confirmedBy).toEqual(['p-gus']);
    expect(redBead.participantOwnView(one, 'p-gus', ctx()).hasConfirmed).toBe(true);
    expect(redBead.participantOwnView(one, 'p-hal', ctx()).hasConfirmed).toBe(false);
    expect(refused(one, as('p-gus'), { type: 'confirm', drawIndex: 0 }).code).toBe('CONFLICT');
    expect(refused(one, as(CHIEF), { type: 'confirm', drawIndex: 0 }).code).toBe('CONFLICT');

    const both = step(one, as('p-hal'), { type: 'confirm', drawIndex: 0 });
    expect(both.pending?.confirmedBy).toEqual(['p-gus', 'p-hal']);
    expect(both.draws).toEqual([]);

    const announced = step(both, as(CHIEF), { type: 'confirm', drawIndex: 0 });
    expect(announced.pending).toBeNull();
    expect(announced.draws.map((d) => [d.index, d.workerId])).toEqual([[0, 'A']]);
    expect(announced.turnIndex).toBe(1);
    // The recorded paddle is stale now: nobody can confirm it again.
    expect(refused(announced, as('p-gus'), { type: 'confirm', drawIndex: 0 }).code).toBe(
      'CONFLICT',
    );
  });

  it('records the paddle when both inspectors agree and there is no chief', () => {
    const s = act(staffed({ inspectors: 2 }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
      [as('p-hal'), { type: 'confirm', drawIndex: 0 }],
    ]);
    expect(s.draws).toHaveLength(0);
    const recorded = step(s, as('p-gus'), { type: 'confirm', drawIndex: 0 });
    expect(recorded.draws).toHaveLength(1);
    expect(recorded.pending).toBeNull();
  });

  it('lets the chief alone announce the count when there are no inspectors', () => {
    const s = act(staffed({ hasChief: true }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
    ]);
    expect(s.pending).not.toBeNull();
    expect(step(s, as(CHIEF), { type: 'confirm', drawIndex: 0 }).draws).toHaveLength(1);
  });

  it('skips inspection when the facilitator records the paddle', () => {
    const s = act(staffed({ inspectors: 2, hasChief: true }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
      [FAC, { type: 'record' }],
    ]);
    expect(s.draws).toHaveLength(1);
    expect(s.pending).toBeNull();
    expect(refused(s, FAC, { type: 'record' }).code).toBe('CONFLICT');
  });

  it('ends the day after the last turn and finishes the experiment after the last day', () => {
    let s = runDay(init({ days: 2, workers: 3 }));
    expect(s).toMatchObject({ stage: 'dayEnded', day: 1, turnIndex: 3 });
    expect(s.draws.map((d) => [d.index, d.day, d.workerId])).toEqual([
      [0, 1, 'A'],
      [1, 1, 'B'],
      [2, 1, 'C'],
    ]);
    s = runDay(s);
    expect(s).toMatchObject({ stage: 'finished', day: 2 });
    expect(s.draws).toHaveLength(6);
    expect(refused(s, FAC, { type: 'startDay' }).message).toMatch(/over/);
    expect(refused(s, FAC, { type: 'finish' }).code).toBe('CONFLICT');
  });

  it('refuses to start a day while one is running', () => {
    const s = step(init(), FAC, { type: 'startDay' });
    expect(refused(s, FAC, { type: 'startDay' }).message).toMatch(/already running/);
  });

  it('discards the paddle waiting for inspection when the facilitator finishes', () => {
    const s = act(staffed({ inspectors: 1 }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
      [FAC, { type: 'finish' }],
    ]);
    expect(s).toMatchObject({ stage: 'finished', pending: null, dipCount: 1, draws: [] });
  });

  it('refuses management actions from participants', () => {
    const actions: Action[] = [
      { type: 'startDay' },
      { type: 'record' },
      { type: 'quota', max: 3 },
      { type: 'fireWorst', count: 1 },
      { type: 'newSupplier', redSharePercent: 0 },
      { type: 'finish' },
    ];
    for (const action of actions) {
      expect(refused(init(), as(CHIEF), action).code).toBe('FORBIDDEN');
    }
  });
});

describe('interventions', () => {
  const afterDayOne = () => runDay(init());
  const midDayOne = () => {
    let s = step(init(), FAC, { type: 'startDay' });
    s = step(s, FAC, { type: 'dip' });
    return step(s, FAC, { type: 'dip' });
  };

  it.each<[string, () => RedBeadState, number, number]>([
    ['before the first day', init, 1, 0],
    [
      'while predictions for day 1 are open',
      () => step(init(), FAC, { type: 'openPredictions' }),
      1,
      0,
    ],
    ['during day 1 after two paddles', midDayOne, 1, 2],
    ['after day 1', afterDayOne, 2, 6],
  ])('logs quota and slogan for the day they precede when made %s', (_, at, day, beforeDraw) => {
    const s = act(at(), [
      [FAC, { type: 'quota', max: 3 }],
      [FAC, { type: 'slogan', text: 'Zero defects!' }],
    ]);
    expect(s.quota).toBe(3);
    expect(s.slogan).toBe('Zero defects!');
    expect(s.interventions).toEqual([
      { kind: 'quota', day, beforeDraw, text: 'Quota: no more than 3 red beads', workerIds: [] },
      { kind: 'slogan', day, beforeDraw, text: 'Slogan: “Zero defects!”', workerIds: [] },
    ]);
  });

  it.each<['praise' | 'bonus' | 'probation', 'best' | 'worst', RegExp]>([
    ['praise', 'best', /^Praise for Worker [A-F]$/],
    ['bonus', 'best', /^Bonus for Worker [A-F]$/],
    ['probation', 'worst', /^Worker [A-F] on probation$/],
  ])('gives %s to the %s worker when no worker is named', (kind, which, text) => {
    const s0 = afterDayOne();
    const ranked = ranking(s0);
    const expected = (which === 'best' ? ranked[0] : ranked.at(-1))?.workerId;
    const s = step(s0, FAC, { type: 'reward', kind });
    expect(s.interventions).toMatchObject([{ kind, day: 2, beforeDraw: 6, workerIds: [expected] }]);
    expect(s.interventions[0]?.text).toMatch(text);
    const status = s.workers.find((w) => w.id === expected)?.status;
    expect(status).toBe(kind === 'probation' ? 'probation' : 'working');
  });

  it('singles out the named worker when one is given', () => {
    const s = step(afterDayOne(), FAC, { type: 'reward', kind: 'praise', workerId: 'C' });
    expect(s.interventions[0]).toMatchObject({ text: 'Praise for Worker C', workerIds: ['C'] });
  });

  it('uses the participant name of an assigned worker in the log', () => {
    const s = step(runDay(staffed()), FAC, { type: 'reward', kind: 'bonus', workerId: 'B' });
    expect(s.interventions[0]?.text).toBe('Bonus for Ben');
  });

  it.each<[string, () => RedBeadState, Action]>([
    ['before anyone has drawn', init, { type: 'reward', kind: 'praise' }],
    ['for an unknown worker', afterDayOne, { type: 'reward', kind: 'bonus', workerId: 'Z' }],
  ])('refuses a reward %s', (_, at, action) => {
    expect(refused(at(), FAC, action).code).toBe('CONFLICT');
  });

  it.each(['praise', 'bonus', 'probation'] as const)(
    'refuses %s for a fired worker, so probation never brings them back',
    (kind) => {
      const s = step(afterDayOne(), FAC, { type: 'fireWorst', count: 1 });
      const fired = s.workers.find((w) => w.status === 'fired')?.id ?? '';
      const error = refused(s, FAC, { type: 'reward', kind, workerId: fired });
      expect(error).toEqual({ code: 'CONFLICT', message: `Worker ${fired} has been fired` });
      expect(step(s, FAC, { type: 'startDay' }).turns).not.toContain(fired);
    },
  );

  it('fires the N worst and gives the N best double shifts', () => {
    const s0 = afterDayOne();
    const ranked = ranking(s0).map((t) => t.workerId);
    const s = step(s0, FAC, { type: 'fireWorst', count: 2 });
    const best = ranked.slice(0, 2);
    const worst = ranked.slice(-2);
    for (const w of s.workers) {
      expect(w.status).toBe(worst.includes(w.id) ? 'fired' : 'working');
      expect(w.hasDoubleShift).toBe(best.includes(w.id));
    }
    expect(s.interventions).toMatchObject([
      { kind: 'fire', day: 2, beforeDraw: 6, workerIds: [...worst, ...best] },
    ]);
    expect(s.interventions[0]?.text).toMatch(
      /^Fired Worker [A-F], Worker [A-F]; double shifts for/,
    );
    const day2 = step(s, FAC, { type: 'startDay' });
    expect(day2.turns).toHaveLength(6);
    for (const id of worst) expect(day2.turns).not.toContain(id);
    for (const id of best) expect(day2.turns.filter((t) => t === id)).toHaveLength(2);
  });

  it.each<[string, () => RedBeadState, number, RegExp]>([
    ['during a working day', midDayOne, 1, /between days/],
    ['with too few workers for the count', afterDayOne, 4, /needs at least 8 workers/],
    ['before anyone has drawn', init, 1, /needs at least 2 workers/],
  ])('refuses to fire %s', (_, at, count, message) => {
    const error = refused(at(), FAC, { type: 'fireWorst', count });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(message);
  });

  it('finishes the experiment when the plant is closed', () => {
    const s = step(midDayOne(), FAC, { type: 'closePlant' });
    expect(s).toMatchObject({ stage: 'finished', isPlantClosed: true, pending: null });
    expect(s.interventions.at(-1)).toMatchObject({ kind: 'closePlant', day: 1, beforeDraw: 2 });
    expect(refused(s, FAC, { type: 'closePlant' }).code).toBe('CONFLICT');
  });

  it('draws no red after a supplier with 0 % red and starts a new chart segment', () => {
    const s0 = step(afterDayOne(), FAC, { type: 'newSupplier', redSharePercent: 0 });
    expect(s0.eras).toEqual([
      { redSharePercent: 20, paddleHoles: 50, startDraw: 0 },
      { redSharePercent: 0, paddleHoles: 50, startDraw: 6 },
    ]);
    expect(s0.interventions[0]).toMatchObject({ kind: 'newSupplier', day: 2, beforeDraw: 6 });
    const s = runDay(s0);
    expect(s.draws.slice(6).map((d) => d.red)).toEqual([0, 0, 0, 0, 0, 0]);
    const chart = redBeadChart(s, ROSTER);
    expect(chart.segments.map((g) => [g.start, g.end, g.center])).toEqual([
      [0, 6, 10],
      [6, 12, 0],
    ]);
    expect(chart.markers).toEqual([
      { beforePoint: 6, label: 'System change: new supplier, 0% red', isSystemChange: true },
    ]);
  });

  it('draws with the new paddle after a paddle change', () => {
    const s = runDay(step(afterDayOne(), FAC, { type: 'newPaddle', paddleHoles: 25 }));
    expect(s.draws.map((d) => d.sampleSize)).toEqual([
      ...Array<number>(6).fill(50),
      ...Array<number>(6).fill(25),
    ]);
    for (const d of s.draws.slice(6)) {
      expect(d.red).toBe(paddleAt(s.config, d.index, { ...s.config, paddleHoles: 25 }).red);
    }
    const chart = redBeadChart(s, ROSTER);
    expect(chart.segments[1]).toMatchObject({ start: 6, end: 12, center: 5 });
  });

  it('refuses a paddle with more holes than the bucket has beads', () => {
    const s = init({ beads: 100, paddleHoles: 50 });
    expect(refused(s, FAC, { type: 'newPaddle', paddleHoles: 200 }).code).toBe('INVALID_ACTION');
  });

  it('refuses a system change during a working day', () => {
    expect(refused(midDayOne(), FAC, { type: 'newSupplier', redSharePercent: 10 }).code).toBe(
      'CONFLICT',
    );
  });

  it('keeps one era when two system changes come with no draw in between', () => {
    const s = act(afterDayOne(), [
      [FAC, { type: 'newSupplier', redSharePercent: 10 }],
      [FAC, { type: 'newPaddle', paddleHoles: 25 }],
    ]);
    expect(s.eras).toEqual([
      { redSharePercent: 20, paddleHoles: 50, startDraw: 0 },
      { redSharePercent: 10, paddleHoles: 25, startDraw: 6 },
    ]);
    const before = act(init(), [
      [FAC, { type: 'newSupplier', redSharePercent: 10 }],
      [FAC, { type: 'newSupplier', redSharePercent: 5 }],
    ]);
    expect(before.eras).toEqual([{ redSharePercent: 5, paddleHoles: 50, startDraw: 0 }]);
  });

  it('never changes the draws when management exhorts, rewards, punishes or fires', () => {
    const plain = runDays(init(), 4);
    let theatre = act(init(), [
      [FAC, { type: 'quota', max: 3 }],
      [FAC, { type: 'slogan', text: 'Zero defects!' }],
    ]);
    theatre = runDay(theatre);
    theatre = act(theatre, [
      [FAC, { type: 'reward', kind: 'praise' }],
      [FAC, { type: 'reward', kind: 'probation' }],
      [FAC, { type: 'slogan', text: 'Do it right the first time' }],
    ]);
    theatre = runDay(theatre);
    theatre = act(theatre, [
      [FAC, { type: 'reward', kind: 'bonus' }],
      [FAC, { type: 'quota', max: 1 }],
    ]);
    theatre = runDay(theatre);
    theatre = runDay(step(theatre, FAC, { type: 'fireWorst', count: 2 }));

    expect(theatre.stage).toBe('finished');
    expect(theatre.interventions).toHaveLength(8);
    const reds = (s: RedBeadState) => s.draws.map((d) => [d.index, d.red, d.sampleSize]);
    expect(reds(theatre)).toEqual(reds(plain));
    expect(plain.draws.map((d) => d.red)).toEqual(
      plain.draws.map((d) => paddleAt(plain.config, d.index).red),
    );
  });
});

describe('predictions', () => {
  const predicting = () => step(staffed(), FAC, { type: 'openPredictions' });

  it('stores an observer prediction for the day about to run', () => {
    const s = step(predicting(), as(OBSERVER), {
      type: 'predict',
      day: 1,
      bestWorkerId: 'C',
      trend: null,
    });
    expect(s).toMatchObject({ stage: 'predicting', day: 1 });
    expect(s.predictions).toEqual({ 1: { [OBSERVER]: { bestWorkerId: 'C', trend: null } } });
    // Starting the day keeps its number.
    expect(step(s, FAC, { type: 'startDay' })).toMatchObject({ stage: 'working', day: 1 });
  });

  it.each<[string, () => RedBeadState, string, Action, string]>([
    [
      'for another day',
      predicting,
      OBSERVER,
      { type: 'predict', day: 2, bestWorkerId: 'A', trend: null },
      'ROUND_LOCKED',
    ],
    [
      'once the day is running',
      () => step(predicting(), FAC, { type: 'startDay' }),
      OBSERVER,
      { type: 'predict', day: 1, bestWorkerId: 'A', trend: null },
      'ROUND_LOCKED',
    ],
    [
      'before predictions are open',
      staffed,
      OBSERVER,
      { type: 'predict', day: 1, bestWorkerId: 'A', trend: null },
      'ROUND_LOCKED',
    ],
    [
      'from a worker',
      predicting,
      'p-ana',
      { type: 'predict', day: 1, bestWorkerId: 'B', trend: null },
      'FORBIDDEN',
    ],
    [
      'naming an unknown worker',
      predicting,
      OBSERVER,
      { type: 'predict', day: 1, bestWorkerId: 'Z', trend: 'better' },
      'INVALID_ACTION',
    ],
  ])('refuses a prediction %s', (_, at, who, action, code) => {
    expect(refused(at(), as(who), action).code).toBe(code);
  });

  it('refuses to open predictions during a working day', () => {
    const s = step(staffed(), FAC, { type: 'startDay' });
    expect(refused(s, FAC, { type: 'openPredictions' }).code).toBe('CONFLICT');
  });

  it('counts the right guesses once the day is over', () => {
    // Predictions never change the draws, so a run without them tells us the outcome.
    const probe = runDays(init(), 2);
    const dayAverage = (day: number) =>
      average(probe.draws.filter((d) => d.day === day).map((d) => d.red));
    const dayTwo = probe.draws.filter((d) => d.day === 2);
    const bestRed = Math.min(...dayTwo.map((d) => d.red));
    const best = dayTwo.find((d) => d.red === bestRed)?.workerId ?? '';
    const wrong = dayTwo.find((d) => d.red !== bestRed)?.workerId ?? null;
    const trend =
      dayAverage(2) < dayAverage(1) ? 'better' : dayAverage(2) > dayAverage(1) ? 'worse' : 'same';
    const otherTrend = trend === 'better' ? 'worse' : 'better';

    let s = runDay(init());
    s = act(s, [
      [FAC, { type: 'openPredictions' }],
      [as(OBSERVER), { type: 'predict', day: 2, bestWorkerId: best, trend }],
      [as(OBSERVER_2), { type: 'predict', day: 2, bestWorkerId: wrong, trend: otherTrend }],
      [as(RECORDER), { type: 'predict', day: 2, bestWorkerId: null, trend }],
    ]);
    expect(predictionOutcome(s, 2, ROSTER)).toBeNull();
    s = step(s, FAC, { type: 'startDay' });
    s = step(s, FAC, { type: 'dip' });
    expect(predictionOutcome(s, 2, ROSTER)).toBeNull();
    while (s.stage === 'working') s = step(s, FAC, { type: 'dip' });
    expect(s.draws).toEqual(probe.draws);
    const outcome = predictionOutcome(s, 2, ROSTER);
    expect(outcome).toMatchObject({
      day: 2,
      predictions: 3,
      guessedBest: 1,
      trend,
      guessedTrend: 2,
    });
    expect(outcome?.bestWorkerNames).toContain(`Worker ${best}`);
    expect(redBead.screenView(s, ctx()).lastPredictions).toEqual(outcome);
  });
});

describe('statistics', () => {
  const fourDays = () => runDays(staffed(), 4);

  it('fills the record table with each worker’s paddles by day', () => {
    const s = runDay(step(runDay(init({ days: 2 })), FAC, { type: 'fireWorst', count: 1 }));
    const table = recordTable(s, ROSTER);
    expect(table.columns).toEqual(['Worker', 'Day 1', 'Day 2', 'Total']);
    expect(table.rows).toHaveLength(6);
    for (const row of table.rows) {
      const mine = (day: number) =>
        s.draws.filter((d) => d.workerId === row.workerId && d.day === day).map((d) => d.red);
      expect(row.cells).toEqual([mine(1), mine(2)]);
      expect(row.total).toBe([...mine(1), ...mine(2)].reduce((a, b) => a + b, 0));
      const slot = s.workers.find((w) => w.id === row.workerId);
      expect(row.cells[1]).toHaveLength(
        slot?.status === 'fired' ? 0 : slot?.hasDoubleShift ? 2 : 1,
      );
    }
    expect(recordTable(staffed(), ROSTER).rows.map((r) => r.name)).toEqual(
      WORKERS.map((id) => NAMES[id]),
    );
  });

  it('ranks workers by red per paddle, fewest first', () => {
    const s = fourDays();
    const r = ranking(s);
    expect(r).toHaveLength(6);
    for (const t of r) {
      const mine = s.draws.filter((d) => d.workerId === t.workerId);
      expect(t).toEqual({
        workerId: t.workerId,
        red: mine.reduce((n, d) => n + d.red, 0),
        draws: 4,
      });
    }
    const perPaddle = r.map((t) => t.red / t.draws);
    expect(perPaddle).toEqual([...perPaddle].sort((a, b) => a - b));
  });

  it('draws the np chart with centre 10 and limits 1.51 and 18.49 for the default system', () => {
    const s = fourDays();
    const chart = redBeadChart(s, ROSTER);
    expect(chart.kind).toBe('np');
    expect(chart.expected).toBe(10);
    expect(chart.segments).toHaveLength(1);
    const [segment] = chart.segments;
    expect(segment?.center).toBeCloseTo(10, 10);
    expect(segment?.lower).toBeCloseTo(1.51, 2);
    expect(segment?.upper).toBeCloseTo(18.49, 2);
    expect(chart.points.map((p) => p.value)).toEqual(s.draws.map((d) => d.red));
    expect(chart.points[0]?.label).toBe('Day 1, Ana');
    expect(chart.cumulative.at(-1)).toBeCloseTo(average(s.draws.map((d) => d.red)), 10);
    for (const p of chart.points) {
      expect(p.isBeyondLimits).toBe(
        p.value < (segment?.lower ?? 0) || p.value > (segment?.upper ?? 0),
      );
    }
  });

  it('draws a p chart with centre 0.2 when the facilitator switches to it', () => {
    const s = step(fourDays(), FAC, { type: 'chart', kind: 'p' });
    expect(s.chart).toEqual({ kind: 'p', basis: 'theory' });
    const chart = redBeadChart(s, ROSTER);
    expect(chart).toMatchObject({ kind: 'p', expected: 0.2, unit: 'share red' });
    expect(chart.segments[0]?.center).toBeCloseTo(0.2, 10);
    expect(chart.segments[0]?.lower).toBeCloseTo(0.2 - 3 * Math.sqrt(0.0032), 10);
    expect(chart.segments[0]?.upper).toBeCloseTo(0.2 + 3 * Math.sqrt(0.0032), 10);
    expect(chart.points.map((p) => p.value)).toEqual(s.draws.map((d) => d.red / 50));
  });

  it('centres the chart on the data when the basis is the data', () => {
    const s = step(fourDays(), FAC, { type: 'chart', basis: 'data' });
    const chart = redBeadChart(s, ROSTER);
    expect(chart.segments[0]?.center).toBeCloseTo(average(s.draws.map((d) => d.red)), 10);
  });

  it('marks interventions before the paddles they preceded', () => {
    let s = act(init(), [[FAC, { type: 'slogan', text: 'Zero defects!' }]]);
    s = runDay(s);
    s = runDay(step(s, FAC, { type: 'reward', kind: 'praise', workerId: 'A' }));
    const chart = redBeadChart(s, ROSTER);
    expect(chart.markers).toEqual([
      { beforePoint: 0, label: 'Slogan: “Zero defects!”', isSystemChange: false },
      { beforePoint: 6, label: 'Praise for Worker A', isSystemChange: false },
    ]);
  });

  it('gives an empty chart before any paddle is drawn', () => {
    expect(redBeadChart(init(), ROSTER)).toMatchObject({ points: [], segments: [], expected: 10 });
  });
});

describe('debrief', () => {
  function classicRun(): RedBeadState {
    let s = act(staffed(), [
      [FAC, { type: 'quota', max: 3 }],
      [FAC, { type: 'slogan', text: 'Zero defects!' }],
    ]);
    s = runDay(s);
    s = runDay(step(s, FAC, { type: 'reward', kind: 'praise' }));
    s = runDay(step(s, FAC, { type: 'reward', kind: 'bonus' }));
    return runDay(step(s, FAC, { type: 'fireWorst', count: 2 }));
  }

  it('compares the average with the expected value and counts points beyond the limits', () => {
    const s = classicRun();
    const debrief = redBeadDebrief(s, ROSTER);
    const reds = s.draws.map((d) => d.red);
    expect(debrief.draws).toBe(24);
    expect(debrief.averageRed).toBeCloseTo(average(reds), 10);
    expect(debrief.expectedRed).toBe(10);
    expect(debrief.pointsBeyondLimits).toBe(reds.filter((r) => r < 1.515 || r > 18.485).length);
    expect(debrief.ranking.map((r) => r.name).sort()).toEqual(
      WORKERS.map((id) => NAMES[id]).sort(),
    );
  });

  it('lists each intervention with the averages of the day before and the day it preceded', () => {
    const s = classicRun();
    const dayAverage = (day: number) =>
      average(s.draws.filter((d) => d.day === day).map((d) => d.red));
    const { interventions } = redBeadDebrief(s, ROSTER);
    expect(interventions.map((i) => [i.day, i.averageBefore, i.averageAfter])).toEqual([
      [1, null, dayAverage(1)],
      [1, null, dayAverage(1)],
      [2, dayAverage(1), dayAverage(2)],
      [3, dayAverage(2), dayAverage(3)],
      [4, dayAverage(3), dayAverage(4)],
    ]);
  });

  it('asks questions with the session’s own numbers', () => {
    const s = classicRun();
    const { questions } = redBeadDebrief(s, ROSTER);
    const swing = questions
      .map((q) =>
        /^(\w+) drew ([\d.]+)(?: and \d+ \(a double shift\))? on day (\d+) and ([\d.]+)(?: and \d+ \(a double shift\))? on day (\d+): what changed\?$/.exec(
          q,
        ),
      )
      .find((m) => m !== null);
    expect(swing).toBeDefined();
    const [, name, from, day, to, next] = swing ?? [];
    expect(Number(next)).toBe(Number(day) + 1);
    const slot = s.workers.find((w) => NAMES[w.participantId ?? ''] === name);
    const dayMean = (d: number) =>
      average(s.draws.filter((x) => x.workerId === slot?.id && x.day === d).map((x) => x.red));
    const firstRed = (d: number) =>
      s.draws.find((x) => x.workerId === slot?.id && x.day === d)?.red;
    // Each paddle as drawn: a double shift is two paddles, never their average.
    expect(Number(from)).toBe(firstRed(Number(day)));
    expect(Number(to)).toBe(firstRed(Number(next)));
    // It is the biggest swing of any worker between two days.
    let biggest = 0;
    for (const w of s.workers) {
      for (let d = 1; d < 4; d++) {
        const a = s.draws.filter((x) => x.workerId === w.id && x.day === d).map((x) => x.red);
        const b = s.draws.filter((x) => x.workerId === w.id && x.day === d + 1).map((x) => x.red);
        if (a.length && b.length) biggest = Math.max(biggest, Math.abs(average(b) - average(a)));
      }
    }
    expect(Math.abs(dayMean(Number(next)) - dayMean(Number(day)))).toBeCloseTo(biggest, 10);

    const met = s.draws.filter((d) => d.red <= 3).length;
    expect(questions).toContain(
      `The quota was no more than 3 red. ${met} of 24 paddles met it. Who could have met it every time?`,
    );
    expect(questions.some((q) => / were fired\. Were they worse workers/.test(q))).toBe(true);
    const mean = Math.round(average(s.draws.map((d) => d.red)) * 10) / 10;
    expect(
      questions.some((q) =>
        q.startsWith(`The average was ${mean} red per paddle, against 10 expected`),
      ),
    ).toBe(true);
  });

  it('reads a double shift as two paddles, not as their average', () => {
    const s = runDays(staffed({}, { days: 3 }), 3);
    const ana = s.workers.find((w) => w.participantId === 'p-ana')?.id ?? '';
    // Ana drew 13 on day 2 and two paddles, 2 and 4, on day 3; everyone else drew 9 each day.
    const draws = s.draws.map((d) => ({ ...d, red: 9 }));
    const day2 = draws.find((d) => d.workerId === ana && d.day === 2);
    const day3 = draws.filter((d) => d.day === 3);
    const anaDay3 = day3.find((d) => d.workerId === ana);
    const other = day3.find((d) => d.workerId !== ana);
    if (!day2 || !anaDay3 || !other) throw new Error('the run should have days 2 and 3');
    day2.red = 13;
    anaDay3.red = 2;
    Object.assign(other, { workerId: ana, participantId: 'p-ana', red: 4 });
    const { questions } = redBeadDebrief({ ...s, draws }, ROSTER);
    expect(questions).toContain(
      'Ana drew 13 on day 2 and 2 and 4 (a double shift) on day 3: what changed?',
    );
    expect(questions.join(' ')).not.toMatch(/ drew 13 on day 2 and 3 on day 3/);
  });

  it('asks why a system change worked when one was made', () => {
    const s = runDay(
      step(runDay(init({ days: 2 })), FAC, { type: 'newSupplier', redSharePercent: 0 }),
    );
    const before = Math.round(average(s.draws.slice(0, 6).map((d) => d.red)) * 10) / 10;
    expect(redBeadDebrief(s, ROSTER).questions).toContain(
      `After “System change: new supplier, 0% red” the average went from ${before} to 0. Why did this work when slogans and quotas did not?`,
    );
  });

  it('shows the debrief and summary once the experiment is over', () => {
    const s = classicRun();
    expect(redBead.screenView(s, ctx()).debrief).toEqual(redBeadDebrief(s, ROSTER));
    expect(redBead.screenView(runDay(staffed()), ctx()).debrief).toBeNull();
    const summary = redBead.summary(s, ctx());
    expect(summary.headline).toMatch(
      /^Red beads: \d+\.\d red per paddle \(expected 10\.0\); \d+ of 24 beyond/,
    );
    expect(summary.blocks.map((b) => b.type)).toEqual([
      'controlChart',
      'table',
      'list',
      'list',
      'list',
    ]);
  });
});

describe('views', () => {
  function withPredictions(): RedBeadState {
    return act(runDay(staffed({ inspectors: 2, hasChief: true, hasRecorder: true })), [
      [FAC, { type: 'openPredictions' }],
      [as(OBSERVER), { type: 'predict', day: 2, bestWorkerId: 'A', trend: 'better' }],
    ]);
  }

  it('gives every participant the same public view, the screen’s without the chart', () => {
    const s = withPredictions();
    const publicView = redBead.participantPublicView(s, ctx());
    const { chart, predictionsToday, ...screenCommon } = redBead.screenView(s, ctx());
    expect(publicView).toEqual(screenCommon);
    expect(chart.kind).toBe('np');
    expect(predictionsToday).toBe(1);
    expect(redBead.participantPublicView(s, ctx())).toEqual(publicView);
  });

  it.each<[string, string, object]>([
    ['a worker', 'p-cai', { role: 'worker', workerId: 'C', hasConfirmed: false, prediction: null }],
    ['an inspector', 'p-hal', { role: 'inspector', workerId: null, hasConfirmed: false }],
    ['the chief', CHIEF, { role: 'chief', workerId: null }],
    ['the recorder', RECORDER, { role: 'recorder', workerId: null }],
    [
      'an observer who predicted',
      OBSERVER,
      { role: 'observer', workerId: null, prediction: { bestWorkerId: 'A', trend: 'better' } },
    ],
    ['an observer who did not', OBSERVER_2, { role: 'observer', prediction: null }],
  ])('gives %s their own role and part', (_, id, own) => {
    expect(redBead.participantOwnView(withPredictions(), id, ctx())).toMatchObject(own);
  });

  it('never shows one observer’s prediction to the room, only counts', () => {
    let s = withPredictions();
    const leak = (state: RedBeadState) => [
      JSON.stringify(redBead.participantPublicView(state, ctx())),
      JSON.stringify(redBead.screenView(state, ctx())),
      JSON.stringify(redBead.participantOwnView(state, OBSERVER_2, ctx())),
    ];
    for (const json of leak(s)) expect(json).not.toContain(OBSERVER);
    s = step(s, FAC, { type: 'startDay' });
    while (s.stage === 'working') {
      s = step(s, FAC, s.pending ? { type: 'record' } : { type: 'dip' });
    }
    for (const json of leak(s)) expect(json).not.toContain(OBSERVER);
    expect(redBead.screenView(s, ctx()).lastPredictions?.predictions).toBe(1);
    // The observer's own prediction is no longer shown once the day has run.
    expect(redBead.participantOwnView(s, OBSERVER, ctx()).prediction).toBeNull();
  });

  it('shows the paddle on show and whether it is recorded', () => {
    const s = act(staffed({ inspectors: 2 }), [
      [FAC, { type: 'startDay' }],
      [as('p-ana'), { type: 'dip' }],
      [as('p-gus'), { type: 'confirm', drawIndex: 0 }],
    ]);
    const view = redBead.screenView(s, ctx());
    expect(view.paddle).toMatchObject({
      index: 0,
      workerId: 'A',
      workerName: 'Ana',
      confirmations: 1,
      isRecorded: false,
    });
    expect(view.paddle?.beads).toHaveLength(50);
    expect(view.currentWorkerId).toBeNull();
    expect(view.inspectorsNeeded).toBe(2);
    const recorded = step(s, as('p-hal'), { type: 'confirm', drawIndex: 0 });
    expect(redBead.screenView(recorded, ctx())).toMatchObject({
      currentWorkerId: 'B',
      paddle: { index: 0, isRecorded: true },
    });
  });
});

describe('replay determinism', () => {
  const ROUND = 'rb';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'redBead',
    title: 'Red beads',
    config: config({ seed: 'replay-run' }),
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
  const roundState = (state: SessionState) => state.rounds[ROUND]?.state as RedBeadState;

  it('reproduces every draw and the final state when a full 6-worker, 4-day run is replayed', () => {
    let live: Live = createSession([spec]);
    const ids: Record<string, string> = {};
    for (const name of [
      'Ana',
      'Ben',
      'Cai',
      'Dee',
      'Eli',
      'Fay',
      'Gus',
      'Hal',
      'Ivy',
      'Jon',
      'Zed',
    ]) {
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

    live = must(live, { type: 'session.start' }, SESSION_FACILITATOR);
    ['Ana', 'Ben', 'Cai', 'Dee', 'Eli', 'Fay'].forEach((name, slot) =>
      fac({ type: 'assign', role: 'worker', slot, participantId: id(name) }),
    );
    fac({ type: 'assign', role: 'inspector', slot: 0, participantId: id('Gus') });
    fac({ type: 'assign', role: 'inspector', slot: 1, participantId: id('Hal') });
    fac({ type: 'assign', role: 'chief', slot: 0, participantId: id('Ivy') });
    fac({ type: 'assign', role: 'recorder', slot: 0, participantId: id('Jon') });
    fac({ type: 'quota', max: 3 });
    fac({ type: 'slogan', text: 'Zero defects!' });

    const interventions: Action[][] = [
      [],
      [
        { type: 'reward', kind: 'praise' },
        { type: 'reward', kind: 'probation' },
      ],
      [
        { type: 'reward', kind: 'bonus' },
        { type: 'newSupplier', redSharePercent: 10 },
      ],
      [{ type: 'fireWorst', count: 1 }],
    ];
    for (const [dayIndex, management] of interventions.entries()) {
      management.forEach(fac);
      fac({ type: 'openPredictions' });
      by('Zed', { type: 'predict', day: dayIndex + 1, bestWorkerId: 'A', trend: 'better' });
      fac({ type: 'startDay' });
      while (roundState(live.state).stage === 'working') {
        const s = roundState(live.state);
        const worker = s.workers.find((w) => w.id === s.turns[s.turnIndex]);
        const name = Object.keys(ids).find((n) => ids[n] === worker?.participantId) ?? '';
        by(name, { type: 'dip' });
        const drawIndex = roundState(live.state).pending?.index ?? -1;
        by('Gus', { type: 'confirm', drawIndex });
        by('Hal', { type: 'confirm', drawIndex });
        by('Ivy', { type: 'confirm', drawIndex });
      }
    }

    const final = roundState(live.state);
    expect(final.stage).toBe('finished');
    expect(final.draws).toHaveLength(24);
    // Day 3 onwards came from the new supplier.
    for (const d of final.draws) {
      const system = d.day >= 3 ? { ...final.config, redSharePercent: 10 } : final.config;
      expect(d.red).toBe(paddleAt(final.config, d.index, system).red);
    }

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    expect(roundState(replayed).draws).toEqual(final.draws);
    // And again from a snapshot half way through the log.
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
  });

  const FUZZ_STEPS = 300;
  /** Set RED_BEAD_FUZZ_SEED to replay one failing run. */
  const SEEDS = process.env.RED_BEAD_FUZZ_SEED
    ? [process.env.RED_BEAD_FUZZ_SEED]
    : Array.from({ length: 10 }, (_, i) => `red-bead-fuzz-${i}`);
  const PEOPLE = Object.keys(ROSTER);
  const WORKER_IDS = ['A', 'B', 'C', 'D', 'E', 'F', 'Z'];

  function pick<T>(random: Random, items: readonly T[]): T {
    const item = items[random.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  function randomStep(random: Random, s: RedBeadState): { actor: Actor; action: Action } {
    const person = () => pick(random, PEOPLE);
    const drawIndex = s.pending && random.next() < 0.8 ? s.pending.index : random.int(4);
    const roles = ['worker', 'inspector', 'chief', 'recorder'] as const;
    const gens: [number, () => { actor: Actor; action: Action }][] = [
      [
        3,
        () => ({
          actor: FAC,
          action: {
            type: 'assign',
            role: pick(random, roles),
            slot: random.int(7),
            participantId: random.next() < 0.2 ? null : person(),
          },
        }),
      ],
      [1, () => ({ actor: FAC, action: { type: 'pickVolunteers' } })],
      [2, () => ({ actor: FAC, action: { type: 'openPredictions' } })],
      [3, () => ({ actor: FAC, action: { type: 'startDay' } })],
      [8, () => ({ actor: FAC, action: { type: 'dip' } })],
      [4, () => ({ actor: FAC, action: { type: 'record' } })],
      [10, () => ({ actor: as(person()), action: { type: 'dip' } })],
      [10, () => ({ actor: as(person()), action: { type: 'confirm', drawIndex } })],
      [
        2,
        () => ({
          actor: as(person()),
          action: {
            type: 'predict',
            day: 1 + random.int(4),
            bestWorkerId: random.next() < 0.2 ? null : pick(random, WORKER_IDS),
            trend: pick(random, ['better', 'same', 'worse', null] as const),
          },
        }),
      ],
      [1, () => ({ actor: FAC, action: { type: 'quota', max: random.int(6) } })],
      [1, () => ({ actor: FAC, action: { type: 'slogan', text: 'Work harder' } })],
      [
        2,
        () => ({
          actor: FAC,
          action: {
            type: 'reward',
            kind: pick(random, ['praise', 'bonus', 'probation'] as const),
            ...(random.next() < 0.5 ? { workerId: pick(random, WORKER_IDS) } : {}),
          },
        }),
      ],
      [1, () => ({ actor: FAC, action: { type: 'fireWorst', count: 1 + random.int(3) } })],
      [
        1,
        () => ({
          actor: FAC,
          action: { type: 'newSupplier', redSharePercent: pick(random, [0, 10, 20, 50]) },
        }),
      ],
      [
        1,
        () => ({ actor: FAC, action: { type: 'newPaddle', paddleHoles: pick(random, [25, 50]) } }),
      ],
      [
        1,
        () => ({ actor: FAC, action: { type: 'chart', kind: pick(random, ['np', 'p'] as const) } }),
      ],
      [0.05, () => ({ actor: FAC, action: { type: 'closePlant' } })],
      [0.05, () => ({ actor: FAC, action: { type: 'finish' } })],
    ];
    const total = gens.reduce((n, [w]) => n + w, 0);
    let r = random.next() * total;
    for (const [weight, gen] of gens) {
      r -= weight;
      if (r < 0) return gen();
    }
    return { actor: FAC, action: { type: 'dip' } };
  }

  function checkInvariants(s: RedBeadState): void {
    expect(s.turnIndex).toBeLessThanOrEqual(s.turns.length);
    if (s.stage === 'working') expect(s.turnIndex).toBeLessThan(s.turns.length);
    expect(s.draws.length).toBeLessThanOrEqual(s.dipCount);
    if (s.stage === 'finished') expect(s.pending).toBeNull();
    if (s.pending) {
      expect(s.stage).toBe('working');
      expect(s.pending.index).toBe(s.dipCount - 1);
    }
    s.draws.forEach((d, i) => {
      if (i > 0) expect(d.index).toBeGreaterThan(s.draws[i - 1]?.index ?? -1);
      expect(d.red).toBeGreaterThanOrEqual(0);
      expect(d.red).toBeLessThanOrEqual(d.sampleSize);
      expect(d.day).toBeGreaterThanOrEqual(1);
      expect(d.day).toBeLessThanOrEqual(s.config.days);
    });
    expect(s.eras[0]?.startDraw).toBe(0);
    s.eras.forEach((e, i) => {
      if (i > 0) expect(e.startDraw).toBeGreaterThan(s.eras[i - 1]?.startDraw ?? 0);
    });
    const seats = [
      ...s.workers.filter((w) => w.status !== 'fired').map((w) => w.participantId),
      ...s.inspectors,
      s.chiefInspector,
      s.recorder,
    ].filter((id) => id !== null);
    expect(new Set(seats).size).toBe(seats.length);
    for (const [day, byPerson] of Object.entries(s.predictions)) {
      expect(Number(day)).toBeLessThanOrEqual(s.config.days);
      for (const id of Object.keys(byPerson)) expect(ROSTER[id]).toBeDefined();
    }
  }

  function fuzz(seed: string): { accepted: number; refused: number } {
    const random = createRandom(seed);
    const first = init({ seed, workers: 4, days: 8 });
    let s = first;
    const accepted: { actor: Actor; action: Action }[] = [];
    let refusedCount = 0;
    for (let i = 0; i < FUZZ_STEPS; i++) {
      const next = randomStep(random, s);
      try {
        const result = redBead.reduce(s, next.action, next.actor, ctx());
        if (result.ok) {
          s = result.data;
          accepted.push(next);
          checkInvariants(s);
          // Views and the summary must never throw, whatever happened.
          redBead.facilitatorView(s, ctx());
          redBead.screenView(s, ctx());
        } else {
          refusedCount++;
        }
      } catch (error) {
        throw new Error(
          `Red bead fuzz failed with seed "${seed}" at step ${i} on ${JSON.stringify(next)} (rerun with RED_BEAD_FUZZ_SEED=${seed})`,
          { cause: error },
        );
      }
    }
    const replayed = accepted.reduce(
      (state, { actor, action }) => step(state, actor, action),
      first,
    );
    if (JSON.stringify(replayed) !== JSON.stringify(s)) {
      throw new Error(
        `Red bead fuzz replay differed with seed "${seed}" (rerun with RED_BEAD_FUZZ_SEED=${seed})`,
      );
    }
    redBead.summary(s, ctx());
    return { accepted: accepted.length, refused: refusedCount };
  }

  it.each(SEEDS)('keeps the invariants and replays exactly when driven by seed %s', (seed) => {
    const { accepted, refused: refusals } = fuzz(seed);
    expect(accepted, `seed ${seed}`).toBeGreaterThan(FUZZ_STEPS / 10);
    expect(refusals, `seed ${seed}`).toBeGreaterThan(FUZZ_STEPS / 20);
  });
});

describe('automation', () => {
  const demo = (s: RedBeadState, isOn: boolean) =>
    step(s, FAC, { type: 'demo', isOn, intervalMs: 800 });

  it.each<[string, () => RedBeadState, boolean]>([
    [
      'demo is on and the current worker is simulated',
      () => step(init(), FAC, { type: 'startDay' }),
      true,
    ],
    ['demo is off', () => step(init(), FAC, { type: 'startDay' }), false],
    [
      'the current worker is a real participant',
      () => step(staffed(), FAC, { type: 'startDay' }),
      false,
    ],
    ['no day is running', init, false],
    [
      'the paddle waits for the inspectors',
      () =>
        act(init(), [
          [FAC, { type: 'assign', role: 'inspector', slot: 0, participantId: 'p-gus' }],
          [FAC, { type: 'startDay' }],
          [FAC, { type: 'dip' }],
        ]),
      false,
    ],
  ])('dips only when %s', (name, at, isDipping) => {
    const s = demo(at(), name !== 'demo is off');
    expect(redBead.automation?.(s, ctx()) ?? null).toEqual(
      isDipping ? { action: { type: 'dip' }, delayMs: 800 } : null,
    );
  });

  it('runs the whole experiment on its own when every worker is simulated', () => {
    let s = demo(init({ days: 2 }), true);
    s = step(s, FAC, { type: 'startDay' });
    for (let guard = 0; guard < 100; guard++) {
      const next = redBead.automation?.(s, ctx()) ?? null;
      if (!next) {
        if (s.stage !== 'dayEnded') break;
        s = step(s, FAC, { type: 'startDay' });
        continue;
      }
      s = step(s, FAC, next.action);
    }
    expect(s.stage).toBe('finished');
    expect(s.draws).toHaveLength(12);
  });
});

describe('a worker slot changing hands', () => {
  it('keeps each paddle with the person who drew it when a slot is handed over', () => {
    // Cai (slot C) draws on day 1, then hands over to a simulated worker for day 2.
    let s = runDay(staffed());
    s = step(s, FAC, { type: 'assign', role: 'worker', slot: 2, participantId: null });
    s = runDay(s);
    const cDraws = s.draws.filter((d) => d.workerId === 'C');
    expect(cDraws.map((d) => [d.day, d.participantId])).toEqual([
      [1, 'p-cai'],
      [2, null],
    ]);
    const table = recordTable(s, ROSTER);
    expect(table.rows.find((r) => r.workerId === 'C')?.name).toBe('Cai / Worker C');
    const labels = redBeadChart(s, ROSTER).points.map((p) => p.label);
    expect(labels).toContain('Day 1, Cai');
    expect(labels).toContain('Day 2, Worker C');
    expect(redBeadDebrief(s, ROSTER).ranking.map((r) => r.name)).toContain('Cai / Worker C');
  });

  it('expects what each paddle’s own system would give, after a new supplier', () => {
    let s = runDay(staffed());
    s = step(s, FAC, { type: 'newSupplier', redSharePercent: 10 });
    s = runDay(s);
    // Six paddles at 20 % red (10 expected) and six at 10 % (5 expected).
    expect(redBeadDebrief(s, ROSTER).expectedRed).toBeCloseTo(7.5, 10);
    expect(redBeadChart(s, ROSTER).expected).toBeCloseTo(5, 10);
  });
});

describe('an observer’s own forecast', () => {
  it('tells the observer whether their pick was the best worker once the day ends', () => {
    let s = step(staffed(), FAC, { type: 'openPredictions' });
    s = step(s, as(OBSERVER), { type: 'predict', day: 1, bestWorkerId: 'A', trend: null });
    s = step(s, as(OBSERVER_2), { type: 'predict', day: 1, bestWorkerId: 'B', trend: null });
    expect(redBead.participantOwnView(s, OBSERVER, ctx()).lastPrediction).toBeNull();
    s = runDay(s);
    const best = predictionOutcome(s, 1, ROSTER)?.bestWorkerIds ?? [];
    for (const [observer, pick] of [
      [OBSERVER, 'A'],
      [OBSERVER_2, 'B'],
    ] as const) {
      expect(redBead.participantOwnView(s, observer, ctx()).lastPrediction).toEqual({
        day: 1,
        guessedBest: best.includes(pick),
        guessedTrend: null,
      });
    }
    // Someone who made no forecast is told nothing.
    expect(redBead.participantOwnView(s, RECORDER, ctx()).lastPrediction).toBeNull();
  });
});
