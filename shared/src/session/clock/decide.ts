import type { Actor } from '../../exercises/types.ts';
import type { ControlCommand } from '../../protocol/schemas.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { SessionState } from '../state.ts';
import { roundClockOf } from './apply.ts';
import { CLOCK_EXTENDED_MAX_MS, type ClockEvent } from './model.ts';

/** The facilitator's clock and room-screen commands. */
export type ClockCommand = Extract<ControlCommand, { type: `clock.${string}` }>;

/** Is this command the clock's? (Its own decide keeps it apart from the rounds.) */
export function isClockCommand<C extends { type: string }>(
  command: C,
): command is Extract<C, { type: `clock.${string}` }> {
  return command.type.startsWith('clock.');
}

/**
 * Decides a clock command: extend the current round's plan, blank or freeze the room
 * screen, show or hide the round's countdown there. Only the facilitator may.
 */
export function decideClock(
  state: SessionState,
  command: ClockCommand,
  actor: Actor | { role: 'system' },
): Result<ClockEvent[]> {
  if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can do that');
  if (state.phase === 'ended') return fail('SESSION_ENDED', 'This session has ended');
  switch (command.type) {
    case 'clock.extend': {
      if (state.phase !== 'live' || state.currentRoundId === null) {
        return fail('CONFLICT', 'Start the session first: only a running round can be extended');
      }
      const ms = command.minutes * 60_000;
      const round = roundClockOf(state.clock, state.currentRoundId);
      if (round.extendedMs + ms > CLOCK_EXTENDED_MAX_MS) {
        return fail('CONFLICT', 'This round has been extended by eight hours already');
      }
      return ok([{ type: 'clock.extended', roundId: state.currentRoundId, ms }]);
    }
    case 'clock.screen':
      if ((state.clock?.screen ?? 'live') === command.mode) return ok([]);
      return ok([{ type: 'clock.screenSet', mode: command.mode }]);
    case 'clock.countdown':
      if ((state.clock?.isCountdownShown ?? false) === command.isShown) return ok([]);
      return ok([{ type: 'clock.countdownShown', isShown: command.isShown }]);
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled clock command ${JSON.stringify(unreachable)}`);
    }
  }
}
