import type { Socket } from 'socket.io-client';
import type {
  Accepted,
  ActivityEntry,
  ConsoleAccess,
  ClientToServerEvents,
  ControlCommand,
  Credential,
  QaActPayload,
  TeamActPayload,
  Result,
  ServerToClientEvents,
  ViewPatchMessage,
} from '@playfield/shared';
import { useSessionStore, type PatchedKey } from '../stores/useSessionStore.ts';
import { NO_ANSWER, OFFLINE } from './connectionErrors.ts';
import { ACK_TIMEOUT_MS, finalConnectError, openLink, sendRetryingBusy } from './link.ts';

type PlayfieldSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A live link to one session, for one role. */
export interface Connection {
  control(command: ControlCommand): Promise<Result<Accepted>>;
  act(roundId: string, action: unknown): Promise<Result<Accepted>>;
  /** Answers a round's action-plan prompt with a sentence, or skips it with null. */
  answerPrompt(roundId: string, text: string | null): Promise<Result<Accepted>>;
  leave(): Promise<Result<Accepted>>;
  /** Asks a question or sets a vote in the session's Q&A (optional for test doubles). */
  qa?(payload: QaActPayload): Promise<Result<Accepted>>;
  /** Picks a table, when people choose theirs (optional for test doubles). */
  team?(payload: TeamActPayload): Promise<Result<Accepted>>;
  /** A console: what it may do (a producer's agenda is read-only), and who it is. */
  consoleAccess?(): Promise<Result<ConsoleAccess>>;
  /** A console: the log's latest console actions, with who did each. */
  activity?(): Promise<Result<ActivityEntry[]>>;
  /** A member's console: calls `listener` when the server says its role changed. */
  onConsoleAccess?(listener: (access: ConsoleAccess) => void): () => void;
  close(): void;
}

/**
 * Opens the socket and wires server views into the session store. Reconnection is
 * socket.io's; resync is ours: on every (re)connect the server sends fresh views, and
 * when a phone wakes from its lock screen we ask for anything past the last sequence
 * number we saw.
 */
export function connect(credential: Credential): Connection {
  const store = useSessionStore.getState();
  store.reset();
  // Consoles and phones take patches of their views rather than whole views on every change.
  const socket = openLink<PlayfieldSocket>('/', { credential, viewPatches: true });

  socket.on('connect', () => useSessionStore.getState().setStatus('online'));
  socket.on('disconnect', (reason) => {
    // "io server disconnect" is the server closing us on purpose (e.g. after leaving).
    if (reason !== 'io server disconnect') useSessionStore.getState().setStatus('offline');
  });
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    const final = finalConnectError(error);
    if (final) {
      useSessionStore.getState().setStatus('failed', final);
      socket.disconnect();
    } else {
      useSessionStore.getState().setStatus('offline');
    }
  });
  socket.on('view.facilitator', (m) => useSessionStore.getState().receive('facilitator', m));
  // A patch that does not follow the view held: ask for the whole view again.
  const onPatch = (key: PatchedKey) => (m: ViewPatchMessage) => {
    if (!useSessionStore.getState().patch(key, m))
      socket.emit('session.sync', { lastSeq: 0 }, () => undefined);
  };
  socket.on('view.facilitator.patch', onPatch('facilitator'));
  socket.on('view.public.patch', onPatch('publicView'));
  socket.on('view.screen', (m) => useSessionStore.getState().receive('screen', m));
  socket.on('view.public', (m) => useSessionStore.getState().receive('publicView', m));
  socket.on('view.own', (m) => useSessionStore.getState().receive('own', m));
  // The facilitator deleted the session: never reconnect, and say so (after the disconnect,
  // whose handler would otherwise report the link as lost).
  socket.on('session.deleted', (error) => {
    socket.disconnect();
    useSessionStore.getState().setStatus('failed', error);
  });
  // A member's console that may no longer run the session (removed, made a viewer): the same.
  socket.on('console.revoked', (error) => {
    socket.disconnect();
    useSessionStore.getState().setStatus('failed', error);
  });
  const accessListeners = new Set<(access: ConsoleAccess) => void>();
  socket.on('console.access', (access) => {
    for (const listener of accessListeners) listener(access);
  });

  const onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    if (!socket.connected) {
      if (useSessionStore.getState().status !== 'failed') socket.connect();
      return;
    }
    socket.emit('session.sync', { lastSeq: useSessionStore.getState().lastSeq }, () => undefined);
  };
  document.addEventListener('visibilitychange', onVisible);

  async function send<T>(
    emit: (s: ReturnType<PlayfieldSocket['timeout']>) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    // Offline, socket.io would buffer the action and send it on reconnect, after its ack
    // has already timed out: the person would see an error for a tap that then lands.
    if (!socket.connected) return { ok: false, error: OFFLINE };
    let result: Result<T>;
    try {
      result = await sendRetryingBusy(() => emit(socket.timeout(ACK_TIMEOUT_MS)));
    } catch {
      return { ok: false, error: NO_ANSWER };
    }
    // A participant's action comes back with their own view when it changed.
    const own = result.ok ? (result.data as Partial<Accepted>).own : undefined;
    if (own) useSessionStore.getState().receive('own', own);
    return result;
  }

  return {
    control: (command) => send((s) => s.emitWithAck('session.control', command)),
    act: (roundId, action) => send((s) => s.emitWithAck('round.act', { roundId, action })),
    answerPrompt: (roundId, text) => send((s) => s.emitWithAck('plan.answer', { roundId, text })),
    leave: () => send((s) => s.emitWithAck('participant.leave', {})),
    qa: (payload) => send((s) => s.emitWithAck('qa.act', payload)),
    team: (payload) => send((s) => s.emitWithAck('team.act', payload)),
    consoleAccess: () => send((s) => s.emitWithAck('console.access', {})),
    activity: () => send((s) => s.emitWithAck('console.activity', {})),
    onConsoleAccess(listener) {
      accessListeners.add(listener);
      return () => accessListeners.delete(listener);
    },
    close() {
      document.removeEventListener('visibilitychange', onVisible);
      socket.disconnect();
    },
  };
}
