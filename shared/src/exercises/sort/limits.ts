import { LIMITS } from '../../limits.ts';

/**
 * Bounds of a sort, one place for the schema, the editor and the messages. Free of zod, so
 * the console's editor can import it without pulling in the schemas.
 */
export const SORT_LIMITS = {
  minCategories: 2,
  maxCategories: 4,
  maxItems: 30,
  promptLength: LIMITS.questionLength,
  categoryLength: 60,
  itemLength: 200,
} as const;
