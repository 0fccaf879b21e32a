import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { cleanText, fail, ok, type Result } from '@playfield/shared';
import { presenceBlockIdSchema, presenceColorSchema } from '@playfield/shared/protocol/presence';

/** Who a presence belongs to, from the socket's credential, never from the message. */
export interface PresenceIdentity {
  /** One key per person (a seat, a console, a link): their devices may share presences. */
  key: string;
  role: 'facilitator' | 'participant' | 'link';
  /** The seat's name for a participant; null where the credential carries none. */
  name: string | null;
}

/** Presence client ids one socket may announce (a page has one; a few reloads' worth). */
const IDS_PER_SOCKET = 4;
/** Client ids remembered after their socket left, so nobody else can take one over. */
const REMEMBERED_IDS = 10_000;
const NAME_LIMIT = 40;
const nameSchema = cleanText(NAME_LIMIT);

interface Entry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** Reads an awareness update (y-protocols' format) without trusting any of it. */
function decodeEntries(update: Uint8Array): Entry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > IDS_PER_SOCKET) return null;
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return null;
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

function encodeEntries(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The fields a presence may carry, rebuilt from known keys only: the name from the
 * credential where it has one, the role from the credential always.
 */
function cleanState(state: Record<string, unknown>, identity: PresenceIdentity) {
  const typed = nameSchema.safeParse(state.name);
  const name = identity.name ?? (typed.success ? typed.data : null);
  if (!name) return null;
  const { color, blockId } = state;
  return {
    name,
    role: identity.role,
    // A palette number (each browser draws it from its tokens), never a colour string.
    color: presenceColorSchema.safeParse(color).data ?? null,
    blockId: presenceBlockIdSchema.safeParse(blockId).data ?? null,
  };
}

/**
 * Who owns which presence of one document. A client id belongs to the person whose socket
 * announced it first, and stays theirs after that socket leaves (a reloading page keeps
 * its id): nobody else can change or remove it, so a read link cannot rename the
 * facilitator or fill the page with ghosts. A socket announces a few ids at most.
 */
export class Presence {
  /** Sockets holding the document, and the client ids each announced. */
  private readonly holders = new Map<string, Set<number>>();
  /** Client id -> the person it belongs to (in announcement order, for forgetting). */
  private readonly owners = new Map<number, string>();

  constructor(private readonly awareness: Awareness) {}

  get holderCount(): number {
    return this.holders.size;
  }

  hold(socketId: string): void {
    if (!this.holders.has(socketId)) this.holders.set(socketId, new Set());
  }

  /** The update to apply and relay, rewritten from what the socket may say, or why not. */
  check(socketId: string, update: Uint8Array, identity: PresenceIdentity): Result<Uint8Array> {
    const ids = this.holders.get(socketId);
    if (!ids) return fail('FORBIDDEN', 'Open the document first');
    const entries = decodeEntries(update);
    if (!entries) return fail('BAD_REQUEST', 'That presence update could not be read');
    const clean: Entry[] = [];
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      if (owner !== undefined && owner !== identity.key)
        return fail('FORBIDDEN', 'That presence belongs to someone else');
      if (!ids.has(entry.clientId) && ids.size >= IDS_PER_SOCKET)
        return fail('FORBIDDEN', 'Too many presences');
      const state = entry.state && cleanState(entry.state, identity);
      if (entry.state && !state) return fail('BAD_REQUEST', 'A presence needs a name');
      clean.push({ ...entry, state });
    }
    for (const { clientId } of clean) {
      ids.add(clientId);
      if (!this.owners.has(clientId)) this.remember(clientId, identity.key);
    }
    return ok(encodeEntries(clean));
  }

  private remember(clientId: number, key: string): void {
    this.owners.set(clientId, key);
    if (this.owners.size <= REMEMBERED_IDS) return;
    // Forget the oldest id nobody holds now.
    const held = new Set([...this.holders.values()].flatMap((set) => [...set]));
    for (const id of this.owners.keys()) {
      if (held.has(id)) continue;
      this.owners.delete(id);
      break;
    }
  }

  /** The socket let go of the document: the client ids it announced (their states go). */
  release(socketId: string): number[] {
    const ids = this.holders.get(socketId);
    if (!ids) return [];
    this.holders.delete(socketId);
    return [...ids];
  }
}
