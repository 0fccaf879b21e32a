import type { ExerciseKind, ExerciseViews } from './registry.ts';

/**
 * How a simulated facilitator runs a room. The defaults are the plainest facilitator: phase
 * after phase, no extras. Tests that photograph every phase ask for more (clusters with long
 * names, a slogan for the Red Bead's debrief, a fast Fine Line).
 */
export interface FacilitatorStyle {
  /** The Fine Line's clock speed once the store is running. */
  fineLineSpeed: number;
  /** Brainstorm: group the loose notes under these names, four at a time, before the vote. */
  clusterNames: readonly string[];
  /** Red Bead: management's slogan after the first day, or null for none. */
  slogan: string | null;
}

export const PLAIN_FACILITATOR: FacilitatorStyle = {
  fineLineSpeed: 120,
  clusterNames: [],
  slogan: null,
};

/**
 * A simulated facilitator: pure code that looks at the console's view of a round once the
 * room is quiet and returns the facilitator's next action, or null when the round is done
 * (or, for a round that runs on its own like the Fine Line, when there is nothing to do but
 * wait). Used by the rehearsal benchmark and by tests that walk a round through its phases.
 */
export type Facilitate<K extends ExerciseKind> = (
  view: ExerciseViews<K>['facilitator'],
  style: FacilitatorStyle,
) => unknown;
