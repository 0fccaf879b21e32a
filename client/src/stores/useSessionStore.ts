import { create } from 'zustand';
import type {
  AppError,
  FacilitatorView,
  ParticipantOwnView,
  ParticipantPublicView,
  ScreenView,
  ViewMessage,
  ViewPatchMessage,
} from '@playfield/shared';
import { applyViewPatch } from '@playfield/shared/protocol/viewPatch';

/** The state of the live connection. */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'failed';

interface ConnectionSlice {
  status: ConnectionStatus;
  /** Why the connection failed for good (bad link, left session...); null otherwise. */
  error: AppError | null;
  /** Highest session sequence number seen; sent on resync. */
  lastSeq: number;
  /** Server clock minus this clock, for countdowns. */
  clockOffsetMs: number;
}

interface ViewsSlice {
  facilitator: FacilitatorView | null;
  screen: ScreenView | null;
  publicView: ParticipantPublicView | null;
  own: ParticipantOwnView | null;
}

/** A participant's own view of each round they heard about, by round id. */
type OwnRounds = Record<string, NonNullable<ParticipantOwnView['round']>>;

type ViewKey = keyof ViewsSlice;

/** The views the server may send as patches (`viewPatches` in the handshake). */
export type PatchedKey = 'facilitator' | 'publicView';

const NO_VERSIONS: Record<PatchedKey, number> = { facilitator: -1, publicView: -1 };

interface SessionStore extends ConnectionSlice, ViewsSlice {
  /**
   * Own views are kept per round: the server sends one only when it differs from the
   * blank view of that round, so a round this phone has not heard about is blank.
   */
  ownRounds: OwnRounds;
  /** Sequence number per view, so a late message never replaces a newer view. */
  seqs: Record<ViewKey, number>;
  /** The number of each patched view, which the server's next patch applies to (-1: none). */
  versions: Record<PatchedKey, number>;
  setStatus(status: ConnectionStatus, error?: AppError | null): void;
  receive<K extends ViewKey>(key: K, message: ViewMessage<NonNullable<ViewsSlice[K]>>): void;
  /**
   * Applies a patch of the console's or the phones' shared view. False when it does not
   * follow the view held (a message was missed, or it does not fit): the caller then asks
   * for the whole view.
   */
  patch(key: PatchedKey, message: ViewPatchMessage): boolean;
  reset(): void;
}

const initial = (): ConnectionSlice &
  ViewsSlice & {
    seqs: Record<ViewKey, number>;
    ownRounds: OwnRounds;
    versions: Record<PatchedKey, number>;
  } => ({
  ownRounds: {},
  versions: NO_VERSIONS,
  status: 'connecting',
  error: null,
  lastSeq: 0,
  clockOffsetMs: 0,
  facilitator: null,
  screen: null,
  publicView: null,
  own: null,
  seqs: { facilitator: -1, screen: -1, publicView: -1, own: -1 },
});

/** One live session per page: its connection and the views the server sent. */
export const useSessionStore = create<SessionStore>()((set) => ({
  ...initial(),
  setStatus: (status, error = null) => set({ status, error }),
  receive: (key, message) =>
    set((state) => {
      if (message.seq < state.seqs[key]) return state;
      const ownRound = key === 'own' ? (message.view as ParticipantOwnView).round : null;
      return {
        [key]: message.view,
        ...(key === 'facilitator' || key === 'publicView'
          ? { versions: { ...state.versions, [key]: message.version ?? -1 } }
          : {}),
        ...(ownRound ? { ownRounds: { ...state.ownRounds, [ownRound.id]: ownRound } } : {}),
        seqs: { ...state.seqs, [key]: message.seq },
        lastSeq: Math.max(state.lastSeq, message.seq),
        clockOffsetMs: message.serverTime - Date.now(),
      };
    }),
  patch: (key, message) => {
    const state = useSessionStore.getState();
    const held = state[key];
    // Already in the view held, or sent before it (in a cluster a socket is in its rooms
    // before its first whole view reaches it): nothing to apply, nothing missed.
    if (held && message.version <= state.versions[key]) return true;
    if (!held || state.versions[key] !== message.base) return false;
    let view: typeof held;
    try {
      view = applyViewPatch(held, message.ops);
    } catch {
      return false;
    }
    set({
      [key]: view,
      versions: { ...state.versions, [key]: message.version },
      seqs: { ...state.seqs, [key]: Math.max(state.seqs[key], message.seq) },
      lastSeq: Math.max(state.lastSeq, message.seq),
      clockOffsetMs: message.serverTime - Date.now(),
    });
    return true;
  },
  reset: () => set(initial()),
}));
