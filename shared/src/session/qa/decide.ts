import { own } from '../../own.ts';
import type { ControlCommand, QaActPayload } from '../../protocol/schemas.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Actor } from '../../exercises/types.ts';
import type { SessionState } from '../state.ts';
import { QA_LIMITS } from './limits.ts';
import { DEFAULT_QA_SETTINGS, type QaEvent, type QaQuestion, type QaRate } from './model.ts';
import { shardGet } from '../sharded.ts';

/** The facilitator's Q&A commands. */
export type QaControlCommand = Extract<ControlCommand, { type: `qa.${string}` }>;
/** Every Q&A command: the facilitator's, and a participant's ask or vote. */
export type QaCommand = QaControlCommand | QaActPayload;

/** Is this command the Q&A's? (Its own decide and apply keep it apart from the rounds.) */
export function isQaCommand<C extends { type: string }>(
  command: C,
): command is Extract<C, { type: `qa.${string}` }> {
  return command.type.startsWith('qa.');
}

/** Is this event the Q&A's? */
export function isQaEvent<E extends { type: string }>(
  event: E,
): event is Extract<E, { type: `qa.${string}` }> {
  return event.type.startsWith('qa.');
}

/** A seat's token bucket after refilling until `at`, capped at its burst. */
export function refill(
  tokens: number,
  since: number,
  at: number,
  burst: number,
  perMinute: number,
) {
  return Math.min(burst, tokens + (Math.max(0, at - since) * perMinute) / 60_000);
}

/** A seat's buckets as they stand at `at` (full for a seat that never asked nor voted). */
export function rateAt(rate: QaRate | undefined, at: number): { asks: number; votes: number } {
  if (!rate) return { asks: QA_LIMITS.asksBurst, votes: QA_LIMITS.votesBurst };
  return {
    asks: refill(rate.asks, rate.asksAt, at, QA_LIMITS.asksBurst, QA_LIMITS.asksPerMinute),
    votes: refill(rate.votes, rate.votesAt, at, QA_LIMITS.votesBurst, QA_LIMITS.votesPerMinute),
  };
}

/** The question a vote or a view of `id` means: itself, or the one it was merged into. */
export function rootOf(state: SessionState, id: string): QaQuestion | undefined {
  let question = shardGet(state.qa?.questions, id);
  // Merges never form a cycle (decide refuses merging into a merged question), and each
  // question has one `mergedInto`, so the chain ends within the session's question count.
  for (let hops = 0; question?.mergedInto && hops < QA_LIMITS.questionsPerSession; hops++) {
    question = shardGet(state.qa?.questions, question.mergedInto);
  }
  return question;
}

/** Can the room see this question (approved, not hidden, not merged away)? */
export function isOnList(question: QaQuestion): boolean {
  return question.isApproved && !question.isHidden && question.mergedInto === null;
}

function question(state: SessionState, id: string): Result<QaQuestion> {
  const found = shardGet(state.qa?.questions, id);
  return found ? ok(found) : fail('NOT_FOUND', 'That question is not there any more');
}

/**
 * Decides a Q&A command: the events, or a typed refusal. Participants ask and vote;
 * everything else is the facilitator's. Pure, like the session's own decide.
 */
