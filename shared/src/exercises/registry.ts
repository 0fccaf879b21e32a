import { type z } from 'zod';
import type { Result } from '../result.ts';
import { actionPlan } from './actionPlan/index.ts';
import { brainstorm } from './brainstorm/index.ts';
import { canvas } from './canvas/index.ts';
import { content } from './content/index.ts';
import { dotVote } from './dotVote/index.ts';
import { fineLine } from './fineLine/index.ts';
import { gapRating } from './gapRating/index.ts';
import { playingField } from './playingField/index.ts';
import { poll } from './poll/index.ts';
import { promises } from './promises/index.ts';
import { quiz } from './quiz/index.ts';
import { redBead } from './redBead/index.ts';
import { rolePlay } from './rolePlay/index.ts';
import { ranking } from './ranking/index.ts';
import { scale } from './scale/index.ts';
import { sort } from './sort/index.ts';
import { wordCloud } from './wordCloud/index.ts';
import type {
  Actor,
  ExerciseDefinition,
  ExerciseViewTypes,
  RoundContext,
  RoundControl,
  RoundSummary,
} from './types.ts';

/** Every exercise, by kind. Adding an exercise adds one line here. */
export const EXERCISES = {
  poll,
  redBead,
  fineLine,
  playingField,
  sort,
  dotVote,
  gapRating,
  canvas,
  rolePlay,
  brainstorm,
  actionPlan,
  quiz,
  scale,
  ranking,
  wordCloud,
  content,
  promises,
} as const;

/** The kind of an exercise, e.g. `'poll'`. */
export type ExerciseKind = keyof typeof EXERCISES;

/** All exercise kinds, in catalogue order. */
export const EXERCISE_KINDS = Object.keys(EXERCISES) as ExerciseKind[];

type Definition<K extends ExerciseKind> = (typeof EXERCISES)[K];
type ConfigOf<D> =
  D extends ExerciseDefinition<infer C, infer _S, infer _P, infer _F, infer _V> ? C : never;
type ViewsOf<D> =
  D extends ExerciseDefinition<infer _C, infer _S, infer _P, infer _F, infer V> ? V : never;

/** An exercise's four view types, by kind. */
export type ExerciseViews<K extends ExerciseKind> = ViewsOf<Definition<K>>;

/** An exercise's participant and facilitator actions, by kind. */
export type ExerciseAction<K extends ExerciseKind> =
  Definition<K> extends ExerciseDefinition<infer _C, infer _S, infer P, infer F, infer _V>
    ? P | F
    : never;

/** An exercise's config, by kind. */
export type ExerciseConfig<K extends ExerciseKind> = ConfigOf<Definition<K>>;

/** One of the four audiences of a round. */
export type Audience = keyof ExerciseViewTypes;

/** A round's view for one audience, tagged with its kind so clients can switch on it. */
export type RoundViewFor<A extends Audience> = {
  [K in ExerciseKind]: { kind: K; view: ViewsOf<Definition<K>>[A] };
}[ExerciseKind];

/**
 * What every round carries beside its exercise: the facilitator's script and its planned
 * length. Notes are private to the facilitator: no view of a phone or of the room screen
 * carries them (tests/shared/notesPrivacy.test.ts walks them all).
 */
export interface RoundPlan {
  /** The facilitator's notes or script for the round (plain text, lines kept). */
  notes?: string;
  /** The round's planned length, in whole minutes (1 to 480). */
  minutes?: number;
}

/** A round as it stands in an agenda. */
export type RoundSpec = {
  [K in ExerciseKind]: {
    id: string;
    kind: K;
    title: string;
    config: ExerciseConfig<K>;
  } & RoundPlan;
}[ExerciseKind];

/** A round as a facilitator submits it (the server gives it its id). */
export type RoundInput = Omit<RoundSpec, 'id'>;

/**
 * An exercise with its types erased, as the session runtime meets it. The casts are
 * sound because a round's state only ever comes from the same exercise's `init` and
 * `reduce`, and its config and actions were parsed by that exercise's schemas.
 */
export interface ExerciseModule {
  kind: ExerciseKind;
  label: string;
  description: string;
  parseConfig(input: unknown): Result<unknown>;
  defaultConfig(): unknown;
  parseAction(role: Actor['role'], input: unknown): Result<unknown>;
  init(config: unknown, seed: string): unknown;
  reduce(state: unknown, action: unknown, actor: Actor, ctx: RoundContext): Result<unknown>;
  facilitatorView(state: unknown, ctx: RoundContext): unknown;
  participantPublicView(state: unknown, ctx: RoundContext): unknown;
  participantOwnView(state: unknown, participantId: string, ctx: RoundContext): unknown;
  screenView(state: unknown, ctx: RoundContext): unknown;
  hasSharedOwnViews: boolean;
  /** Whose own views a facilitator's action can have changed ('all' when the exercise does not say). */
  ownViewsChangedBy(before: unknown, after: unknown, action: unknown): 'all' | string[];
  roundControls: readonly RoundControl[];
  submittedCount(state: unknown): number;
  summary(state: unknown, ctx: RoundContext): RoundSummary;
  /** The round's one-page policy, or null when the exercise decides none. */
  policy(state: unknown, ctx: RoundContext): RoundSummary | null;
  /** The round's results per table, or null when the exercise has no such view. */
  teamSummary(state: unknown, ctx: RoundContext): RoundSummary | null;
  actionPlanPrompt(config: unknown): string;
  automation(state: unknown, ctx: RoundContext): { action: unknown; delayMs: number } | null;
}

