import type { Redis } from 'ioredis';
import {
  fail,
  replay,
  type CommandActor,
  type Result,
  type SessionCommand,
  type SessionEvent,
} from '@playfield/shared';
import { guardedInterval, reportFault } from '../faults/faults.ts';
import type { SocketData } from '../realtime/socketServer.ts';
import type { LiveSession } from '../sessions/liveSession.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { Fence } from './fence.ts';
import { Leases } from './lease.ts';
import { RemoteSession, type CommandOptions } from './remoteSession.ts';
import { NoAnswer, Rpc } from './rpc.ts';

/** A socket as the owner needs to know it: its id (a room on every process) and identity. */
export interface ClusterSocket {
  id: string;
  data: SocketData;
}

/** What the socket layer runs on a session this process owns, for local or remote sockets. */
export interface SocketRunner {
  run(
    session: LiveSession,
    socket: ClusterSocket,
    event: string,
    payload: unknown,
  ): Promise<Result<unknown>>;
  /** Counts the socket as present and sends it the views. */
  attach(session: LiveSession, socket: ClusterSocket): void;
  detach(session: LiveSession, socket: ClusterSocket): void;
}

/** The answer of a claim: the lease is ours (load the session), or another's (read it). */
export type Claim =
  { isOwner: true; release(): Promise<void> } | { isOwner: false; session: RemoteSession | null };

/** Local sockets of one session, and the process they are attached to (present there). */
interface Group {
  sockets: Set<ClusterSocket>;
  attachedTo: string | null;
  reattaching: boolean;
}

/** An owner's answer when it no longer holds the session: ask again. */
const MOVED = { moved: true } as const;
const isMoved = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && 'moved' in value;

const UNAVAILABLE_MESSAGE = 'The session is moving to another server: try again in a moment';
/** A call to an owner that does not answer is tried again this many times in all. */
const ATTEMPTS = 3;

/** What a process has of the cluster before its sessions exist: who it is, and its clients. */
export interface ClusterParts {
  processId: string;
  /** The Redis connection the leases and requests use (the requests' listener is a copy). */
  redis: Redis;
  fence: Fence;
  leaseMs: number;
  rpcTimeoutMs: number;
}

/**
 * One process of a cluster. Each live session is owned by the process holding its lease:
 * only that one runs it (decides, writes under the fence, sends views, which reach every
 * process's sockets through the socket.io adapter). Elsewhere, a session is read from the
 * log and every intent of a local socket is forwarded to the owner and acknowledged with
 * the owner's answer, which it gives once the event is stored. When the owner stops
 * answering and its lease expires, the next process to need the session takes the lease and
 * rebuilds the session from the log; a watcher notices owner changes and re-attaches local
 * sockets to the new owner, who sends them fresh views (the resync).
 *
 * The host and the session manager need each other (the manager asks who owns a session
 * before loading it; the host runs intents on the manager's sessions and drops the ones
 * whose lease it lost), so the host builds the manager in its constructor, handing it
 * itself: each is built once, complete, and nothing is bound later.
 */
export class Cluster {
  readonly processId: string;
  /** This process's sessions, built by the host with itself as their cluster. */
  readonly sessions: SessionManager;
  private readonly leases: Leases;
  private readonly fence: Fence;
  private readonly rpc: Rpc;
  private readonly remotes = new Map<string, RemoteSession>();
  private readonly groups = new Map<string, Group>();
  private readonly watcher: NodeJS.Timeout;
  private watching = false;

  /** Builds the host and its session manager, then takes requests from the other processes. */
  static async start(
    parts: ClusterParts,
    sockets: SocketRunner,
    sessions: (cluster: Cluster) => SessionManager,
  ): Promise<Cluster> {
    const cluster = new Cluster(parts, sockets, sessions);
    await cluster.rpc.listen();
    return cluster;
  }

