import { dict, own } from '../../own.ts';
import { withEntry } from '../../exercises/records.ts';
import type { SessionEvent } from '../events.ts';
import type { SessionState } from '../state.ts';
import type { ClockEvent, ClockState, RoundClock } from './model.ts';

/** The clock of a session whose log has none yet: nothing timed, the screen live. */
export function initialClock(): ClockState {
  return {
    startedAt: null,
    rounds: dict<RoundClock>(),
    currentSince: null,
    screen: 'live',
    isCountdownShown: false,
  };
}

/** Is this event the clock's own? */
export function isClockEvent<E extends { type: string }>(
  event: E,
): event is Extract<E, { type: `clock.${string}` }> {
  return event.type.startsWith('clock.');
}

/** One round's clock, zero for a round never timed. */
export function roundClockOf(clock: ClockState | undefined, roundId: string): RoundClock {
  return own(clock?.rounds, roundId) ?? { spentMs: 0, extendedMs: 0 };
}

/** Applies one of the clock's own events. O(rounds on the agenda) at most. */
export function applyClock(
  clock: ClockState | undefined,
  event: ClockEvent,
  _at: number,
): ClockState {
  const current = clock ?? initialClock();
  switch (event.type) {
    case 'clock.extended': {
      const round = roundClockOf(current, event.roundId);
      return {
        ...current,
        rounds: withEntry(current.rounds, event.roundId, {
          ...round,
          extendedMs: round.extendedMs + event.ms,
        }),
      };
    }
    case 'clock.screenSet':
      return { ...current, screen: event.mode };
    case 'clock.countdownShown':
      return { ...current, isCountdownShown: event.isShown };
    default: {
      const unreachable: never = event;
      throw new Error(`Unhandled clock event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The clock with the open visit (if any) closed at `at` and added to its round. */
function closeVisit(clock: ClockState, roundId: string | null, at: number): ClockState {
  if (roundId === null || clock.currentSince === null) return { ...clock, currentSince: null };
  const round = roundClockOf(clock, roundId);
  return {
    ...clock,
    currentSince: null,
    rounds: withEntry(clock.rounds, roundId, {
      ...round,
      spentMs: round.spentMs + Math.max(0, at - clock.currentSince),
    }),
  };
}

/**
 * The clock after a session event that moves time along: the start, entering a round
 * (closing the visit before it), the end. `before` is the state the event applied to,
 * `after` the state it gave. Every other event leaves the clock as it is.
 */
export function trackClock(
  before: SessionState,
  after: SessionState,
  event: SessionEvent,
  at: number,
): SessionState {
  switch (event.type) {
    case 'session.started':
      return { ...after, clock: { ...(before.clock ?? initialClock()), startedAt: at } };
    case 'round.entered': {
      const closed = closeVisit(before.clock ?? initialClock(), before.currentRoundId, at);
      const round = roundClockOf(closed, event.roundId);
      return {
        ...after,
        clock: {
          ...closed,
          currentSince: at,
          // Listed from the first visit, so "the furthest round reached" counts it.
          rounds: own(closed.rounds, event.roundId)
            ? closed.rounds
            : withEntry(closed.rounds, event.roundId, round),
        },
      };
    }
    case 'session.ended': {
      const clock = before.clock ?? initialClock();
      // The screen is live again once the session is over: it thanks the room.
      return {
        ...after,
        clock: { ...closeVisit(clock, before.currentRoundId, at), screen: 'live' },
      };
    }
    default:
      return after;
  }
}
