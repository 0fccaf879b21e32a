import type { Sharded } from '../sharded.ts';

/** What the facilitator can change about the Q&A while the session runs. */
export interface QaSettings {
  /** Phones may ask and vote. */
  isOpen: boolean;
  /** Phones may ask without their name; otherwise every question is named. */
  allowAnonymous: boolean;
  /** New questions wait for the facilitator's approval before anyone else sees them. */
  isModerated: boolean;
}

/**
 * One question. Its author is kept (for their own view, rate limits and "not your own
 * question" votes) but only ever shown when the question is named.
 */
export interface QaQuestion {
  id: string;
  /** Order of asking, from 1. */
  n: number;
  text: string;
  authorId: string;
  isAnonymous: boolean;
  askedAt: number;
  isApproved: boolean;
  isHidden: boolean;
  isPinned: boolean;
  isAnswered: boolean;
  /** The question this duplicate was merged into (its votes went there); null otherwise. */
  mergedInto: string | null;
  /** How many seats are in `voters`, kept so views never count them. */
  votes: number;
  /** The seats that vote for it: each seat once, whatever it sent how often. */
  voters: Sharded<true>;
}

/** A seat's two token buckets (questions and votes), refilled with the session's clock. */
export interface QaRate {
  asks: number;
  asksAt: number;
  votes: number;
  votesAt: number;
}

/** The session-wide Q&A: a channel beside the rounds, open all session long. */
export interface QaState {
  settings: QaSettings;
  questions: Sharded<QaQuestion>;
  /** Questions asked so far: the next id and `n`. */
  count: number;
  /** The question the room screen shows large, or null. */
  highlightId: string | null;
  /** The room screen shows the Q&A instead of the round. */
  isFullScreen: boolean;
  rates: Sharded<QaRate>;
}

/** What the Q&A does in the session's log. Facts already checked: applying them cannot fail. */
export type QaEvent =
  | { type: 'qa.configured'; settings: QaSettings }
  | {
      type: 'qa.asked';
      questionId: string;
      participantId: string;
      text: string;
      isAnonymous: boolean;
      isApproved: boolean;
    }
  /** A seat's vote on a question (never a merged one) is now `isVoting`. */
  | { type: 'qa.voted'; questionId: string; participantId: string; isVoting: boolean }
  | { type: 'qa.approved'; questionId: string }
  | { type: 'qa.hidden'; questionId: string; isHidden: boolean }
  /** A duplicate goes into another question: the union of their voters counts there. */
  | { type: 'qa.merged'; questionId: string; intoId: string }
  | { type: 'qa.pinned'; questionId: string; isPinned: boolean }
  | { type: 'qa.answered'; questionId: string; isAnswered: boolean }
  | { type: 'qa.highlighted'; questionId: string | null }
  | { type: 'qa.displayed'; isFullScreen: boolean };

/** The Q&A of a session whose log has none yet: open, anonymous allowed, unmoderated. */
export const DEFAULT_QA_SETTINGS: QaSettings = {
  isOpen: true,
  allowAnonymous: true,
  isModerated: false,
};
