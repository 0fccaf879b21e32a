import { z } from 'zod';
import { cleanText, keySchema } from '../../protocol/schemas.ts';
import { PROFANITY_MODES, WORD_CLOUD_LIMITS, WORD_CLOUD_MODES } from './limits.ts';
import type { Term } from './normalize.ts';
import type { Sharded } from './shards.ts';

const L = WORD_CLOUD_LIMITS;

const count = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} can be at most ${max}`);

const yesNo = (what: string) => z.boolean({ error: `${what} must be yes or no` });

/** A word cloud's (or text wall's) settings. */
export const wordCloudConfigSchema = z.object({
  question: cleanText(L.questionLength, { what: 'The question' }),
  mode: z.enum(WORD_CLOUD_MODES, { error: 'The mode must be "cloud" or "text"' }),
  entriesPerPerson: count('The entries per person', 1, L.maxEntriesPerPerson),
  /** Words in one entry, in the cloud mode (the text mode counts characters only). */
  maxWords: count('The words per entry', 1, L.maxWordsPerEntry),
  /** Characters in one entry, in both modes. */
  maxLength: count('The characters per entry', L.minEntryLength, L.maxEntryLength),
  /** No view, export or summary names who wrote what. */
  isAnonymous: yesNo('Anonymous'),
  /** Every entry waits in the console's queue until the facilitator approves it. */
  isModerated: yesNo('Approve before showing'),
  profanity: z.enum(PROFANITY_MODES, { error: 'Swear words must be masked or held' }),
  /** The screen and phones show entries as they come in, before the reveal. */
  isLive: yesNo('Show live'),
});
/** A word cloud's settings, as parsed. */
export type WordCloudConfig = z.infer<typeof wordCloudConfigSchema>;

/** Where an entry stands: on show, waiting in the facilitator's queue, or hidden by them. */
export type EntryStatus = 'shown' | 'pending' | 'hidden';

/** One entry as the state keeps it. */
export interface WordCloudEntry {
  /** Opaque, drawn from the round's seed: it tells nothing of author or arrival. */
  id: string;
  authorId: string;
  /** As typed (cleaned by the schema). */
  text: string;
  /** What the room sees once shown: masked in the mask mode, else as typed. */
  display: string;
  /** What the entry counts as once shown, worked out when it arrived. */
  terms: Term[];
  status: EntryStatus;
  /** The profanity filter caught something. */
  isProfane: boolean;
  /** Arrival number, for ordering the wall and the raw list. */
  n: number;
}

/** How often a key was counted among shown entries, and how it was spelled. */
export interface TermCount {
  count: number;
  spellings: Record<string, number>;
}

/** A word cloud round's state. Records keyed by outside ids are sharded (see shards.ts). */
export interface WordCloudState {
  config: WordCloudConfig;
  seed: string;
  /** Ids drawn so far, so the next one is new. */
  drawn: number;
  /** Entries by id. */
  entries: Sharded<WordCloudEntry>;
  /** Each author's entry ids, oldest first. */
  byAuthor: Sharded<string[]>;
  /** People with at least one entry. */
  authorCount: number;
  /** Counted terms of shown entries, by key. */
  terms: Sharded<TermCount>;
  /** Keys the facilitator merged into another ("cs" → "customer service"). */
  merges: Record<string, string>;
  /** Pending entries (the console's queue), id → arrival number. */
  queue: Sharded<number>;
  /** Entries by status. */
  tally: Record<EntryStatus, number>;
}

/** The shape of an entry id. */
export const entryIdSchema = keySchema(/^w_[a-z0-9]{10}$/, 'Invalid entry id');

/** A word key as the console names it in a merge. */
export const termKeySchema = keySchema(
  new RegExp(`^\\S(?:[^\\n]{0,${L.keyLength - 2}}\\S)?$`, 'u'),
  'Invalid word',
);

/** A phone sends an entry, or withdraws one of its own. */
export const wordCloudParticipantActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('submit'),
      text: cleanText(L.maxEntryLength, { what: 'An entry' }),
    }),
    z.object({ type: z.literal('withdraw'), entryId: entryIdSchema }),
  ],
  { error: 'Send an entry or withdraw one' },
);
/** A participant's action in a word cloud. */
export type WordCloudParticipantAction = z.infer<typeof wordCloudParticipantActionSchema>;

/** The console: moderate entries, merge words and undo a merge. */
export const wordCloudFacilitatorActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('approve'), entryId: entryIdSchema }),
    z.object({ type: z.literal('hide'), entryId: entryIdSchema }),
    z.object({ type: z.literal('restore'), entryId: entryIdSchema }),
    /** Approves every entry in the queue the profanity filter did not catch. */
    z.object({ type: z.literal('approveAll') }),
    z.object({ type: z.literal('merge'), from: termKeySchema, into: termKeySchema }),
    z.object({ type: z.literal('unmerge'), key: termKeySchema }),
  ],
  { error: 'Unknown word cloud action' },
);
/** A facilitator's action in a word cloud. */
export type WordCloudFacilitatorAction = z.infer<typeof wordCloudFacilitatorActionSchema>;
