import { z } from 'zod';
import { cleanText } from '../../protocol/schemas.ts';
import { LEADERBOARD_SIZES, QUIZ_LIMITS, type QuizPhase } from './limits.ts';
import type { Table } from './table.ts';

const count = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} can be at most ${max}`);

const optionIndex = count('An option', 0, QUIZ_LIMITS.maxOptions - 1);
const questionIndex = count('The question number', 0, QUIZ_LIMITS.maxQuestions - 1);

/**
 * One question: its text, 2 to 6 options, which of them are right (one or several), how
 * long the room has to answer and what a right answer is worth before any speed bonus.
 */
export const quizQuestionSchema = z
  .object({
    text: cleanText(QUIZ_LIMITS.questionLength, { what: 'The question' }),
    options: z
      .array(cleanText(QUIZ_LIMITS.optionLength, { what: 'An option' }))
      .min(QUIZ_LIMITS.minOptions, `A question needs at least ${QUIZ_LIMITS.minOptions} options`)
      .max(QUIZ_LIMITS.maxOptions, `A question has at most ${QUIZ_LIMITS.maxOptions} options`),
    correct: z
      .array(optionIndex)
      .min(1, 'Mark at least one right answer')
      .max(QUIZ_LIMITS.maxOptions, `At most ${QUIZ_LIMITS.maxOptions} right answers`),
    timeLimitSeconds: count('The time limit', QUIZ_LIMITS.minSeconds, QUIZ_LIMITS.maxSeconds),
    points: count('The points', 0, QUIZ_LIMITS.maxPoints),
  })
  .superRefine(
    (question, ctx) => {
      const labels = question.options.map((o) => o.toLowerCase());
      if (new Set(labels).size !== labels.length)
        ctx.addIssue({
          code: 'custom',
          message: 'Each option must be different',
          path: ['options'],
        });
      if (new Set(question.correct).size !== question.correct.length)
        ctx.addIssue({ code: 'custom', message: 'Mark each right answer once', path: ['correct'] });
      if (question.correct.some((i) => i >= question.options.length))
        ctx.addIssue({
          code: 'custom',
          message: 'A right answer must be one of the options',
          path: ['correct'],
        });
    },
    { when: (payload) => payload.issues.length === 0 },
  );
/** One question of a quiz, as parsed. */
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;

/** A quiz's settings. */
export const quizConfigSchema = z.object({
  questions: z
    .array(quizQuestionSchema)
    .min(QUIZ_LIMITS.minQuestions, 'A quiz needs at least one question')
    .max(QUIZ_LIMITS.maxQuestions, `A quiz has at most ${QUIZ_LIMITS.maxQuestions} questions`),
  /** Faster right answers score more: see `pointsFor` in scoring.ts for the formula. */
  isSpeedBonus: z.boolean({ error: 'The speed bonus must be on or off' }),
  leaderboardSize: z.union([z.literal(LEADERBOARD_SIZES[0]), z.literal(LEADERBOARD_SIZES[1])], {
    error: `The leaderboard shows the top ${LEADERBOARD_SIZES.join(' or ')}`,
  }),
  /** The leaderboard and the summary show ranks and points, never names. */
  isAnonymous: z.boolean({ error: 'Anonymous must be yes or no' }),
  /** Tables compete too: a leaderboard of the session's tables by average points. */
  byTeam: z.boolean({ error: 'By table must be yes or no' }).optional(),
});
/** A quiz's settings, as parsed. */
export type QuizConfig = z.infer<typeof quizConfigSchema>;

/** A participant's answer to one question, scored when it arrives (shown after the reveal). */
export interface QuizAnswer {
  choices: number[];
  /** Milliseconds from the question being shown to the answer, as the server saw them. */
  elapsedMs: number;
  isCorrect: boolean;
  points: number;
}

/** A participant who has answered at least once. */
export interface QuizPlayer {
  /** Every point scored, including the current question's before its reveal. */
  total: number;
  /** Answers by question index (a question left unanswered has no entry). */
  answers: Record<string, QuizAnswer>;
}

/** The counts of one question's answers, kept as answers arrive. */
export interface QuizTally {
  /** Per option: how many chose it. */
  counts: number[];
  answered: number;
  right: number;
}

/**
 * The ranking as of the last reveal. Rebuilt once per reveal (it changes everyone's place),
 * so views and own views read it without sorting the room.
 */
export interface QuizStandings {
  /** Rank by participant id (ties share a rank: 1, 2, 2, 4). */
  ranks: Record<string, number>;
  /** The ranks of the reveal before, for the rank changes. */
  previous: Record<string, number>;
  /** The leaderboard's participant ids, best first (at most the larger leaderboard size). */
  top: string[];
  /** How many were ranked. */
  count: number;
  /** After which question they were taken; -1 before any reveal. */
  afterQuestion: number;
}

/** A quiz round's state. */
export interface QuizState {
  config: QuizConfig;
  phase: QuizPhase;
  /** The question on now (or last), -1 before the first. */
  current: number;
  /** When the current question was shown, and when its answers close, in ms since the epoch. */
  openedAt: number | null;
  deadline: number | null;
  /** Everyone who has answered, by participant id (a rejoining phone keeps its seat's id). */
  players: Table<QuizPlayer>;
  playerCount: number;
  /** Per question asked so far. */
  tallies: QuizTally[];
  standings: QuizStandings;
}

/** A phone's answer to the question on now (its index, so a late tap cannot land on the next). */
export const quizParticipantActionSchema = z.object({
  type: z.literal('answer'),
  question: questionIndex,
  choices: z
    .array(optionIndex)
    .min(1, 'Choose an answer')
    .max(QUIZ_LIMITS.maxOptions, `At most ${QUIZ_LIMITS.maxOptions} choices`),
});
/** A participant's action in a quiz. */
export type QuizParticipantAction = z.infer<typeof quizParticipantActionSchema>;

/**
 * The facilitator's steps, each naming its question so a double click or a late automatic
 * lock is refused instead of acting on the next question.
 */
export const quizFacilitatorActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('show'), question: questionIndex }),
    z.object({ type: z.literal('lock'), question: questionIndex }),
    z.object({ type: z.literal('reveal'), question: questionIndex }),
    z.object({ type: z.literal('leaderboard'), question: questionIndex }),
    z.object({ type: z.literal('finish') }),
  ],
  { error: 'Unknown quiz step' },
);
/** A facilitator's action in a quiz. */
export type QuizFacilitatorAction = z.infer<typeof quizFacilitatorActionSchema>;
