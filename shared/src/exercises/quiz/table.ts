import { dict, own } from '../../own.ts';

/*
 * A record keyed by participant id that costs O(1) to change. A plain record copied on every
 * answer costs O(room): with 2,000 phones that is 2,000 copies per tap. Here the keys are
 * spread by a hash over FAN x FAN prototype-free buckets, built only when first written: a
 * write copies one bucket (a handful of entries), one row of FAN buckets and the FAN rows,
 * whatever the size of the room. It is plain JSON, so snapshots store it as it is, and
 * every read goes through `own`, so a key like `__proto__` finds nothing inherited.
 */

const FAN = 32;

/** Buckets of entries by key: rows of FAN buckets, null until something is written there. */
export type Table<T> = (Record<string, T> | null)[][] | [];

/** An empty table. */
export function emptyTable<T>(): Table<T> {
  return [];
}

/** FNV-1a over the key's UTF-16 units: a stable, even spread, the same on every machine. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function slot(key: string): [number, number] {
  const h = hash(key);
  return [h % FAN, Math.floor(h / FAN) % FAN];
}

/** The value under `key`, never one inherited from `Object.prototype`. */
export function tableGet<T>(table: Table<T>, key: string): T | undefined {
  const [row, col] = slot(key);
  const bucket = table[row]?.[col];
  return bucket ? own(bucket, key) : undefined;
}

/** A new table with `key` set to `value`; `table` is left as it was. */
export function tableSet<T>(table: Table<T>, key: string, value: T): Table<T> {
  const [row, col] = slot(key);
  const rows: (Record<string, T> | null)[][] =
    table.length === 0 ? Array.from({ length: FAN }, () => []) : [...table];
  const cells = [...(rows[row] ?? [])];
  while (cells.length < FAN) cells.push(null);
  const bucket = Object.assign(dict<T>(), cells[col] ?? undefined);
  bucket[key] = value;
  cells[col] = bucket;
  rows[row] = cells;
  return rows;
}

/** Every entry, in bucket order (stable for a given set of keys, not insertion order). */
export function tableEntries<T>(table: Table<T>): [string, T][] {
  const entries: [string, T][] = [];
  for (const cells of table) {
    for (const bucket of cells) {
      if (bucket) for (const key of Object.keys(bucket)) entries.push([key, bucket[key] as T]);
    }
  }
  return entries;
}
