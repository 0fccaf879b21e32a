/**
 * Tools for fuzzing the `/docs` namespace: a raw socket that reports every ack (or the
 * lack of one), honest Yjs editors that keep a document in step the way the browser does
 * and reload after a refusal, a client-side throttle that keeps senders under the server's
 * per-holder rate, and seeded generators of hostile Yjs and awareness updates.
 */
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import {
  PROTOCOL_VERSION,
  LIMITS,
  type AppError,
  type DocCredential,
  type DocOpened,
  type Random,
  type Result,
} from '@playfield/shared';

/** How long a request may wait for its ack before it counts as "no answer". */
export const ACK_WAIT_MS = 5_000;

/** What came back for one request: the server's Result, or why none came. */
export type AckOutcome =
  { kind: 'result'; result: Result<unknown> } | { kind: 'timeout' } | { kind: 'disconnected' };

/** Resolves after `ms`: used only to stay under the server's rate limit, never to wait for events. */
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Mirrors the server's token bucket per rate key (a little below it), so generated traffic
 * is judged on what it contains, not refused for its pace.
 */
export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** Total time senders waited for a token (summed over concurrent senders). */
  waitedMs = 0;
  constructor(
    private readonly perSecond = LIMITS.docEventsPerSecond * 0.9,
    private readonly burst = LIMITS.docEventsBurst - 10,
  ) {}

  /** The last waiter per key: tokens are handed out in request order (a client's edits must not overtake each other). */
  private readonly queues = new Map<string, Promise<void>>();

  take(key: string): Promise<void> {
    const turn = (this.queues.get(key) ?? Promise.resolve()).then(() => this.wait(key));
    this.queues.set(key, turn);
    return turn;
  }

  private async wait(key: string): Promise<void> {
    for (;;) {
      const now = performance.now();
      const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
      bucket.tokens = Math.min(
        this.burst,
        bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond,
      );
      bucket.at = now;
      this.buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      const ms = Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000);
      this.waitedMs += ms;
      await pause(ms);
    }
  }

  /** A fresh socket of a share link has a fresh budget on the server. */
  forget(key: string): void {
    this.buckets.delete(key);
  }
}

/** One `/docs` socket that sends anything and records how each request was answered. */
export class RawDocSocket {
  /** Consecutive refusals, as the server counts them (it disconnects at 50). */
  strikes = 0;
  /** Why the socket closed, and what the server said when it closed a document. */
  readonly closings: string[] = [];
  private constructor(
    readonly socket: Socket,
    readonly rateKey: string,
  ) {
    socket.on('disconnect', (reason) => this.closings.push(`disconnect: ${reason}`));
    socket.on('doc.revoked', (m: { message: string }) =>
      this.closings.push(`revoked: ${m.message}`),
    );
  }

