import type { z } from 'zod';
import type { Result } from '../result.ts';
import type { Draft } from './records.ts';

/** Who sent an action. The server sets this from the credential, never from the payload. */
export type Actor = { role: 'facilitator' } | { role: 'participant'; participantId: string };

/** A generic control the console offers for a round. */
export type RoundControl = 'open' | 'reveal';

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
  /**
   * The id of the table (team) a participant sits at, or null. A lookup into the session's
   * state, O(1) and without copies. Optional so contexts built by hand (tests, tools) need
   * not carry it; read it with {@link teamOfIn}. The session always sets it.
   */
  teamOf?: (participantId: string) => string | null;
  /** The session's tables in order (empty when there are none); the session's own array, never copied. */
  teams?: readonly TeamInfo[];
  /**
   * The records this fold of events created and may write in place (see `Draft` in
   * records.ts): pass it to `withEntry`/`withoutEntry`. Absent outside the server's batches
   * and replays, and then every write copies.
   */
  draft?: Draft;
}

/** A table (team) as an exercise sees it. */
export interface TeamInfo {
  id: string;
  name: string;
}

/** The table of a participant in a round's context, or null (also when the context has no teams). */
export function teamOfIn(ctx: RoundContext, participantId: string): string | null {
  return ctx.teamOf?.(participantId) ?? null;
}

/** The name of a table in a round's context, or null when it is not (any longer) there. */
export function teamNameIn(ctx: RoundContext, teamId: string | null): string | null {
  if (teamId === null) return null;
  return ctx.teams?.find((t) => t.id === teamId)?.name ?? null;
}

/**
 * Counts per table for a round where people choose options (a poll, a dot vote): one row
 * per table, in the session's order, then "No table" for answers from seats at none. Cells
 * are counts, never names. `entries` yields each answering seat and the options it chose
 * with their weight (1, or the dots placed). One pass over the answers.
 */
export function teamCountsSummary(
  ctx: RoundContext,
  options: readonly string[],
  entries: Iterable<[participantId: string, choices: Iterable<[option: number, weight: number]>]>,
): RoundSummary {
  const rows = new Map<string | null, { counts: number[]; people: number }>();
  for (const team of ctx.teams ?? [])
    rows.set(team.id, { counts: options.map(() => 0), people: 0 });
  for (const [participantId, choices] of entries) {
    const teamId = teamOfIn(ctx, participantId);
    const key = teamId !== null && rows.has(teamId) ? teamId : null;
    let row = rows.get(key);
    if (!row) {
      row = { counts: options.map(() => 0), people: 0 };
      rows.set(key, row);
    }
    row.people++;
    for (const [option, weight] of choices) {
      if (option >= 0 && option < options.length)
        row.counts[option] = (row.counts[option] ?? 0) + weight;
    }
  }
  const body = [...rows].map(([teamId, row]) => [
    teamId === null ? 'No table' : (teamNameIn(ctx, teamId) ?? teamId),
    ...row.counts.map(String),
    String(row.people),
    String(row.counts.filter((n) => n > 0).length),
  ]);
  const tables = ctx.teams?.length ?? 0;
  return {
    headline: `By table: ${tables} ${tables === 1 ? 'table' : 'tables'}`,
    blocks: [
      { type: 'table', columns: ['Table', ...options, 'Answered', 'Options chosen'], rows: body },
    ],
  };
}

/**
 * How many notes or entries each table wrote, for a per-table round's summary: tables in
 * the session's order (those still there), then "No table". Counts only, never authors.
 */
export function perTeamCountsBlock(
  ctx: RoundContext,
  teamIds: Iterable<string | null | undefined>,
  unit: string,
): SummaryBlock {
  const counts = new Map<string | null, number>((ctx.teams ?? []).map((t) => [t.id, 0]));
  for (const teamId of teamIds) {
    const key = teamId != null && counts.has(teamId) ? teamId : null;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    type: 'table',
    columns: ['Table', unit],
    rows: [...counts].map(([id, n]) => [
      id === null ? 'No table' : (teamNameIn(ctx, id) ?? id),
      String(n),
    ]),
  };
}

/** A block of a round's summary, kept in the session's results and later its notebook. */
export type SummaryBlock =
  | { type: 'text'; text: string }
  | { type: 'list'; title: string; items: string[] }
  | { type: 'bars'; labels: string[]; values: number[]; unit: string }
  | { type: 'table'; columns: string[]; rows: string[][] }
  | { type: 'controlChart'; chart: ControlChartView };

/** A control chart ready to draw: points, limits per segment, and marked events. */
export interface ControlChartView {
  title: string;
  kind: 'np' | 'p';
  /** Axis label of the values, e.g. "red beads per paddle". */
  unit: string;
  points: { value: number; label: string; isBeyondLimits: boolean }[];
  /** Limits of each stretch of points drawn from one system (they change with the system). */
  segments: { start: number; end: number; center: number; lower: number; upper: number }[];
  /** Cumulative average of the points, one per point. */
  cumulative: number[];
  /** The value expected from the system in theory, for comparison with the cumulative average. */
  expected: number | null;
  /** Western Electric run-rule signals, by point. */
  signals: { index: number; rule: 1 | 2 | 3 | 4; description: string }[];
  /** Events drawn as markers before the point they preceded. */
  markers: { beforePoint: number; label: string; isSystemChange: boolean }[];
}

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
  /**
   * True when one participant's action can change another participant's own view (an
   * inspector's "confirmed" mark ends when the chief announces). The server then re-checks
   * every phone's own view after any participant's action, not only the actor's.
   */
  hasSharedOwnViews?: boolean;
  /**
   * Whose own views a facilitator's action can have changed, from the round's state before
   * and after it: 'all', or the participants concerned (often none). Without it every
   * phone's own view is recomputed after each facilitator action, which in a room of
   * thousands costs far more than the action itself.
   */
  ownViewsChangedBy?(before: State, after: State, action: FacilitatorAction): 'all' | string[];
  /**
   * Which of the session's generic round controls mean something here: locking answers
   * ('open') and revealing results ('reveal'). Both when absent; an exercise with its own
   * flow (a simulation's pause) leaves them out so the console does not offer dead buttons.
   */
  roundControls?: readonly RoundControl[];
  /** How many participants have submitted something, for progress displays. */
  submittedCount(state: State): number;
  summary(state: State, ctx: RoundContext): RoundSummary;
  /**
   * A one-page policy drawn from the round, when the round decides one (the playing-field
   * map): what the round's Markdown and PDF export hold instead of the whole summary.
   */
  policy?(state: State, ctx: RoundContext): RoundSummary;
  /**
   * The round's results per table, when that means something (poll and dot-vote counts per
   * table): the console shows it under the results as "By table". Called only when the
   * session has tables; `ctx.teamOf` says who sits where. Must carry no author: counts and
   * table names only, since a table is not a person.
   */
  teamSummary?(state: State, ctx: RoundContext): RoundSummary;
  /** The "what will I do about this?" prompt offered after the round. */
  actionPlanPrompt(config: Config): string;
  /**
   * Work the server does on its own in this round (simulated workers, simulated clocks):
   * the facilitator action to apply next and how long to wait first, or null. The runtime
   * asks again after every change; the actions are logged like any other, so a replay
   * reproduces them exactly.
   */
  automation?(
    state: State,
    ctx: RoundContext,
  ): { action: FacilitatorAction; delayMs: number } | null;
}

/** The four view types of an exercise. */
export interface ExerciseViewTypes {
  facilitator: unknown;
  participantPublic: unknown;
  participantOwn: unknown;
  screen: unknown;
}