  private constructor(
    parts: ClusterParts,
    /** How the socket layer runs an event, attaches and detaches a socket, here. */
    private readonly sockets: SocketRunner,
    sessions: (cluster: Cluster) => SessionManager,
  ) {
    this.processId = parts.processId;
    this.fence = parts.fence;
    this.leases = new Leases(parts.redis, parts.processId, parts.leaseMs, (item) =>
      this.lost(item),
    );
    this.rpc = new Rpc(parts.redis, parts.processId, parts.rpcTimeoutMs, {
      execute: (body) => this.onExecute(body as ExecuteRequest),
      event: (body) => this.onEvent(body as EventRequest),
      attach: (body) => this.onAttach(body as SocketRequest),
      detach: (body) => this.onDetach(body as SocketRequest),
    });
    this.sessions = sessions(this);
    this.watcher = guardedInterval('cluster: watch owners', () => this.watch(), parts.leaseMs / 3);
  }

  // ---- The session manager's side ----

  /** Takes the session's lease and fence if free; otherwise the session as the owner's. */
  async claim(sessionId: string): Promise<Claim> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const grant = await this.leases.acquire(sessionId);
      if (grant) {
        if (await this.fence.claim(sessionId, grant.fence)) {
          this.remotes.delete(sessionId);
          return { isOwner: true, release: () => this.leases.release(sessionId) };
        }
        // A greater fence is on record: our lease is not the newest. Let it go.
        await this.leases.release(sessionId);
      }
      const owner = await this.leases.holder(sessionId);
      if (owner && owner !== this.processId)
        return { isOwner: false, session: await this.remote(sessionId, owner) };
    }
    throw new Error(`cluster: could not settle who owns ${sessionId}`);
  }

  /** The manager loaded a session it owns: local sockets are now present here. */
  owned(session: LiveSession): void {
    const group = this.groups.get(session.id);
    if (!group || group.attachedTo === this.processId) return;
    group.attachedTo = this.processId;
    for (const socket of group.sockets) this.sockets.attach(session, socket);
  }

  /** The manager closed a session (idle, or shutting down): give its lease up. */
  released(sessionId: string): void {
    const group = this.groups.get(sessionId);
    if (group?.attachedTo === this.processId) group.attachedTo = null;
    this.leases.release(sessionId).catch((error: unknown) => {
      reportFault(`cluster: release ${sessionId}`, error);
    });
  }

  /** The lease was lost (not renewed in time): stop running the session here at once. */
  lost(sessionId: string): void {
    console.warn(`[cluster] ${this.processId} lost the lease of ${sessionId}`);
    this.sessions.forget(sessionId);
    const group = this.groups.get(sessionId);
    if (group) group.attachedTo = null;
  }

  private async remote(sessionId: string, owner: string): Promise<RemoteSession | null> {
    const known = this.remotes.get(sessionId);
    if (known) {
      known.owner = owner;
      known.state = await this.fence.catchUp(known.state);
      return known;
    }
    const { snapshot, events } = await this.sessions.repository.loadLog(sessionId);
    if (!snapshot && events.length === 0) return null;
    const session = new RemoteSession(replay(events, snapshot), owner, (s, c, a, o) =>
      this.forwardExecute(s, c, a, o),
    );
    this.remotes.set(sessionId, session);
    return session;
  }

  // ---- Forwarding ----

  /**
   * Runs `local` here if this process owns the session (taking it if nobody does), or asks
   * the owner. An owner that does not answer is asked again once its lease may have expired.
   */
  private async onOwner<T>(
    sessionId: string,
    local: (session: LiveSession) => Promise<T>,
    kind: string,
    body: unknown,
  ): Promise<T | null> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const mine = this.sessions.peek(sessionId);
      if (mine) return local(mine);
      const found = (await this.sessions.get(sessionId)) as LiveSession | RemoteSession | null;
      if (!found) return null;
      if (!(found instanceof RemoteSession)) return local(found);
      try {
        // Waited for while it still holds the lease; asked again only once another does.
        const owner = found.owner;
        const answer = await this.rpc.call(
          owner,
          kind,
          body,
          async () => (await this.leases.holder(sessionId)) === owner,
        );
        if (!isMoved(answer)) return answer as T;
      } catch (error) {
        if (!(error instanceof NoAnswer)) throw error;
        console.warn(`[cluster] ${found.owner} did not answer ${kind} for ${sessionId}`);
      }
      this.remotes.delete(sessionId);
    }
    return null;
  }

  private async forwardExecute(
    session: RemoteSession,
    command: SessionCommand,
    actor: CommandActor,
    options: CommandOptions,
  ): Promise<Result<{ seq: number; events: SessionEvent[] }>> {
    // A chosen id travels as a value: the one caller that chooses (a join) always returns
    // the same id.
    const chosenId = options.newId?.();
    const request: ExecuteRequest = {
      sessionId: session.id,
      command,
      actor,
      chosenId: chosenId ?? null,
      participantToken: options.participantToken ?? null,
    };
    const result = await this.onOwner(
      session.id,
      (live) => this.execute(live, request),
      'execute',
      request,
    );
    return result ?? fail('UNAVAILABLE', UNAVAILABLE_MESSAGE);
  }

  private execute(
    live: LiveSession,
    request: ExecuteRequest,
  ): Promise<Result<{ seq: number; events: SessionEvent[] }>> {
    const { chosenId, participantToken } = request;
    return live.execute(request.command, request.actor, {
      ...(chosenId === null ? {} : { newId: () => chosenId }),
      ...(participantToken === null ? {} : { participantToken }),
    });
  }

  private async onExecute(request: ExecuteRequest): Promise<unknown> {
    const live = this.sessions.peek(request.sessionId);
    return live ? this.execute(live, request) : MOVED;
  }

  // ---- The socket server's side ----

  /** Runs a socket's (validated) event on the session's owner; answers once it is stored. */
  async run(socket: ClusterSocket, event: string, payload: unknown): Promise<Result<unknown>> {
    const request: EventRequest = {
      sessionId: socket.data.sessionId,
      socket: { id: socket.id, data: socket.data },
      event,
      payload,
    };
    const result = await this.onOwner(
      request.sessionId,
      (live) => this.sockets.run(live, socket, event, payload),
      'event',
      request,
    );
    return result ?? fail('UNAVAILABLE', UNAVAILABLE_MESSAGE);
  }

  private async onEvent(request: EventRequest): Promise<unknown> {
    const live = this.sessions.peek(request.sessionId);
    return live ? this.sockets.run(live, request.socket, request.event, request.payload) : MOVED;
  }

  /** A socket connected here: attach it to the session's owner, who sends its views. */
  connected(socket: ClusterSocket & { on(event: 'disconnect', run: () => void): unknown }): void {
    const sessionId = socket.data.sessionId;
    let group = this.groups.get(sessionId);
    if (!group) {
      group = { sockets: new Set(), attachedTo: null, reattaching: false };
      this.groups.set(sessionId, group);
    }
    const local = { id: socket.id, data: socket.data };
    group.sockets.add(local);
    socket.on('disconnect', () => this.disconnected(sessionId, local));
    const owner = group.attachedTo;
    const live = this.sessions.peek(sessionId);
    if (owner === this.processId && live) this.sockets.attach(live, local);
    else if (owner && owner !== this.processId) this.attachRemote(sessionId, owner, [local]);
    else void this.reattach(sessionId);
  }

  private disconnected(sessionId: string, socket: ClusterSocket): void {
    const group = this.groups.get(sessionId);
    if (!group) return;
    group.sockets.delete(socket);
    if (group.sockets.size === 0) this.groups.delete(sessionId);
    const owner = group.attachedTo;
    const live = this.sessions.peek(sessionId);
    if (owner === this.processId && live) this.sockets.detach(live, socket);
    else if (owner) this.rpc.tell(owner, 'detach', { sessionId, socket });
  }

  private attachRemote(sessionId: string, owner: string, sockets: ClusterSocket[]): void {
    void Promise.all(
      sockets.map((socket) => this.rpc.call(owner, 'attach', { sessionId, socket })),
    ).then(
      (answers) => {
        if (answers.some(isMoved)) this.detachGroup(sessionId);
      },
      () => this.detachGroup(sessionId),
    );
  }

  /** The group's owner did not take its sockets: the watcher attaches them again. */
  private detachGroup(sessionId: string): void {
    const group = this.groups.get(sessionId);
    if (group) group.attachedTo = null;
  }

  /** Attaches every local socket of the session to whoever owns it now (taking it if free). */
  private async reattach(sessionId: string): Promise<void> {
    const group = this.groups.get(sessionId);
    if (!group || group.reattaching) return;
    group.reattaching = true;
    try {
      const found = (await this.sessions.get(sessionId)) as LiveSession | RemoteSession | null;
      if (!found || this.groups.get(sessionId) !== group) return;
      if (!(found instanceof RemoteSession)) {
        // Loading it here called `owned`, which attached the sockets.
        this.owned(found);
        return;
      }
      const owner = found.owner;
      const sockets = [...group.sockets];
      const answers = await Promise.all(
        sockets.map((socket) => this.rpc.call(owner, 'attach', { sessionId, socket })),
      );
      group.attachedTo = answers.some(isMoved) ? null : owner;
    } catch (error) {
      if (!(error instanceof NoAnswer)) reportFault(`cluster: attach ${sessionId}`, error);
      group.attachedTo = null;
    } finally {
      group.reattaching = false;
    }
  }

  private onAttach(request: SocketRequest): Promise<unknown> {
    const live = this.sessions.peek(request.sessionId);
    if (!live) return Promise.resolve(MOVED);
    this.sockets.attach(live, request.socket);
    return Promise.resolve(true);
  }

  private onDetach(request: SocketRequest): Promise<unknown> {
    const live = this.sessions.peek(request.sessionId);
    if (live) this.sockets.detach(live, request.socket);
    return Promise.resolve(true);
  }

  /**
   * Every third of a lease: for each session with sockets here, is the process they are
   * attached to still its owner? If not (it died, or gave it up), attach them to the new one,
   * taking the session if nobody holds it. One MGET for all of them.
   */
  private async watch(): Promise<void> {
    if (this.watching || this.groups.size === 0) return;
    this.watching = true;
    try {
      const ids = [...this.groups.keys()];
      const holders = await this.leases.holders(ids);
      ids.forEach((sessionId, i) => {
        const group = this.groups.get(sessionId);
        if (!group) return;
        const holder = holders[i] ?? null;
        const isMine = holder === this.processId && this.sessions.peek(sessionId) !== undefined;
        if (
          holder === null ||
          group.attachedTo !== holder ||
          (holder === this.processId && !isMine)
        )
          void this.reattach(sessionId);
      });
    } finally {
      this.watching = false;
    }
  }

  /**
   * Stops watching, gives every lease up and stops taking requests: called once the
   * sessions are stored, so the next owner rebuilds them from everything acknowledged.
   */
  async close(): Promise<void> {
    clearInterval(this.watcher);
    await this.leases.close();
    await this.rpc.close();
  }
}

interface ExecuteRequest {
  sessionId: string;
  command: SessionCommand;
  actor: CommandActor;
  chosenId: string | null;
  participantToken: { tokenHash: string; participantId: string } | null;
}

interface EventRequest {
  sessionId: string;
  socket: ClusterSocket;
  event: string;
  payload: unknown;
}

interface SocketRequest {
  sessionId: string;
  socket: ClusterSocket;
}
