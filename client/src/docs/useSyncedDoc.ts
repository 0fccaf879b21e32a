import { useEffect, useState, useSyncExternalStore } from 'react';
import type { AppError, DocCredential } from '@playfield/shared';
import { finalConnectError } from '../realtime/link.ts';
import { connectDocs, SyncedDoc, type DocState } from './docConnection.ts';

interface Opened {
  synced: SyncedDoc | null;
  state: DocState;
}

const INITIAL: DocState = { status: 'connecting', rights: null, error: null };
const CLOSED: Opened = { synced: null, state: INITIAL };

/**
 * The document a component has open, as an external store: `open` (from an effect) makes the
 * connection and the SyncedDoc, and every change of either gives a new snapshot.
 */
class OpenedDoc {
  private snapshot = CLOSED;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): Opened => this.snapshot;

  /** Opens `docId` with `credential`; the returned function closes it. */
  open(credential: DocCredential, docId: string): () => void {
    const socket = connectDocs(credential);
    const synced = new SyncedDoc(socket, docId);
    let failure: AppError | null = null;
    const publish = () => {
      const state: DocState = failure
        ? { status: 'failed', rights: null, error: failure }
        : synced.current;
      this.set({ synced, state });
    };
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      const final = finalConnectError(error);
      if (!final) return;
      failure = final;
      socket.disconnect();
      publish();
    });
    const unsubscribe = synced.subscribe(publish);
    publish();
    return () => {
      unsubscribe();
      synced.destroy();
      socket.disconnect();
      this.set(CLOSED);
    };
  }

  private set(next: Opened): void {
    if (next.synced === this.snapshot.synced && next.state === this.snapshot.state) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * A synced Yjs document for as long as the component is mounted: its own `/docs`
 * connection with `credential`, closed on unmount. The Y.Doc stays here, at the editor's
 * boundary, and never goes into a store.
 */
export function useSyncedDoc(credential: DocCredential | null, docId: string | null): Opened {
  const [opened] = useState(() => new OpenedDoc());
  // One string for the credential and the id, so a new object with the same values
  // does not reopen the connection.
  const key = credential && docId ? JSON.stringify([credential, docId]) : null;
  useEffect(() => {
    if (!key) return;
    const [openCredential, openId] = JSON.parse(key) as [DocCredential, string];
    return opened.open(openCredential, openId);
  }, [opened, key]);
  return useSyncExternalStore(opened.subscribe, opened.getSnapshot);
}