  static connect(url: string, credential: DocCredential, rateKey: string): Promise<RawDocSocket> {
    const socket = io(`${url}/docs`, {
      auth: { protocolVersion: PROTOCOL_VERSION, credential },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.disconnect();
        reject(new Error('Timed out connecting to /docs'));
      }, ACK_WAIT_MS);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new RawDocSocket(socket, rateKey));
      });
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        socket.disconnect();
        reject(error);
      });
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  private readonly pending = new Set<Promise<AckOutcome>>();

  /** Resolves once every request sent so far is answered (or lost). */
  async idle(): Promise<void> {
    await Promise.all(this.pending);
  }

  /**
   * Emits (after taking a rate token from `throttle`, if given) and resolves with the ack,
   * a timeout, or the disconnect that lost it.
   */
  request(event: string, payload: unknown, throttle?: Throttle): Promise<AckOutcome> {
    const answered = (async () => {
      if (throttle) await throttle.take(this.rateKey);
      if (!this.socket.connected) return { kind: 'disconnected' } as const;
      return this.send(event, payload);
    })();
    this.pending.add(answered);
    void answered.finally(() => this.pending.delete(answered));
    return answered;
  }

  private send(event: string, payload: unknown): Promise<AckOutcome> {
    return new Promise((resolve) => {
      const done = (outcome: AckOutcome) => {
        clearTimeout(timer);
        this.socket.off('disconnect', lost);
        if (outcome.kind === 'result') this.strikes = outcome.result.ok ? 0 : this.strikes + 1;
        resolve(outcome);
      };
      const lost = () => done({ kind: 'disconnected' });
      const timer = setTimeout(() => done({ kind: 'timeout' }), ACK_WAIT_MS);
      this.socket.once('disconnect', lost);
      this.socket.emit(event, payload, (result: Result<unknown>) =>
        done({ kind: 'result', result }),
      );
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** True when an ack is a well-formed Result: ok with data, or an error with a known code. */
export function isResult(value: unknown, codes: readonly string[]): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: Partial<AppError> };
  if (r.ok === true) return true;
  return (
    r.ok === false &&
    typeof r.error?.code === 'string' &&
    codes.includes(r.error.code) &&
    typeof r.error.message === 'string'
  );
}

/**
 * An honest editor of one document: a Y.Doc opened with its state vector, local edits sent
 * merged on `flush`, relayed edits applied as they come. A refused edit leaves the copy
 * ahead of the server, so like the browser it must reload (`needsReload`).
 */
export class HonestEditor {
  readonly doc = new Y.Doc();
  private unsent: Uint8Array[] = [];
  /** Relayed updates this client could not apply: the server relayed something unreadable. */
  readonly unreadableRelays: string[] = [];
  needsReload = false;
  private constructor(
    readonly raw: RawDocSocket,
    readonly docId: string,
  ) {
    raw.socket.on('doc.update', (message: { docId: string; update: ArrayBuffer | Uint8Array }) => {
      if (message.docId !== docId) return;
      try {
        Y.applyUpdate(this.doc, new Uint8Array(message.update), 'remote');
      } catch (error) {
        this.unreadableRelays.push(String(error));
      }
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.unsent.push(update);
    });
  }

  /** Connects and opens; sends what the server lacks (nothing, for a fresh doc). */
  static async open(
    url: string,
    credential: DocCredential,
    rateKey: string,
    docId: string,
    throttle: Throttle,
  ): Promise<{ editor: HonestEditor; opened: AckOutcome }> {
    const raw = await RawDocSocket.connect(url, credential, rateKey);
    const editor = new HonestEditor(raw, docId);
    await throttle.take(rateKey);
    const opened = await raw.request('doc.open', {
      docId,
      stateVector: Y.encodeStateVector(editor.doc),
    });
    if (opened.kind === 'result' && opened.result.ok) {
      const data = opened.result.data as DocOpened;
      Y.applyUpdate(editor.doc, new Uint8Array(data.update), 'remote');
    } else {
      editor.needsReload = true;
    }
    return { editor, opened };
  }

  get hasUnsent(): boolean {
    return this.unsent.length > 0;
  }

  private readonly flushing = new Set<Promise<AckOutcome | null>>();

  /** Resolves once every flush started so far is answered (or lost). */
  async idle(): Promise<void> {
    await Promise.all(this.flushing);
  }

  /** Sends the local edits made since the last flush as one update. */
  flush(throttle: Throttle): Promise<AckOutcome | null> {
    if (this.unsent.length === 0) return Promise.resolve(null);
    const update = Y.mergeUpdates(this.unsent);
    this.unsent = [];
    const flushed = this.send(update, throttle);
    this.flushing.add(flushed);
    void flushed.finally(() => this.flushing.delete(flushed));
    return flushed;
  }

  private async send(update: Uint8Array, throttle: Throttle): Promise<AckOutcome> {
    const outcome = await this.raw.request('doc.update', { docId: this.docId, update }, throttle);
    if (outcome.kind !== 'result' || !outcome.result.ok) this.needsReload = true;
    return outcome;
  }

  close(): void {
    this.raw.close();
    this.doc.destroy();
  }
}

// Generators ----------------------------------------------------------------------------

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
