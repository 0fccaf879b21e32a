import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { LIMITS } from '@playfield/shared';
import type { Cluster } from '../cluster/cluster.ts';
import type { ViewSink } from '../sessions/liveSession.ts';
import type { PlayfieldServer } from './socketServer.ts';

/**
 * The sessions' socket.io server (origin and Host checks, limits, the cluster's adapter),
 * the rooms each audience of a session listens in, and the view sink that sends to them.
 */

/** The room of each audience of a session, and of one seat. */
export const rooms = {
  facilitator: (sessionId: string) => `f:${sessionId}`,
  /** Consoles that take patches of their view (see `view.facilitator.patch`). */
  facilitatorPatches: (sessionId: string) => `fp:${sessionId}`,
  screen: (sessionId: string) => `s:${sessionId}`,
  participants: (sessionId: string) => `p:${sessionId}`,
  /** Phones that take patches of the room's shared view (see `view.public.patch`). */
  participantPatches: (sessionId: string) => `pp:${sessionId}`,
  seat: (participantId: string) => `u:${participantId}`,
};

/** Every room of a session's audiences: consoles, screens and phones, patched or not. */
export const sessionRooms = (sessionId: string): string[] => [
  rooms.facilitator(sessionId),
  rooms.facilitatorPatches(sessionId),
  rooms.screen(sessionId),
  rooms.participants(sessionId),
  rooms.participantPatches(sessionId),
];

/**
 * The browser Origin must be this server's own (or an allowed one), so another site
 * cannot open a socket with a visitor's stored tokens (cross-site WebSocket hijacking).
 * Requests without an Origin come from non-browser clients, which hold their own tokens.
 */
export function isOriginAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** socket.io on the HTTP server: origin and Host checks, message size, pings, the cluster's adapter. */
export function createSocketIo(
  httpServer: HttpServer,
  options: {
    allowedOrigins: readonly string[];
    /** The Host allowlist (DNS rebinding): checked with the Origin before any handshake. */
    isHostAllowed: (req: IncomingMessage) => boolean;
    /** Cluster (REDIS_URL): the adapter that reaches the sockets of every process. */
    adapter?: unknown;
  },
): PlayfieldServer {
  return new Server(httpServer, {
    ...(options.adapter ? { adapter: options.adapter as ServerOptions['adapter'] } : {}),
    maxHttpBufferSize: LIMITS.socketMessageBytes,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    serveClient: false,
    allowRequest: (req, callback) =>
      callback(null, options.isHostAllowed(req) && isOriginAllowed(req, options.allowedOrigins)),
  });
}

/** The view sink the sessions send through: one room per audience of each session. */
export function viewSink(io: PlayfieldServer, cluster: Cluster | null): ViewSink {
  const hasRoom = (room: string) => (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  return {
    // Cluster: audiences on other processes are not known here, so views are always built.
    hasAudience: (sessionId, audience) =>
      cluster !== null ||
      hasRoom(rooms[audience](sessionId)) ||
      (audience === 'facilitator' && hasRoom(rooms.facilitatorPatches(sessionId))) ||
      (audience === 'participants' && hasRoom(rooms.participantPatches(sessionId))),
    // Whole views only where a console wants them: encoding 500 KB for nobody is not free.
    facilitator: (sessionId, message) => {
      if (cluster !== null || hasRoom(rooms.facilitator(sessionId)))
        io.to(rooms.facilitator(sessionId)).emit('view.facilitator', message);
    },
    facilitatorPatch: (sessionId, patch) => {
      if (cluster !== null || hasRoom(rooms.facilitatorPatches(sessionId)))
        io.to(rooms.facilitatorPatches(sessionId)).emit('view.facilitator.patch', patch());
    },
    screen: (sessionId, message) => io.to(rooms.screen(sessionId)).emit('view.screen', message),
    participants: (sessionId, message) => {
      if (cluster !== null || hasRoom(rooms.participants(sessionId)))
        io.to(rooms.participants(sessionId)).emit('view.public', message);
    },
    participantsPatch: (sessionId, patch) =>
      io.to(rooms.participantPatches(sessionId)).emit('view.public.patch', patch),
    own: (participantId, message) => io.to(rooms.seat(participantId)).emit('view.own', message),
    // Cluster: a session dropped here is rebuilt by its next owner, its sockets re-attached.
    disconnect: (sessionId) =>
      cluster ? undefined : io.in(sessionRooms(sessionId)).disconnectSockets(true),
  };
}
