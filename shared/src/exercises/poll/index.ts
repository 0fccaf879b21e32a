import { z } from 'zod';
import { LIMITS } from '../../limits.ts';
import { dict, own } from '../../own.ts';
import { cleanText } from '../../protocol/schemas.ts';
import { fail, ok } from '../../result.ts';
import { teamCountsSummary, type ExerciseDefinition, type RoundContext } from '../types.ts';
import {
  answerCount,
  answerEntries,
  answerEntriesInOrder,
  answerOf,
  withAnswer,
  type PollAnswers,
} from './answers.ts';

export { answersByParticipant } from './answers.ts';

/** A poll's settings. */
export const pollConfigSchema = z
  .object({
    question: cleanText(LIMITS.questionLength, { what: 'The question' }),
    options: z
      .array(cleanText(LIMITS.optionLength, { what: 'An option' }))
      .min(2)
      .max(LIMITS.pollOptions),
    isMultipleChoice: z.boolean(),
    isAnonymous: z.boolean(),
  })
  .refine((c) => new Set(c.options.map((o) => o.toLowerCase())).size === c.options.length, {
    message: 'Each option must be different',
    path: ['options'],
  });
export type PollConfig = z.infer<typeof pollConfigSchema>;

/**
 * Answers are kept by participant so a participant can change theirs until the lock, in
 * buckets so that an answer costs one bucket, not the room (answers.ts).
 */
export interface PollState extends PollAnswers {
  config: PollConfig;
}

export const pollParticipantActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('answer'),
    choices: z.array(z.number().int().min(0)).min(1).max(LIMITS.pollOptions),
  }),
  z.object({ type: z.literal('clear') }),
]);
export type PollParticipantAction = z.infer<typeof pollParticipantActionSchema>;

export const pollFacilitatorActionSchema = z.object({ type: z.literal('reset') });
export type PollFacilitatorAction = z.infer<typeof pollFacilitatorActionSchema>;

/** Counts per option, in option order. */
export interface PollResults {
  counts: number[];
  respondents: number;
}

export interface PollFacilitatorView {
  question: string;
  options: string[];
  isMultipleChoice: boolean;
  isAnonymous: boolean;
  results: PollResults;
  /** Names per option; absent for anonymous polls, whose authors nobody may learn. */
  voters?: string[][];
}

export interface PollParticipantPublicView {
  question: string;
  options: string[];
  isMultipleChoice: boolean;
  isAnonymous: boolean;
  /** Only once revealed, so early answers do not sway the room. */
  results: PollResults | null;
}

export interface PollParticipantOwnView {
  choices: number[];
}

export interface PollScreenView {
  question: string;
  options: string[];
  respondents: number;
  results: PollResults | null;
}

export interface PollViews {
  facilitator: PollFacilitatorView;
  participantPublic: PollParticipantPublicView;
  participantOwn: PollParticipantOwnView;
  screen: PollScreenView;
}

/** Tallies the answers. */
export function tallyPoll(state: PollState): PollResults {
  const counts = state.config.options.map(() => 0);
  let respondents = 0;
  for (const [, choices] of answerEntries(state)) {
    respondents++;
    for (const choice of choices) counts[choice] = (counts[choice] ?? 0) + 1;
  }
  return { counts, respondents };
}

function revealed(state: PollState, ctx: RoundContext): PollResults | null {
  return ctx.isRevealed ? tallyPoll(state) : null;
}

/** Single or multiple choice poll, optionally anonymous. */
export const poll: ExerciseDefinition<
  PollConfig,
  PollState,
  PollParticipantAction,
  PollFacilitatorAction,
  PollViews
> = {
  kind: 'poll',
  label: 'Poll',
  description: 'A question with single or multiple choice answers, results shown as a bar chart.',
  configSchema: pollConfigSchema,
  defaultConfig: () => ({
    question: 'How many sources of customer information does your team use continually?',
    options: ['None', 'One or two', 'Three or more'],
    isMultipleChoice: false,
    isAnonymous: false,
  }),
  participantActionSchema: pollParticipantActionSchema,
  facilitatorActionSchema: pollFacilitatorActionSchema,

  init: (config) => ({ config, answers: dict() }),

  reduce(state, action, actor, ctx) {
    if (action.type === 'reset') {
      if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can reset');
      return ok({ config: state.config, answers: dict() });
    }
    if (actor.role !== 'participant') {
      return fail('FORBIDDEN', 'Only participants answer polls');
    }
    if (!ctx.isOpen) return fail('ROUND_LOCKED', 'Answers are locked for this poll');
    const { participantId } = actor;
    if (action.type === 'clear') {
      return ok(withAnswer(state, participantId, undefined, ctx.draft));
    }
    const choices = [...new Set(action.choices)].sort((a, b) => a - b);
    if (choices.some((c) => c >= state.config.options.length)) {
      return fail('INVALID_ACTION', 'That option does not exist');
    }
    if (!state.config.isMultipleChoice && choices.length > 1) {
      return fail('INVALID_ACTION', 'Choose one option only');
    }
    // One bucket copied per answer; in a server batch, each bucket touched copied once.
    return ok(withAnswer(state, participantId, choices, ctx.draft));
  },

  facilitatorView(state, ctx) {
    const { question, options, isMultipleChoice, isAnonymous } = state.config;
    const view: PollFacilitatorView = {
      question,
      options,
      isMultipleChoice,
      isAnonymous,
      results: tallyPoll(state),
    };
    const voters = pollVoters(state, ctx);
    if (voters) view.voters = voters;
    return view;
  },

  participantPublicView(state, ctx) {
    const { question, options, isMultipleChoice, isAnonymous } = state.config;
    return { question, options, isMultipleChoice, isAnonymous, results: revealed(state, ctx) };
  },

  participantOwnView: (state, participantId) => ({
    choices: answerOf(state, participantId) ?? [],
  }),

  screenView(state, ctx) {
    return {
      question: state.config.question,
      options: state.config.options,
      respondents: answerCount(state),
      results: revealed(state, ctx),
    };
  },

  submittedCount: (state) => answerCount(state),

  summary(state) {
    const { counts, respondents } = tallyPoll(state);
    return {
      headline: state.config.question,
      blocks: [
        { type: 'bars', labels: state.config.options, values: counts, unit: 'answers' },
        {
          type: 'text',
          text: `${respondents} ${respondents === 1 ? 'person' : 'people'} answered.`,
        },
      ],
    };
  },

  /** How each table answered: counts per option, never names. */
  teamSummary: (state, ctx) =>
    teamCountsSummary(
      ctx,
      state.config.options,
      Array.from(answerEntries(state), ([id, choices]) => [id, choices.map((c) => [c, 1])]),
    ),

  actionPlanPrompt: (config) =>
    `Looking at how the room answered "${config.question}", what will I do about it?`,
};

/** Adds the names behind each option for a named poll (never for an anonymous one). */
export function pollVoters(state: PollState, ctx: RoundContext): string[][] | undefined {
  if (state.config.isAnonymous) return undefined;
  const voters: string[][] = state.config.options.map(() => []);
  for (const [participantId, choices] of answerEntriesInOrder(state)) {
    const name = own(ctx.roster, participantId)?.name ?? 'Unknown';
    for (const choice of choices) voters[choice]?.push(name);
  }
  return voters;
}
