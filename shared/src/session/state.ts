import type { RoundSpec } from '../exercises/registry.ts';

/** Where a session stands. */
export type SessionPhase = 'lobby' | 'live' | 'ended';

/** A round's controls and its exercise state. */
export interface RoundRuntime {
  isOpen: boolean;
  isRevealed: boolean;
  /** Has the room been on this round at least once? */
  hasStarted: boolean;
  state: unknown;
}

/** A seat in the session. A seat is never removed, so its answers keep their author. */
export interface ParticipantRecord {
  id: string;
  name: string;
  /** The name folded for duplicate checks, computed once at join. */
  nameKey: string;
  joinedAt: number;
  hasLeft: boolean;
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
  currentRoundId: string | null;
  rounds: Record<string, RoundRuntime>;
  /** Participants in join order (object keys keep insertion order). */
  participants: Record<string, ParticipantRecord>;
  timer: TimerState | null;
  /** Sequence number of the last event applied. */
  seq: number;
}