export function decideQa(
  state: SessionState,
  command: QaCommand,
  actor: Actor | { role: 'system' },
  meta: { at: number },
): Result<QaEvent[]> {
  if (state.phase === 'ended') return fail('SESSION_ENDED', 'This session has ended');
  if (command.type === 'qa.ask' || command.type === 'qa.vote') {
    if (actor.role !== 'participant')
      return fail('FORBIDDEN', 'Only participants ask and vote in the Q&A');
    return decideParticipant(state, command, actor.participantId, meta.at);
  }
  if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can do that');
  const settings = state.qa?.settings ?? DEFAULT_QA_SETTINGS;
  switch (command.type) {
    case 'qa.settings': {
      const next = {
        isOpen: command.isOpen ?? settings.isOpen,
        allowAnonymous: command.allowAnonymous ?? settings.allowAnonymous,
        isModerated: command.isModerated ?? settings.isModerated,
      };
      return ok([{ type: 'qa.configured', settings: next }]);
    }
    case 'qa.approve': {
      const found = question(state, command.questionId);
      if (!found.ok) return found;
      if (found.data.isApproved) return ok([]);
      return ok([{ type: 'qa.approved', questionId: command.questionId }]);
    }
    case 'qa.hide': {
      const found = question(state, command.questionId);
      if (!found.ok) return found;
      if (found.data.isHidden === command.isHidden) return ok([]);
      return ok([
        { type: 'qa.hidden', questionId: command.questionId, isHidden: command.isHidden },
      ]);
    }
    case 'qa.merge': {
      if (command.questionId === command.intoId)
        return fail('INVALID_ACTION', 'A question cannot be merged into itself');
      const from = question(state, command.questionId);
      if (!from.ok) return from;
      const into = question(state, command.intoId);
      if (!into.ok) return into;
      if (from.data.mergedInto !== null)
        return fail('CONFLICT', 'That question was already merged into another');
      if (into.data.mergedInto !== null)
        return fail('CONFLICT', 'Merge into the question it was merged into instead');
      return ok([{ type: 'qa.merged', questionId: command.questionId, intoId: command.intoId }]);
    }
    case 'qa.pin':
    case 'qa.answer': {
      const found = question(state, command.questionId);
      if (!found.ok) return found;
      if (found.data.mergedInto !== null)
        return fail('CONFLICT', 'That question was merged into another');
      return ok([
        command.type === 'qa.pin'
          ? { type: 'qa.pinned', questionId: command.questionId, isPinned: command.isPinned }
          : { type: 'qa.answered', questionId: command.questionId, isAnswered: command.isAnswered },
      ]);
    }
    case 'qa.highlight': {
      if (command.questionId === null) {
        return state.qa?.highlightId ? ok([{ type: 'qa.highlighted', questionId: null }]) : ok([]);
      }
      const found = question(state, command.questionId);
      if (!found.ok) return found;
      if (!isOnList(found.data))
        return fail('CONFLICT', 'Only an approved, visible question can go on the screen');
      return ok([{ type: 'qa.highlighted', questionId: command.questionId }]);
    }
    case 'qa.display':
      return ok([{ type: 'qa.displayed', isFullScreen: command.isFullScreen }]);
    default: {
      const unreachable: never = command;
      throw new Error(`Unhandled Q&A command ${JSON.stringify(unreachable)}`);
    }
  }
}

function decideParticipant(
  state: SessionState,
  command: QaActPayload,
  participantId: string,
  at: number,
): Result<QaEvent[]> {
  const seat = own(state.participants, participantId);
  if (!seat || seat.hasLeft) return fail('FORBIDDEN', 'You are not in this session');
  const settings = state.qa?.settings ?? DEFAULT_QA_SETTINGS;
  const rate = rateAt(shardGet(state.qa?.rates, participantId), at);
  if (command.type === 'qa.ask') {
    if (!settings.isOpen) return fail('CONFLICT', 'Questions are closed for now');
    if (command.isAnonymous && !settings.allowAnonymous)
      return fail('INVALID_ACTION', 'Questions carry your name in this session');
    const count = state.qa?.count ?? 0;
    if (count >= QA_LIMITS.questionsPerSession)
      return fail('CONFLICT', 'This session has taken all the questions it can');
    if (rate.asks < 1)
      return fail('RATE_LIMITED', 'You have asked a lot in a short time: wait a minute');
    return ok([
      {
        type: 'qa.asked',
        questionId: `q${(count + 1).toString(36)}`,
        participantId,
        text: command.text,
        isAnonymous: command.isAnonymous,
        isApproved: !settings.isModerated,
      },
    ]);
  }
  const target = rootOf(state, command.questionId);
  if (!target) return fail('NOT_FOUND', 'That question is not there any more');
  const hasVoted = shardGet(target.voters, participantId) === true;
  // A vote sets the seat's state: a retried message finds it already set and changes nothing.
  if (hasVoted === command.isVoting) return ok([]);
  if (command.isVoting) {
    if (!settings.isOpen) return fail('CONFLICT', 'Questions are closed for now');
    if (!isOnList(target)) return fail('NOT_FOUND', 'That question is not on the list');
    if (target.authorId === participantId)
      return fail('INVALID_ACTION', 'Vote for other people’s questions');
  }
  if (rate.votes < 1) return fail('RATE_LIMITED', 'That is a lot of votes at once: wait a moment');
  return ok([
    { type: 'qa.voted', questionId: target.id, participantId, isVoting: command.isVoting },
  ]);
}
