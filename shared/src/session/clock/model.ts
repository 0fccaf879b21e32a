/**
 * The session's clock: how long the room spent on each round, the facilitator's
 * extensions, and what the room screen shows (the round, a calm blank screen, or the last
 * screen frozen). The times come from the log's envelopes, so a replay gives the same
 * figures; the arithmetic against the plan is in `timing.ts`.
 */

/** What the room screen shows: the session as it runs, a calm blank screen, or its last view. */
export type ScreenMode = 'live' | 'blank' | 'frozen';

/** One round's time so far. */
export interface RoundClock {
  /** Time spent on the round in visits that have ended (the open visit is in `currentSince`). */
  spentMs: number;
  /** Minutes the facilitator added to the round's plan (+1, +5…), in milliseconds. */
  extendedMs: number;
}

/** The session's clock, kept beside the rounds. */
export interface ClockState {
  /** When the session was started (the day's baseline when no start time is planned). */
  startedAt: number | null;
  /** Every round the room has been on, by round id (a round revisited adds up). */
  rounds: Record<string, RoundClock>;
  /** When the current round was entered; null before the start and after the end. */
  currentSince: number | null;
  screen: ScreenMode;
  /** The room screen shows the current round's countdown against its plan. */
  isCountdownShown: boolean;
}

/** What the clock does in the session's log. Facts already checked: applying them cannot fail. */
export type ClockEvent =
  | { type: 'clock.extended'; roundId: string; ms: number }
  | { type: 'clock.screenSet'; mode: ScreenMode }
  | { type: 'clock.countdownShown'; isShown: boolean };

/** Most minutes one extension adds. */
export const CLOCK_EXTEND_MAX_MINUTES = 60;
/** Most minutes a round may be extended by in all (keeps the figures sane). */
export const CLOCK_EXTENDED_MAX_MS = 8 * 60 * 60_000;
