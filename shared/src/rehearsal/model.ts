/**
 * Rehearsal: a session the facilitator runs alone with simulated participants. The
 * session is an ordinary one (same log, same commands, same views) marked as a rehearsal,
 * with a pace for its simulated seats, a pause, and a choice whether real people may join
 * with the typed code. Simulated seats are ordinary seats marked `isSimulated`; the
 * facilitator can take one over on a phone, which stops simulating it.
 */
import { fail, ok, type Result } from '../result.ts';
import { own } from '../own.ts';
import type { JoinedSeat } from '../protocol/http.ts';
import type { CommandActor } from '../session/decide.ts';
import type { ParticipantRecord, SessionState } from '../session/state.ts';
import { dict } from '../own.ts';

export const REHEARSAL_LIMITS = {
  minSeats: 1,
  maxSeats: 200,
  defaultSeats: 12,
  /** Actions per minute of the whole simulated room. */
  minPace: 1,
  maxPace: 6000,
} as const;

/** The named paces the console offers, in actions per minute of the whole room. */
export const REHEARSAL_PACES = { slow: 20, normal: 60, fast: 240 } as const;
export type RehearsalPaceName = keyof typeof REHEARSAL_PACES;

/** A rehearsal as it is created: how many simulated seats, how fast they act. */
export interface RehearsalSettings {
  seats: number;
  actionsPerMinute: number;
}

/** The rehearsal part of a session's state (absent on real sessions). */
export interface RehearsalState extends RehearsalSettings {
  isPaused: boolean;
  /** May people join with the typed code? Off by default: only the link or QR code works. */
  isOpenToCode: boolean;
}

/** A simulated seat handed to the facilitator's phone: the seat, and the code its link carries. */
export type TakenSeat = JoinedSeat & { code: string };

/** What the console shows of a rehearsal. */
export type RehearsalView = RehearsalState & {
  /** Seats still simulated. */
  simulated: number;
};

/** The facilitator's rehearsal commands: the pace, the pause, joins by typed code. */
export type RehearsalControlCommand =
  | { type: 'rehearsal.pace'; actionsPerMinute: number }
  | { type: 'rehearsal.pause'; isPaused: boolean }
  | { type: 'rehearsal.openToCode'; isOpen: boolean };

/** Every rehearsal command: the controls, and taking a simulated seat (over HTTP, for its token). */
export type RehearsalCommand =
  RehearsalControlCommand | { type: 'rehearsal.takeSeat'; participantId: string };

export type RehearsalEvent =
  | {
      type: 'rehearsal.changed';
      actionsPerMinute?: number;
      isPaused?: boolean;
      isOpenToCode?: boolean;
    }
  /** A simulated seat is a person's now: the simulation leaves it alone. */
  | { type: 'rehearsal.seatTaken'; participantId: string };

const COMMANDS = new Set<string>([
  'rehearsal.pace',
  'rehearsal.pause',
  'rehearsal.openToCode',
  'rehearsal.takeSeat',
]);

export function isRehearsalCommand(command: { type: string }): command is RehearsalCommand {
  return COMMANDS.has(command.type);
}

export function isRehearsalEvent(event: { type: string }): event is RehearsalEvent {
  return event.type === 'rehearsal.changed' || event.type === 'rehearsal.seatTaken';
}

/** The rehearsal state a `session.created` event starts with. */
export function initialRehearsal(settings: RehearsalSettings | undefined): {
  rehearsal?: RehearsalState;
} {
  return settings ? { rehearsal: { ...settings, isPaused: false, isOpenToCode: false } } : {};
}

/** Decides a rehearsal command: only the facilitator, only in a rehearsal that has not ended. */
export function decideRehearsal(
  state: SessionState,
  command: RehearsalCommand,
  actor: CommandActor,
): Result<RehearsalEvent[]> {
  if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can do that');
  const rehearsal = state.rehearsal;
  if (!rehearsal) return fail('CONFLICT', 'This is a real session, not a rehearsal');
  if (state.phase === 'ended') return fail('SESSION_ENDED', 'This rehearsal has ended');
  switch (command.type) {
    case 'rehearsal.pace':
      return ok([{ type: 'rehearsal.changed', actionsPerMinute: command.actionsPerMinute }]);
    case 'rehearsal.pause':
      return ok([{ type: 'rehearsal.changed', isPaused: command.isPaused }]);
    case 'rehearsal.openToCode':
      return ok([{ type: 'rehearsal.changed', isOpenToCode: command.isOpen }]);
    case 'rehearsal.takeSeat': {
      const seat = own(state.participants, command.participantId);
      if (!seat) return fail('NOT_FOUND', 'That seat is not in this rehearsal');
      if (seat.hasLeft) return fail('CONFLICT', 'That seat has left');
      if (!seat.isSimulated) return fail('CONFLICT', 'Someone already has that seat');
      return ok([{ type: 'rehearsal.seatTaken', participantId: seat.id }]);
    }
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled command ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Applies a rehearsal event. Taking a seat copies the seat table once (a rare, manual step). */
export function applyRehearsal(state: SessionState, event: RehearsalEvent): SessionState {
  const rehearsal = state.rehearsal;
  if (!rehearsal) return state;
  if (event.type === 'rehearsal.changed') {
    const { type: _type, ...changes } = event;
    return { ...state, rehearsal: { ...rehearsal, ...changes } };
  }
  const seat = own(state.participants, event.participantId);
  if (!seat?.isSimulated) return state;
  const { isSimulated: _simulated, ...taken } = seat;
  const participants: Record<string, ParticipantRecord> = Object.assign(
    dict<ParticipantRecord>(),
    state.participants,
  );
  participants[seat.id] = taken;
  return { ...state, participants };
}

/** The console's view of a rehearsal; null for a real session. One pass over the seats. */
export function rehearsalView(state: SessionState): RehearsalView | null {
  const rehearsal = state.rehearsal;
  if (!rehearsal) return null;
  let simulated = 0;
  for (const id in state.participants) {
    const seat = own(state.participants, id);
    if (seat?.isSimulated && !seat.hasLeft) simulated++;
  }
  return { ...rehearsal, simulated };
}
