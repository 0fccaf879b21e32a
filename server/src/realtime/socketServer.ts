import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  controlCommandSchema,
  describeIssues,
  emptyPayloadSchema,
  fail,
  handshakeAuthSchema,
  LIMITS,
  ok,
  planAnswerPayloadSchema,
  qaActPayloadSchema,
  roundActPayloadSchema,
  syncPayloadSchema,
  teamActPayloadSchema,
  type Accepted,
  type Actor,
  type ClientToServerEvents,
  type ControlCommand,
  type HandshakeAuth,
  type QaActPayload,
  type Result,
  type ServerToClientEvents,
  type SocketRole,
  type TeamActPayload,
} from '@playfield/shared';
import type { Cluster, ClusterSocket, SocketRunner } from '../cluster/cluster.ts';
import type { PlanService } from '../docs/planService.ts';
import { guardedTimeout } from '../faults/faults.ts';
import { RateLimiter } from '../security/rateLimiter.ts';
import type { LiveSession } from '../sessions/liveSession.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import {
  KEY_CONSOLE,
  loggedActorOf,
  type ConsoleAccess,
  type ConsoleMember,
} from '../workspaces/consoleAccess.ts';
import { memberRoom, sendIfStillAllowed, watchMemberConsoles } from '../workspaces/consoleWatch.ts';
import { handshake, serveEvents } from './handler.ts';
import { rooms } from './socketIo.ts';

// The socket.io server, its rooms and the view sink live in socketIo.ts.
export { createSocketIo, isOriginAllowed, viewSink } from './socketIo.ts';

/** Who a socket speaks for, fixed by the handshake; never taken from event payloads. */
export interface SocketData {
  role: SocketRole;
  sessionId: string;
  participantId: string | null;
  /** A console opened by a signed-in workspace member (else by the console's key). */
  member?: ConsoleMember | null;
  /**
   * A console or phone that takes compact views (`viewPatches` in its handshake): kept with
   * the socket's identity so the session's owner knows it, in a cluster too.
   */
  viewPatches?: boolean;
}

export type PlayfieldServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type PlayfieldSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

type EventName = keyof ClientToServerEvents;
type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
type AckDataOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends (
  result: Result<infer T>,
) => void
  ? T
  : never;

interface Handler<E extends EventName> {
  schema: z.ZodType<PayloadOf<E>>;
  roles: readonly SocketRole[];
  run(
    ctx: {
      socket: PlayfieldSocket;
      session: LiveSession;
      actor: Actor | null;
      plans: PlanService;
      consoles: ConsoleAccess | null;
    },
    payload: PayloadOf<E>,
  ): Promise<Result<AckDataOf<E>>>;
}

/**
 * Socket handshakes taken per second by one process, and in a burst (a setting, so tests
 * can lower it): past it a handshake is refused as BUSY before anything is read, and the
 * phone tries again after its jittered pause (client/src/realtime/link.ts).
 */
export const admission = { perSecond: 1_000, burst: 2_000 };

/**
 * Sockets one identity may hold at once: a seat (a phone, maybe a second tab), and a
 * facilitator's or screen's session (several laptops and projectors). Past the cap the
 * oldest socket is closed, never the new one: a phone coming back must not be locked out
 * by the stale socket of its own earlier connection.
 */
export const SOCKETS_PER_IDENTITY: Record<SocketRole, number> = {
  participant: 4,
  facilitator: 12,
  screen: 12,
};

/**
 * A participant's own session command, sent as it is: the session-wide Q&A (ask, vote) and
 * a table pick when allowed. The facilitator moderates and moves people via session.control.
 */
async function runParticipantCommand(
  { socket, session, actor }: Parameters<Handler<EventName>['run']>[0],
  command: QaActPayload | TeamActPayload,
): Promise<Result<Accepted>> {
  if (actor?.role !== 'participant') return fail('FORBIDDEN', 'Not allowed');
  const result = await session.execute(command, actor);
  return result.ok ? accepted(socket, session, actor, result.data.seq) : result;
}

/**
 * A command's acknowledgement. A phone that takes compact views (`viewPatches`) has its own
 * view in it when its action changed it, rather than in a second message.
 */
