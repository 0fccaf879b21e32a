import { own } from '../../own.ts';
import { emptySharded, shardGet, shardSet, type Sharded } from '../../session/sharded.ts';
import { Draft } from '../records.ts';

/**
 * Where a poll keeps its answers. Answers live in buckets by participant (session/sharded.ts),
 * so one answer copies one bucket (about 1/32 of the room) and the bucket index, and a server
 * batch copies each bucket it touches once: never the whole room's answers. Snapshots written
 * before the buckets hold a flat `answers` record: it is read as it is, and moved into buckets
 * once, on the first answer or clear after loading (later states keep it empty). A poll
 * nobody has answered keeps the old shape exactly: `{ config, answers: {} }`.
 */
export interface PollAnswers {
  /** Flat answers of a snapshot written before the buckets; empty in every newer state. */
  answers: Record<string, number[]>;
  /** The answers by participant, in buckets. Absent in a snapshot written before them. */
  answerBuckets?: Sharded<BucketedAnswer>;
  /** How many participants have an answer in `answerBuckets`. */
  answerCount?: number;
  /** The place the next first answer takes (answers keep the order they first came in). */
  nextPlace?: number;
}

/** One participant's choices, and their place in the order answers first came in. */
export interface BucketedAnswer {
  choices: number[];
  place: number;
}

/** One participant's answer, wherever the state keeps it. */
export function answerOf(state: PollAnswers, participantId: string): number[] | undefined {
  return shardGet(state.answerBuckets, participantId)?.choices ?? own(state.answers, participantId);
}

/** Every answer by participant: the flat record of an old snapshot, then the buckets. */
export function* answerEntries(state: PollAnswers): Generator<[string, number[]]> {
  for (const id in state.answers) {
    const choices = own(state.answers, id);
    if (choices) yield [id, choices];
  }
  const buckets = state.answerBuckets;
  if (!buckets) return;
  for (const name in buckets) {
    const bucket = own(buckets, name);
    if (!bucket) continue;
    for (const id in bucket) {
      const answer = own(bucket, id);
      if (answer) yield [id, answer.choices];
    }
  }
}

/** How many participants have answered, without a pass over the room (but for an old snapshot). */
export function answerCount(state: PollAnswers): number {
  let legacy = 0;
  for (const id in state.answers) if (Object.hasOwn(state.answers, id)) legacy++;
  return legacy + (state.answerCount ?? 0);
}

/** Every answer as one flat record by participant (for tests and tools, not the hot path). */
export function answersByParticipant(state: PollAnswers): Record<string, number[]> {
  return Object.fromEntries(answerEntries(state));
}

/**
 * Every answer in the order answers first came in (a changed answer keeps its place), as the
 * flat record of old snapshots kept them: the console's lists of names only ever grow at the
 * end. Sorting is O(n log n) over the answers, for views only, never a reducer's step.
 */
export function answerEntriesInOrder(state: PollAnswers): [string, number[]][] {
  const placed: [number, string, number[]][] = [];
  let legacy = 0;
  for (const id in state.answers) {
    const choices = own(state.answers, id);
    if (choices) placed.push([legacy++ - Number.MAX_SAFE_INTEGER, id, choices]);
  }
  const buckets = state.answerBuckets;
  for (const name in buckets) {
    const bucket = own(buckets, name);
    for (const id in bucket) {
      const answer = own(bucket, id);
      if (answer) placed.push([answer.place, id, answer.choices]);
    }
  }
  placed.sort((a, b) => a[0] - b[0]);
  return placed.map(([, id, choices]) => [id, choices]);
}

type Moved = { buckets: Sharded<BucketedAnswer>; count: number; next: number };

/**
 * The buckets, with an old snapshot's flat answers moved into them in their order: once, on
 * the first write after loading, each bucket copied once (a fold of its own without a draft).
 */
function buckets(state: PollAnswers, draft?: Draft): Moved {
  let buckets = state.answerBuckets ?? emptySharded<BucketedAnswer>();
  let count = state.answerCount ?? 0;
  let next = state.nextPlace ?? 0;
  const fold = draft ?? new Draft();
  for (const [id, choices] of Object.entries(state.answers)) {
    if (shardGet(buckets, id) === undefined) count++;
    buckets = shardSet(buckets, id, { choices, place: next++ }, fold);
  }
  return { buckets, count, next };
}

/** The storage with `participantId`'s answer set (or removed, for `undefined`). */
export function withAnswer<S extends PollAnswers>(
  state: S,
  participantId: string,
  choices: number[] | undefined,
  draft?: Draft,
): S {
  const { buckets: before, count, next } = buckets(state, draft);
  const had = shardGet(before, participantId);
  if (!had && choices === undefined) return state;
  const answer = choices && { choices, place: had?.place ?? next };
  return {
    ...state,
    answers: {},
    answerBuckets: shardSet(before, participantId, answer, draft),
    answerCount: count + (!answer ? -1 : had ? 0 : 1),
    nextPlace: had ? next : next + 1,
  };
}
