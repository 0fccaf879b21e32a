import { own } from '../../own.ts';
import { dict } from '../../own.ts';
import type { ExerciseDefinition, RoundContext, SummaryBlock } from '../types.ts';
import { WORD_CLOUD_LIMITS, type ProfanityMode, type WordCloudMode } from './limits.ts';
import {
  wordCloudConfigSchema,
  wordCloudFacilitatorActionSchema,
  wordCloudParticipantActionSchema,
  type EntryStatus,
  type WordCloudConfig,
  type WordCloudEntry,
  type WordCloudFacilitatorAction,
  type WordCloudParticipantAction,
  type WordCloudState,
} from './model.ts';
import { commonSpelling } from './normalize.ts';
import { entriesInOrder, reduceWordCloud, rootOf } from './reduce.ts';
import { emptySharded, entriesIn, getIn } from './shards.ts';

export { PROFANITY_MODES, WORD_CLOUD_LIMITS, WORD_CLOUD_MODES } from './limits.ts';
export type { ProfanityMode, WordCloudMode } from './limits.ts';
export {
  entryIdSchema,
  termKeySchema,
  wordCloudConfigSchema,
  wordCloudFacilitatorActionSchema,
  wordCloudParticipantActionSchema,
} from './model.ts';
export type {
  EntryStatus,
  WordCloudConfig,
  WordCloudEntry,
  WordCloudFacilitatorAction,
  WordCloudParticipantAction,
  WordCloudState,
} from './model.ts';
export {
  bareWord,
  commonSpelling,
  foldPlural,
  normalizeWord,
  phraseTerm,
  sentenceTerms,
} from './normalize.ts';
export { checkProfanity, maskWord, PROFANITY_LANGUAGES } from './profanity.ts';
export { rootOf } from './reduce.ts';

const L = WORD_CLOUD_LIMITS;

/** A word (or phrase) of the cloud: merged words counted under the one they were merged into. */
export interface CloudWord {
  key: string;
  /** The spelling typed most often. */
  label: string;
  count: number;
}

/** A word on the console, with the words merged into it (to undo a merge). */
export interface ConsoleWord extends CloudWord {
  merged: CloudWord[];
}

/** The rules every audience may know. */
export interface WordCloudRules {
  question: string;
  mode: WordCloudMode;
  entriesPerPerson: number;
  maxWords: number;
  maxLength: number;
  isAnonymous: boolean;
  isModerated: boolean;
  profanity: ProfanityMode;
  isLive: boolean;
}

/** An entry on the console: its author only when the round is named. */
export interface ConsoleEntry {
  id: string;
  /** As typed. */
  text: string;
  /** As the room sees it (masked swear words). */
  display: string;
  status: EntryStatus;
  isProfane: boolean;
  /** The cloud word it counts toward, after merges (cloud mode); null for sentences. */
  countedAs: string | null;
  /** Absent (not even the key) in an anonymous round. */
  author?: string;
}

/** The console: live counts, the queue, every word with its merges, the raw entries. */
export interface WordCloudFacilitatorView extends WordCloudRules {
  isRevealed: boolean;
  /** Revealed, or shown live: the room sees the cloud. */
  isShownToRoom: boolean;
  counts: { entries: number; people: number } & Record<EntryStatus, number>;
  /** Entries waiting for the facilitator, oldest first. */
  queue: ConsoleEntry[];
  /** Words of shown entries, most counted first. */
  words: ConsoleWord[];
  /** The newest entries (at most {@link WORD_CLOUD_LIMITS.consoleEntries}), oldest first. */
  entries: ConsoleEntry[];
  /** Entries older than those listed. */
  moreEntries: number;
}

/** The room's result as every phone sees it, once shown. */
export interface WordCloudPublicResults {
  words: CloudWord[];
  entries: number;
  people: number;
}

/** What every phone sees: the rules, then the top words once the room sees them. */
export interface WordCloudPublicView extends WordCloudRules {
  results: WordCloudPublicResults | null;
}

/** One of the participant's own entries. */
export interface WordCloudOwnEntry {
  id: string;
  text: string;
  /** How the room sees it when that differs from the text (a masked word). */
  shownAs: string | null;
  status: EntryStatus;
}

/** What only this participant sees: their entries and how many are left. */
export interface WordCloudOwnView {
  entries: WordCloudOwnEntry[];
  left: number;
}

/** The room screen: the question and progress, then the cloud or the wall. */
export interface WordCloudScreenView {
  question: string;
  mode: WordCloudMode;
  isAnonymous: boolean;
  isShown: boolean;
  /** Entries received (whatever their status) and from how many people. */
  counts: { entries: number; people: number };
  /** The cloud's words, most counted first; empty until shown. */
  words: CloudWord[];
  moreWords: number;
  /** The text wall: the newest shown entries, oldest first; empty until shown or in cloud mode. */
  cards: { id: string; text: string }[];
  moreCards: number;
}

