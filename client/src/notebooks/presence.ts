import type { Awareness } from 'y-protocols/awareness';
import { peerStateSchema, type PresenceColor } from '@playfield/shared/protocol/presence';

/** Someone else holding the notebook open, as their awareness state says. */
export interface Peer {
  clientId: number;
  name: string;
  /** Their palette number, drawn as `var(--presence-N)`. */
  color: PresenceColor;
  /** The block they are editing, or null. */
  blockId: string | null;
}

/** What this client publishes in its awareness state. */
export interface PresenceState {
  name: string;
  color: PresenceColor;
  blockId: string | null;
}

/**
 * Reads one remote awareness state. They come from other browsers, so nothing is trusted
 * (`peerStateSchema`): a state without a usable name is skipped, a colour outside the
 * palette is replaced by the first, a block that is not an id is none.
 */
export function readPeer(clientId: number, state: unknown): Peer | null {
  const parsed = peerStateSchema.safeParse(state);
  return parsed.success ? { clientId, ...parsed.data } : null;
}

/** Everyone else with the notebook open, in a stable order (by name, then client). */
export function peersOf(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const peer = readPeer(clientId, state);
    if (peer) peers.push(peer);
  });
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/** "Sam is editing", "Sam and Ana are editing", "Sam, Ana and Lee are editing". */
export function editingLabel(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is editing`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are editing`;
}
