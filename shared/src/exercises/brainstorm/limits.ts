/**
 * Every size bound of a brainstorm, in one place for the schemas, the reducer and the
 * editors. Free of zod, so client code may import it without pulling the schemas in.
 */
export const BRAINSTORM_LIMITS = {
  promptLength: 300,
  /** The longest note a facilitator may allow (the config picks its own, up to this). */
  noteLength: 500,
  /** The shortest note length a facilitator may set. */
  minNoteLength: 20,
  notesPerPerson: 20,
  tags: 6,
  tagLength: 40,
  dotsPerPerson: 20,
  clusters: 40,
  clusterNameLength: 60,
  /** Notes one round holds at most, hidden ones included: 5,000 people would share it. */
  notesOnBoard: 2000,
  /** Notes moved at once into a new cluster. */
  notesPerMove: 50,
} as const;

/** How full the board is: people are told once it is nine-tenths full, before it refuses. */
export type BoardSpace = 'open' | 'nearlyFull' | 'full';

/** The board's space for `noteCount` notes (hidden ones count: they hold their place). */
export function boardSpace(noteCount: number): BoardSpace {
  if (noteCount >= BRAINSTORM_LIMITS.notesOnBoard) return 'full';
  return noteCount >= BRAINSTORM_LIMITS.notesOnBoard * 0.9 ? 'nearlyFull' : 'open';
}