/** Formats zod issues as one sentence a facilitator can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ` : '') + issue.message)
    .join('; ');
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): Result<T> {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : {
        ok: false,
        error: { code: 'BAD_REQUEST', message: `Invalid ${what}: ${describeIssues(parsed.error)}` },
      };
}

function erase<C, S, P, F, V extends ExerciseViewTypes>(
  kind: ExerciseKind,
  def: ExerciseDefinition<C, S, P, F, V>,
): ExerciseModule {
  return {
    kind,
    label: def.label,
    description: def.description,
    parseConfig: (input) => parseWith(def.configSchema, input, `${def.label} settings`),
    defaultConfig: () => def.defaultConfig(),
    parseAction(role, input) {
      const isFacilitator = role === 'facilitator';
      const own: z.ZodType<unknown> = isFacilitator
        ? def.facilitatorActionSchema
        : def.participantActionSchema;
      const other: z.ZodType<unknown> = isFacilitator
        ? def.participantActionSchema
        : def.facilitatorActionSchema;
      const parsed = parseWith(
        own,
        input,
        role === 'facilitator' ? 'facilitator action' : 'answer',
      );
      // A well-formed action of the other side is a matter of rights, not of form.
      if (!parsed.ok && other.safeParse(input).success) {
        return {
          ok: false,
          error: {
            code: 'FORBIDDEN',
            message:
              role === 'facilitator'
                ? 'Participants do that themselves'
                : 'Only the facilitator can do that',
          },
        };
      }
      return parsed;
    },
    init: (config, seed) => def.init(config as C, seed),
    reduce: (state, action, actor, ctx) => def.reduce(state as S, action as P | F, actor, ctx),
    facilitatorView: (state, ctx) => def.facilitatorView(state as S, ctx),
    participantPublicView: (state, ctx) => def.participantPublicView(state as S, ctx),
    participantOwnView: (state, id, ctx) => def.participantOwnView(state as S, id, ctx),
    screenView: (state, ctx) => def.screenView(state as S, ctx),
    hasSharedOwnViews: def.hasSharedOwnViews ?? false,
    ownViewsChangedBy: (before, after, action) =>
      def.ownViewsChangedBy?.(before as S, after as S, action as F) ?? 'all',
    roundControls: def.roundControls ?? ['open', 'reveal'],
    submittedCount: (state) => def.submittedCount(state as S),
    summary: (state, ctx) => def.summary(state as S, ctx),
    policy: (state, ctx) => def.policy?.(state as S, ctx) ?? null,
    teamSummary: (state, ctx) => def.teamSummary?.(state as S, ctx) ?? null,
    actionPlanPrompt: (config) => def.actionPlanPrompt(config as C),
    automation: (state, ctx) => def.automation?.(state as S, ctx) ?? null,
  };
}

// Each definition is erased on its own; TypeScript cannot follow that through the union
// of all definitions, hence the one widening cast here, at the erasure boundary.
const MODULES = Object.fromEntries(
  EXERCISE_KINDS.map((kind) => [
    kind,
    erase(
      kind,
      EXERCISES[kind] as unknown as ExerciseDefinition<
        unknown,
        unknown,
        unknown,
        unknown,
        ExerciseViewTypes
      >,
    ),
  ]),
) as Record<ExerciseKind, ExerciseModule>;

/** The exercise of a kind, or undefined for a kind this build does not know. */
export function getExercise(kind: string): ExerciseModule | undefined {
  return Object.hasOwn(MODULES, kind) ? MODULES[kind as ExerciseKind] : undefined;
}

/** A round input whose kind is known and whose config passed that exercise's schema. */
export function parseRoundInput(input: {
  kind: string;
  title: string;
  config: unknown;
  notes?: string | undefined;
  minutes?: number | undefined;
}): Result<RoundInput> {
  const exercise = getExercise(input.kind);
  if (!exercise)
    return {
      ok: false,
      error: { code: 'BAD_REQUEST', message: `Unknown exercise "${input.kind}"` },
    };
  const config = exercise.parseConfig(input.config);
  if (!config.ok) return config;
  return {
    ok: true,
    data: {
      kind: exercise.kind,
      title: input.title,
      config: config.data,
      // Absent stays absent: a round without notes carries no empty field.
      ...(input.notes ? { notes: input.notes } : {}),
      ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
    } as RoundInput,
  };
}
