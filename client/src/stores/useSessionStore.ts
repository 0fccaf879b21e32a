import { create } from 'zustand';
import type {
  AppError,
  FacilitatorView,
  ParticipantOwnView,
  ParticipantPublicView,
  ScreenView,
  ViewMessage,
} from '@playfield/shared';

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

interface SessionStore extends ConnectionSlice, ViewsSlice {
  /**
   * Own views are kept per round: the server sends one only when it differs from the
   * blank view of that round, so a round this phone has not heard about is blank.
   */
  ownRounds: OwnRounds;
  /** Sequence number per view, so a late message never replaces a newer view. */
  seqs: Record<ViewKey, number>;
  setStatus(status: ConnectionStatus, error?: AppError | null): void;
  receive<K extends ViewKey>(key: K, message: ViewMessage<NonNullable<ViewsSlice[K]>>): void;
  reset(): void;
}

const initial = (): ConnectionSlice &
  ViewsSlice & { seqs: Record<ViewKey, number>; ownRounds: OwnRounds } => ({
  ownRounds: {},
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
        ...(ownRound ? { ownRounds: { ...state.ownRounds, [ownRound.id]: ownRound } } : {}),
        seqs: { ...state.seqs, [key]: message.seq },
        lastSeq: Math.max(state.lastSeq, message.seq),
        clockOffsetMs: message.serverTime - Date.now(),
      };
    }),
  reset: () => set(initial()),
}));
