import { rateAt } from './decide.ts';
import { DEFAULT_QA_SETTINGS, type QaEvent, type QaQuestion, type QaState } from './model.ts';
import { emptySharded, shardGet, shardKeys, shardSet, shardValues } from '../sharded.ts';

/** The Q&A of a session that has none yet in its state (new, or an older snapshot). */
export function initialQa(): QaState {
  return {
    settings: DEFAULT_QA_SETTINGS,
    questions: emptySharded(),
    count: 0,
    highlightId: null,
    isFullScreen: false,
    rates: emptySharded(),
  };
}

function withQuestion(qa: QaState, question: QaQuestion): QaState {
  return { ...qa, questions: shardSet(qa.questions, question.id, question) };
}

/** A seat's buckets after spending one question or one vote at `at`. */
function spend(qa: QaState, participantId: string, kind: 'asks' | 'votes', at: number): QaState {
  const previous = shardGet(qa.rates, participantId);
  const now = rateAt(previous, at);
  const rate = {
    asks: kind === 'asks' ? now.asks - 1 : now.asks,
    asksAt: at,
    votes: kind === 'votes' ? now.votes - 1 : now.votes,
    votesAt: at,
  };
  return { ...qa, rates: shardSet(qa.rates, participantId, rate) };
}

/**
 * Applies one Q&A event. Each touches the questions it names and nothing else: a vote
 * copies one question (and one bucket of its voters), never the list or the room.
 */
export function applyQa(previous: QaState | undefined, event: QaEvent, at: number): QaState {
  const qa = previous ?? initialQa();
  switch (event.type) {
    case 'qa.configured':
      return { ...qa, settings: event.settings };
    case 'qa.asked': {
      const question: QaQuestion = {
        id: event.questionId,
        n: qa.count + 1,
        text: event.text,
        authorId: event.participantId,
        isAnonymous: event.isAnonymous,
        askedAt: at,
        isApproved: event.isApproved,
        isHidden: false,
        isPinned: false,
        isAnswered: false,
        mergedInto: null,
        votes: 0,
        voters: emptySharded(),
      };
      return spend(
        withQuestion({ ...qa, count: qa.count + 1 }, question),
        event.participantId,
        'asks',
        at,
      );
    }
    case 'qa.voted': {
      const question = shardGet(qa.questions, event.questionId);
      if (!question) return qa;
      const hasVoted = shardGet(question.voters, event.participantId) === true;
      if (hasVoted === event.isVoting) return spend(qa, event.participantId, 'votes', at);
      const voters = shardSet(
        question.voters,
        event.participantId,
        event.isVoting ? true : undefined,
      );
      const votes = question.votes + (event.isVoting ? 1 : -1);
      return spend(
        withQuestion(qa, { ...question, voters, votes }),
        event.participantId,
        'votes',
        at,
      );
    }
    case 'qa.approved':
    case 'qa.hidden':
    case 'qa.pinned':
    case 'qa.answered': {
      const question = shardGet(qa.questions, event.questionId);
      if (!question) return qa;
      const next =
        event.type === 'qa.approved'
          ? { ...question, isApproved: true }
          : event.type === 'qa.hidden'
            ? { ...question, isHidden: event.isHidden }
            : event.type === 'qa.pinned'
              ? { ...question, isPinned: event.isPinned }
              : { ...question, isAnswered: event.isAnswered };
      const updated = withQuestion(qa, next);
      // A question taken off the list leaves the screen too.
      return event.type === 'qa.hidden' && event.isHidden && qa.highlightId === question.id
        ? { ...updated, highlightId: null }
        : updated;
    }
    case 'qa.merged': {
      const from = shardGet(qa.questions, event.questionId);
      const into = shardGet(qa.questions, event.intoId);
      if (!from || !into) return qa;
      // The union of both voter sets: a seat that voted for both counts once. The cost is
      // the duplicate's voters, not the room.
      let voters = into.voters;
      let votes = into.votes;
      for (const seat of shardKeys(from.voters)) {
        if (shardGet(voters, seat) === true || seat === into.authorId) continue;
        voters = shardSet(voters, seat, true);
        votes++;
      }
      const merged = withQuestion(
        withQuestion(qa, { ...from, mergedInto: into.id, isPinned: false }),
        { ...into, voters, votes },
      );
      return qa.highlightId === from.id ? { ...merged, highlightId: into.id } : merged;
    }
    case 'qa.highlighted':
      return { ...qa, highlightId: event.questionId };
    case 'qa.displayed':
      return { ...qa, isFullScreen: event.isFullScreen };
    default: {
      const unreachable: never = event;
      throw new Error(`Unhandled Q&A event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Every question of the Q&A, in the order they were asked. O(questions): views only. */
export function questionsInOrder(qa: QaState | undefined): QaQuestion[] {
  if (!qa) return [];
  return [...shardValues<QaQuestion>(qa.questions)].sort((a, b) => a.n - b.n);
}
