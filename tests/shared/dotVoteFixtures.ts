/** Shared builders for the dot vote's unit tests: the voters, both configs, stepping and the worked example. */
import { expect } from 'vitest';
import { type Actor, type AppError, type RoundContext } from '@playfield/shared';
import {
  dotVote,
  dotVoteExamples,
  type DotVoteConfig,
  type DotVoteFacilitatorAction,
  type DotVoteParticipantAction,
  type DotVoteState,
} from '@playfield/shared/exercises/dotVote/index';
import { exerciseContext } from './sessionHarness.ts';

export type Action = DotVoteParticipantAction | DotVoteFacilitatorAction;

export const ANA = { id: 'p-ana-51c', name: 'Ana Lindqvist' };
export const BEN = { id: 'p-ben-0e2', name: 'Benoît Okafor' };
export const CAI = { id: 'p-cai-7d4', name: 'Cai Moreno' };
export const DEE = { id: 'p-dee-93a', name: 'Dee Hartmann' };
export const PEOPLE = [ANA, BEN, CAI, DEE];
export const FAC: Actor = { role: 'facilitator' };
export const as = (id: string): Actor => ({ role: 'participant', participantId: id });

export const ctx = (overrides: Partial<RoundContext> = {}): RoundContext =>
  exerciseContext(PEOPLE, { at: 5000, ...overrides });

export const LABELS = ['Letters', 'Complaints', 'Survey cards', 'CSI'];

/** Four sources, choose 3 or 4 ("at least three"), examples optional, a named vote. */
export function chooseConfig(overrides: Partial<DotVoteConfig> = {}): DotVoteConfig {
  return {
    question: 'Which sources do you use?',
    options: LABELS.map((label) => ({ label, description: '' })),
    rule: { mode: 'choose', min: 3, max: 4 },
    exampleMode: 'optional',
    isAnonymous: false,
    showShortfallNames: false,
    ...overrides,
  };
}

/** Three options, 5 dots each, at most 3 on one option. */
export function dotsConfig(overrides: Partial<DotVoteConfig> = {}): DotVoteConfig {
  return chooseConfig({
    options: ['Speed', 'Friendliness', 'Price'].map((label) => ({ label, description: '' })),
    rule: { mode: 'dots', dots: 5, maxPerOption: 3 },
    exampleMode: 'off',
    ...overrides,
  });
}

export function init(config: DotVoteConfig = chooseConfig()): DotVoteState {
  return dotVote.init(config, 'round-seed');
}

export function act(state: DotVoteState, steps: [Actor, Action][], context = ctx()): DotVoteState {
  return steps.reduce((s, [actor, action]) => {
    const result = dotVote.reduce(s, action, actor, context);
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  }, state);
}

/** A ballot choosing these options, one vote each, with examples where given. */
export function choose(...choices: (number | [number, string])[]): DotVoteParticipantAction {
  return {
    type: 'vote',
    choices: choices.map((c) =>
      typeof c === 'number'
        ? { option: c, dots: 1, example: null }
        : { option: c[0], dots: 1, example: c[1] },
    ),
  };
}

export const spend = (...dots: [number, number][]): DotVoteParticipantAction => ({
  type: 'vote',
  choices: dots.map(([option, n]) => ({ option, dots: n, example: null })),
});

/**
 * The worked example in choose mode (min 3):
 *   Ana: Letters, Complaints ("Weekly complaint log"), Survey cards   -> 3
 *   Ben: Complaints                                                   -> 1, short
 *   Cai: Complaints, Survey cards, CSI ("Quarterly CSI report")       -> 3
 *   Dee: none of these                                                -> 0, short
 * Counts: Letters 1, Complaints 3, Survey cards 2, CSI 1; 4 voters, 2 short (50%).
 */
export function workedExample(config = chooseConfig()): DotVoteState {
  return act(init(config), [
    [as(ANA.id), choose(0, [1, 'Weekly complaint log'], 2)],
    [as(BEN.id), choose(1)],
    [as(CAI.id), choose(1, 2, [3, 'Quarterly CSI report'])],
    [as(DEE.id), choose()],
  ]);
}

export function refused(
  state: DotVoteState,
  action: Action,
  actor: Actor,
  context = ctx(),
): AppError {
  const before = structuredClone(state);
  const result = dotVote.reduce(state, action, actor, context);
  expect(state).toEqual(before);
  if (result.ok) throw new Error('accepted');
  return result.error;
}

export function idOf(state: DotVoteState, text: string): string {
  const example = dotVoteExamples(state).find((e) => e.text === text);
  if (!example) throw new Error(`No example "${text}"`);
  return example.id;
}
