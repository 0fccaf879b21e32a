import { dict } from '../own.ts';

/*
 * Exercise states keep records by participant id, card id, group id… States are also
 * JSON round-tripped into snapshots, so a record read back is a plain object that inherits
 * `toString`, `constructor`…: every read by a key goes through `own`/`hasOwn` (own.ts), and
 * every record written here is a fresh prototype-free copy, never a spread object literal.
 */

/** A prototype-free copy of `record`. */
export function copyRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.assign(dict<T>(), record);
}

/** A prototype-free copy of `record` with `key` set to `value`. */
export function withEntry<T>(
  record: Readonly<Record<string, T>>,
  key: string,
  value: NoInfer<T>,
): Record<string, T> {
  const copy = copyRecord(record);
  copy[key] = value;
  return copy;
}

/** A prototype-free copy of `record` without `key`. */
export function withoutEntry<T>(
  record: Readonly<Record<string, T>>,
  key: string,
): Record<string, T> {
  const copy = copyRecord(record);
  delete copy[key];
  return copy;
}
