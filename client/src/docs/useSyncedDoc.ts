import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { AppError, DocCredential } from '@playfield/shared';
import { finalConnectError } from '../realtime/link.ts';
import { connectDocs, SyncedDoc, type DocState } from './docConnection.ts';

/**
 * A synced Yjs document for as long as the component is mounted: its own `/docs`
 * connection with `credential`, closed on unmount. The Y.Doc stays here, at the editor's
 * boundary, and never goes into a store.
 */
export function useSyncedDoc(
  credential: DocCredential | null,
  docId: string | null,
): { synced: SyncedDoc | null; state: DocState } {
  const key = credential && docId ? `${JSON.stringify(credential)}|${docId}` : null;
  const [synced, setSynced] = useState<SyncedDoc | null>(null);
  const [connectError, setConnectError] = useState<AppError | null>(null);

  useEffect(() => {
    if (!key || !credential || !docId) return;
    const socket = connectDocs(credential);
    const doc = new SyncedDoc(socket, docId);
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      const final = finalConnectError(error);
      if (final) {
        setConnectError(final);
        socket.disconnect();
      }
    });
    // The document exists only once this effect has opened it: render it from here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSynced(doc);
    setConnectError(null);
    return () => {
      doc.destroy();
      socket.disconnect();
      setSynced(null);
    };
    // The key stands for the credential and the document id.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const subscribe = useMemo(
    () => (listener: () => void) => synced?.subscribe(listener) ?? (() => {}),
    [synced],
  );
  const state = useSyncExternalStore(subscribe, () => synced?.current ?? INITIAL);
  return {
    synced,
    state: connectError ? { status: 'failed', rights: null, error: connectError } : state,
  };
}

const INITIAL: DocState = { status: 'connecting', rights: null, error: null };
