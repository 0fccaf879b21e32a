/**
 * Reading records keyed by ids that came from outside (a client, a stored row). A plain
 * object inherits `__proto__`, `constructor`, `toString`…: reading `record[id]` with such
 * an id finds a function, not `undefined`. Every lookup by an outside id goes through
 * {@link own}, and every record built from outside keys starts from {@link dict}.
 */

/** The value stored under `key` itself, never one inherited from `Object.prototype`. */
export function own<T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string,
): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Does `record` itself hold `key`? */
export function hasOwn(record: object | undefined, key: string): boolean {
  return record !== undefined && Object.hasOwn(record, key);
}

/** An empty record with no prototype, safe to key by any string. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Names an id may never take: every property `Object.prototype` has, and `prototype`. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);
