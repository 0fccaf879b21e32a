import { createRandom, deriveSeed } from '../../random.ts';
import { own } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import { withEntry, withoutEntry } from '../records.ts';
import type { Actor, RoundContext } from '../types.ts';
import type {
  EntryStatus,
  TermCount,
  WordCloudEntry,
  WordCloudFacilitatorAction,
  WordCloudParticipantAction,
  WordCloudState,
} from './model.ts';
import { phraseTerm, sentenceTerms, wordsOf, type Term } from './normalize.ts';
import { checkProfanity } from './profanity.ts';
import { deleteIn, getIn, setIn, valuesIn } from './shards.ts';

type Action = WordCloudParticipantAction | WordCloudFacilitatorAction;

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Draws the next unused entry id from the round's seed. */
function drawEntryId(state: WordCloudState): { id: string; drawn: number } {
  for (let n = state.drawn; ; n++) {
    const random = createRandom(deriveSeed(state.seed, 'entry', String(n)));
    let id = 'w_';
    for (let i = 0; i < 10; i++) id += ID_ALPHABET[random.int(ID_ALPHABET.length)] ?? 'x';
    if (!getIn(state.entries, id)) return { id, drawn: n + 1 };
  }
}

/** Adds (`delta` 1) or takes away (-1) an entry's terms from the counts: O(its terms). */
function countTerms(
  terms: WordCloudState['terms'],
  entryTerms: readonly Term[],
  delta: 1 | -1,
): WordCloudState['terms'] {
  let next = terms;
  for (const { key, spelling } of entryTerms) {
    const before: TermCount = getIn(next, key) ?? { count: 0, spellings: {} };
    const count = before.count + delta;
    if (count <= 0) {
      next = deleteIn(next, key);
      continue;
    }
    const spelled = (own(before.spellings, spelling) ?? 0) + delta;
    const spellings =
      spelled > 0
        ? withEntry(before.spellings, spelling, spelled)
        : withoutEntry(before.spellings, spelling);
    next = setIn(next, key, { count, spellings });
  }
  return next;
}

/** Moves an entry to `status`, keeping the counts, the queue and the tally in step. */
function setStatus(state: WordCloudState, entry: WordCloudEntry, status: EntryStatus) {
  if (entry.status === status) return state;
  let { terms, queue } = state;
  if (entry.status === 'shown') terms = countTerms(terms, entry.terms, -1);
  if (status === 'shown') terms = countTerms(terms, entry.terms, 1);
  if (entry.status === 'pending') queue = deleteIn(queue, entry.id);
  if (status === 'pending') queue = setIn(queue, entry.id, entry.n);
  const tally = { ...state.tally, [entry.status]: state.tally[entry.status] - 1 };
  tally[status] += 1;
  return {
    ...state,
    terms,
    queue,
    tally,
    entries: setIn(state.entries, entry.id, { ...entry, status }),
  };
}

/** How an entry of this text counts, or why it is refused. */
function termsOf(state: WordCloudState, display: string): Result<Term[]> {
  if (state.config.mode === 'text') return ok(sentenceTerms(display));
  const term = phraseTerm(display);
  return term ? ok([term]) : fail('INVALID_ACTION', 'Type a word or two');
}

function submit(state: WordCloudState, participantId: string, text: string) {
  const { config } = state;
  const length = Array.from(text).length;
  if (length > config.maxLength)
    return fail('INVALID_ACTION', `An entry has at most ${config.maxLength} characters`);
  const words = wordsOf(text).length;
  if (config.mode === 'cloud' && words > config.maxWords)
    return fail(
      'INVALID_ACTION',
      config.maxWords === 1
        ? 'One word, please'
        : `At most ${config.maxWords} words in an entry, please`,
    );
  const mine = getIn(state.byAuthor, participantId) ?? [];
  if (mine.length >= config.entriesPerPerson)
    return fail(
      'CONFLICT',
      config.entriesPerPerson === 1
        ? 'You have already sent your entry: withdraw it to send another'
        : `You have sent your ${config.entriesPerPerson} entries: withdraw one to send another`,
    );
  const profanity = checkProfanity(text);
  const isHeld = profanity.isProfane && config.profanity === 'hold';
  // Held entries show as typed once approved: the facilitator judged them fine.
  const display = config.profanity === 'mask' ? profanity.masked : text;
  const terms = termsOf(state, display);
  if (!terms.ok) return terms;
  const keys = new Set(terms.data.map((t) => t.key));
  if (config.mode === 'cloud') {
    for (const id of mine) {
      const other = getIn(state.entries, id);
      if (other?.terms.some((t) => keys.has(t.key)))
        return fail('CONFLICT', 'You have already sent that');
    }
  }
  const { id, drawn } = drawEntryId(state);
  const status: EntryStatus = isHeld || config.isModerated ? 'pending' : 'shown';
  const entry: WordCloudEntry = {
    id,
    authorId: participantId,
    text,
    display,
    terms: terms.data,
    status,
    isProfane: profanity.isProfane,
    n: drawn - 1,
  };
  return ok<WordCloudState>({
    ...state,
    drawn,
    entries: setIn(state.entries, id, entry),
    byAuthor: setIn(state.byAuthor, participantId, [...mine, id]),
    authorCount: state.authorCount + (mine.length === 0 ? 1 : 0),
    terms: status === 'shown' ? countTerms(state.terms, entry.terms, 1) : state.terms,
    queue: status === 'pending' ? setIn(state.queue, id, entry.n) : state.queue,
    tally: { ...state.tally, [status]: state.tally[status] + 1 },
  });
}

