/**
 * Changes between two JSON views, so the console is sent what changed instead of its whole
 * view (200-600 KB in a room of thousands) many times a second, and phones a new head count
 * instead of a board of 2,000 notes.
 *
 * An operation is a tuple, compact on the wire: `['s', path, value]` sets the value at
 * `path` (an object key, an array index, the end of an array, or the root for `[]`),
 * `['d', path]` deletes an object key, `['l', path, length]` cuts an array to `length`.
 * Paths are arrays of keys and indexes, so no escaping is needed.
 *
 * The diff walks only what differs: two parts that are the same object are skipped at once,
 * so a view whose unchanged parts are reused (the roster while nobody joins) costs
 * O(changed parts). Values are compared as JSON sees them: an `undefined` property is absent.
 *
 * Types only for the client's phone bundle: `applyViewPatch` is plain code without zod.
 */

export type PatchPath = (string | number)[];
export type PatchOp =
  | readonly ['s', PatchPath, unknown]
  | readonly ['d', PatchPath]
  | readonly ['l', PatchPath, number];

/** A patch of a console's or the phones' view: `ops` turn the view numbered `base` into `version`. */
export interface ViewPatchMessage {
  seq: number;
  serverTime: number;
  base: number;
  version: number;
  ops: PatchOp[];
}

/** More operations than this in one array, and the array is sent whole instead. */
const ARRAY_OPS_WHOLE = 8;

type Json = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function isPresent(record: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(record, key) && record[key] !== undefined;
}

/** JSON's reading of a value in an array: `undefined` is `null` there. */
function inArray(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** The operations that turn `before` into `after` (both JSON data: no cycles, no dates). */
export function diffViews(before: unknown, after: unknown): PatchOp[] {
  const ops: PatchOp[] = [];
  diffInto(before, after, [], ops);
  return ops;
}

function diffInto(a: unknown, b: unknown, path: PatchPath, ops: PatchOp[]): void {
  if (a === b) return;
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) {
    ops.push(['s', [...path], b]);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const start = ops.length;
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) {
      path.push(i);
      diffInto(inArray(a[i]), inArray(b[i]), path, ops);
      path.pop();
      // An insertion near the start shifts every element: the array whole is smaller.
      if (ops.length - start > Math.max(ARRAY_OPS_WHOLE, b.length / 4)) break;
    }
    if (b.length < a.length) ops.push(['l', [...path], b.length]);
    for (let i = a.length; i < b.length; i++) ops.push(['s', [...path, i], inArray(b[i])]);
    if (ops.length - start > Math.max(ARRAY_OPS_WHOLE, b.length / 4)) {
      ops.length = start;
      ops.push(['s', [...path], b]);
    }
    return;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) {
    if (isPresent(left, key) && !isPresent(right, key)) ops.push(['d', [...path, key]]);
  }
  for (const key in right) {
    if (!isPresent(right, key)) continue;
    path.push(key);
    if (isPresent(left, key)) diffInto(left[key], right[key], path, ops);
    else ops.push(['s', [...path], right[key]]);
    path.pop();
  }
}

/** Keys a patch may never write: they would reach an object's prototype. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The view after `ops`, sharing every part they leave alone with `view` (which is never
 * written), so a UI that compares parts by identity redraws only what changed. Throws on
 * an operation that does not fit the view: the caller then asks for the whole view again.
 */
export function applyViewPatch<T>(view: T, ops: readonly PatchOp[]): T {
  /** Containers copied by this call: later operations write into them in place. */
  const fresh = new WeakSet<object>();
  let root: unknown = view;
  for (const op of ops) root = applyOp(root, op, 0, fresh);
  return root as T;
}

function applyOp(node: unknown, op: PatchOp, depth: number, fresh: WeakSet<object>): unknown {
  const path = op[1];
  if (depth === path.length) {
    if (op[0] === 's') return op[2];
    if (op[0] === 'l' && Array.isArray(node) && op[2] >= 0 && op[2] <= node.length)
      return node.slice(0, op[2]);
    throw new Error('A patch does not fit the view');
  }
  const key = path[depth];
  if (!isContainer(node) || key === undefined) throw new Error('A patch does not fit the view');
  let copy: Json;
  if (fresh.has(node)) copy = node;
  else {
    copy = Array.isArray(node) ? [...node] : { ...node };
    fresh.add(copy);
  }
  if (Array.isArray(copy)) {
    if (typeof key !== 'number' || key < 0 || key > copy.length || !Number.isInteger(key))
      throw new Error('A patch does not fit the view');
    copy[key] = applyOp(copy[key], op, depth + 1, fresh);
    return copy;
  }
  if (typeof key !== 'string' || FORBIDDEN_KEYS.has(key))
    throw new Error('A patch does not fit the view');
  if (op[0] === 'd' && depth === path.length - 1) {
    delete copy[key];
    return copy;
  }
  copy[key] = applyOp(Object.hasOwn(copy, key) ? copy[key] : undefined, op, depth + 1, fresh);
  return copy;
}
