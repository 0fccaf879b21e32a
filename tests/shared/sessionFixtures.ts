/** Shared builders for the session machine's unit tests. */
import { type SessionCommand, type SessionState } from '@playfield/shared';
import { answersByParticipant, type PollState } from '@playfield/shared/exercises/poll/index';
import { pollConfig } from './sessionHarness.ts';

export function answers(state: SessionState, roundId: string): Record<string, number[]> {
  return answersByParticipant(state.rounds[roundId]?.state as PollState);
}

export const FACILITATOR_COMMANDS: SessionCommand[] = [
  { type: 'session.start' },
  { type: 'session.end' },
  { type: 'round.next' },
  { type: 'round.back' },
  { type: 'round.goto', roundId: 'r1' },
  { type: 'round.open' },
  { type: 'round.lock' },
  { type: 'round.reveal' },
  { type: 'round.hide' },
  { type: 'timer.start', seconds: 60 },
  { type: 'timer.pause' },
  { type: 'timer.resume' },
  { type: 'timer.clear' },
  { type: 'agenda.add', round: { kind: 'poll', title: 'New', config: pollConfig() } },
  { type: 'agenda.update', roundId: 'r1', title: 'Renamed' },
  { type: 'agenda.remove', roundId: 'r2' },
  { type: 'agenda.move', roundId: 'r2', toIndex: 0 },
];
