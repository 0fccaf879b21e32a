import type { z } from 'zod';
import type { Result } from '../result.ts';

/** Who sent an action. The server sets this from the credential, never from the payload. */
export type Actor = { role: 'facilitator' } | { role: 'participant'; participantId: string };

/** A participant as an exercise sees them. */
export interface RosterEntry {
  id: string;
  name: string;
  hasLeft: boolean;
}

/**
 * What the session tells an exercise about the round it runs in. Everything an exercise
 * may depend on arrives here or in its own state: no clock, no randomness, no I/O.
 */
export interface RoundContext {
  /** Are participants' submissions accepted now? */
  isOpen: boolean;
  /** Has the facilitator revealed the results to the room? */
  isRevealed: boolean;
  /** Everyone who ever joined the session, by id. */
  roster: Readonly<Record<string, RosterEntry>>;
  /** Time of the event being applied or viewed, in ms since the epoch. */
  at: number;
}

/** A block of a round's summary, kept in the session's results and later its notebook. */
export type SummaryBlock =
  | { type: 'text'; text: string }
  | { type: 'bars'; labels: string[]; values: number[]; unit: string }
  | { type: 'table'; columns: string[]; rows: string[][] };

/** What a round leaves behind: enough to render it later without the exercise state. */
export interface RoundSummary {
  headline: string;
  blocks: SummaryBlock[];
}

/**
 * One exercise, as pure code. The type parameters tie config, state, actions and views
 * together so an exercise is type-checked as a whole; the session only meets exercises
 * through {@link ExerciseModule}, which erases them.
 */
export interface ExerciseDefinition<
  Config,
  State,
  ParticipantAction,
  FacilitatorAction,
  Views extends ExerciseViewTypes,
> {
  /** Stable identifier stored in agendas and event logs: never rename. */
  kind: string;
  label: string;
  description: string;
  configSchema: z.ZodType<Config>;
  defaultConfig(): Config;
  participantActionSchema: z.ZodType<ParticipantAction>;
  facilitatorActionSchema: z.ZodType<FacilitatorAction>;
  /** The round's first state. `seed` feeds any randomness the exercise needs. */
  init(config: Config, seed: string): State;
  /** Applies one validated action, or refuses it. Must be deterministic. */
  reduce(
    state: State,
    action: ParticipantAction | FacilitatorAction,
    actor: Actor,
    ctx: RoundContext,
  ): Result<State>;
  facilitatorView(state: State, ctx: RoundContext): Views['facilitator'];
  /** What every phone sees: identical for all participants, so it is sent once to the room. */
  participantPublicView(state: State, ctx: RoundContext): Views['participantPublic'];
  /** What only this participant sees (their own answers). */
  participantOwnView(
    state: State,
    participantId: string,
    ctx: RoundContext,
  ): Views['participantOwn'];
  screenView(state: State, ctx: RoundContext): Views['screen'];
  /** How many participants have submitted something, for progress displays. */
  submittedCount(state: State): number;
  summary(state: State, ctx: RoundContext): RoundSummary;
  /** The "what will I do about this?" prompt offered after the round. */
  actionPlanPrompt(config: Config): string;
}

/** The four view types of an exercise. */
export interface ExerciseViewTypes {
  facilitator: unknown;
  participantPublic: unknown;
  participantOwn: unknown;
  screen: unknown;
}
