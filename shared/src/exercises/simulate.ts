import type { Random } from '../random.ts';
import type { ExerciseKind, ExerciseViews } from './registry.ts';

/**
 * A simulated participant: pure code that looks at exactly what a real phone sees and
 * decides what that seat does next. Used by rehearsals (the facilitator alone with N
 * simulated seats), the benchmark and end-to-end tests. It must only ever choose actions
 * its exercise accepts, and return null when the seat has nothing to do now.
 */
export interface SimulationInput<K extends ExerciseKind> {
  /** The round's public view, as every phone gets it. */
  view: ExerciseViews<K>['participantPublic'];
  /** This seat's own view of the round. */
  own: ExerciseViews<K>['participantOwn'];
  /** The round's generic controls as the phone sees them. */
  controls: { isOpen: boolean; isRevealed: boolean };
  /** The seat's id (stable per seat; simulators use it only to vary behaviour). */
  participantId: string;
  /** The server's time now, in ms since the epoch (for countdowns). */
  now: number;
  /** Ms since this seat's last accepted action in this round, or null before its first. */
  sinceLastActionMs: number | null;
  /** Seeded randomness: the same seed and views give the same choices. */
  random: Random;
}

/** The next participant action of one simulated seat, or null when there is nothing to do now. */
export type Simulator<K extends ExerciseKind> = (input: SimulationInput<K>) => unknown;

/** One of `items`, chosen with `random`; undefined for an empty list. */
export function pick<T>(random: Random, items: readonly T[]): T | undefined {
  return items[random.int(items.length)];
}

/** `count` distinct indexes below `n`, in random order (count is capped at n). */
export function pickIndexes(random: Random, n: number, count: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = all.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [all[i], all[j]] = [all[j] as number, all[i] as number];
  }
  return all.slice(0, Math.max(0, Math.min(n, count)));
}

/** True with probability `p`. */
export function chance(random: Random, p: number): boolean {
  return random.next() < p;
}

/**
 * A plausible sentence from a small bank: an opening and an ending drawn separately, so a
 * room of simulated people rarely writes the same line twice. Customer-service flavoured.
 */
export function sentence(
  random: Random,
  openings: readonly string[],
  endings: readonly string[],
  max: number,
): string {
  const text = `${pick(random, openings) ?? ''} ${pick(random, endings) ?? ''}`.trim();
  return text.length <= max ? text : text.slice(0, max).trimEnd();
}

/**
 * How many of something (notes, entries) a seat means to write, 1 to `max`: fixed per seat,
 * so a seat that has written its share stops and the round can finish.
 */
export function seatQuota(participantId: string, max: number): number {
  let h = 7;
  for (let i = 0; i < participantId.length; i++) h = (h * 31 + participantId.charCodeAt(i)) >>> 0;
  return max <= 1 ? Math.max(0, max) : 1 + (h % max);
}
