import type { RoundSpec } from '../exercises/registry.ts';
import type { Actor } from '../exercises/types.ts';
import type { LoggedActor } from '../protocol/coFacilitators.ts';
import type { ClockEvent } from './clock/model.ts';
import type { QaEvent } from './qa/model.ts';
import type { TeamsEvent } from './teams/model.ts';
import type { RehearsalEvent, RehearsalSettings } from '../rehearsal/model.ts';

/**
 * What happened in a session, as stored in its append-only log. Events are facts that
 * were already validated; applying them cannot fail, so replaying the log rebuilds the
 * session exactly.
 */
export type SessionEvent =
  | {
      type: 'session.created';
      sessionId: string;
      code: string;
      title: string;
      seed: string;
      agenda: RoundSpec[];
      /** A rehearsal: its simulated seats and their pace (absent on real sessions). */
      rehearsal?: RehearsalSettings;
      /** The day's planned start ("09:00"), when the facilitator set one. */
      plannedStart?: string;
    }
  | { type: 'session.started' }
  /** The day's planned start changed (null: none). */
  | { type: 'session.rescheduled'; plannedStart: string | null }
  | { type: 'session.ended' }
  | {
      type: 'participant.joined';
      participantId: string;
      name: string;
      /** A rehearsal's simulated participant. */
      isSimulated?: true;
    }
  | { type: 'participant.left'; participantId: string }
  /** Seats the facilitator closed: only seats that were still in, each once. */
  | { type: 'participants.removed'; participantIds: string[] }
  /** The room is closed to new joins, or open again. */
  | { type: 'session.locked' }
  | { type: 'session.unlocked' }
  | { type: 'round.entered'; roundId: string }
  | { type: 'round.opened'; roundId: string }
  | { type: 'round.locked'; roundId: string }
  | { type: 'round.revealed'; roundId: string }
  | { type: 'round.hidden'; roundId: string }
  | { type: 'round.acted'; roundId: string; actor: Actor; action: unknown }
  | { type: 'agenda.added'; round: RoundSpec; index: number }
  | { type: 'agenda.updated'; round: RoundSpec }
  | { type: 'agenda.removed'; roundId: string }
  | { type: 'agenda.moved'; roundId: string; toIndex: number }
  | { type: 'prompt.sent'; roundId: string }
  | { type: 'prompt.closed' }
  | { type: 'prompt.responded'; roundId: string; participantId: string }
  | { type: 'timer.started'; durationMs: number }
  | { type: 'timer.paused' }
  | { type: 'timer.resumed' }
  | { type: 'timer.cleared' }
  /** The session-wide Q&A (see `qa/model.ts`). */
  | QaEvent
  /** The session's tables (see `teams.ts`). */
  | TeamsEvent
  /** A rehearsal's pace, pause and seats (see `rehearsal/model.ts`). */
  | RehearsalEvent
  /** The session's clock and room-screen mode (see `clock/model.ts`). */
  | ClockEvent;

/** An event with its place in the log and the server time it was accepted at. */
export interface EventEnvelope {
  seq: number;
  at: number;
  event: SessionEvent;
  /** Who ran the console command behind it (stored beside the event; older rows have none). */
  actor?: LoggedActor;
}
