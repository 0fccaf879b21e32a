/**
 * A minimal Yjs client of the `/docs` namespace for integration tests: it keeps one
 * Y.Doc per opened document in step with the server the way the browser's SyncedDoc
 * does (open with a state vector, send what the server lacks, relay local edits with an
 * ack), so tests can edit from several clients, go offline and come back.
 */
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import {
  PROTOCOL_VERSION,
  type AppError,
  type DocClientToServerEvents,
  type DocCredential,
  type DocOpened,
  type DocServerToClientEvents,
  type Result,
} from '@playfield/shared';

type DocSocket = Socket<DocServerToClientEvents, DocClientToServerEvents>;

const WAIT_MS = 5_000;
const REMOTE = Symbol('remote');

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), WAIT_MS),
    ),
  ]);
}

const DISCONNECTED = 'disconnected before the ack';

export class TestDocClient {
  readonly docs = new Map<string, Y.Doc>();
  /** Local edits not sent yet, per document: sent merged, as the browser does. */
  private readonly unsent = new Map<string, Uint8Array[]>();
  /** Acks of edits sent, in order: tests await them to know edits are stored. */
  readonly acks: Promise<Result<unknown>>[] = [];
  readonly revoked: string[] = [];
  private constructor(readonly socket: DocSocket) {
    socket.on('doc.update', ({ docId, update }) => {
      const doc = this.docs.get(docId);
      if (doc) Y.applyUpdate(doc, new Uint8Array(update), REMOTE);
    });
    socket.on('doc.revoked', ({ docId }) => this.revoked.push(docId));
  }

  /** Connects; rejects with the server's refusal when the handshake is refused. */
  static connect(url: string, credential: DocCredential): Promise<TestDocClient> {
    const socket: DocSocket = io(`${url}/docs`, {
      auth: { protocolVersion: PROTOCOL_VERSION, credential },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    });
    return withTimeout(
      new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(new TestDocClient(socket)));
        socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
          socket.disconnect();
          reject(Object.assign(error, { code: error.data?.code }));
        });
      }),
      'docs connect',
    );
  }

  /** Opens a document; the Y.Doc then follows the server and sends its own edits. */
  async open(docId: string): Promise<Result<{ doc: Y.Doc; opened: DocOpened }>> {
    const doc = this.docs.get(docId) ?? new Y.Doc();
    const result = await this.request('doc.open', {
      docId,
      stateVector: Y.encodeStateVector(doc),
    });
    if (!result.ok) return result;
    if (!this.docs.has(docId)) {
      this.docs.set(docId, doc);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) return;
        this.unsent.set(docId, [...(this.unsent.get(docId) ?? []), update]);
      });
    }
    Y.applyUpdate(doc, new Uint8Array(result.data.update), REMOTE);
    const missing = Y.encodeStateAsUpdate(doc, new Uint8Array(result.data.stateVector));
    if (missing.byteLength > 2) this.acks.push(this.send(docId, missing));
    return { ok: true, data: { doc, opened: result.data } };
  }

  private async sync(docId: string): Promise<void> {
    this.unsent.delete(docId);
    await this.open(docId);
  }

  /** Sends the edits made since the last flush, merged into one update per document. */
  flush(): void {
    if (!this.socket.connected) return;
    for (const [docId, updates] of this.unsent) {
      this.acks.push(this.send(docId, Y.mergeUpdates(updates)));
    }
    this.unsent.clear();
  }

  /** Sends an update and resolves with the server's ack. */
  send(docId: string, update: Uint8Array): Promise<Result<unknown>> {
    return this.request('doc.update', { docId, update });
  }

  request<E extends keyof DocClientToServerEvents>(
    event: E,
    payload: Parameters<DocClientToServerEvents[E]>[0],
  ): Promise<Parameters<Parameters<DocClientToServerEvents[E]>[1]>[0]> {
    type Ack = Parameters<DocClientToServerEvents[E]>[1];
    return withTimeout(
      new Promise((resolve) => {
        // An edit whose ack is lost with the connection is resent by the next sync.
        const lost = () =>
          resolve({
            ok: false,
            error: { code: 'INTERNAL', message: DISCONNECTED },
          } as Parameters<Ack>[0]);
        this.socket.once('disconnect', lost);
        const ack = ((result: Parameters<Ack>[0]) => {
          this.socket.off('disconnect', lost);
          resolve(result);
        }) as Ack;
        (this.socket.emit as (e: E, p: unknown, a: Ack) => void)(event, payload, ack);
      }),
      event,
    );
  }

  /** Waits until every edit sent so far is acknowledged, and returns refused ones. */
  async settle(): Promise<AppError[]> {
    this.flush();
    const results = await Promise.all(this.acks.splice(0));
    return results.flatMap((r) => (r.ok || r.error.message === DISCONNECTED ? [] : [r.error]));
  }

  /** Resolves once the server has closed this socket (a revoked link). */
  closedByServer(): Promise<string> {
    return withTimeout(
      new Promise((resolve) => this.socket.once('disconnect', (reason) => resolve(reason))),
      'disconnect',
    );
  }

  /** Drops the connection; edits made meanwhile stay in the Y.Docs. */
  goOffline(): void {
    this.socket.disconnect();
  }

  async goOnline(): Promise<void> {
    await withTimeout(
      new Promise<void>((resolve) => {
        this.socket.once('connect', () => resolve());
        this.socket.connect();
      }),
      'reconnect',
    );
    for (const docId of this.docs.keys()) await this.sync(docId);
  }

  close(): void {
    this.socket.disconnect();
  }
}
