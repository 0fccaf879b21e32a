/** What the Q&A test files share: a stepping clock, and asking, voting and moderating. */
import { facilitatorView, type SessionCommand, type SessionState } from '@playfield/shared';
import { FACILITATOR, T0, mustRun, participant, run } from './sessionHarness.ts';

export const NO_ONE = new Set<string>();
/** Steps a minute apart by default, so rate limits stay out of the way unless tested. */
export let clock = T0 + 10_000_000;
export function at(): number {
  clock += 60_000;
  return clock;
}

export function ask(state: SessionState, who: string, text: string, isAnonymous = false) {
  const step = run(state, { type: 'qa.ask', text, isAnonymous }, participant(who), at());
  if (!step.result.ok) throw new Error(step.result.error.message);
  const event = step.envelopes[0]?.event;
  if (event?.type !== 'qa.asked') throw new Error('no question');
  return { state: step.state, id: event.questionId };
}

export function vote(state: SessionState, who: string, questionId: string, isVoting = true) {
  return mustRun(state, { type: 'qa.vote', questionId, isVoting }, participant(who), at());
}

export function control(state: SessionState, command: SessionCommand) {
  return mustRun(state, command, FACILITATOR, at());
}

export function votesOf(state: SessionState, id: string) {
  return facilitatorView(state, NO_ONE, clock).qa?.questions.find((q) => q.id === id)?.votes;
}
