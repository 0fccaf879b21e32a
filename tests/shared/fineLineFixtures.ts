/** Shared builders for the Fine Line's unit tests: the cast, config and policy, stepping, the clock and the queue. */
import { type Actor, type AppError, type RoundContext } from '@playfield/shared';
import {
  fineLine,
  type FineLineConfig,
  type FineLineState,
  type ShopperStatus,
} from '@playfield/shared/exercises/fineLine/index';
import {
  type FineLineFacilitatorAction,
  type FineLineParticipantAction,
  type FineLineRun,
} from '@playfield/shared/exercises/fineLine/model';
import { type QueueState, type StaffingPolicy } from '@playfield/shared/exercises/fineLine/queue';

export type Action = FineLineFacilitatorAction | FineLineParticipantAction;

export const FAC: Actor = { role: 'facilitator' };

export const ANA = 'p-ana-7f3';
export const BEN = 'p-ben-9c1';
export const CAI = 'p-cai-2d8';
export const GONE = 'p-kim-left';

export const NAMES: Record<string, string> = {
  [ANA]: 'Ana Wanderlust',
  [BEN]: 'Benedikt Quorum',
  [CAI]: 'Cai Ledger',
  [GONE]: 'Kim Absent',
};

export const ROSTER: RoundContext['roster'] = Object.fromEntries(
  Object.entries(NAMES).map(([id, name]) => [id, { id, name, hasLeft: id === GONE }]),
);

/** Real time of the actions: the mood rate limit counts from here. */
export const AT = 1_700_000_000_000;

export function ctx(overrides: Partial<RoundContext> = {}): RoundContext {
  return { isOpen: true, isRevealed: false, roster: ROSTER, at: AT, ...overrides };
}

export const DEFAULT_POLICY: StaffingPolicy = fineLine.defaultConfig().policy;

export function policy(overrides: Partial<StaffingPolicy> = {}): StaffingPolicy {
  return { ...DEFAULT_POLICY, ...overrides };
}

export function config(overrides: Partial<FineLineConfig> = {}): FineLineConfig {
  return { ...fineLine.defaultConfig(), ...overrides };
}

/**
 * A store that cannot keep up: one register, a fixed 3-minute service and a customer a
 * minute, so every participant waits in line before being served.
 */
export const SLOW: Partial<FineLineConfig> = {
  arrivalsPerHour: 60,
  serviceKind: 'fixed',
  serviceMeanMinutes: 3,
  policy: policy({ openAtStart: 1, openThreshold: 200, openDelayMinutes: 0, maxRegisters: 1 }),
};

export function init(overrides: Partial<FineLineConfig> = {}): FineLineState {
  return fineLine.init(config(overrides), 'round-seed');
}

/** Applies one action that must be accepted. */
export function step(
  state: FineLineState,
  actor: Actor,
  action: Action,
  context = ctx(),
): FineLineState {
  const result = fineLine.reduce(state, action, actor, context);
  if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.message}`);
  return result.data;
}

/** An action that must be refused; returns the error. */
export function refused(
  state: FineLineState,
  actor: Actor,
  action: Action,
  context = ctx(),
): AppError {
  const result = fineLine.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${action.type} was accepted`);
  return result.error;
}

export function lastRun(state: FineLineState): FineLineRun {
  const current = state.runs.at(-1);
  if (!current) throw new Error('no run');
  return current;
}

export const queueOf = (state: FineLineState): QueueState => lastRun(state).queue;
export const clockOf = (state: FineLineState): number => queueOf(state).clock;

/** Moves the simulated clock on by `minutes`. */
export function tickBy(state: FineLineState, minutes: number, context = ctx()): FineLineState {
  return step(state, FAC, { type: 'tick', toClock: clockOf(state) + minutes }, context);
}

/** Ticks in small steps while `predicate` holds and the run is going; fails if it never stops. */
export function tickWhile(
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

export const own = (state: FineLineState, id: string) =>
  fineLine.participantOwnView(state, id, ctx());
export const statusOf = (state: FineLineState, id: string): ShopperStatus['kind'] | null =>
  own(state, id).status?.kind ?? null;

/** Started, with Ana, Ben and Cai seated as shoppers. */
export function started(overrides: Partial<FineLineConfig> = {}): FineLineState {
  return step(init(overrides), FAC, { type: 'start' });
}

/** Ticks to the end of the run. */
export function runToEnd(state: FineLineState, minutes = 1): FineLineState {
  let s = state;
  while (s.status === 'running') s = tickBy(s, minutes);
  return s;
}
