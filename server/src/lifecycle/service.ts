import type { Server } from 'socket.io';
import {
  docIdOf,
  fail,
  ok,
  own,
  type AppError,
  type ClientToServerEvents,
  type Result,
  type ServerToClientEvents,
} from '@playfield/shared';
import type { DocumentHub } from '../docs/documentHub.ts';
import { guard, reportFault } from '../faults/faults.ts';
import type { SocketData } from '../realtime/socketServer.ts';
import { rooms, sessionRooms } from '../realtime/socketIo.ts';
import { hashToken, tokenMatches } from '../security/tokens.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { Repository } from '../store/repository.ts';
import { redactEvents } from './redact.ts';
import { LifecycleStore, type SessionRowCounts } from './repository.ts';

type PlayfieldServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** The `/docs` namespace as this service uses it (its events: shared/src/protocol/docs.ts). */
interface DocsNamespace {
  to(room: string): {
    emit(event: 'doc.revoked', message: { docId: string; message: string }): boolean;
  };
  in(rooms: string | string[]): { disconnectSockets(close?: boolean): void };
}

/** What every client of a deleted session is told, and every link to it answers. */
export const SESSION_DELETED: AppError = {
  code: 'NOT_FOUND',
  message: 'This session was deleted',
};

/** What an action gets while a participant's data is being erased (a moment). */
const REDACTING: AppError = {
  code: 'UNAVAILABLE',
  message: 'Someone’s data is being deleted: try again in a moment',
};

/** Who a bearer token is for one session: only its facilitator may delete it. */
export type SessionRole = 'facilitator' | 'screen' | 'participant';

/** What a participant's "delete my data" erased. */
export interface ErasedData {
  /** Their personal plan document (with its updates and share links). */
  plan: boolean;
  /** Their seat's name, now "Deleted participant". */
  name: true;
  /** Events rewritten: their join and every action or question that carried their text. */
  events: number;
  /** Their resume token: the link on their phone opens nothing any more. */
  resumeToken: true;
}

/** A document's room on `/docs` (server/src/realtime/docSocket.ts). */
const docRoom = (docId: string) => `doc:${docId}`;

/**
 * A session's whole life: deleting it everywhere (storage, memory, open connections), a
 * participant erasing their own data, and the agenda it was made from.
 */
export class LifecycleService {
  readonly store: LifecycleStore;

  constructor(
    private readonly options: {
      manager: SessionManager;
      hub: DocumentHub;
      io: PlayfieldServer;
      repository: Repository;
    },
  ) {
    this.store = new LifecycleStore(options.repository);
  }

  /** Who a bearer token is for this session, or null (unknown token); NOT_FOUND if no session. */
  async roleOf(sessionId: string, token: string): Promise<Result<SessionRole | null>> {
    const row = await this.options.repository.getSession(sessionId);
    if (!row) return fail(SESSION_DELETED.code, 'No such session: it may have been deleted');
    if (tokenMatches(token, row.facilitator_token_hash)) return ok('facilitator');
    if (tokenMatches(token, row.screen_key_hash)) return ok('screen');
    const seat = await this.options.repository.findParticipantToken(hashToken(token));
    return ok(seat?.sessionId === sessionId ? 'participant' : null);
  }

  /**
   * Deletes a session: its live copy stops taking actions (those already queued are stored
   * and acknowledged first), its documents leave memory, every row it holds goes in one
   * transaction, then every open console, screen, phone and document is told and closed.
   */
  async deleteSession(sessionId: string): Promise<SessionRowCounts> {
    const { manager, hub } = this.options;
    const docIds = (await this.store.documentIds(sessionId)).map(docRoom);
    const release = await manager.drop(sessionId, SESSION_DELETED);
    let counts: SessionRowCounts;
    try {
      await hub.drop(sessionId);
      counts = await this.store.deleteSession(sessionId);
    } catch (error) {
      release();
      // Nothing was deleted: the clients reconnect to a copy rebuilt from storage.
      this.reconnect(sessionRooms(sessionId));
      throw error;
    }
    release();
    guard(`lifecycle: tell ${sessionId}`, () => {
      const { io } = this.options;
      io.to(sessionRooms(sessionId)).emit('session.deleted', SESSION_DELETED);
      io.in(sessionRooms(sessionId)).disconnectSockets(true);
      if (docIds.length > 0) {
        const docs = io.of('/docs') as unknown as DocsNamespace;
        for (const room of docIds)
          docs
            .to(room)
            .emit('doc.revoked', { docId: room.slice(4), message: SESSION_DELETED.message });
        docs.in(docIds).disconnectSockets(true);
      }
    });
    return counts;
  }

  /**
   * Erases a participant's own data, from their resume token: their seat leaves, its name
   * and what they typed are rewritten in the log (one transaction, with their plan, its
   * links and their token), and the session is rebuilt from the rewritten log. The other
   * clients reconnect to it; counts and choices stay, so results and replays still add up.
   */
  async eraseParticipant(resumeToken: string): Promise<Result<ErasedData>> {
    const { manager, hub, repository } = this.options;
    const seat = await repository.findParticipantToken(hashToken(resumeToken));
    if (!seat) return fail('UNAUTHORIZED', 'This seat is unknown: its data may be deleted already');
    const { sessionId, participantId } = seat;
    const session = await manager.get(sessionId);
    const record = session && own(session.state.participants, participantId);
    if (session && record && !record.hasLeft) {
      const left = await session.execute(
        { type: 'participant.leave' },
        { role: 'participant', participantId },
      );
      if (!left.ok && (left.error.code === 'UNAVAILABLE' || left.error.code === 'BUSY'))
        return left;
    }
    const planDocId = docIdOf({ kind: 'plan', sessionId, participantId });
    const release = await manager.drop(sessionId, REDACTING);
    let result: { events: number; documents: number };
    try {
      await hub.drop(sessionId, planDocId);
      const rewritten = redactEvents(await this.store.eventPayloads(sessionId), participantId);
      result = await this.store.redactParticipant(sessionId, participantId, rewritten, planDocId);
    } finally {
      release();
      this.reconnect(sessionRooms(sessionId));
    }
    guard(`lifecycle: erase ${participantId}`, () => {
      const { io } = this.options;
      io.in(rooms.seat(participantId)).disconnectSockets(true);
      const docs = io.of('/docs') as unknown as DocsNamespace;
      docs.to(docRoom(planDocId)).emit('doc.revoked', {
        docId: planDocId,
        message: 'This plan was deleted',
      });
      docs.in(docRoom(planDocId)).disconnectSockets(true);
    });
    return ok({ plan: result.documents > 0, name: true, events: result.events, resumeToken: true });
  }

  /**
   * Closes the connections of some rooms without saying goodbye, so their clients reconnect
   * at once (socket.io retries a dropped transport, not a server's disconnect) and are sent
   * fresh views of the session as storage now holds it.
   */
  private reconnect(roomNames: string[]): void {
    const nsp = this.options.io.of('/');
    const ids = new Set<string>();
    for (const room of roomNames) for (const id of nsp.adapter.rooms.get(room) ?? []) ids.add(id);
    for (const id of ids) {
      try {
        nsp.sockets.get(id)?.conn.close();
      } catch (error) {
        reportFault('lifecycle: reconnect', error);
      }
    }
  }
}
