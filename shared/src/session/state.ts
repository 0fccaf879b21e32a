import type { RoundSpec } from '../exercises/registry.ts';
import type { ClockState } from './clock/model.ts';
import type { QaState } from './qa/model.ts';
import type { TeamsState } from './teams/model.ts';
import type { RehearsalState } from '../rehearsal/model.ts';
import type { Sharded } from './sharded.ts';

/** Where a session stands. */
export type SessionPhase = 'lobby' | 'live' | 'ended';

/** A round's controls and its exercise state. */
export interface RoundRuntime {
  isOpen: boolean;
  isRevealed: boolean;
  /** Has the room been on this round at least once? */
  hasStarted: boolean;
  state: unknown;
  /**
   * The seats that have acted in this round (an answer, a vote, a note, a draw, a rating),
   * split into buckets so one response copies one bucket, never the room. Optional: rounds
   * (and snapshots) from before it existed lack it, and a round nobody acted in has none.
   */
  responded?: Sharded<true>;
  /** How many seats are in `responded`, kept beside it so nobody counts them. */
  respondedCount?: number;
}

/**
 * A seat in the session. A seat is never deleted, so its answers keep their author: one
 * the facilitator removes is closed (`hasLeft`) and marked `isRemoved`.
 */
export interface ParticipantRecord {
  id: string;
  name: string;
  /** The name folded for duplicate checks, computed once at join. */
  nameKey: string;
  joinedAt: number;
  hasLeft: boolean;
  /** Closed by the facilitator (always with `hasLeft`); absent on every other seat. */
  isRemoved?: true;
  /** A simulated participant of a rehearsal (absent on every real seat, and once taken over). */
  isSimulated?: true;
}

/** A countdown: running while `endsAt` is set, paused with `remainingMs` otherwise. */
export interface TimerState {
  durationMs: number;
  endsAt: number | null;
  remainingMs: number;
}

/** Everything the server knows about a session, rebuilt by folding its event log. */
export interface SessionState {
  id: string;
  code: string;
  title: string;
  seed: string;
  createdAt: number;
  phase: SessionPhase;
  endedAt: number | null;
  agenda: RoundSpec[];
  /** The day's planned start, "HH:MM" (absent: none planned). */
  plannedStart?: string;
  currentRoundId: string | null;
  rounds: Record<string, RoundRuntime>;
  /** Participants in join order (object keys keep insertion order). */
  participants: Record<string, ParticipantRecord>;
  /**
   * Closed to new joins by the facilitator. Optional, like `removedCount`, because
   * snapshots taken before the room lock existed lack it (absent means open).
   */
  isLocked?: boolean;
  /**
   * How many seats the facilitator removed: they no longer count against the session's
   * size, so a room flooded with fake seats can be cleared for real people.
   */
  removedCount?: number;
  timer: TimerState | null;
  /**
   * The round whose action-plan prompt the phones are showing, if any. Optional, like
   * `promptResponses`, because snapshots taken before prompts existed lack them.
   */
  prompt?: { roundId: string } | null;
  /** Who has answered or skipped each round's prompt (the answers live in their plans). */
  promptResponses?: Record<string, Record<string, true>>;
  /**
   * The session-wide Q&A. Optional because sessions (and snapshots) from before it existed
   * lack it: absent means open, nothing asked yet.
   */
  qa?: QaState;
  /**
   * The session's tables (teams). Optional because sessions (and snapshots) from before
   * teams existed lack it: absent means no tables.
   */
  teams?: TeamsState;
  /**
   * The session's clock: time spent per round, extensions, the room screen's mode.
   * Optional because sessions (and snapshots) from before it existed lack it.
   */
  clock?: ClockState;
  /** A rehearsal with simulated participants (absent on real sessions). */
  rehearsal?: RehearsalState;
  /** Sequence number of the last event applied. */
  seq: number;
}
