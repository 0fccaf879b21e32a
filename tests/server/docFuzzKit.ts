/**
 * Seeded generators for fuzzing the `/docs` namespace: hostile Yjs and awareness updates
 * cut, mutated or crafted from honest ones. The clients that send them are in
 * docFuzzClients.ts.
 */
import * as Y from 'yjs';
import type { Random } from '@playfield/shared';

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[random.int(items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A copy of `source` to craft edits on, as a separate client (its own client id). */
export function copyOf(source: Y.Doc, clientID?: number): Y.Doc {
  const copy = new Y.Doc();
  if (clientID !== undefined) copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  return copy;
}

/** The update an edit of a copy of `base` makes, as a client would send it. */
export function editOf(base: Y.Doc, edit: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  const copy = copyOf(base, clientID);
  const before = Y.encodeStateVector(copy);
  edit(copy);
  const update = Y.encodeStateAsUpdate(copy, before);
  copy.destroy();
  return update;
}

/** `update` with its tail cut at a random byte (at least one byte kept, at least one cut). */
export function truncate(random: Random, update: Uint8Array): Uint8Array {
  if (update.byteLength <= 1) return new Uint8Array(0);
  return update.slice(0, 1 + random.int(update.byteLength - 1));
}

/** `update` with 1–4 random bytes flipped, overwritten, inserted or deleted. */
export function mutate(random: Random, update: Uint8Array): Uint8Array {
  let bytes = [...update];
  const times = 1 + random.int(4);
  for (let i = 0; i < times; i++) {
    const at = random.int(bytes.length + 1);
    switch (random.int(4)) {
      case 0:
        if (at < bytes.length) bytes[at] = (bytes[at] ?? 0) ^ (1 << random.int(8));
        break;
      case 1:
        if (at < bytes.length) bytes[at] = random.int(256);
        break;
      case 2:
        bytes.splice(at, 0, random.int(256));
        break;
      default:
        bytes = bytes.filter((_, j) => j !== at);
    }
  }
  return new Uint8Array(bytes);
}

/** An unsigned LEB128 varint, as Yjs and lib0 encode lengths and ids. */
export function varUint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    out.push(0x80 | (rest % 0x80));
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return out;
}

function varString(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...varUint(bytes.length), ...bytes];
}

/** A varint far past 2^53: ten continuation bytes. */
export const HUGE_VARINT = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];

/**
 * An awareness update as y-protocols encodes it: a count, then per entry the client id,
 * its clock and its state as a JSON string (sent as is, so it may be anything).
 */
export function awarenessUpdate(
  entries: { clientID: number; clock: number; json: string }[],
): Uint8Array {
  return new Uint8Array([
    ...varUint(entries.length),
    ...entries.flatMap((e) => [...varUint(e.clientID), ...varUint(e.clock), ...varString(e.json)]),
  ]);
}

/** Names people could type, and some nobody would. */
export function oddName(random: Random): string {
  return pick(random, [
    'Ana',
    'Zoë 🙂',
    '',
    ' ',
    '\u0000\u0001\u001f',
    '\ud800',
    '<img src=x onerror=alert(1)>',
    '__proto__',
    'x'.repeat(3_800),
    '🙂'.repeat(900),
    'RTL \u202e gnirts',
  ]);
}

/** A nest of arrays `depth` deep, as JSON text. */
export function deepJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Wraps a Y.Map in `depth` more maps. */
export function nestMaps(depth: number): Y.Map<unknown> {
  let inner = new Y.Map<unknown>();
  inner.set('leaf', 'deep');
  for (let i = 0; i < depth; i++) {
    const outer = new Y.Map<unknown>();
    outer.set('child', inner);
    inner = outer;
  }
  return inner;
}

/** A control chart as the Red Bead round draws it, with its `markers` left out. */
export const CHART_WITHOUT_MARKERS = {
  title: 'Red beads per worker',
  kind: 'np',
  unit: 'red beads',
  points: [{ value: 9, label: 'Ana, day 1', isBeyondLimits: false }],
  segments: [{ start: 0, end: 1, center: 9, lower: 1, upper: 17 }],
  cumulative: [9],
  expected: 10,
  signals: [],
} as const;

/** A round summary as JSON whose control chart lacks `markers`: crashed the search text. */
export const POISONED_SUMMARY = JSON.stringify({
  headline: 'The system made the red beads',
  blocks: [{ type: 'controlChart', chart: CHART_WITHOUT_MARKERS }],
});

/** Adds a round block holding {@link POISONED_SUMMARY}, laid out as the server writes one. */
export function poisonedRoundBlock(doc: Y.Doc, id: string): void {
  const map = new Y.Map<unknown>();
  map.set('id', id);
  map.set('type', 'round');
  map.set('roundId', `r-${id}`);
  map.set('title', 'Red Bead');
  map.set('kind', 'redBead');
  map.set('summary', POISONED_SUMMARY);
  map.set('text', new Y.Text());
  map.set('createdAt', 1);
  doc.getArray('blocks').push([map]);
}