function accepted(
  socket: PlayfieldSocket,
  session: LiveSession,
  actor: Actor,
  seq: number,
): Result<Accepted> {
  const own =
    actor.role === 'participant' && takesPatches(socket)
      ? session.takeOwn(actor.participantId)
      : undefined;
  return ok(own ? { seq, own } : { seq });
}

/** Every client event, its schema, who may send it and what it does. */
const HANDLERS: { [E in EventName]: Handler<E> } = {
  'session.sync': {
    schema: syncPayloadSchema,
    roles: ['facilitator', 'participant', 'screen'],
    run({ socket, session }, { lastSeq }) {
      if (lastSeq < session.state.seq) sendViews(socket, session);
      return Promise.resolve(ok({ seq: session.state.seq }));
    },
  },
  'session.control': {
    schema: controlCommandSchema,
    roles: ['facilitator'],
    async run({ socket, session }, command) {
      const result = await session.execute(
        command,
        { role: 'facilitator' },
        { loggedAs: loggedActorOf(socket.data.member ?? null) },
      );
      if (!result.ok) return result;
      for (const event of result.data.events) {
        if (event.type !== 'participants.removed') continue;
        // Let the "you were removed" view reach the phones, then close their sockets.
        const seats = event.participantIds.map(rooms.seat);
        guardedTimeout(
          'socket: remove seats',
          () => socket.nsp.in(seats).disconnectSockets(true),
          100,
        );
      }
      return ok({ seq: result.data.seq });
    },
  },
  'round.act': {
    schema: roundActPayloadSchema,
    roles: ['facilitator', 'participant'],
    async run({ socket, session, actor }, payload) {
      if (!actor) return fail('FORBIDDEN', 'Not allowed');
      const result = await session.execute(
        { type: 'round.act', ...payload },
        actor,
        actor.role === 'facilitator' ? { loggedAs: loggedActorOf(socket.data.member ?? null) } : {},
      );
      return result.ok ? accepted(socket, session, actor, result.data.seq) : result;
    },
  },
  'plan.answer': {
    schema: planAnswerPayloadSchema,
    roles: ['participant'],
    run({ session, actor, plans }, payload) {
      if (actor?.role !== 'participant') return Promise.resolve(fail('FORBIDDEN', 'Not allowed'));
      return plans.answer(session, actor.participantId, payload);
    },
  },
  'participant.leave': {
    schema: emptyPayloadSchema,
    roles: ['participant'],
    async run({ socket, session, actor }) {
      if (!actor) return fail('FORBIDDEN', 'Not allowed');
      const result = await session.execute({ type: 'participant.leave' }, actor);
      if (!result.ok) return result;
      // Let the ack reach the phone first, then close every socket of that seat.
      const seat = rooms.seat(socket.data.participantId ?? '');
      guardedTimeout('socket: leave', () => socket.nsp.in(seat).disconnectSockets(true), 100);
      return ok({ seq: result.data.seq });
    },
  },
  'qa.act': { schema: qaActPayloadSchema, roles: ['participant'], run: runParticipantCommand },
  'team.act': { schema: teamActPayloadSchema, roles: ['participant'], run: runParticipantCommand },
  'console.access': {
    schema: emptyPayloadSchema,
    roles: ['facilitator'],
    run: ({ socket, session, consoles }) =>
      consoles
        ? consoles.access(socket.data.member ?? null, session.id)
        : Promise.resolve(ok(KEY_CONSOLE)),
  },
  'console.activity': {
    schema: emptyPayloadSchema,
    roles: ['facilitator'],
    run: ({ session, consoles }) =>
      consoles ? consoles.activity(session.id) : Promise.resolve(ok([])),
  },
};

function actorOf({ role, participantId }: SocketData): Actor | null {
  if (role === 'facilitator') return { role };
  return participantId ? { role: 'participant', participantId } : null;
}

/**
 * Runs a permitted, parsed event. A member's console is checked against the workspace as
 * it is now before each event (removed members and producers' agenda edits refused): the
 * one place console commands are authorised by role.
 */
async function runHandler(
  event: EventName,
  handler: Handler<EventName>,
  socket: PlayfieldSocket,
  session: LiveSession,
  plans: PlanService,
  payload: PayloadOf<EventName>,
  consoles: ConsoleAccess | null,
): Promise<Result<unknown>> {
  const member = socket.data.member;
  if (member) {
    const type = event === 'session.control' ? (payload as ControlCommand).type : event;
    const refused = consoles
      ? await consoles.authorise(member, session.id, type)
      : { code: 'FORBIDDEN' as const, message: 'Not allowed' };
    if (refused) return { ok: false, error: refused };
  }
  return handler.run({ socket, session, actor: actorOf(socket.data), plans, consoles }, payload);
}

