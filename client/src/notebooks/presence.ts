import type { Awareness } from 'y-protocols/awareness';
import { MAX_NAME_LENGTH, PRESENCE_COLORS } from './identity.ts';

/** Someone else holding the notebook open, as their awareness state says. */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  /** The block they are editing, or null. */
  blockId: string | null;
}

/** What this client publishes in its awareness state. */
export interface PresenceState {
  name: string;
  color: string;
  blockId: string | null;
}

/**
 * Reads one remote awareness state. They come from other browsers, so nothing is trusted:
 * a state without a usable name is skipped, an unknown colour is replaced.
 */
export function readPeer(clientId: number, state: unknown): Peer | null {
  if (typeof state !== 'object' || state === null) return null;
  const { name, color, blockId } = state as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim()) return null;
  return {
    clientId,
    name: name.trim().slice(0, MAX_NAME_LENGTH),
    color:
      typeof color === 'string' && (PRESENCE_COLORS as readonly string[]).includes(color)
        ? color
        : PRESENCE_COLORS[0],
    blockId: typeof blockId === 'string' ? blockId : null,
  };
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
