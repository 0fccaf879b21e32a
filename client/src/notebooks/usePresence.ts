import { useCallback, useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Identity } from './identity.ts';
import { peersOf, type Peer, type PresenceState } from './presence.ts';

/**
 * Publishes who this person is and which block they are in, and lists everyone else.
 * Readers publish their name but never a block: they cannot be "editing".
 */
export function usePresence(
  awareness: Awareness | null,
  identity: Identity | null,
  canEdit: boolean,
): { peers: Peer[]; focusBlock: (blockId: string | null) => void } {
  const [peers, setPeers] = useState<Peer[]>([]);

  useEffect(() => {
    if (!awareness || !identity) return;
    const previous = awareness.getLocalState() as Partial<PresenceState> | null;
    const state: PresenceState = {
      name: identity.name,
      color: identity.color,
      blockId: canEdit ? (previous?.blockId ?? null) : null,
    };
    awareness.setLocalState(state);
  }, [awareness, identity, canEdit]);

  useEffect(() => {
    if (!awareness) return;
    const refresh = () => setPeers(peersOf(awareness));
    // The awareness may already hold others (from the open): show them at once.
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);

  const focusBlock = useCallback(
    (blockId: string | null) => {
      if (!awareness || !canEdit || !awareness.getLocalState()) return;
      const current = (awareness.getLocalState() as Partial<PresenceState>).blockId ?? null;
      if (current !== blockId) awareness.setLocalStateField('blockId', blockId);
    },
    [awareness, canEdit],
  );

  return { peers, focusBlock };
}
