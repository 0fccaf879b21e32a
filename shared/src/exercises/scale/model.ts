import { z } from 'zod';
import { cleanText, idSchema } from '../../protocol/schemas.ts';
import { LIMITS } from '../../limits.ts';
import type { Sharded } from './shards.ts';

/** Every bound of a scale round, one place for the schemas and the editors. */
export const SCALE_LIMITS = {
  minStatements: 1,
  maxStatements: 12,
  questionLength: LIMITS.questionLength,
  statementLength: 200,
  endLabelLength: 40,
  /** Statements the room screen shows at once; more are paged. */
  screenPageSize: 4,
  /** Answers a baseline may report per statement (a session's size). */
  maxCount: LIMITS.participantsPerSession,
} as const;

/** The three scales: buttons 1-5, buttons 1-10, or a 0-100 slider. */
export const SCALE_KINDS = ['1-5', '1-10', '0-100'] as const;
/** Which scale a round uses. */
export type ScaleKind = (typeof SCALE_KINDS)[number];

/** The lowest and highest value of a scale. */
export function scaleBounds(kind: ScaleKind): { min: number; max: number } {
  switch (kind) {
    case '1-5':
      return { min: 1, max: 5 };
    case '1-10':
      return { min: 1, max: 10 };
    case '0-100':
      return { min: 0, max: 100 };
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

const text = (what: string, max: number) => cleanText(max, { what });

/** A scale round's settings. */
export const scaleConfigSchema = z
  .object({
    question: text('The question', SCALE_LIMITS.questionLength),
    statements: z
      .array(text('A statement', SCALE_LIMITS.statementLength))
      .min(SCALE_LIMITS.minStatements, 'Add at least one statement to rate')
      .max(SCALE_LIMITS.maxStatements, `At most ${SCALE_LIMITS.maxStatements} statements`),
    scale: z.enum(SCALE_KINDS, { error: 'The scale must be 1-5, 1-10 or 0-100' }),
    lowLabel: text('The label of the low end', SCALE_LIMITS.endLabelLength),
    highLabel: text('The label of the high end', SCALE_LIMITS.endLabelLength),
    /** Offer "skip / don't know" beside the values. */
    allowSkip: z.boolean({ error: 'Allowing a skip must be yes or no' }),
    /** Show the results on the room screen while people rate, not only after the reveal. */
    showLive: z.boolean({ error: 'Showing results live must be yes or no' }),
    /** An earlier scale round of the agenda to compare with (before -> after), or null. */
    compareWith: idSchema.nullable(),
  })
  .superRefine(
    (config, ctx) => {
      const keys = config.statements.map(statementKey);
      if (new Set(keys).size !== keys.length) {
        ctx.addIssue({
          code: 'custom',
          message: 'Each statement must be different',
          path: ['statements'],
        });
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  );
/** A scale round's settings, as parsed. */
export type ScaleConfig = z.infer<typeof scaleConfigSchema>;

/** How statements are matched between two rounds: case, spacing and end punctuation aside. */
export function statementKey(statement: string): string {
  return statement
    .toLocaleLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.!?…]+$/u, '')
    .trim();
}

/** One answer: a value on the scale, "skip / don't know", or not answered yet (null). */
export type ScaleAnswer = number | 'skip' | null;

/** The tally of one statement, kept up to date by every rating (never rebuilt from answers). */
export interface StatementTally {
  /** Ratings per value, index 0 for the scale's lowest value. */
  counts: number[];
  /** "Skip / don't know" answers. */
  skipped: number;
}

/** An earlier round's figures for one statement, for before -> after. */
export interface BaselineStatement {
  text: string;
  count: number;
  mean: number | null;
  median: number | null;
}

/** The earlier round's figures, taken once by the facilitator into this round's log. */
export interface ScaleBaseline {
  roundId: string;
  title: string;
  statements: BaselineStatement[];
}

/** A scale round's state. */
export interface ScaleState {
  config: ScaleConfig;
  /** Each participant's answers, one per statement, in shards. */
  answers: Sharded<ScaleAnswer[]>;
  /** Per statement, in statement order. */
  tallies: StatementTally[];
  /** Participants with at least one answer (a skip counts). */
  respondents: number;
  /** The page of statements the room screen shows (0-based). */
  screenPage: number;
  baseline: ScaleBaseline | null;
}

const statementIndex = z
  .number({ error: 'The statement must be a number' })
  .int('The statement must be a whole number')
  .min(0, 'That statement does not exist')
  .max(SCALE_LIMITS.maxStatements - 1, 'That statement does not exist');

/** A phone rates one statement, skips it, or takes its rating back (null). */
export const scaleParticipantActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('rate'),
      statement: statementIndex,
      value: z.union(
        [
          z
            .number({ error: 'A rating must be a number' })
            .int('A rating must be a whole number')
            .min(0, 'A rating is at least 0')
            .max(100, 'A rating is at most 100'),
          z.literal('skip'),
          z.null(),
        ],
        { error: 'A rating must be a number, "skip" or nothing' },
      ),
    }),
  ],
  { error: 'Unknown rating action' },
);
/** A participant's action in a scale round. */
export type ScaleParticipantAction = z.infer<typeof scaleParticipantActionSchema>;

const figure = z
  .number({ error: 'A figure must be a number' })
  .min(0, 'A figure is at least 0')
  .max(100, 'A figure is at most 100')
  .nullable();

/** The console: clear all ratings, page the screen, take in or drop the earlier round's figures. */
export const scaleFacilitatorActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('reset') }),
    z.object({
      type: z.literal('page'),
      page: z
        .number({ error: 'The page must be a number' })
        .int('The page must be a whole number')
        .min(0, 'The page is at least 0')
        .max(SCALE_LIMITS.maxStatements, 'That page does not exist'),
    }),
    z.object({
      type: z.literal('baseline'),
      roundId: idSchema,
      title: cleanText(LIMITS.titleLength, { what: 'The round title' }),
      statements: z
        .array(
          z.object({
            text: text('A statement', SCALE_LIMITS.statementLength),
            count: z
              .number({ error: 'A count must be a number' })
              .int('A count must be a whole number')
              .min(0, 'A count is at least 0')
              .max(SCALE_LIMITS.maxCount, `A count is at most ${SCALE_LIMITS.maxCount}`),
            mean: figure,
            median: figure,
          }),
        )
        .max(SCALE_LIMITS.maxStatements, `At most ${SCALE_LIMITS.maxStatements} statements`),
    }),
    z.object({ type: z.literal('clearBaseline') }),
  ],
  { error: 'Unknown scale action' },
);
/** A facilitator's action in a scale round. */
export type ScaleFacilitatorAction = z.infer<typeof scaleFacilitatorActionSchema>;
