import type { Result } from '../result.ts';
import type { AppError } from './errors.ts';
import type {
  FacilitatorView,
  ParticipantOwnView,
  ParticipantPublicView,
  ScreenView,
} from '../session/views.ts';
import type {
  ControlCommand,
  PlanAnswerPayload,
  QaActPayload,
  RoundActPayload,
  SyncPayload,
  TeamActPayload,
} from './schemas.ts';
import type { ViewPatchMessage } from './viewPatch.ts';
import type { ActivityEntry, ConsoleAccess } from './coFacilitators.ts';

/** Every server reply to a client event: the data, or a typed error. */
export type Ack<T> = (result: Result<T>) => void;

/** A view as it travels: the session's event sequence it reflects, and the server clock. */
export interface ViewMessage<V> {
  seq: number;
  serverTime: number;
  view: V;
  /**
   * The view's number, to a console or phone that takes patches (`viewPatches` in its
   * handshake): the next `view.facilitator.patch` or `view.public.patch` applies to it.
   */
  version?: number;
}

/** Acknowledgement of an accepted command: the sequence number it was logged at. */
export interface Accepted {
  seq: number;
  /**
   * A participant's action: their own view as it changed, when the action is all that
   * changed it (one message per action, not an ack and then a view).
   */
  own?: ViewMessage<ParticipantOwnView>;
}

/**
 * Client to server. Payload types are `z.infer` of the schemas in `schemas.ts`; the
 * server's `HANDLERS` map checks that every event here has a schema and a handler.
 */
export interface ClientToServerEvents {
  /** Ask for the current views if the server is past `lastSeq` (after a reconnect). */
  'session.sync': (payload: SyncPayload, ack: Ack<{ seq: number }>) => void;
  /** A facilitator command (start, next, reveal, timer, agenda edits...). */
  'session.control': (payload: ControlCommand, ack: Ack<Accepted>) => void;
  /** An action inside the current round (an answer, a draw, a vote...). */
  'round.act': (payload: RoundActPayload, ack: Ack<Accepted>) => void;
  /** A participant answers (or skips, with null) a round's action-plan prompt. */
  'plan.answer': (payload: PlanAnswerPayload, ack: Ack<Accepted>) => void;
  /** The participant leaves the session for good. */
  'participant.leave': (payload: Record<string, never>, ack: Ack<Accepted>) => void;
  /** A participant asks a question or sets their vote on one, in the session's Q&A. */
  'qa.act': (payload: QaActPayload, ack: Ack<Accepted>) => void;
  /** A participant picks their table, when the facilitator lets people choose. */
  'team.act': (payload: TeamActPayload, ack: Ack<Accepted>) => void;
  /** A console asks what it may do (a producer's agenda is read-only) and who it is. */
  'console.access': (payload: Record<string, never>, ack: Ack<ConsoleAccess>) => void;
  /** A console asks for the latest facilitator actions of the log, with who did each. */
  'console.activity': (payload: Record<string, never>, ack: Ack<ActivityEntry[]>) => void;
}

/** Server to client. Each audience receives only its own views. */
export interface ServerToClientEvents {
  'view.facilitator': (message: ViewMessage<FacilitatorView>) => void;
  /**
   * What changed in the console's view since the one numbered `base`, to consoles that
   * asked for patches. A console holding another view asks for the whole one (session.sync).
   */
  'view.facilitator.patch': (message: ViewPatchMessage) => void;
  'view.screen': (message: ViewMessage<ScreenView>) => void;
  /** Sent once to the whole room of phones. */
  'view.public': (message: ViewMessage<ParticipantPublicView>) => void;
  /**
   * What changed in the room's shared view since the one numbered `base`, to phones that
   * asked for patches; a phone holding another view asks for the whole one (session.sync).
   */
  'view.public.patch': (message: ViewPatchMessage) => void;
  /** Sent to one participant only. */
  'view.own': (message: ViewMessage<ParticipantOwnView>) => void;
  /** The facilitator deleted the session: show why, and stop reconnecting. */
  'session.deleted': (error: AppError) => void;
  /** A member's console: their role changed (say, to producer): what it may do now. */
  'console.access': (access: ConsoleAccess) => void;
  /**
   * A member's console may no longer run the session (they left the workspace, were made
   * a viewer, or the session left its library): no view follows; show why, stop.
   */
  'console.revoked': (error: AppError) => void;
}

/** socket.io's per-socket data, set by the server's handshake middleware. */
export type SocketRole = 'facilitator' | 'participant' | 'screen';
