/**
 * The clients of the document fuzz: a raw socket that reports every ack (or the lack of
 * one), honest Yjs editors that keep a document in step the way the browser does and
 * reload after a refusal, and a client-side throttle that keeps senders under the server's
 * per-holder rate.
 */
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import {
  PROTOCOL_VERSION,
  LIMITS,
  type AppError,
  type DocCredential,
  type DocOpened,
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
