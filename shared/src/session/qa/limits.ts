/** Sizes and rates of the session's Q&A, in one place for both sides. */
export const QA_LIMITS = {
  /** Longest question, in characters. */
  questionLength: 300,
  /** Questions a session keeps at most (hidden and merged ones included). */
  questionsPerSession: 1000,
  /** Questions one seat may ask: a burst, refilled at this many a minute. */
  asksBurst: 5,
  asksPerMinute: 5,
  /** Votes (and withdrawals) one seat may cast: a burst, refilled at this many a minute. */
  votesBurst: 30,
  votesPerMinute: 30,
  /** Questions every phone is sent, best first; the rest are counted. */
  publicTop: 30,
  /** Questions the room screen is sent, best first (the strip shows three of them). */
  screenTop: 6,
} as const;
