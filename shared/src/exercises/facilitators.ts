import { facilitateBrainstorm } from './brainstorm/facilitate.ts';
import type { Facilitate, FacilitatorStyle } from './facilitate.ts';
import { facilitateFineLine } from './fineLine/facilitate.ts';
import { facilitatePlayingField } from './playingField/facilitate.ts';
import { facilitateQuiz } from './quiz/facilitate.ts';
import { facilitateRedBead } from './redBead/facilitate.ts';
import type { ExerciseKind } from './registry.ts';
import { facilitateRolePlay } from './rolePlay/facilitate.ts';

export { PLAIN_FACILITATOR, type FacilitatorStyle } from './facilitate.ts';

/**
 * The simulated facilitator of each exercise whose round has steps (phases, questions,
 * days). A kind without one is done once the room has acted (a poll, a sort): its
 * facilitator only moves on.
 */
export const FACILITATORS: { [K in ExerciseKind]?: Facilitate<K> } = {
  quiz: facilitateQuiz,
  brainstorm: facilitateBrainstorm,
  playingField: facilitatePlayingField,
  fineLine: facilitateFineLine,
  redBead: facilitateRedBead,
  rolePlay: facilitateRolePlay,
};

/**
 * The simulated facilitator's next action in a round of any kind, from the console's view
 * of it, or null. The view came from that kind's exercise, so the cast here is sound.
 */
export function facilitateNext(
  round: { kind: string; view: unknown },
  style: FacilitatorStyle,
): unknown {
  if (!Object.hasOwn(FACILITATORS, round.kind)) return null;
  const facilitate = FACILITATORS[round.kind as ExerciseKind] as
    ((view: unknown, style: FacilitatorStyle) => unknown) | undefined;
  return facilitate ? facilitate(round.view, style) : null;
}
