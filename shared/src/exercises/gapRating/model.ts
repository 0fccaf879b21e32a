import { z } from 'zod';
import { cleanText } from '../../protocol/schemas.ts';
import { GAP_MAX_MEASURES, GAP_MAX_SCALE_POINTS, GAP_MEASURE_LENGTH } from './limits.ts';

/** A required line of text a facilitator types, with a message naming the field. */
const label = (max: number, what: string) => cleanText(max, { what });

/** The rating scale: whole numbers from `min` to `max`, with words at both ends. */
export const gapScaleSchema = z
  .object({
    min: z
      .number()
      .int('The scale must start at a whole number')
      .min(0, 'The scale starts at 0 or 1')
      .max(1, 'The scale starts at 0 or 1'),
    max: z
      .number()
      .int('The top of the scale must be a whole number')
      .min(3, 'The top of the scale must be at least 3')
      .max(10, 'The top of the scale can be at most 10'),
    lowLabel: label(30, 'The label of the low end'),
    highLabel: label(30, 'The label of the high end'),
  })
  .refine((s) => s.max - s.min + 1 <= GAP_MAX_SCALE_POINTS, {
    message: `The scale has at most ${GAP_MAX_SCALE_POINTS} points`,
    path: ['max'],
  });
/** A rating scale. */
export type GapScale = z.infer<typeof gapScaleSchema>;

/** An "expected vs actual" round as the facilitator sets it up. */
export const gapRatingConfigSchema = z.object({
  question: label(300, 'The question'),
  measures: z
    .array(label(GAP_MEASURE_LENGTH, 'Each measure'))
    .min(1, 'Add at least one measure')
    .max(GAP_MAX_MEASURES, `A round has at most ${GAP_MAX_MEASURES} measures`)
    .refine((m) => new Set(m.map((x) => x.toLowerCase())).size === m.length, {
      message: 'Each measure must be different',
    }),
  scale: gapScaleSchema,
});
/** The settings of an "expected vs actual" round. */
export type GapRatingConfig = z.infer<typeof gapRatingConfigSchema>;

/** Which of the two ratings of a measure: the service expected, or the service received. */
export type GapSide = 'expected' | 'actual';

/** One participant's ratings, by measure index; null where not rated (yet). */
export interface GapAnswers {
  expected: (number | null)[];
  actual: (number | null)[];
}

/**
 * The round's state: each participant's ratings, kept by participant id so each rating can
 * change until the facilitator locks the round. Never shown per participant to anyone else.
 */
export interface GapRatingState {
  config: GapRatingConfig;
  ratings: Record<string, GapAnswers>;
}

const measureIndex = z
  .number({ error: 'The measure must be a number' })
  .int('The measure must be a whole number')
  .min(0, 'That measure does not exist')
  .max(GAP_MAX_MEASURES - 1, 'That measure does not exist');
const side = z.enum(['expected', 'actual'], { error: 'Rate the expected or the actual service' });

/** What a participant does: rate one side of one measure, or take that rating back. */
export const gapRatingParticipantActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('rate'),
    measure: measureIndex,
    side,
    value: z
      .number({ error: 'The rating must be a number' })
      .int('The rating must be a whole number')
      .min(0, 'The rating is off the scale')
      .max(GAP_MAX_SCALE_POINTS, 'The rating is off the scale'),
  }),
  z.object({ type: z.literal('unrate'), measure: measureIndex, side }),
]);
/** A participant's action in an "expected vs actual" round. */
export type GapRatingParticipantAction = z.infer<typeof gapRatingParticipantActionSchema>;

/** What the facilitator does: clear every rating (to run the round again). */
export const gapRatingFacilitatorActionSchema = z.object({ type: z.literal('reset') });
/** The facilitator's action in an "expected vs actual" round. */
export type GapRatingFacilitatorAction = z.infer<typeof gapRatingFacilitatorActionSchema>;
