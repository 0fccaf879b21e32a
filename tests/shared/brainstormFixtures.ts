/** Shared builders for the brainstorm's unit tests: the cast, config, stepping and boards already clustered or voted. */
import { expect } from 'vitest';
import { type Actor, type AppError, type RoundContext } from '@playfield/shared';
import { brainstorm, type BrainstormState } from '@playfield/shared/exercises/brainstorm/index';
import {
  type BrainstormConfig,
  type BrainstormFacilitatorAction,
  type BrainstormParticipantAction,
} from '@playfield/shared/exercises/brainstorm/model';

export type Action = BrainstormParticipantAction | BrainstormFacilitatorAction;

export const FAC: Actor = { role: 'facilitator' };
export const as = (participantId: string): Actor => ({ role: 'participant', participantId });

// Distinctive ids and names, so a leak shows up in any JSON.
export const ANA = 'p-ana-7f3';
export const BEN = 'p-ben-9c1';
export const CAI = 'p-cai-2d8';
export const DEE = 'p-dee-5e0';
export const NAMES: Record<string, string> = {
  [ANA]: 'Ana Wanderlust',
  [BEN]: 'Benedikt Quorum',
  [CAI]: 'Cairo Pemberton',
  [DEE]: 'Delphine Oyelaran',
};
export const ROSTER: RoundContext['roster'] = Object.fromEntries(
  Object.entries(NAMES).map(([id, name]) => [id, { id, name, hasLeft: false }]),
);

export function ctx(overrides: Partial<RoundContext> = {}): RoundContext {
  return { isOpen: true, isRevealed: false, roster: ROSTER, at: 1000, ...overrides };
}

export function config(overrides: Partial<BrainstormConfig> = {}): BrainstormConfig {
  return { ...brainstorm.defaultConfig(), ...overrides };
}

export function init(overrides: Partial<BrainstormConfig> = {}): BrainstormState {
  return brainstorm.init(config(overrides), 'seed');
}

/** Applies one action that must be accepted. */
export function step(
  state: BrainstormState,
  actor: Actor,
  action: Action,
  c = ctx(),
): BrainstormState {
  const result = brainstorm.reduce(state, action, actor, c);
  if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.message}`);
  return result.data;
}

export function act(state: BrainstormState, steps: [Actor, Action][], c = ctx()): BrainstormState {
  return steps.reduce((s, [actor, action]) => step(s, actor, action, c), state);
}

/** An action that must be refused, and must leave the state exactly as it was. */
export function refused(state: BrainstormState, actor: Actor, action: Action, c = ctx()): AppError {
  const before = structuredClone(state);
  const result = brainstorm.reduce(state, action, actor, c);
  if (result.ok) throw new Error(`${action.type} was accepted`);
  expect(state).toEqual(before);
  return result.error;
}

export const note = (text: string, tag: string | null = null): Action => ({
  type: 'addNote',
  text,
  tag,
});
export const phase = (p: 'collect' | 'cluster' | 'vote' | 'results'): Action => ({
  type: 'phase',
  phase: p,
});
export const vote = (itemId: string, dots: number): Action => ({ type: 'vote', itemId, dots });

/**
 * The worked example: five notes from four people, "Speed" (n1, n2) and "Care" (n4) as
 * clusters, an empty "Later" cluster, n3 and n5 on their own.
 */
export function clustered(overrides: Partial<BrainstormConfig> = {}): BrainstormState {
  return act(init(overrides), [
    [as(ANA), note('Same-day delivery everywhere')],
    [as(BEN), note('Next-hour delivery in cities')],
    [as(CAI), note('Free returns forever')],
    [as(DEE), note('A named account manager for every customer')],
    [as(ANA), note('Price match guarantee')],
    [FAC, phase('cluster')],
    [FAC, { type: 'createCluster', name: 'Speed', noteIds: ['n1', 'n2'] }],
    [FAC, { type: 'createCluster', name: 'Care' }],
    [FAC, { type: 'moveNote', noteId: 'n4', clusterId: 'c2' }],
    [FAC, { type: 'createCluster', name: 'Later' }],
  ]);
}

/** The worked example with everyone's three dots placed. */
export function voted(): BrainstormState {
  return act(clustered(), [
    [FAC, phase('vote')],
    [as(ANA), vote('c1', 2)],
    [as(ANA), vote('n3', 1)],
    [as(BEN), vote('c1', 1)],
    [as(BEN), vote('c2', 2)],
    [as(CAI), vote('n3', 2)],
    [as(CAI), vote('n5', 1)],
    [as(DEE), vote('c2', 1)],
    [as(DEE), vote('n5', 1)],
    [as(DEE), vote('c1', 1)],
  ]);
}
