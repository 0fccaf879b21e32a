import { LIMITS } from '../../limits.ts';

/**
 * The word cloud's bounds, in a zod-free module so the phone (which imports only types
 * from shared) and the editors can show them without pulling in the schemas.
 */
export const WORD_CLOUD_LIMITS = {
  questionLength: LIMITS.questionLength,
  /** Entries one person may send: 1 to 10. */
  maxEntriesPerPerson: 10,
  /** Words in one cloud entry: "one to three words". */
  maxWordsPerEntry: 3,
  /** Characters in one entry, whatever the config says: a sentence, not an essay. */
  maxEntryLength: 280,
  minEntryLength: 10,
  /** Longest normalised word key a merge may name. */
  keyLength: 120,
  /** Words the room screen's cloud draws at most (the rest are counted). */
  screenWords: 60,
  /** Cards the text wall shows at most; the newest, the rest counted. */
  screenCards: 24,
  /** Words the phones see after the reveal. */
  phoneWords: 20,
  /** Entries the console lists at most (the newest); the CSV of the round has every one shown. */
  consoleEntries: 500,
  /** Words the notebook's bar chart shows. */
  summaryWords: 15,
} as const;

/** `cloud`: one to three words per entry, drawn as a word cloud. `text`: a sentence each, a wall of cards. */
export const WORD_CLOUD_MODES = ['cloud', 'text'] as const;
/** How entries are collected and shown. */
export type WordCloudMode = (typeof WORD_CLOUD_MODES)[number];

/** What happens to an entry with a swear word: masked (`f***`) or held for the facilitator. */
export const PROFANITY_MODES = ['mask', 'hold'] as const;
/** What happens to an entry with a swear word. */
export type ProfanityMode = (typeof PROFANITY_MODES)[number];
