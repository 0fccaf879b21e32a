import { z } from 'zod';
import { cleanText } from '../../protocol/schemas.ts';
import { LIMITS } from '../../limits.ts';
import type { Sharded } from '../scale/shards.ts';

/** Every bound of a ranking round, one place for the schemas and the editors. */
export const RANKING_LIMITS = {
  minItems: 3,
  maxItems: 10,
  questionLength: LIMITS.questionLength,
  itemLength: LIMITS.optionLength,
  descriptionLength: 200,
} as const;

/** One item to place, with an optional one-line description shown under it. */
export const rankingItemSchema = z.object({
  label: cleanText(RANKING_LIMITS.itemLength, { what: 'An item' }),
  description: cleanText(RANKING_LIMITS.descriptionLength, {
    what: 'A description',
    isOptional: true,
  }),
});
/** One item to place. */
export type RankingItem = z.infer<typeof rankingItemSchema>;

/** A ranking round's settings. */
export const rankingConfigSchema = z
  .object({
    question: cleanText(RANKING_LIMITS.questionLength, { what: 'The question' }),
    items: z
      .array(rankingItemSchema)
      .min(RANKING_LIMITS.minItems, `A ranking needs at least ${RANKING_LIMITS.minItems} items`)
      .max(RANKING_LIMITS.maxItems, `A ranking has at most ${RANKING_LIMITS.maxItems} items`),
  })
  .superRefine(
    (config, ctx) => {
      const labels = config.items.map((i) => i.label.toLocaleLowerCase());
      if (new Set(labels).size !== labels.length) {
        ctx.addIssue({ code: 'custom', message: 'Each item must be different', path: ['items'] });
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  );
/** A ranking round's settings, as parsed. */
export type RankingConfig = z.infer<typeof rankingConfigSchema>;

/** A ranking round's state: every order, and the totals they add up to, kept up to date. */
export interface RankingState {
  config: RankingConfig;
  /** Each participant's order: item indices, first place first. */
  orders: Sharded<number[]>;
  /** Borda points per item, in item order. */
  points: number[];
  /** Per item, how many placed it at each place (index 0: first). */
  places: number[][];
  /** Participants with an order in. */
  submitted: number;
}

/** A phone hands in its whole order (every item once), or takes it back. */
export const rankingParticipantActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('submit'),
      order: z
        .array(
          z
            .number({ error: 'An item must be a number' })
            .int('An item must be a whole number')
            .min(0, 'That item does not exist')
            .max(RANKING_LIMITS.maxItems - 1, 'That item does not exist'),
        )
        .min(RANKING_LIMITS.minItems, 'Place every item')
        .max(RANKING_LIMITS.maxItems, 'Place each item once'),
    }),
    z.object({ type: z.literal('withdraw') }),
  ],
  { error: 'Unknown ranking action' },
);
/** A participant's action in a ranking round. */
export type RankingParticipantAction = z.infer<typeof rankingParticipantActionSchema>;

/** The console: clear every order. */
export const rankingFacilitatorActionSchema = z.discriminatedUnion(
  'type',
  [z.object({ type: z.literal('reset') })],
  { error: 'Unknown ranking action' },
);
/** A facilitator's action in a ranking round. */
export type RankingFacilitatorAction = z.infer<typeof rankingFacilitatorActionSchema>;
