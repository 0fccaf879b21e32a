import type { Namespace, Server, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  docAwarenessSchema,
  docCloseSchema,
  docHandshakeSchema,
  docOpenSchema,
  docUpdateSchema,
  fail,
  LIMITS,
  ok,
  parseDocId,
  type DocAckOf,
  type DocClientToServerEvents,
  type DocRights,
  type DocServerToClientEvents,
  type Result,
} from '@playfield/shared';
import * as Y from 'yjs';
import { parsePlan } from '@playfield/shared/plans/plan';
import type { DocumentAccess, Principal } from '../docs/documentAccess.ts';
import type { DocSink, DocumentHub } from '../docs/documentHub.ts';
import { RateLimiter } from '../security/rateLimiter.ts';
import { handshake, serveEvents } from './handler.ts';

interface DocSocketData {
  principal: Principal;
  /** Documents this socket opened, with its rights on each. */
  docs: Map<string, DocRights>;
}

type DocNamespace = Namespace<
  DocClientToServerEvents,
  DocServerToClientEvents,
  Record<string, never>,
  DocSocketData
>;
type DocSocket = Socket<
  DocClientToServerEvents,
  DocServerToClientEvents,
  Record<string, never>,
  DocSocketData
>;
type EventName = keyof DocClientToServerEvents;
type PayloadOf<E extends EventName> = Parameters<DocClientToServerEvents[E]>[0];

interface Handler<E extends EventName> {
  schema: z.ZodType<PayloadOf<E>>;
  run(socket: DocSocket, payload: PayloadOf<E>): Promise<Result<DocAckOf<E>>>;
}

/** Bytes per minute of documents each identity may open (a read link pulling in a loop). */
const openBytes = () =>
  new RateLimiter(LIMITS.docOpenBytesPerMinute / 60, LIMITS.docOpenBytesPerMinute);
const docRoom = (docId: string) => `doc:${docId}`;
const linkRoom = (tokenHash: string) => `link:${tokenHash}`;

/** Where the hub relays accepted edits and presence: the holders' rooms in the `/docs` namespace. */
export function docSink(io: Server): DocSink {
  const nsp = io.of('/docs') as unknown as DocNamespace;
  const to = (docId: string, except: string | null) =>
    except ? nsp.to(docRoom(docId)).except(except) : nsp.to(docRoom(docId));
  return {
    update: (docId, update, except) => to(docId, except).emit('doc.update', { docId, update }),
    awareness: (docId, update, except) =>
      to(docId, except).emit('doc.awareness', { docId, update }),
  };
}

/**
 * The `/docs` namespace: Yjs sync of plans and notebooks over the page's socket.io
 * connection. Rights are decided per document when it is opened, from the handshake's
 * credential; edits need edit rights on a document the socket holds.
 */
