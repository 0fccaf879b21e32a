import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import {
  applyAwarenessUpdate,
  Awareness,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import type {
  AppError,
  DocClientToServerEvents,
  DocCredential,
  DocRights,
  DocServerToClientEvents,
  Result,
} from '@playfield/shared';
import { ACK_TIMEOUT_MS, isFinalCode, openLink } from '../realtime/link.ts';

type DocSocket = Socket<DocServerToClientEvents, DocClientToServerEvents>;

/** Where a synced document stands, for the editor's status line. */
export type DocStatus =
  /** Not yet heard from the server (edits are kept and sent once connected). */
  | 'connecting'
  /** Everything typed here is stored on the server. */
  | 'saved'
  /** Edits are on their way. */
  | 'saving'
  /** No connection: edits are kept on this device and merge when it returns. */
  | 'offline'
  /** The server refused access or an edit: `error` says why. */
  | 'failed'
  /** A share link was revoked while open. */
  | 'revoked';

export interface DocState {
  status: DocStatus;
  rights: DocRights | null;
  error: AppError | null;
}

/**
 * Typing makes one Yjs update per key press: they are merged and sent at most this often,
 * so a fast typist costs the server a few stored rows a second, not one per character.
 */
const SEND_BATCH_MS = 100;
/** Local copies larger than this are not kept in localStorage (it holds ~5 MB in all). */
const MAX_LOCAL_BYTES = 512 * 1024;

/** Binary arrives as an ArrayBuffer in browsers and a Buffer in Node: both become Uint8Array. */
const bytes = (data: ArrayBuffer | Uint8Array): Uint8Array =>
  data instanceof Uint8Array ? data : new Uint8Array(data);

const toBase64 = (data: Uint8Array) => {
  let text = '';
  for (let i = 0; i < data.length; i += 0x8000)
    text += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return btoa(text);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * One Yjs document kept in step with the server over the `/docs` namespace. Edits apply
 * locally at once and are sent with an acknowledgement; without a connection they wait
 * in the document (and in localStorage, surviving a reload), and the next sync sends
 * exactly what the server lacks, so offline edits merge when the connection returns.
 */
export class SyncedDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  private state: DocState = { status: 'connecting', rights: null, error: null };
  private readonly listeners = new Set<() => void>();
  private isOpen = false;
  private inFlight = 0;
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private unsent: Uint8Array[] = [];
  private sendTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly storageKey: string;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly socket: DocSocket,
    readonly docId: string,
  ) {
    this.storageKey = `playfield.doc.${docId}`;
    this.restoreLocal();
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      this.schedulePersist();
      if (origin !== this) this.queue(update);
    };
    this.doc.on('update', onUpdate);
    const onAwareness = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      if (origin === this || !this.isOpen) return;
      const changed = [...added, ...updated, ...removed];
      const update = encodeAwarenessUpdate(this.awareness, changed);
      this.socket.emit('doc.awareness', { docId, update }, () => {});
    };
    this.awareness.on('update', onAwareness);

    const onRemoteUpdate = (m: { docId: string; update: Uint8Array }) => {
      if (m.docId === docId) Y.applyUpdate(this.doc, bytes(m.update), this);
    };
    const onRemoteAwareness = (m: { docId: string; update: Uint8Array }) => {
      if (m.docId === docId) applyAwarenessUpdate(this.awareness, bytes(m.update), this);
    };
    const onRevoked = (m: { docId: string; message: string }) => {
      if (m.docId !== docId) return;
      this.set({ status: 'revoked', error: { code: 'UNAUTHORIZED', message: m.message } });
    };
    const onConnect = () => this.open();
    const onDisconnect = () => {
      this.isOpen = false;
      this.inFlight = 0;
      if (this.state.status !== 'revoked' && this.state.status !== 'failed')
        this.set({ status: 'offline' });
    };
    socket.on('doc.update', onRemoteUpdate);
    socket.on('doc.awareness', onRemoteAwareness);
    socket.on('doc.revoked', onRevoked);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    this.cleanups.push(() => {
      this.doc.off('update', onUpdate);
      this.awareness.off('update', onAwareness);
      socket.off('doc.update', onRemoteUpdate);
      socket.off('doc.awareness', onRemoteAwareness);
      socket.off('doc.revoked', onRevoked);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
    });
    if (socket.connected) this.open();
  }

  get current(): DocState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(change: Partial<DocState>): void {
    this.state = { ...this.state, ...change };
    this.listeners.forEach((l) => l());
  }

  /** Syncs both ways: the server sends what we lack, then we send what it lacks. */
  private open(): void {
    const stateVector = Y.encodeStateVector(this.doc);
    this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emit('doc.open', { docId: this.docId, stateVector }, (timedOut, result) => {
        if (timedOut) return; // The next reconnect opens again.
        if (!result.ok) {
          const isFinal = isFinalCode(result.error.code);
          this.set({ status: isFinal ? 'failed' : 'offline', error: result.error });
          return;
        }
        const { update, stateVector: serverVector, awareness, rights, notice } = result.data;
        Y.applyUpdate(this.doc, bytes(update), this);
        if (awareness) applyAwarenessUpdate(this.awareness, bytes(awareness), this);
        this.isOpen = true;
        // A notice (a document closed to edits) stays in view as the status line's message.
        this.set(
          notice
            ? { rights, error: { code: 'QUARANTINED', message: notice }, status: 'failed' }
            : { rights, error: null, status: 'saved' },
        );
        // What the server lacks includes every edit still waiting in the batch.
        this.unsent = [];
        const missing = Y.encodeStateAsUpdate(this.doc, bytes(serverVector));
        // Two bytes is an empty update: the server already has everything.
        if (missing.byteLength > 2 && rights === 'edit') this.send(missing);
        if (this.awareness.getLocalState()) {
          const local = encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
          this.socket.emit('doc.awareness', { docId: this.docId, update: local }, () => {});
        }
      });
  }

  /** Holds a local edit for the next batch. */
  private queue(update: Uint8Array): void {
    this.unsent.push(update);
    if (this.isOpen && this.state.status === 'saved') this.set({ status: 'saving' });
    this.sendTimer ??= setTimeout(() => {
      this.sendTimer = null;
      this.flushUnsent();
    }, SEND_BATCH_MS);
  }

  private flushUnsent(): void {
    if (this.unsent.length === 0) return;
    const [first, ...rest] = this.unsent;
    this.unsent = [];
    if (first) this.send(rest.length === 0 ? first : Y.mergeUpdates([first, ...rest]));
  }

  private send(update: Uint8Array): void {
    if (!this.isOpen || this.state.rights !== 'edit') {
      if (this.state.status === 'saved') this.set({ status: 'offline' });
      return;
    }
    this.inFlight++;
    this.set({ status: 'saving' });
    this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emit('doc.update', { docId: this.docId, update }, (timedOut, result?: Result<unknown>) => {
        this.inFlight = Math.max(0, this.inFlight - 1);
        if (timedOut || !result) {
          // Kept in the document: the next open sends it again.
          this.set({ status: 'offline' });
          return;
        }
        if (!result.ok) {
          // Storage failing for now: the edit stays in the document and the next open resends it.
          const isPassing = result.error.code === 'UNAVAILABLE';
          this.set({ status: isPassing ? 'offline' : 'failed', error: result.error });
          return;
        }
        if (this.inFlight === 0 && this.state.status === 'saving') this.set({ status: 'saved' });
      });
  }

  private restoreLocal(): void {
    try {
      const saved = localStorage.getItem(this.storageKey);
      if (saved) Y.applyUpdate(this.doc, fromBase64(saved), this);
    } catch {
      localStorage.removeItem(this.storageKey);
    }
  }

  private schedulePersist(): void {
    if (this.persistTimer) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      this.persistNow();
    }, 300);
  }

  private persistNow(): void {
    try {
      const state = Y.encodeStateAsUpdate(this.doc);
      if (state.byteLength <= MAX_LOCAL_BYTES)
        localStorage.setItem(this.storageKey, toBase64(state));
    } catch {
      // Storage full or unavailable: the document still syncs while the page is open.
    }
  }

  /** Forgets the local copy (after a refused edit, to start again from the server's). */
  discardLocal(): void {
    try {
      localStorage.removeItem(this.storageKey);
    } catch {
      // Nothing kept.
    }
  }

  destroy(): void {
    if (this.sendTimer) clearTimeout(this.sendTimer);
    this.flushUnsent();
    if (this.persistTimer) {
      clearTimeout(this.persistTimer);
      this.persistNow();
    }
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
    if (this.isOpen) this.socket.emit('doc.close', { docId: this.docId }, () => {});
    this.cleanups.forEach((c) => c());
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Opens the `/docs` connection for one credential. */
export function connectDocs(credential: DocCredential): DocSocket {
  return openLink<DocSocket>('/docs', { credential });
}