/** The four views of a word cloud. */
export interface WordCloudViews {
  facilitator: WordCloudFacilitatorView;
  participantPublic: WordCloudPublicView;
  participantOwn: WordCloudOwnView;
  screen: WordCloudScreenView;
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Most counted first; ties alphabetical ignoring case, then by code point (deterministic). */
const byCount = (a: CloudWord, b: CloudWord) =>
  b.count - a.count ||
  order(a.label.toLowerCase(), b.label.toLowerCase()) ||
  order(a.label, b.label);

/**
 * The cloud's words: counts of shown entries, merged words folded into the word they were
 * merged into, labelled by the spelling typed most often. Most counted first; ties in
 * code point order, so every audience and every replay sees the same order.
 */
export function consoleWords(state: WordCloudState): ConsoleWord[] {
  const groups = new Map<string, ConsoleWord>();
  for (const [key, counted] of entriesIn(state.terms)) {
    const root = rootOf(state.merges, key);
    const word: CloudWord = { key, label: commonSpelling(counted.spellings), count: counted.count };
    const group = groups.get(root) ?? { key: root, label: '', count: 0, merged: [] };
    group.count += word.count;
    if (key === root) group.label = word.label;
    else group.merged.push(word);
    groups.set(root, group);
  }
  const words = [...groups.values()];
  for (const group of words) {
    group.merged.sort(byCount);
    // The word merged into has no shown entry left: the most counted merged one names it.
    if (group.label === '') group.label = group.merged[0]?.label ?? group.key;
  }
  return words.sort(byCount);
}

/** The cloud's words without the merge details. */
export function cloudWords(state: WordCloudState): CloudWord[] {
  return consoleWords(state).map(({ key, label, count }) => ({ key, label, count }));
}

function rules(config: WordCloudConfig): WordCloudRules {
  const { question, mode, entriesPerPerson, maxWords, maxLength } = config;
  const { isAnonymous, isModerated, profanity, isLive } = config;
  return {
    question,
    mode,
    entriesPerPerson,
    maxWords,
    maxLength,
    isAnonymous,
    isModerated,
    profanity,
    isLive,
  };
}

const isShownToRoom = (state: WordCloudState, ctx: RoundContext) =>
  ctx.isRevealed || state.config.isLive;

const totalEntries = (state: WordCloudState) =>
  state.tally.shown + state.tally.pending + state.tally.hidden;

/** The author's name in a named round; undefined (no field at all) when anonymous. */
function authorOf(state: WordCloudState, entry: WordCloudEntry, ctx: RoundContext) {
  if (state.config.isAnonymous) return undefined;
  return own(ctx.roster, entry.authorId)?.name ?? 'Someone who left';
}

function consoleEntry(
  state: WordCloudState,
  entry: WordCloudEntry,
  ctx: RoundContext,
  labels: ReadonlyMap<string, string>,
): ConsoleEntry {
  const first = entry.terms[0];
  const view: ConsoleEntry = {
    id: entry.id,
    text: entry.text,
    display: entry.display,
    status: entry.status,
    isProfane: entry.isProfane,
    countedAs:
      state.config.mode === 'cloud' && first
        ? (labels.get(rootOf(state.merges, first.key)) ?? first.spelling)
        : null,
  };
  const author = authorOf(state, entry, ctx);
  if (author !== undefined) view.author = author;
  return view;
}

/** Shown entries, oldest first, as the summary's table and the screen's wall use them. */
function shownEntries(state: WordCloudState): WordCloudEntry[] {
  return entriesInOrder(state).filter((e) => e.status === 'shown');
}

/** Words or sentences from the room: a live word cloud or a wall of answers, moderated. */
export const wordCloud: ExerciseDefinition<
  WordCloudConfig,
  WordCloudState,
  WordCloudParticipantAction,
  WordCloudFacilitatorAction,
  WordCloudViews
> = {
  kind: 'wordCloud',
  label: 'Word cloud / open text',
  description:
    'Everyone sends a few words (drawn as a word cloud, same words counted together) or a sentence (a wall of answers); swear words are masked or held, and the facilitator can approve, hide and merge before the room sees it.',
  configSchema: wordCloudConfigSchema,
  defaultConfig: () => ({
    question: 'One word for how our customers feel today',
    mode: 'cloud',
    entriesPerPerson: 3,
    maxWords: 2,
    maxLength: 40,
    isAnonymous: true,
    isModerated: false,
    profanity: 'mask',
    isLive: false,
  }),
  participantActionSchema: wordCloudParticipantActionSchema,
  facilitatorActionSchema: wordCloudFacilitatorActionSchema,

  init: (config, seed) => ({
    config,
    seed,
    drawn: 0,
    entries: emptySharded(),
    byAuthor: emptySharded(),
    authorCount: 0,
    terms: emptySharded(),
    merges: dict(),
    queue: emptySharded(),
    tally: { shown: 0, pending: 0, hidden: 0 },
  }),

  reduce: reduceWordCloud,

  facilitatorView(state, ctx) {
    const words = consoleWords(state);
    const labels = new Map(words.map((w) => [w.key, w.label]));
    const all = entriesInOrder(state);
    const listed = all.slice(-L.consoleEntries);
    return {
      ...rules(state.config),
      isRevealed: ctx.isRevealed,
      isShownToRoom: isShownToRoom(state, ctx),
      counts: { entries: all.length, people: state.authorCount, ...state.tally },
      queue: all
        .filter((e) => e.status === 'pending')
        .map((e) => consoleEntry(state, e, ctx, labels)),
      words,
      entries: listed.map((e) => consoleEntry(state, e, ctx, labels)),
      moreEntries: all.length - listed.length,
    };
  },

  participantPublicView(state, ctx) {
    return {
      ...rules(state.config),
      results: isShownToRoom(state, ctx)
        ? {
            words: cloudWords(state).slice(0, L.phoneWords),
            entries: state.tally.shown,
            people: state.authorCount,
          }
        : null,
    };
  },

  participantOwnView(state, participantId) {
    const ids = getIn(state.byAuthor, participantId) ?? [];
    const entries = ids.flatMap((id) => {
      const entry = getIn(state.entries, id);
      return entry
        ? [
            {
              id,
              text: entry.text,
              shownAs: entry.display === entry.text ? null : entry.display,
              status: entry.status,
            },
          ]
        : [];
    });
    return { entries, left: Math.max(0, state.config.entriesPerPerson - entries.length) };
  },

  screenView(state, ctx) {
    const isShown = isShownToRoom(state, ctx);
    const words = isShown && state.config.mode === 'cloud' ? cloudWords(state) : [];
    const shown = isShown && state.config.mode === 'text' ? shownEntries(state) : [];
    const cards = shown.slice(-L.screenCards);
    return {
      question: state.config.question,
      mode: state.config.mode,
      isAnonymous: state.config.isAnonymous,
      isShown,
      counts: { entries: totalEntries(state), people: state.authorCount },
      words: words.slice(0, L.screenWords),
      moreWords: Math.max(0, words.length - L.screenWords),
      cards: cards.map((e) => ({ id: e.id, text: e.display })),
      moreCards: shown.length - cards.length,
    };
  },

  submittedCount: (state) => state.authorCount,

  summary(state, ctx) {
    const { config } = state;
    const words = cloudWords(state);
    const shown = shownEntries(state);
    const people = new Set(shown.map((e) => e.authorId)).size;
    const headline = `${shown.length} ${shown.length === 1 ? 'entry' : 'entries'} from ${people} ${people === 1 ? 'person' : 'people'}: “${config.question}”`;
    const blocks: SummaryBlock[] = [];
    const top = words.slice(0, L.summaryWords);
    if (top.length) {
      blocks.push({
        type: 'bars',
        labels: top.map((w) => w.label),
        values: top.map((w) => w.count),
        unit: config.mode === 'cloud' ? 'entries' : 'answers mentioning it',
      });
    }
    const left = state.tally.pending + state.tally.hidden;
    if (left)
      blocks.push({
        type: 'text',
        text: `${left} ${left === 1 ? 'entry was' : 'entries were'} not shown to the room and ${left === 1 ? 'is' : 'are'} left out.`,
      });
    if (shown.length) {
      const labels = new Map(words.map((w) => [w.key, w.label]));
      const isNamed = !config.isAnonymous;
      const isCloud = config.mode === 'cloud';
      blocks.push({
        type: 'table',
        columns: ['Entry', ...(isCloud ? ['Counted as'] : []), ...(isNamed ? ['Author'] : [])],
        rows: shown.map((e) => {
          const row = [e.display];
          if (isCloud) row.push(consoleEntry(state, e, ctx, labels).countedAs ?? '');
          if (isNamed) row.push(authorOf(state, e, ctx) ?? '');
          return row;
        }),
      });
    }
    return { headline, blocks };
  },

  actionPlanPrompt: (config) =>
    `The room's answers to “${config.question}”: which one will I act on in my own work, and what is my first step?`,
};