export function attachDocSockets(
  io: Server,
  hub: DocumentHub,
  access: DocumentAccess,
): { revokeLink: (tokenHash: string, docId: string) => void } {
  const nsp = io.of('/docs') as unknown as DocNamespace;
  const limiter = new RateLimiter(LIMITS.docEventsPerSecond, LIMITS.docEventsBurst);
  const opened = openBytes();
  /** Sockets per identity, oldest first: past the cap the oldest is closed. */
  const socketsOf = new Map<string, Set<DocSocket>>();

  /** A plan its owner stopped sharing is closed at once for the facilitator reading it. */
  const closeUnsharedPlan = async (docId: string) => {
    if (await hub.read(docId, (doc) => parsePlan(doc).data?.isShared === true)) return;
    for (const reader of await nsp.in(docRoom(docId)).fetchSockets()) {
      if (reader.data.principal.role !== 'facilitator') continue;
      reader.data.docs.delete(docId);
      reader.leave(docRoom(docId));
      reader.emit('doc.revoked', { docId, message: 'This plan is no longer shared' });
      hub.release(docId, reader.id);
    }
  };

  const handlers: { [E in EventName]: Handler<E> } = {
    'doc.open': {
      schema: docOpenSchema,
      async run(socket, { docId, stateVector }) {
        const rights = await access.rightsOn(socket.data.principal, docId);
        if (!rights.ok) return rights;
        const live = await hub.get(docId);
        if (!live.quarantine) await access.prepare(docId, live.doc);
        let update: Uint8Array;
        try {
          update = Y.encodeStateAsUpdate(live.doc, stateVector);
        } catch {
          return fail('BAD_REQUEST', 'That state vector could not be read');
        }
        if (!opened.take(access.identityKey(socket.data.principal), update.byteLength))
          return fail('RATE_LIMITED', 'This document was opened too often: wait a minute');
        // A quarantined document can still be read (and exported), never edited.
        const granted: DocRights = live.quarantine ? 'read' : rights.data;
        socket.data.docs.set(docId, granted);
        hub.hold(live, socket.id);
        await socket.join(docRoom(docId));
        return ok({
          rights: granted,
          update,
          stateVector: Y.encodeStateVector(live.doc),
          awareness: hub.presence(live),
          notice: live.quarantine
            ? 'This document hit a problem and is closed to edits. You can still read and download it.'
            : null,
        });
      },
    },
    'doc.update': {
      schema: docUpdateSchema,
      async run(socket, { docId, update }) {
        const rights = socket.data.docs.get(docId);
        if (!rights) return fail('FORBIDDEN', 'Open the document first');
        if (rights !== 'edit') return fail('FORBIDDEN', 'This link can only read');
        const result = await hub.applyUpdate(docId, update, socket.id);
        if (result.ok && parseDocId(docId)?.kind === 'plan') await closeUnsharedPlan(docId);
        return result;
      },
    },
    'doc.awareness': {
      schema: docAwarenessSchema,
      async run(socket, { docId, update }) {
        if (!socket.data.docs.has(docId)) return fail('FORBIDDEN', 'Open the document first');
        const { principal } = socket.data;
        return hub.updatePresence(await hub.get(docId), socket.id, update, {
          key: access.identityKey(principal),
          role: principal.role,
          name: principal.role === 'participant' ? principal.name : null,
        });
      },
    },
    'doc.close': {
      schema: docCloseSchema,
      async run(socket, { docId }) {
        socket.data.docs.delete(docId);
        hub.release(docId, socket.id);
        await socket.leave(docRoom(docId));
        return ok(null);
      },
    },
  };

  nsp.use(
    handshake<DocSocket, z.infer<typeof docHandshakeSchema>>({
      label: 'docs',
      schema: docHandshakeSchema,
      async admit(socket, { credential }) {
        const principal = await access.authenticate(credential);
        if (principal.ok) socket.data = { principal: principal.data, docs: new Map() };
        return principal;
      },
    }),
  );

  nsp.on('connection', (socket) => {
    const { principal } = socket.data;
    if (principal.role === 'link') void socket.join(linkRoom(principal.tokenHash));
    const rateKey = access.rateKey(principal, socket.id);
    const identity = access.identityKey(principal);
    const siblings = socketsOf.get(identity) ?? new Set<DocSocket>();
    socketsOf.set(identity, siblings);
    siblings.add(socket);
    // Sets iterate in insertion order: the first is the oldest.
    for (const old of siblings) {
      if (siblings.size <= LIMITS.docSocketsPerIdentity) break;
      siblings.delete(old);
      old.disconnect(true);
    }

    serveEvents<EventName>(socket, {
      label: 'docs',
      events: handlers,
      limiter,
      rateKey,
      rateMessage: 'Too many edits: slow down a little',
      authorise: (event, payload) => {
        const { docId } = payload as { docId: string };
        if (!parseDocId(docId)) return fail('BAD_REQUEST', 'Invalid document');
        const handler = handlers[event] as unknown as Handler<EventName>;
        return ok(() => handler.run(socket, payload as PayloadOf<EventName>));
      },
    });
    socket.on('disconnect', () => {
      siblings.delete(socket);
      if (siblings.size === 0) socketsOf.delete(identity);
      for (const docId of socket.data.docs.keys()) hub.release(docId, socket.id);
    });
  });

  return {
    /** Cuts every open connection of a revoked link at once. */
    revokeLink: (tokenHash, docId) => {
      const room = nsp.in(linkRoom(tokenHash));
      room.emit('doc.revoked', { docId, message: 'This link has been revoked' });
      room.disconnectSockets(true);
    },
  };
}
