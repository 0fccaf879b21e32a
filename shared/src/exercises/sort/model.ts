import { z } from 'zod';
import { cleanText } from '../../protocol/schemas.ts';
import { SORT_LIMITS } from './limits.ts';

const text = (what: string, max: number) => cleanText(max, { what });

/** One statement to sort, with the category the facilitator expects (or none). */
export const sortItemSchema = z.object({
  text: text('A statement', SORT_LIMITS.itemLength),
  /** Index of the expected category; null when there is no right answer. */
  answer: z
    .number({ error: 'The expected category must be a category number or none' })
    .int('The expected category must be a category number or none')
    .min(0, 'The expected category must be one of the categories')
    .max(SORT_LIMITS.maxCategories - 1, 'The expected category must be one of the categories')
    .nullable(),
});

/** A sort's settings: a prompt, 2 to 4 categories and up to 30 statements. */
export const sortConfigSchema = z
  .object({
    prompt: text('The prompt', SORT_LIMITS.promptLength),
    categories: z
      .array(text('A category', SORT_LIMITS.categoryLength))
      .min(
        SORT_LIMITS.minCategories,
        `A sort needs at least ${SORT_LIMITS.minCategories} categories`,
      )
      .max(SORT_LIMITS.maxCategories, `A sort has at most ${SORT_LIMITS.maxCategories} categories`),
    items: z
      .array(sortItemSchema)
      .min(1, 'A sort needs at least 1 statement')
      .max(SORT_LIMITS.maxItems, `A sort has at most ${SORT_LIMITS.maxItems} statements`),
  })
  .superRefine(
    (config, ctx) => {
      const lower = (s: string) => s.toLowerCase();
      if (new Set(config.categories.map(lower)).size !== config.categories.length) {
        ctx.addIssue({
          code: 'custom',
          message: 'Each category must be different',
          path: ['categories'],
        });
      }
      if (new Set(config.items.map((i) => lower(i.text))).size !== config.items.length) {
        ctx.addIssue({
          code: 'custom',
          message: 'Each statement must be different',
          path: ['items'],
        });
      }
      config.items.forEach((item, i) => {
        if (item.answer !== null && item.answer >= config.categories.length) {
          ctx.addIssue({
            code: 'custom',
            message: `Statement ${i + 1} expects a category that does not exist`,
            path: ['items', i, 'answer'],
          });
        }
      });
    },
    // Only once every field is fine on its own, so one mistake gives one message.
    { when: (payload) => payload.issues.length === 0 },
  );
/** A sort's settings, as parsed. */
export type SortConfig = z.infer<typeof sortConfigSchema>;
/** One statement of a sort. */
export type SortItem = SortConfig['items'][number];

/** A sort round's state: who put which statement where, and what the screen shows. */
export interface SortState {
  config: SortConfig;
  /**
   * Each participant's category per statement, in statement order; null where that
   * statement is not sorted yet. Kept by participant so answers can change until the lock.
   */
  placements: Record<string, (number | null)[]>;
  /** The statement the facilitator puts on the room screen, or null for the overview. */
  focus: number | null;
}

const index = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(0, `${what} must be 0 or more`)
    .max(SORT_LIMITS.maxItems - 1, `${what} is out of range`);

/** What a phone sends: one statement put into one category. */
export const sortParticipantActionSchema = z.object({
  type: z.literal('place'),
  item: index('The statement'),
  category: index('The category').max(SORT_LIMITS.maxCategories - 1, 'No such category'),
});
/** A participant's action in a sort. */
export type SortParticipantAction = z.infer<typeof sortParticipantActionSchema>;

/** What the console sends: clear every answer, or choose the statement on the room screen. */
export const sortFacilitatorActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('focus'), item: index('The statement').nullable() }),
]);
/** A facilitator's action in a sort. */
export type SortFacilitatorAction = z.infer<typeof sortFacilitatorActionSchema>;
