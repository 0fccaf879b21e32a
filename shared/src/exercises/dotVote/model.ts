import { z } from 'zod';
import { cleanText, keySchema } from '../../protocol/schemas.ts';
import { DOT_VOTE_LIMITS, EXAMPLE_MODES } from './limits.ts';

const text = (what: string, max: number) => cleanText(max, { what });

const count = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} can be at most ${max}`);

/** One option to vote for, with an optional one-line description shown under it. */
export const dotVoteOptionSchema = z.object({
  label: text('An option', DOT_VOTE_LIMITS.optionLength),
  description: cleanText(DOT_VOTE_LIMITS.descriptionLength, {
    what: 'A description',
    isOptional: true,
  }),
});

/**
 * How people vote. `choose`: pick between `min` and `max` options, one vote each; `min` is
 * the rule the vote checks ("use at least three"), so fewer are accepted and counted as
 * falling short. `dots`: spread up to `dots` dots, at most `maxPerOption` on one option.
 */
export const dotVoteRuleSchema = z.discriminatedUnion(
  'mode',
  [
    z.object({
      mode: z.literal('choose'),
      min: count('The minimum number of choices', 0, DOT_VOTE_LIMITS.maxOptions),
      max: count('The maximum number of choices', 1, DOT_VOTE_LIMITS.maxOptions),
    }),
    z.object({
      mode: z.literal('dots'),
      dots: count('The number of dots', 1, DOT_VOTE_LIMITS.maxDots),
      maxPerOption: count('The dots allowed on one option', 1, DOT_VOTE_LIMITS.maxDots),
    }),
  ],
  { error: 'The voting mode must be "choose" or "dots"' },
);
/** How people vote: choose several, or spread dots. */
export type DotVoteRule = z.infer<typeof dotVoteRuleSchema>;

/** A dot vote's settings. */
export const dotVoteConfigSchema = z
  .object({
    question: text('The question', DOT_VOTE_LIMITS.questionLength),
    options: z
      .array(dotVoteOptionSchema)
      .min(
        DOT_VOTE_LIMITS.minOptions,
        `A vote needs at least ${DOT_VOTE_LIMITS.minOptions} options`,
      )
      .max(DOT_VOTE_LIMITS.maxOptions, `A vote has at most ${DOT_VOTE_LIMITS.maxOptions} options`),
    rule: dotVoteRuleSchema,
    exampleMode: z.enum(EXAMPLE_MODES, { error: 'Examples must be off, optional or required' }),
    isAnonymous: z.boolean({ error: 'Anonymous must be yes or no' }),
    /** Name who falls short of the minimum on the console and the room screen (never when anonymous). */
    showShortfallNames: z.boolean({ error: 'Naming who falls short must be yes or no' }),
  })
  .superRefine(
    (config, ctx) => {
      const labels = config.options.map((o) => o.label.toLowerCase());
      if (new Set(labels).size !== labels.length) {
        ctx.addIssue({
          code: 'custom',
          message: 'Each option must be different',
          path: ['options'],
        });
      }
      const { rule } = config;
      if (rule.mode === 'choose') {
        if (rule.min > rule.max) {
          ctx.addIssue({
            code: 'custom',
            message: 'The minimum number of choices cannot be more than the maximum',
            path: ['rule', 'min'],
          });
        }
        if (rule.max > config.options.length) {
          ctx.addIssue({
            code: 'custom',
            message: `The maximum number of choices cannot be more than the ${config.options.length} options`,
            path: ['rule', 'max'],
          });
        }
      } else if (rule.maxPerOption > rule.dots) {
        ctx.addIssue({
          code: 'custom',
          message: 'The dots allowed on one option cannot be more than the dots each person has',
          path: ['rule', 'maxPerOption'],
        });
      }
      if (config.isAnonymous && config.showShortfallNames) {
        ctx.addIssue({
          code: 'custom',
          message: 'An anonymous vote cannot name who falls short',
          path: ['showShortfallNames'],
        });
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  );
/** A dot vote's settings, as parsed. */
export type DotVoteConfig = z.infer<typeof dotVoteConfigSchema>;

/**
 * An example a voter gave for a chosen option. Its id is opaque (drawn from the round's
 * seed, not from the author or the order of arrival), so the console can hide it
 * without learning who wrote it.
 */
export interface DotVoteExample {
  id: string;
  text: string;
  isHidden: boolean;
}

/** One option on one ballot. */
export interface DotVoteChoice {
  option: number;
  /** 1 when choosing; the dots placed when spreading dots. */
  dots: number;
  example: DotVoteExample | null;
}

/** A dot vote round's state. */
export interface DotVoteState {
  config: DotVoteConfig;
  /** The round's seed: example ids are drawn from it. */
  seed: string;
  /** How many example ids have been drawn, so the next one is new. */
  exampleCount: number;
  /** Each voter's ballot, options in option order; kept by participant so it can change. */
  ballots: Record<string, DotVoteChoice[]>;
  /** The option whose examples the room screen shows after the reveal, or null. */
  focus: number | null;
}

const optionIndex = count('The option', 0, DOT_VOTE_LIMITS.maxOptions - 1);

/** A phone's whole ballot (an empty list means "none of these"), or withdrawing it. */
export const dotVoteParticipantActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('vote'),
    choices: z
      .array(
        z.object({
          option: optionIndex,
          dots: count('The dots on an option', 1, DOT_VOTE_LIMITS.maxDots),
          example: cleanText(DOT_VOTE_LIMITS.exampleLength).nullable(),
        }),
      )
      .max(DOT_VOTE_LIMITS.maxOptions, `At most ${DOT_VOTE_LIMITS.maxOptions} choices`),
  }),
  z.object({ type: z.literal('clear') }),
]);
/** A participant's action in a dot vote. */
export type DotVoteParticipantAction = z.infer<typeof dotVoteParticipantActionSchema>;

/** The shape of an example id. */
export const exampleIdSchema = keySchema(/^ex_[a-z0-9]{10}$/, 'Invalid example id');

/** The console: clear the votes, hide or show an example, choose the examples on screen. */
export const dotVoteFacilitatorActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reset') }),
  z.object({
    type: z.literal('hideExample'),
    exampleId: exampleIdSchema,
    isHidden: z.boolean({ error: 'Hidden must be yes or no' }),
  }),
  z.object({ type: z.literal('focus'), option: optionIndex.nullable() }),
]);
/** A facilitator's action in a dot vote. */
export type DotVoteFacilitatorAction = z.infer<typeof dotVoteFacilitatorActionSchema>;