/**
 * Cluster: how the owner runs a socket's event, here or for a socket on another process.
 * A remote socket is its id, a room on every process: what is sent to it goes through the
 * adapter. Its payload is checked again here, as it would be on arrival. Needs no session
 * manager, so app.ts builds it before the cluster's host, which builds the manager.
 */
export function clusterRunner(
  io: PlayfieldServer,
  plans: PlanService,
  consoles: ConsoleAccess | null,
): SocketRunner {
  const asSocket = (s: ClusterSocket): PlayfieldSocket =>
    'handshake' in s
      ? (s as PlayfieldSocket)
      : ({
          id: s.id,
          data: s.data,
          nsp: io.of('/'),
          emit: (event: keyof ServerToClientEvents, message: never) =>
            io.to(s.id).emit(event, message),
        } as unknown as PlayfieldSocket);
  return {
    run(session, s, event, payload) {
      const handler = (HANDLERS as Record<string, Handler<EventName>>)[event];
      if (!handler?.roles.includes(s.data.role))
        return Promise.resolve(fail('FORBIDDEN', 'Not allowed for your role'));
      const parsed = handler.schema.safeParse(payload);
      if (!parsed.success)
        return Promise.resolve(fail('BAD_REQUEST', describeIssues(parsed.error)));
      return runHandler(
        event as EventName,
        handler,
        asSocket(s),
        session,
        plans,
        parsed.data,
        consoles,
      );
    },
    attach(session, s) {
      session.attach(s.data.participantId);
      sendIfStillAllowed(consoles, s.data.member, session.id, () =>
        sendViews(asSocket(s), session),
      );
    },
    detach(session, s) {
      session.detach(s.data.participantId);
    },
  };
}

/** Did this console or phone ask for patches of its views in its handshake? */
function takesPatches(socket: PlayfieldSocket): boolean {
  return socket.data.viewPatches === true && socket.data.role !== 'screen';
}

function sendViews(socket: PlayfieldSocket, session: LiveSession): void {
  const { role, participantId } = socket.data;
  if (role === 'facilitator')
    socket.emit(
      'view.facilitator',
      takesPatches(socket) ? session.facilitatorBase() : session.facilitatorMessage(),
    );
  if (role === 'screen') socket.emit('view.screen', session.screenMessage());
  if (role === 'participant' && participantId) {
    socket.emit(
      'view.public',
      takesPatches(socket) ? session.publicBase() : session.publicMessage(),
    );
    const own = session.ownMessage(participantId);
    if (own) socket.emit('view.own', own);
    session.resetOwn(participantId, own);
  }
}

/**
 * Serves the sessions' events on the default namespace: handshake (seat, console or screen),
 * rooms per audience, the event table above, and each connection's first views.
 */
