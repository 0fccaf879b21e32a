import { copyRecord, type Draft } from '../exercises/records.ts';
import { dict, own } from '../own.ts';

/**
 * A record split into buckets by a hash of its keys. Setting one key copies one bucket
 * (about n/32 entries) and the bucket index (32 entries), never the whole record: the Q&A
 * keeps its questions, each question's voters and each seat's rate this way, so a vote
 * in a room of 2,000 costs O(what it changed), not O(room). Plain JSON, so snapshots keep
 * it as it is; keys come from outside, so every bucket is prototype-free and read with `own`.
 */
export type Sharded<T> = Record<string, Record<string, T>>;

const SHARDS = 32;

/** The bucket of a key: FNV-1a over its UTF-16 units, deterministic on every platform. */
function shardOf(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `s${(hash >>> 0) % SHARDS}`;
}

/** An empty sharded record. */
export function emptySharded<T>(): Sharded<T> {
  return dict<Record<string, T>>();
}

/** The value under `key`, never an inherited property. */
export function shardGet<T>(record: Sharded<T> | undefined, key: string): T | undefined {
  return own(own(record, shardOf(key)), key);
}

/**
 * A copy of `record` with `key` set (or removed, for `undefined`), sharing every other bucket.
 * With a `draft` (one fold of events), the index and each bucket are copied on the fold's
 * first write to them and written in place after that: a batch copies what it touches once.
 */
export function shardSet<T>(
  record: Sharded<T>,
  key: string,
  value: T | undefined,
  draft?: Draft,
): Sharded<T> {
  const name = shardOf(key);
  const current = own(record, name);
  const bucket =
    current && draft?.owns(current) ? current : current ? copyRecord(current) : dict<T>();
  if (value === undefined) delete bucket[key];
  else bucket[key] = value;
  const next = draft?.owns(record) ? record : copyRecord(record);
  next[name] = bucket;
  if (draft) {
    draft.adopt(bucket);
    draft.adopt(next);
  }
  return next;
}

/** Every value, bucket by bucket (an order that depends on the keys only). */
export function* shardValues<T>(record: Sharded<T>): Generator<T> {
  for (const name in record) {
    const bucket = own(record, name);
    if (!bucket) continue;
    for (const key in bucket) {
      const value = own(bucket, key);
      if (value !== undefined) yield value;
    }
  }
}

/** Every key, bucket by bucket. */
export function* shardKeys<T>(record: Sharded<T>): Generator<string> {
  for (const name in record) {
    const bucket = own(record, name);
    if (bucket) for (const key in bucket) if (Object.hasOwn(bucket, key)) yield key;
  }
}
