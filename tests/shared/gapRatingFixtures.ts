/** Shared builders for the "expected vs actual" unit tests: the people, config, stepping, rating and the hand-worked room. */
import { type Actor, type RoundContext } from '@playfield/shared';
import {
  gapRating,
  type GapRatingConfig,
  type GapRatingFacilitatorAction,
  type GapRatingParticipantAction,
  type GapRatingState,
} from '@playfield/shared/exercises/gapRating/index';
import { exerciseContext } from './sessionHarness.ts';

export type Action = GapRatingParticipantAction | GapRatingFacilitatorAction;

export const ANA = { id: 'p-ana-3c1', name: 'Ana Lindqvist' };
export const BEN = { id: 'p-ben-8d2', name: 'Ben Okafor' };
export const CAI = { id: 'p-cai-5e7', name: 'Cai Moreau' };
export const DEE = { id: 'p-dee-1f9', name: 'Dee Varga' };
export const PEOPLE = [ANA, BEN, CAI, DEE];

export const as = (participantId: string): Actor => ({ role: 'participant', participantId });

export const ctx = (overrides: Partial<RoundContext> = {}): RoundContext =>
  exerciseContext(PEOPLE, { at: 1000, ...overrides });

export function config(overrides: Partial<GapRatingConfig> = {}): GapRatingConfig {
  return {
    question: 'How good do customers expect our service to be, and how good is it?',
    measures: ['Speed', 'Price'],
    scale: { min: 1, max: 7, lowLabel: 'Very poor', highLabel: 'Excellent' },
    ...overrides,
  };
}

export const init = (overrides: Partial<GapRatingConfig> = {}) =>
  gapRating.init(config(overrides), 's');

export function step(state: GapRatingState, actor: Actor, action: Action, context = ctx()) {
  const result = gapRating.reduce(state, action, actor, context);
  if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.message}`);
  return result.data;
}

export function act(
  state: GapRatingState,
  steps: [Actor, Action][],
  context = ctx(),
): GapRatingState {
  return steps.reduce((s, [actor, action]) => step(s, actor, action, context), state);
}

export const rate = (measure: number, side: 'expected' | 'actual', value: number): Action => ({
  type: 'rate',
  measure,
  side,
  value,
});

/**
 * The hand-worked room (Speed, Price on 1-7):
 *   Ana  Speed 6 -> 4 (gap -2)   Price 5 -> 5 (gap 0)
 *   Ben  Speed 7 -> 4 (gap -3)   Price 3 -> 6 (gap +3)
 *   Cai  Speed 5 -> 5 (gap 0)    Price 4 -> (not rated)
 *   Dee  Speed - -> 2            Price not rated
 */
export function handWorked(): GapRatingState {
  return act(init(), [
    [as(ANA.id), rate(0, 'expected', 6)],
    [as(ANA.id), rate(0, 'actual', 4)],
    [as(ANA.id), rate(1, 'expected', 5)],
    [as(ANA.id), rate(1, 'actual', 5)],
    [as(BEN.id), rate(0, 'expected', 7)],
    [as(BEN.id), rate(0, 'actual', 4)],
    [as(BEN.id), rate(1, 'expected', 3)],
    [as(BEN.id), rate(1, 'actual', 6)],
    [as(CAI.id), rate(0, 'expected', 5)],
    [as(CAI.id), rate(0, 'actual', 5)],
    [as(CAI.id), rate(1, 'expected', 4)],
    [as(DEE.id), rate(0, 'actual', 2)],
  ]);
}
