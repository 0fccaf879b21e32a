import { dict, own } from '../../own.ts';
import { withEntry, withoutEntry } from '../records.ts';

/**
 * A record split into {@link SHARD_COUNT} smaller records by a hash of the key. States are
 * immutable, so changing one entry of a plain record copies the whole record: with a room's
 * thousands of entries that is a copy of the room per action. Here a change copies one
 * shard (about 1/32 of the keys) and the small outer record, nothing else. Every shard is
 * prototype-free and read with `own`, so outside keys (`__proto__`) find nothing inherited.
 */
export type Sharded<T> = Record<string, Record<string, T>>;

/** How many shards a record is split into. */
export const SHARD_COUNT = 32;

/** The shard a key lives in: FNV-1a over its UTF-16 code units, as a short string. */
export function shardOf(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `s${hash % SHARD_COUNT}`;
}

/** An empty sharded record. */
export function emptySharded<T>(): Sharded<T> {
  return dict<Record<string, T>>();
}

/** The value under `key`, never one inherited from `Object.prototype`. */
export function getIn<T>(record: Sharded<T>, key: string): T | undefined {
  return own(own(record, shardOf(key)), key);
}

/** A copy with `key` set: copies one shard and the outer record. */
export function setIn<T>(record: Sharded<T>, key: string, value: NoInfer<T>): Sharded<T> {
  const shard = shardOf(key);
  return withEntry(record, shard, withEntry(own(record, shard) ?? dict<T>(), key, value));
}

/** A copy without `key` (the record itself when the key is absent). */
export function deleteIn<T>(record: Sharded<T>, key: string): Sharded<T> {
  const shard = shardOf(key);
  const inner = own(record, shard);
  if (!inner || !Object.hasOwn(inner, key)) return record;
  const rest = withoutEntry(inner, key);
  return Object.keys(rest).length ? withEntry(record, shard, rest) : withoutEntry(record, shard);
}

/** Every value, shard by shard (for views and summaries, never for a reducer's step). */
export function valuesIn<T>(record: Sharded<T>): T[] {
  return Object.values(record).flatMap((inner) => Object.values(inner));
}

/** Every key and value, shard by shard (for views and summaries, never for a reducer's step). */
export function entriesIn<T>(record: Sharded<T>): [string, T][] {
  return Object.values(record).flatMap((inner) => Object.entries(inner));
}
