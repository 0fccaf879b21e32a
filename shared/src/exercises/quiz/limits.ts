import { LIMITS } from '../../limits.ts';

/**
 * Bounds of a quiz, one place for the schema, the editor and the messages. Free of zod, so
 * the console's editor can import it without pulling in the schemas.
 */
export const QUIZ_LIMITS = {
  minQuestions: 1,
  maxQuestions: 30,
  minOptions: 2,
  maxOptions: 6,
  questionLength: LIMITS.questionLength,
  optionLength: LIMITS.optionLength,
  minSeconds: 5,
  maxSeconds: 120,
  maxPoints: 2000,
} as const;

/** How many places the leaderboard shows. */
export const LEADERBOARD_SIZES = [5, 10] as const;
/** How many places the leaderboard shows. */
export type LeaderboardSize = (typeof LEADERBOARD_SIZES)[number];

/** Where the room stands in a quiz, in the order the facilitator drives it. */
export const QUIZ_PHASES = [
  'ready',
  'question',
  'locked',
  'revealed',
  'leaderboard',
  'final',
] as const;
/** Where the room stands in a quiz. */
export type QuizPhase = (typeof QUIZ_PHASES)[number];
