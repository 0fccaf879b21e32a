import type { SessionState } from '../state.ts';
import { initialClock, roundClockOf } from './apply.ts';
import type { ClockState, ScreenMode } from './model.ts';

/** The clock as the console sees it: the raw times, which it turns into figures each second. */
export type ClockView = ClockState;

/** The console's clock: the state itself (one entry per round visited, nothing per person). */
export function clockFacilitatorView(state: SessionState): ClockView {
  return state.clock ?? initialClock();
}

/**
 * The current round's countdown against its plan, for the room screen: it ends at
 * `since + plannedMs - spentMs` while the round runs.
 */
export interface ScreenCountdownView {
  plannedMs: number;
  /** Time spent on the round in earlier visits. */
  spentMs: number;
  /** When the current visit began. */
  since: number;
}

/** What the room screen needs of the clock: its mode, and the countdown when shown. */
export interface ClockScreenView {
  /** Absent while live. */
  mode?: Exclude<ScreenMode, 'live'>;
  /** Present when the facilitator shows it and the round has planned minutes. */
  countdown?: ScreenCountdownView;
}

/** The room screen's part of the clock: one round looked up, nothing per person. */
export function clockScreenView(state: SessionState): ClockScreenView {
  const clock = state.clock;
  if (!clock) return {};
  const mode = clock.screen === 'live' ? {} : { mode: clock.screen };
  const round = state.agenda.find((r) => r.id === state.currentRoundId);
  if (!clock.isCountdownShown || !round?.minutes || clock.currentSince === null) return mode;
  const { spentMs, extendedMs } = roundClockOf(clock, round.id);
  return {
    ...mode,
    countdown: {
      plannedMs: round.minutes * 60_000 + extendedMs,
      spentMs,
      since: clock.currentSince,
    },
  };
}
