import { z } from 'zod';
import { cleanText } from '../../protocol/schemas.ts';

/** Bounds of the role-play's settings and actions, one place for schemas and editors. */
export const ROLE_PLAY_LIMITS = {
  titleLength: 120,
  complaintLength: 800,
  briefLength: 800,
  stepNameLength: 40,
  stepHintLength: 200,
  minSteps: 1,
  maxSteps: 6,
  minScaleMax: 3,
  maxScaleMax: 10,
  commentLength: 280,
} as const;

const L = ROLE_PLAY_LIMITS;

/** Required text of the settings, with a message that names the field. */
function settingText(what: string, max: number) {
  return cleanText(max, { what });
}

/** One step of the model the provider walks through and the observer scores. */
export const rolePlayStepSchema = z.object(
  {
    name: settingText('A step’s name', L.stepNameLength),
    /** One line saying what the step means, shown to the provider and beside the score. */
    hint: settingText('A step’s explanation', L.stepHintLength),
  },
  { error: 'Each step needs a name and an explanation' },
);
/** A step of the role-play, e.g. Communicate: be responsive and listen. */
export type RolePlayStep = z.infer<typeof rolePlayStepSchema>;

/** The complaint the groups play out, and what each side knows. */
export const rolePlayScenarioSchema = z.object(
  {
    title: settingText('The scenario’s title', L.titleLength),
    /** What happened, shown to everyone in the room. */
    complaint: settingText('The complaint', L.complaintLength),
    /** Shown to the customer only: what they are upset about and how they come across. */
    customerBrief: settingText('The customer’s brief', L.briefLength),
    /** Shown to the service provider only: what they know and what they may do. */
    providerBrief: settingText('The service provider’s brief', L.briefLength),
  },
  { error: 'The scenario needs a title, a complaint and both briefs' },
);
/** A role-play scenario. */
export type RolePlayScenario = z.infer<typeof rolePlayScenarioSchema>;

/**
 * The role-play's settings. `groupSize` is how groups are formed: pairs (customer and
 * provider; the customer also scores) or trios (customer, provider and an observer who
 * scores). Scores run from 1 to `scaleMax`.
 */
export const rolePlayConfigSchema = z.object({
  scenario: rolePlayScenarioSchema,
  steps: z
    .array(rolePlayStepSchema, { error: 'The steps must be a list' })
    .min(L.minSteps, 'The role-play needs at least one step to score')
    .max(L.maxSteps, `The role-play has at most ${L.maxSteps} steps`)
    .refine(
      (steps) => new Set(steps.map((s) => s.name.toLocaleLowerCase())).size === steps.length,
      { message: 'Each step needs its own name' },
    ),
  groupSize: z.enum(['pairs', 'trios'], { error: 'Groups are pairs or trios' }),
  scaleMax: z
    .number({ error: 'The top of the score scale must be a number' })
    .int('The top of the score scale must be a whole number')
    .min(L.minScaleMax, `Scores go from 1 to at least ${L.minScaleMax}`)
    .max(L.maxScaleMax, `Scores go from 1 to at most ${L.maxScaleMax}`),
});
/** The role-play's settings, as parsed. */
export type RolePlayConfig = z.infer<typeof rolePlayConfigSchema>;

/** How groups are formed. */
export type RolePlayGroupSize = RolePlayConfig['groupSize'];

/** A part in a group. Observers beyond the scoring one only watch. */
export type RolePlayRole = 'customer' | 'provider' | 'observer';

/**
 * A group of the play running. `members` are participant ids by slot: slot 0 plays the
 * customer, slot 1 the service provider, slot 2 and later observe. Rotating roles moves
 * everyone one slot on, so after as many rotations as members everyone played every part.
 */
export interface RolePlayGroup {
  /** `G1`, `G2`, ... in order of formation; a newcomer keeps the group's id. */
  id: string;
  members: string[];
}

/** One group's scores for one play, as its scorer entered them. */
export interface RolePlayScorecard {
  groupId: string;
  /** The play it belongs to (1 for the first groups, +1 at each rotation or re-forming). */
  play: number;
  /** Aligned with the config's steps; null where the step is not scored (yet). */
  scores: (number | null)[];
  /** The scorer's short note; empty when none. */
  comment: string;
}

/** The round's state: the groups of the play running, its scorecards and earlier plays'. */
export interface RolePlayState {
  config: RolePlayConfig;
  /** The round's seed; each forming of groups shuffles with a seed derived from it. */
  seed: string;
  /** How many times groups were formed: part of each shuffle's seed. */
  formations: number;
  /** The play running; 0 until groups are first formed. */
  play: number;
  groups: RolePlayGroup[];
  /** Scorecards of the play running, by group id; only those with a score or a note. */
  scorecards: Record<string, RolePlayScorecard>;
  /** Scorecards of earlier plays, oldest first; only those with a score or a note. */
  archive: RolePlayScorecard[];
}

/** What the facilitator does: form (or re-form) groups, rotate roles, place newcomers. */
export const rolePlayFacilitatorActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('form') }),
    z.object({ type: z.literal('rotate') }),
    z.object({ type: z.literal('placeNewcomers') }),
  ],
  { error: 'Unknown role-play action' },
);
/** A facilitator action in the role-play. */
export type RolePlayFacilitatorAction = z.infer<typeof rolePlayFacilitatorActionSchema>;

/** What a group's scorer does: score a step (null clears it) and write a short note. */
export const rolePlayParticipantActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('score'),
      step: z
        .string({ error: 'Name the step to score' })
        .min(1, 'Name the step to score')
        .max(L.stepNameLength, 'There is no step with so long a name'),
      value: z
        .number({ error: 'A score must be a number' })
        .int('A score must be a whole number')
        .min(1, 'Scores start at 1')
        .max(L.maxScaleMax, `Scores go up to ${L.maxScaleMax} at most`)
        .nullable(),
    }),
    z.object({
      type: z.literal('comment'),
      // Blank clears the note; anything else is cleaned like every text people type.
      text: z.union(
        [
          z
            .string()
            .max(L.commentLength * 4)
            .regex(/^\s*$/)
            .transform(() => ''),
          cleanText(L.commentLength),
        ],
        {
          error: `A note has at most ${L.commentLength} characters`,
        },
      ),
    }),
  ],
  { error: 'Unknown role-play action' },
);
/** A participant action in the role-play. */
export type RolePlayParticipantAction = z.infer<typeof rolePlayParticipantActionSchema>;
