import type { Random } from '../random.ts';
import { simulateActionPlan } from './actionPlan/simulate.ts';
import { simulateBrainstorm } from './brainstorm/simulate.ts';
import { simulateCanvas } from './canvas/simulate.ts';
import { simulateDotVote } from './dotVote/simulate.ts';
import { simulateFineLine } from './fineLine/simulate.ts';
import { simulateGapRating } from './gapRating/simulate.ts';
import { simulatePlayingField } from './playingField/simulate.ts';
import { simulatePoll } from './poll/simulate.ts';
import { simulatePromises } from './promises/simulate.ts';
import { simulateQuiz } from './quiz/simulate.ts';
import { simulateRanking } from './ranking/simulate.ts';
import { simulateRedBead } from './redBead/simulate.ts';
import type { ExerciseKind } from './registry.ts';
import { simulateRolePlay } from './rolePlay/simulate.ts';
import { simulateScale } from './scale/simulate.ts';
import type { SimulationInput, Simulator } from './simulate.ts';
import { simulateSort } from './sort/simulate.ts';
import { simulateWordCloud } from './wordCloud/simulate.ts';

export { planSentences } from './actionPlan/simulate.ts';
export type { SimulationInput, Simulator } from './simulate.ts';

/**
 * The simulated participant of each exercise, by kind. Partial so an exercise can land
 * before its simulated participant does; a kind without one (or without participant
 * actions, like `content` slides) simply does nothing in a rehearsal. `tests/shared/simulate.test.ts`
 * lists the kinds that must have one.
 */
export const SIMULATORS: { [K in ExerciseKind]?: Simulator<K> } = {
  poll: simulatePoll,
  redBead: simulateRedBead,
  fineLine: simulateFineLine,
  playingField: simulatePlayingField,
  sort: simulateSort,
  dotVote: simulateDotVote,
  gapRating: simulateGapRating,
  canvas: simulateCanvas,
  rolePlay: simulateRolePlay,
  brainstorm: simulateBrainstorm,
  actionPlan: simulateActionPlan,
  quiz: simulateQuiz,
  scale: simulateScale,
  ranking: simulateRanking,
  wordCloud: simulateWordCloud,
  promises: simulatePromises,
};

/** The erased input a runner has: views as the session built them. */
export interface AnySimulationInput {
  kind: string;
  view: unknown;
  own: unknown;
  controls: { isOpen: boolean; isRevealed: boolean };
  participantId: string;
  now: number;
  sinceLastActionMs: number | null;
  random: Random;
}

/** Has this kind a simulated participant? */
export function canSimulate(kind: string): boolean {
  return Object.hasOwn(SIMULATORS, kind);
}

/**
 * The next action of a simulated seat in a round of any kind, or null. The views came
 * from that kind's exercise, so the cast at this boundary is sound.
 */
export function simulateNext(input: AnySimulationInput): unknown {
  if (!canSimulate(input.kind)) return null;
  const simulator = SIMULATORS[input.kind as ExerciseKind] as
    ((input: SimulationInput<ExerciseKind>) => unknown) | undefined;
  return simulator ? simulator(input as unknown as SimulationInput<ExerciseKind>) : null;
}