function withdraw(state: WordCloudState, participantId: string, entryId: string) {
  const entry = getIn(state.entries, entryId);
  if (!entry) return fail('NOT_FOUND', 'That entry is no longer there');
  if (entry.authorId !== participantId)
    return fail('FORBIDDEN', 'You can only withdraw your own entries');
  const mine = (getIn(state.byAuthor, participantId) ?? []).filter((id) => id !== entryId);
  return ok<WordCloudState>({
    ...state,
    entries: deleteIn(state.entries, entryId),
    byAuthor: mine.length
      ? setIn(state.byAuthor, participantId, mine)
      : deleteIn(state.byAuthor, participantId),
    authorCount: state.authorCount - (mine.length === 0 ? 1 : 0),
    terms: entry.status === 'shown' ? countTerms(state.terms, entry.terms, -1) : state.terms,
    queue: entry.status === 'pending' ? deleteIn(state.queue, entryId) : state.queue,
    tally: { ...state.tally, [entry.status]: state.tally[entry.status] - 1 },
  });
}

/** The root a key is counted under after merges (merges always point at a root). */
export function rootOf(merges: Readonly<Record<string, string>>, key: string): string {
  let root = key;
  // Bounded: a merge never points back (see `merge`), and each step follows one merge.
  for (let i = 0; i <= Object.keys(merges).length; i++) {
    const next = own(merges, root);
    if (next === undefined) return root;
    root = next;
  }
  return root;
}

/** A key counted now, or one a merge names (its entries may come back). O(merges). */
function isKnown(state: WordCloudState, key: string): boolean {
  return (
    getIn(state.terms, key) !== undefined ||
    Object.hasOwn(state.merges, key) ||
    Object.values(state.merges).includes(key)
  );
}

function merge(state: WordCloudState, from: string, into: string): Result<WordCloudState> {
  for (const key of [from, into])
    if (!isKnown(state, key)) return fail('NOT_FOUND', `“${key}” is not in the cloud`);
  const fromRoot = rootOf(state.merges, from);
  const intoRoot = rootOf(state.merges, into);
  if (fromRoot === intoRoot) return fail('CONFLICT', 'Those are already one word');
  return ok({ ...state, merges: withEntry(state.merges, fromRoot, intoRoot) });
}

function unmerge(state: WordCloudState, key: string): Result<WordCloudState> {
  if (!Object.hasOwn(state.merges, key)) return fail('NOT_FOUND', `“${key}” is not merged`);
  return ok({ ...state, merges: withoutEntry(state.merges, key) });
}

function moderate(
  state: WordCloudState,
  entryId: string,
  from: readonly EntryStatus[],
  to: EntryStatus,
): Result<WordCloudState> {
  const entry = getIn(state.entries, entryId);
  if (!entry) return fail('NOT_FOUND', 'That entry is no longer there');
  if (!from.includes(entry.status)) {
    const where = { shown: 'on show', pending: 'waiting', hidden: 'hidden' }[entry.status];
    return fail('CONFLICT', `That entry is already ${where}`);
  }
  return ok(setStatus(state, entry, to));
}

/** Applies one action: participants send and withdraw, the facilitator moderates and merges. */
export function reduceWordCloud(
  state: WordCloudState,
  action: Action,
  actor: Actor,
  ctx: RoundContext,
): Result<WordCloudState> {
  switch (action.type) {
    case 'submit':
    case 'withdraw': {
      if (actor.role !== 'participant')
        return fail('FORBIDDEN', 'Participants send their own entries');
      if (!ctx.isOpen) return fail('ROUND_LOCKED', 'Entries are closed for this round');
      return action.type === 'submit'
        ? submit(state, actor.participantId, action.text)
        : withdraw(state, actor.participantId, action.entryId);
    }
    case 'approve':
    case 'hide':
    case 'restore':
    case 'approveAll':
    case 'merge':
    case 'unmerge': {
      if (actor.role !== 'facilitator')
        return fail('FORBIDDEN', 'Only the facilitator can moderate the entries');
      switch (action.type) {
        case 'approve':
          return moderate(state, action.entryId, ['pending'], 'shown');
        case 'hide':
          return moderate(state, action.entryId, ['pending', 'shown'], 'hidden');
        case 'restore':
          return moderate(state, action.entryId, ['hidden'], 'shown');
        case 'approveAll': {
          // O(the queue): the queue is its own index, no scan of the room.
          let next = state;
          for (const id of Object.values(state.queue).flatMap((shard) => Object.keys(shard))) {
            const entry = getIn(next.entries, id);
            if (entry && !entry.isProfane) next = setStatus(next, entry, 'shown');
          }
          if (next === state) return fail('CONFLICT', 'Nothing to approve');
          return ok(next);
        }
        case 'merge':
          return merge(state, action.from, action.into);
        case 'unmerge':
          return unmerge(state, action.key);
        default: {
          const unreachable: never = action;
          return unreachable;
        }
      }
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** Every entry, oldest first (views and summaries only). */
export function entriesInOrder(state: WordCloudState): WordCloudEntry[] {
  return valuesIn(state.entries).sort((a, b) => a.n - b.n);
}