export function serveSessions(
  io: PlayfieldServer,
  manager: SessionManager,
  options: {
    plans: PlanService;
    /** Cluster (REDIS_URL): the owner of each session runs its events. */
    cluster: Cluster | null;
    /** Members' consoles (workspaces): without it only console keys open a console. */
    consoles?: ConsoleAccess;
  },
): void {
  const cluster = options.cluster;
  const consoles = options.consoles ?? null;
  const participantLimiter = new RateLimiter(LIMITS.eventsPerSecond, LIMITS.eventsBurst);
  const facilitatorLimiter = new RateLimiter(LIMITS.eventsPerSecond * 3, LIMITS.eventsBurst * 2);
  /** The sockets of each identity in this process, oldest first. */
  const identities = new Map<string, PlayfieldSocket[]>();
  const holdIdentity = (socket: PlayfieldSocket): void => {
    const { role, sessionId, participantId } = socket.data;
    const key = participantId ? `u:${participantId}` : `${role}:${sessionId}`;
    const held = identities.get(key) ?? [];
    held.push(socket);
    identities.set(key, held);
    while (held.length > SOCKETS_PER_IDENTITY[role]) held.shift()?.disconnect(true);
    socket.on('disconnect', () => {
      const at = held.indexOf(socket);
      if (at >= 0) held.splice(at, 1);
      if (held.length === 0 && identities.get(key) === held) identities.delete(key);
    });
  };

  // Connections admitted at a bounded rate: after a restart or an overload thousands of
  // phones come back at once (spread by their jittered backoff); past the rate they are
  // told BUSY, which their socket.io client retries after its next randomised delay.
  const admissions = new RateLimiter(admission.perSecond, admission.burst);
  /** The session each admitted socket opens, from its handshake to its connection. */
  const admitted = new WeakMap<PlayfieldSocket, LiveSession>();
  io.use(
    handshake<PlayfieldSocket, HandshakeAuth>({
      label: 'socket',
      schema: handshakeAuthSchema,
      gate: () =>
        admissions.take('') ? null : { code: 'BUSY', message: 'The server is busy: retrying' },
      async admit(socket, { credential, viewPatches }) {
        const sessions = manager;
        if (credential.role === 'participant') {
          const seat = await sessions.authorizeParticipant(credential.resumeToken);
          if (!seat.ok) return seat;
          socket.data = {
            role: 'participant',
            sessionId: seat.data.sessionId,
            participantId: seat.data.participantId,
          };
        } else if (credential.role === 'member') {
          const admitted = consoles
            ? await consoles.admit(credential.sessionId, socket.handshake.headers.cookie)
            : fail('UNAUTHORIZED', 'This link is not valid for that session');
          if (!admitted.ok) return admitted;
          socket.data = {
            role: 'facilitator',
            sessionId: credential.sessionId,
            participantId: null,
            member: admitted.data,
          };
        } else {
          const row =
            credential.role === 'facilitator'
              ? await sessions.authorizeFacilitator(credential.sessionId, credential.token)
              : await sessions.authorizeScreen(credential.sessionId, credential.key);
          if (!row) return fail('UNAUTHORIZED', 'This link is not valid for that session');
          socket.data = { role: credential.role, sessionId: row.id, participantId: null };
        }
        if (viewPatches === true) socket.data.viewPatches = true;
        // Load the session now (a seat's was loaded to check it), kept for the connection.
        const session = await sessions.get(socket.data.sessionId);
        if (!session) return fail('NOT_FOUND', 'No such session');
        admitted.set(socket, session);
        return ok(null);
      },
    }),
  );

  io.on('connection', (socket) => {
    const { role, sessionId, participantId } = socket.data;
    const session = admitted.get(socket) ?? manager.peek(sessionId);
    admitted.delete(socket);
    if (!session && !cluster) {
      socket.disconnect(true);
      return;
    }
    serveEvents<EventName>(socket, {
      label: 'socket',
      events: HANDLERS,
      limiter: role === 'facilitator' ? facilitatorLimiter : participantLimiter,
      rateKey: participantId ?? `${role}:${sessionId}`,
      rateMessage: 'Too many actions: slow down a little',
      permit: (event) =>
        HANDLERS[event].roles.includes(role)
          ? null
          : { code: 'FORBIDDEN', message: 'Not allowed for your role' },
      authorise: (event, payload) =>
        ok(() =>
          cluster
            ? cluster.run(socket, event, payload)
            : runHandler(
                event,
                HANDLERS[event] as unknown as Handler<EventName>,
                socket,
                session as LiveSession,
                options.plans,
                payload as PayloadOf<EventName>,
                consoles,
              ),
        ),
    });

    // The in-memory adapter joins synchronously; the Redis adapter's promise is not awaited
    // because views are sent to this socket directly below.
    if (role === 'facilitator')
      void socket.join(
        takesPatches(socket) ? rooms.facilitatorPatches(sessionId) : rooms.facilitator(sessionId),
      );
    if (role === 'screen') void socket.join(rooms.screen(sessionId));
    if (socket.data.member) void socket.join(memberRoom(socket.data.member.accountId));
    if (participantId)
      void socket.join([
        takesPatches(socket) ? rooms.participantPatches(sessionId) : rooms.participants(sessionId),
        rooms.seat(participantId),
      ]);
    holdIdentity(socket);
    // Cluster: the session's owner, maybe another process, counts the socket and sends views.
    if (cluster) return cluster.connected(socket);
    session?.attach(participantId);
    socket.on('disconnect', () => session?.detach(participantId));
    if (session) sendViews(socket, session);
  });

  if (consoles) watchMemberConsoles(io, consoles);
}
