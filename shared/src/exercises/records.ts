import { dict } from '../own.ts';

/*
 * Exercise states keep records by participant id, card id, group id… States are also
 * JSON round-tripped into snapshots, so a record read back is a plain object that inherits
 * `toString`, `constructor`…: every read by a key goes through `own`/`hasOwn` (own.ts), and
 * every record written here is a fresh prototype-free copy, never a spread object literal.
 */

/**
 * The records one fold of events has created itself (a replay, or one batch of commands on
 * the server): nobody outside the fold has seen them yet, so the fold may keep writing into
 * them instead of copying them again. A room of 5,000 answering one poll then copies the
 * answers once per batch, not once per answer. States that leave the fold (the batch's
 * result, a replay's end) are never written again: each fold makes a new draft, and records
 * from earlier folds are copied on their first write as always. Without a draft every write
 * copies, so reducers stay pure for every other caller (tests, tools, `decide`).
 */
export class Draft {
  private readonly owned = new WeakSet<object>();

  /** May this fold write into `record` in place? */
  owns(record: object): boolean {
    return this.owned.has(record);
  }

  /** Marks a record this fold has just created as its own. */
  adopt<T extends object>(record: T): T {
    this.owned.add(record);
    return record;
  }
}

/**
 * A prototype-free copy of `record`. A key-by-key loop: `Object.assign` into a dictionary
 * object is several times slower for the thousands of keys a big room's records hold.
 */
export function copyRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const copy = dict<T>();
  for (const key in record) if (Object.hasOwn(record, key)) copy[key] = record[key] as T;
  return copy;
}

/**
 * `record` with `key` set to `value`: a prototype-free copy, or, when `draft` owns the
 * record, the record itself written in place.
 */
export function withEntry<T>(
  record: Readonly<Record<string, T>>,
  key: string,
  value: NoInfer<T>,
  draft?: Draft,
): Record<string, T> {
  if (draft?.owns(record)) {
    const owned = record as Record<string, T>;
    owned[key] = value;
    return owned;
  }
  const copy = copyRecord(record);
  copy[key] = value;
  return draft ? draft.adopt(copy) : copy;
}

/** `record` without `key`: a prototype-free copy, or the draft's own record, in place. */
export function withoutEntry<T>(
  record: Readonly<Record<string, T>>,
  key: string,
  draft?: Draft,
): Record<string, T> {
  if (draft?.owns(record)) {
    const owned = record as Record<string, T>;
    delete owned[key];
    return owned;
  }
  const copy = copyRecord(record);
  delete copy[key];
  return draft ? draft.adopt(copy) : copy;
}
