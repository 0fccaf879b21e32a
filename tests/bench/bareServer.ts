/**
 * The bench's baseline: a bare socket.io server doing the least work a live room needs, so
 * Playfield's server CPU per action can be printed as a ratio to it. Per action it receives
 * the event, checks its shape, acknowledges it with a sequence number, counts it (a poll's
 * choices, a brainstorm's notes), and coalesces the console's view: one `view.facilitator`
 * per room per VIEW_FLUSH_INTERVAL_MS at most, carrying the counts. A round change goes to
 * the room's phones at once. No storage, no views per phone, no validation library.
 *
 * Same wire shape as Playfield's for what the generator reads: acks `{ ok, data: { seq } }`,
 * `view.facilitator` `{ seq, serverTime, view }`, `view.public` `{ seq, view: { round } }`.
 * Auth: `{ role: 'facilitator' | 'participant', room }`.
 *
 *   node --import tsx tests/bench/bareServer.ts   (PORT, HOST; prints "running at …")
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { Server, type Socket } from 'socket.io';
import { VIEW_FLUSH_INTERVAL_MS } from '@playfield/shared';

interface Room {
  seq: number;
  round: 0 | 1;
  /** Answers per choice in the poll. */
  counts: number[];
  respondents: number;
  notes: string[];
  flushTimer: NodeJS.Timeout | null;
  lastFlushAt: number;
}

type Ack = (result: unknown) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export interface BareServer {
  port: number;
  close(): Promise<void>;
}

export async function startBareServer(port = 0, host = '127.0.0.1'): Promise<BareServer> {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { transports: ['websocket'], serveClient: false });
  const rooms = new Map<string, Room>();
  const roomOf = (id: string): Room => {
    let room = rooms.get(id);
    if (!room) {
      room = {
        seq: 0,
        round: 0,
        counts: [0, 0, 0],
        respondents: 0,
        notes: [],
        flushTimer: null,
        lastFlushAt: 0,
      };
      rooms.set(id, room);
    }
    return room;
  };
  const viewOf = (room: Room) => ({
    seq: room.seq,
    serverTime: Date.now(),
    view: {
      round:
        room.round === 0
          ? {
              kind: 'poll',
              view: { results: { respondents: room.respondents, counts: room.counts } },
            }
          : { kind: 'brainstorm', view: { notes: room.notes.length } },
    },
  });
  const flush = (id: string, room: Room): void => {
    room.flushTimer = null;
    room.lastFlushAt = Date.now();
    io.to(`f:${id}`).emit('view.facilitator', viewOf(room));
  };
  const markDirty = (id: string, room: Room): void => {
    if (room.flushTimer) return;
    const wait = Math.max(0, room.lastFlushAt + VIEW_FLUSH_INTERVAL_MS - Date.now());
    room.flushTimer = setTimeout(() => flush(id, room), wait);
  };

  io.on('connection', (socket: Socket) => {
    const auth: unknown = socket.handshake.auth;
    if (!isObject(auth) || typeof auth.room !== 'string' || auth.room.length > 64) {
      socket.disconnect(true);
      return;
    }
    const id = auth.room;
    const room = roomOf(id);
    const isFacilitator = auth.role === 'facilitator';
    void socket.join(isFacilitator ? `f:${id}` : `p:${id}`);
    if (isFacilitator) socket.emit('view.facilitator', viewOf(room));
    else socket.emit('view.public', { seq: room.seq, view: { round: { id: `r${room.round}` } } });

    socket.on('round.act', (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as Ack;
      const action = isObject(payload) ? payload.action : null;
      if (!isObject(action))
        return reply({ ok: false, error: { code: 'BAD_REQUEST', message: 'No action' } });
      if (action.type === 'answer' && room.round === 0 && Array.isArray(action.choices)) {
        const choice = Number(action.choices[0]);
        if (!(choice >= 0 && choice < room.counts.length))
          return reply({ ok: false, error: { code: 'BAD_REQUEST', message: 'No such choice' } });
        room.counts[choice] = (room.counts[choice] ?? 0) + 1;
        room.respondents++;
      } else if (action.type === 'addNote' && room.round === 1 && typeof action.text === 'string') {
        room.notes.push(action.text.slice(0, 200));
      } else {
        return reply({ ok: false, error: { code: 'BAD_REQUEST', message: 'Not now' } });
      }
      room.seq++;
      reply({ ok: true, data: { seq: room.seq } });
      markDirty(id, room);
    });

    socket.on('session.control', (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function' || !isFacilitator) return;
      if (!isObject(payload) || payload.type !== 'round.next' || room.round !== 0) {
        (ack as Ack)({ ok: false, error: { code: 'BAD_REQUEST', message: 'Not now' } });
        return;
      }
      room.round = 1;
      room.seq++;
      (ack as Ack)({ ok: true, data: { seq: room.seq } });
      io.to(`p:${id}`).emit('view.public', { seq: room.seq, view: { round: { id: 'r1' } } });
      markDirty(id, room);
    });
  });

  await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
  const address = httpServer.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    async close() {
      for (const room of rooms.values()) if (room.flushTimer) clearTimeout(room.flushTimer);
      await io.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startBareServer(Number(process.env.PORT ?? 0), process.env.HOST);
  console.log(`Bare socket.io running at http://127.0.0.1:${server.port}`);
  process.on('SIGTERM', () => void server.close().finally(() => process.exit(0)));
}
