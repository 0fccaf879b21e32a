import { LIMITS } from '../../limits.ts';

/**
 * Bounds of a dot vote, one place for the schema, the editor and the messages. Free of zod,
 * so the console's editor can import it without pulling in the schemas.
 */
export const DOT_VOTE_LIMITS = {
  minOptions: 2,
  maxOptions: 20,
  questionLength: LIMITS.questionLength,
  optionLength: LIMITS.optionLength,
  descriptionLength: 200,
  exampleLength: 280,
  maxDots: 50,
} as const;

/** Whether each chosen option takes an example from the voter. */
export const EXAMPLE_MODES = ['off', 'optional', 'required'] as const;
/** Whether each chosen option takes an example from the voter. */
export type ExampleMode = (typeof EXAMPLE_MODES)[number];
