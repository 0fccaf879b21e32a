/** What a quiz does with an answer and with the facilitator's steps. */
import { dict, own } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Actor, RoundContext } from '../types.ts';
import type {
  QuizAnswer,
  QuizFacilitatorAction,
  QuizParticipantAction,
  QuizPlayer,
  QuizQuestion,
  QuizState,
  QuizTally,
} from './model.ts';
import { buildStandings, isRightAnswer, pointsFor } from './scoring.ts';
import { tableGet, tableSet } from './table.ts';

export function questionAt(state: QuizState, index: number): QuizQuestion | undefined {
  return state.config.questions[index];
}

function answer(
  state: QuizState,
  participantId: string,
  action: QuizParticipantAction,
  ctx: RoundContext,
): Result<QuizState> {
  const question = questionAt(state, state.current);
  if (state.phase !== 'question' || action.question !== state.current || !question)
    return fail('ROUND_LOCKED', 'This question is closed');
  // The server's clock decides: an answer after the deadline is refused, even before the lock.
  if (state.openedAt === null || state.deadline === null || ctx.at > state.deadline)
    return fail('ROUND_LOCKED', 'Time is up: answers are closed');
  if (!ctx.isOpen) return fail('ROUND_LOCKED', 'The facilitator has closed this round');
  const choices = [...new Set(action.choices)].sort((a, b) => a - b);
  if (choices.length !== action.choices.length)
    return fail('INVALID_ACTION', 'Choose each option once');
  if (choices.some((c) => c >= question.options.length))
    return fail('INVALID_ACTION', 'That option does not exist');
  if (question.correct.length === 1 && choices.length !== 1)
    return fail('INVALID_ACTION', 'Choose one answer');
  const player = tableGet(state.players, participantId);
  const key = String(state.current);
  if (player && own(player.answers, key)) return fail('CONFLICT', 'You have already answered');

  const elapsedMs = ctx.at - state.openedAt;
  const isCorrect = isRightAnswer(question, choices);
  const points = pointsFor(question, isCorrect, elapsedMs, state.config.isSpeedBonus);
  const given: QuizAnswer = { choices, elapsedMs, isCorrect, points };
  // One player's record holds at most 30 answers: copying it is O(1) in the room's size.
  const answers = Object.assign(dict<QuizAnswer>(), player?.answers);
  answers[key] = given;
  const next: QuizPlayer = { total: (player?.total ?? 0) + points, answers };
  const tally = state.tallies[state.current] ?? emptyTally(question);
  const counts = [...tally.counts];
  for (const c of choices) counts[c] = (counts[c] ?? 0) + 1;
  const tallies = [...state.tallies];
  tallies[state.current] = {
    counts,
    answered: tally.answered + 1,
    right: tally.right + (isCorrect ? 1 : 0),
  };
  return ok({
    ...state,
    players: tableSet(state.players, participantId, next),
    playerCount: state.playerCount + (player ? 0 : 1),
    tallies,
  });
}

function emptyTally(question: QuizQuestion): QuizTally {
  return { counts: question.options.map(() => 0), answered: 0, right: 0 };
}

function step(
  state: QuizState,
  action: QuizFacilitatorAction,
  ctx: RoundContext,
): Result<QuizState> {
  const n = state.config.questions.length;
  switch (action.type) {
    case 'show': {
      const question = questionAt(state, action.question);
      if (!question) return fail('INVALID_ACTION', 'That question does not exist');
      const isNext =
        action.question === state.current + 1 &&
        (state.phase === 'ready' || state.phase === 'revealed' || state.phase === 'leaderboard');
      if (!isNext) return fail('CONFLICT', 'Questions go in order, after the last one is revealed');
      const tallies = [...state.tallies];
      tallies[action.question] = emptyTally(question);
      return ok({
        ...state,
        phase: 'question',
        current: action.question,
        openedAt: ctx.at,
        deadline: ctx.at + question.timeLimitSeconds * 1000,
        tallies,
      });
    }
    case 'lock':
      if (state.phase !== 'question' || action.question !== state.current)
        return fail('CONFLICT', 'That question is not open');
      return ok({ ...state, phase: 'locked' });
    case 'reveal':
      if (state.phase !== 'locked' || action.question !== state.current)
        return fail('CONFLICT', 'Lock the answers before revealing');
      return ok({
        ...state,
        phase: 'revealed',
        standings: buildStandings(state.players, ctx.roster, state.standings, state.current),
      });
    case 'leaderboard':
      if (state.phase !== 'revealed' || action.question !== state.current)
        return fail('CONFLICT', 'Reveal the answer before the leaderboard');
      return ok({ ...state, phase: 'leaderboard' });
    case 'finish':
      if (state.current !== n - 1 || (state.phase !== 'revealed' && state.phase !== 'leaderboard'))
        return fail('CONFLICT', 'Reveal the last question before the final leaderboard');
      return ok({ ...state, phase: 'final' });
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

export function reduceQuiz(
  state: QuizState,
  action: QuizParticipantAction | QuizFacilitatorAction,
  actor: Actor,
  ctx: RoundContext,
): Result<QuizState> {
  if (action.type === 'answer') {
    if (actor.role !== 'participant')
      return fail('FORBIDDEN', 'Participants answer for themselves');
    return answer(state, actor.participantId, action, ctx);
  }
  if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator runs the quiz');
  return step(state, action, ctx);
}
