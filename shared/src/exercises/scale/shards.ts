import { dict, own } from '../../own.ts';
import { withEntry, withoutEntry } from '../records.ts';

/**
 * Answers kept by participant id, spread over a fixed number of shards so that one
 * answer copies one shard (about n/64 entries), not the whole room: a reducer stays pure
 * (it never mutates) without paying O(room) per action. Shards are plain prototype-free
 * records, so a state still round-trips through JSON snapshots.
 */
export type Sharded<T> = Record<string, Record<string, T>>;

/** How many shards a {@link Sharded} record has. */
export const SHARD_COUNT = 64;

/** The shard a participant id falls in: FNV-1a over its UTF-16 code units. */
export function shardOf(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `s${hash % SHARD_COUNT}`;
}

/** The value kept for `id`, or undefined. */
export function readSharded<T>(record: Sharded<T>, id: string): T | undefined {
  return own(own(record, shardOf(id)), id);
}

/** A copy of `record` with `id` set: copies one shard and the shard index. */
export function writeSharded<T>(record: Sharded<T>, id: string, value: T): Sharded<T> {
  const key = shardOf(id);
  return withEntry(record, key, withEntry(own(record, key) ?? dict<T>(), id, value));
}

/** A copy of `record` without `id`. */
export function deleteSharded<T>(record: Sharded<T>, id: string): Sharded<T> {
  const key = shardOf(id);
  const shard = own(record, key);
  if (!shard || !Object.hasOwn(shard, id)) return record;
  return withEntry(record, key, withoutEntry(shard, id));
}
