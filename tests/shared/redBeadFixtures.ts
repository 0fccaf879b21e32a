/** Shared builders for the Red Bead Experiment's unit tests: the cast, config, stepping and day runners. */
import { type Actor, type AppError, type RoundContext } from '@playfield/shared';
import { deriveSeed } from '@playfield/shared/random';
import { redBead, type RedBeadState } from '@playfield/shared/exercises/redBead/index';
import {
  bucketSpec,
  type RedBeadConfig,
  type RedBeadFacilitatorAction,
  type RedBeadParticipantAction,
} from '@playfield/shared/exercises/redBead/model';
import { drawPaddle } from '@playfield/shared/exercises/redBead/sampler';

export type Action = RedBeadFacilitatorAction | RedBeadParticipantAction;

export const FAC: Actor = { role: 'facilitator' };
export const as = (participantId: string): Actor => ({ role: 'participant', participantId });

/** Six workers, two inspectors, a chief, a recorder, two observers and one who left. */
export const WORKERS = ['p-ana', 'p-ben', 'p-cai', 'p-dee', 'p-eli', 'p-fay'];
export const INSPECTORS = ['p-gus', 'p-hal'];
export const CHIEF = 'p-ivy';
export const RECORDER = 'p-jon';
export const OBSERVER = 'p-zed-obs-41';
export const OBSERVER_2 = 'p-yin-obs-77';
export const GONE = 'p-kim-left';

export const NAMES: Record<string, string> = {
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

export const ROSTER: RoundContext['roster'] = Object.fromEntries(
  Object.entries(NAMES).map(([id, name]) => [id, { id, name, hasLeft: id === GONE }]),
);

export function ctx(roster: RoundContext['roster'] = ROSTER): RoundContext {
  return { isOpen: true, isRevealed: false, roster, at: 1000 };
}

export function config(overrides: Partial<RedBeadConfig> = {}): RedBeadConfig {
  return { ...redBead.defaultConfig(), ...overrides };
}

export function init(overrides: Partial<RedBeadConfig> = {}): RedBeadState {
  return redBead.init(config(overrides), 'round-seed');
}

/** Applies one action that must be accepted. */
export function step(
  state: RedBeadState,
  actor: Actor,
  action: Action,
  context = ctx(),
): RedBeadState {
  const result = redBead.reduce(state, action, actor, context);
  if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.message}`);
  return result.data;
}

/** Applies actions that must all be accepted. */
export function act(state: RedBeadState, steps: [Actor, Action][], context = ctx()): RedBeadState {
  return steps.reduce((s, [actor, action]) => step(s, actor, action, context), state);
}

/** An action that must be refused; returns the error. */
export function refused(
  state: RedBeadState,
  actor: Actor,
  action: Action,
  context = ctx(),
): AppError {
  const result = redBead.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${action.type} was accepted`);
  return result.error;
}

/** Starts a day and lets the facilitator dip (and record) every turn until the day ends. */
export function runDay(state: RedBeadState, context = ctx()): RedBeadState {
  let s = step(state, FAC, { type: 'startDay' }, context);
  while (s.stage === 'working') {
    s = step(s, FAC, s.pending ? { type: 'record' } : { type: 'dip' }, context);
  }
  return s;
}

export function runDays(state: RedBeadState, days: number): RedBeadState {
  let s = state;
  for (let d = 0; d < days; d++) s = runDay(s);
  return s;
}

/** Workers assigned; inspectors, chief and recorder only when asked for. */
export function staffed(
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
export function paddleAt(cfg: RedBeadConfig, index: number, system = cfg) {
  return drawPaddle(bucketSpec(cfg, system), deriveSeed(cfg.seed, 'draw', String(index)));
}

export const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
