/**
 * One load generator for Playfield and for the bare socket.io baseline (bareServer.ts), so
 * the two are driven the same way: rooms of phones and a console each; every phone answers
 * a poll at a random moment, the console moves to a brainstorm, every phone posts a note.
 * An action is "seen" at the first console view, after its emit, whose seq reaches its ack's
 * (the server stamps views with the seq of the state they show).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, createRandom } from '@playfield/shared';
import { retryRefusedHandshakes } from '../../client/src/realtime/link.ts';
import { log, pool, postFrom } from './benchKit.ts';
import { act as send } from './benchSupport.ts';

const ACK_TIMEOUT_MS = 30_000;
const SEEN_TIMEOUT_MS = 90_000;
/** Sockets and joins in flight at once, so the machine is not swamped while seating. */
const CONCURRENCY = 50;

export interface LoadRoom {
  facilitator: Socket;
  phones: Socket[];
  pollId: string;
  brainstormId: string;
  /** The newest console view's seq, and when each console view arrived. */
  seq: number;
  arrivals: { at: number; seq: number }[];
  waiters: (() => void)[];
}

/** Connects; `onSocket` adds listeners first, as views may arrive with the connection. */
function connect(
  base: string,
  auth: object,
  onSocket: (socket: Socket) => void = () => undefined,
): Promise<Socket> {
  const socket = io(base, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: ACK_TIMEOUT_MS,
    auth,
  });
  onSocket(socket);
  // Refused as BUSY (past the server's admission rate), it tries again as a phone does.
  retryRefusedHandshakes(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code !== 'BUSY') reject(new Error(`socket: ${error.message}`));
    });
  });
}

function watchConsole(room: LoadRoom): void {
  room.facilitator.on('disconnect', (reason) => {
    // The generator's own clean-up closes consoles too: only the server's drops are news.
    if (reason !== 'io client disconnect') log(`WARNING: a console disconnected: ${reason}`);
  });
  const seen = (message: { seq?: unknown }): void => {
    const seq = typeof message.seq === 'number' ? message.seq : 0;
    room.seq = Math.max(room.seq, seq);
    room.arrivals.push({ at: performance.now(), seq });
    for (const waiter of room.waiters.splice(0)) waiter();
  };
  // Playfield's consoles take patches (as the real console does); the bare server sends views.
  room.facilitator.on('view.facilitator', seen);
  room.facilitator.on('view.facilitator.patch', seen);
}

/** Resolves true once the room's console shows `seq`, false if it never does (counted). */
function consoleReaches(room: LoadRoom, seq: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      const state = room.facilitator.connected ? 'connected' : 'disconnected';
      log(`WARNING: a console (${state}) stayed at seq ${room.seq}, waiting for ${seq}`);
      resolve(false);
    }, SEEN_TIMEOUT_MS);
    const check = (): void => {
      if (room.seq >= seq) {
        clearTimeout(timer);
        resolve(true);
      } else room.waiters.push(check);
    };
    check();
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function stringField(value: unknown, key: string): string {
  const field = isRecord(value) ? value[key] : undefined;
  if (typeof field !== 'string') throw new Error(`no string "${key}" in ${JSON.stringify(value)}`);
  return field;
}

/** A loopback address per room (Linux answers on all of 127.0.0.0/8). */
export const addressOfRoom = (r: number): string =>
  `127.0.${1 + Math.floor(r / 250)}.${1 + (r % 250)}`;

/** The sessions the scenario runs: a poll to answer, then a brainstorm to post notes in. */
export function roomsAgenda(title: string): object {
  return {
    title,
    agenda: [
      {
        kind: 'poll',
        title: 'Sources of customer information',
        config: {
          question: 'How many sources of customer information does your team use?',
          options: ['None', 'One or two', 'Three or more'],
          isMultipleChoice: false,
          isAnonymous: false,
        },
      },
      {
        kind: 'brainstorm',
        title: 'Worst nightmare',
        config: {
          prompt: 'What could a competitor do that would be your worst nightmare?',
          isAnonymous: true,
          maxNotesPerPerson: 3,
          noteLength: 200,
          tags: [],
          dotsPerPerson: 3,
          maxDotsPerItem: 2,
        },
      },
    ],
  };
}

/** Creates `rooms` Playfield sessions with a console and `phones` seated phones each, started. */
export async function setupPlayfieldRooms(
  base: string,
  rooms: number,
  phones: number,
): Promise<LoadRoom[]> {
  return pool(rooms, Math.max(1, Math.floor(CONCURRENCY / phones)), async (r) => {
    const from = addressOfRoom(r);
    const created = await postFrom(`${base}/api/sessions`, roomsAgenda(`Room ${r + 1}`), from);
    const sessionId = stringField(created, 'sessionId');
    const code = stringField(created, 'code');
    const token = stringField(created, 'facilitatorToken');
    let resolveAgenda: (ids: string[]) => void = () => undefined;
    const firstView = new Promise<string[]>((resolve) => (resolveAgenda = resolve));
    const facilitator = await connect(
      base,
      {
        protocolVersion: PROTOCOL_VERSION,
        credential: { role: 'facilitator', sessionId, token },
        viewPatches: true,
      },
      (socket) =>
        socket.once('view.facilitator', (message: { view?: { agenda?: { id: string }[] } }) =>
          resolveAgenda((message.view?.agenda ?? []).map((round) => round.id)),
        ),
    );
    const agenda = await firstView;
    const [pollId, brainstormId] = agenda;
    if (!pollId || !brainstormId) throw new Error('the session has no two rounds');
    const seated = await Promise.all(
      Array.from({ length: phones }, async (_, i) => {
        const seat = await postFrom(
          `${base}/api/join`,
          { code, name: `Person ${i + 1}`, deviceId: `rooms-${randomBytes(9).toString('hex')}` },
          from,
        );
        const credential = { role: 'participant', resumeToken: stringField(seat, 'resumeToken') };
        return connect(base, { protocolVersion: PROTOCOL_VERSION, credential, viewPatches: true });
      }),
    );
    const room: LoadRoom = {
      facilitator,
      phones: seated,
      pollId,
      brainstormId,
      seq: 0,
      arrivals: [],
      waiters: [],
    };
    watchConsole(room);
    const started = await emit(facilitator, 'session.control', { type: 'session.start' });
    if (!started.ok) throw new Error(`session.start refused: ${started.code}`);
    return room;
  });
}

/** The same rooms on the bare server: a console and phones per room, nothing to create. */
export async function setupBareRooms(
  base: string,
  rooms: number,
  phones: number,
): Promise<LoadRoom[]> {
  const out: LoadRoom[] = [];
  for (let r = 0; r < rooms; r++) {
    const room = `room${r}`;
    const facilitator = await connect(base, { role: 'facilitator', room });
    const sockets = await pool(phones, CONCURRENCY, () =>
      connect(base, { role: 'participant', room }),
    );
    const loadRoom: LoadRoom = {
      facilitator,
      phones: sockets,
      pollId: 'r0',
      brainstormId: 'r1',
      seq: 0,
      arrivals: [],
      waiters: [],
    };
    watchConsole(loadRoom);
    out.push(loadRoom);
  }
  return out;
}

export function closeRooms(rooms: readonly LoadRoom[]): void {
  for (const room of rooms) {
    room.facilitator.disconnect();
    for (const phone of room.phones) phone.disconnect();
  }
}

type Sent = { ok: true; seq: number; emitAt: number; ackAt: number } | { ok: false; code: string };

/** Sends as the real client does (BUSY is sent again after a pause), timed from the first emit. */
async function emit(
  socket: Socket,
  event: 'round.act' | 'session.control',
  payload: object,
): Promise<Sent> {
  const emitAt = performance.now();
  let result: Awaited<ReturnType<typeof send>>;
  try {
    result = await send(socket, event, payload);
  } catch {
    return { ok: false, code: 'ACK_TIMEOUT' };
  }
  return result.ok
    ? { ok: true, seq: result.data.seq, emitAt, ackAt: performance.now() }
    : { ok: false, code: result.error.code };
}

/** When each room's actions happen, from the start of the window. */
export interface ActPlan {
  answerSpreadMs: number;
  /** When each console moves to the brainstorm (after its answers are acked), or null: answers only. */
  advanceAtMs: number | null;
  noteSpreadMs: number;
  seed: string;
}

export interface ActionFigures {
  accepted: number;
  ackMs: number[];
  seenMs: number[];
}

export interface ActFigures {
  answers: ActionFigures;
  notes: ActionFigures;
  advanceAckMs: number[];
  refusals: Record<string, number>;
  wallMs: number;
  /** The server's CPU seconds from the first action until every console saw the last. */
  serverCpuS: number;
  /** Rooms whose console never showed its last action (a dropped socket, a lost view). */
  roomsBehind: number;
  /** Accepted answers, notes and round changes. */
  actions: number;
}

/** Runs the plan in every room at once and measures it (see the file's comment). */
export async function act(
  rooms: readonly LoadRoom[],
  plan: ActPlan,
  serverCpuS: () => number,
): Promise<ActFigures> {
  const random = createRandom(plan.seed);
  const refusals: Record<string, number> = {};
  const refuse = (code: string) => (refusals[code] = (refusals[code] ?? 0) + 1);
  const answerSent: { room: LoadRoom; sent: Extract<Sent, { ok: true }> }[] = [];
  const noteSent: typeof answerSent = [];
  const advanceAckMs: number[] = [];
  // Every delay is drawn before anything is sent, so a seed gives the same schedule.
  const schedule = rooms.map((room) =>
    room.phones.map(() => ({
      answerAt: random.next() * plan.answerSpreadMs,
      noteAt: (plan.advanceAtMs ?? 0) + random.next() * plan.noteSpreadMs,
    })),
  );
  for (const room of rooms) room.arrivals = [];
  const cpuBefore = serverCpuS();
  const t0 = performance.now();
  const until = (at: number) => sleep(Math.max(0, t0 + at - performance.now()));
  await Promise.all(
    rooms.map(async (room, r) => {
      const times = schedule[r] ?? [];
      await Promise.all(
        room.phones.map(async (phone, i) => {
          await until(times[i]?.answerAt ?? 0);
          const sent = await emit(phone, 'round.act', {
            roundId: room.pollId,
            action: { type: 'answer', choices: [i % 3] },
          });
          if (sent.ok) answerSent.push({ room, sent });
          else refuse(sent.code);
        }),
      );
      if (plan.advanceAtMs === null) return;
      await until(plan.advanceAtMs);
      const advanced = await emit(room.facilitator, 'session.control', { type: 'round.next' });
      if (!advanced.ok) {
        refuse(`round.next ${advanced.code}`);
        return;
      }
      advanceAckMs.push(advanced.ackAt - advanced.emitAt);
      await Promise.all(
        room.phones.map(async (phone, i) => {
          await until(times[i]?.noteAt ?? 0);
          const sent = await emit(phone, 'round.act', {
            roundId: room.brainstormId,
            action: {
              type: 'addNote',
              text: `Idea ${i + 1}: a competitor who answers every customer within the hour`,
              tag: null,
            },
          });
          if (sent.ok) noteSent.push({ room, sent });
          else refuse(sent.code);
        }),
      );
    }),
  );
  const lastSeq = new Map<LoadRoom, number>();
  for (const { room, sent } of [...answerSent, ...noteSent])
    lastSeq.set(room, Math.max(lastSeq.get(room) ?? 0, sent.seq));
  const reached = await Promise.all([...lastSeq].map(([room, seq]) => consoleReaches(room, seq)));
  const wallMs = performance.now() - t0;
  const cpuS = serverCpuS() - cpuBefore;
  const figures = (list: typeof answerSent): ActionFigures => ({
    accepted: list.length,
    ackMs: list.map(({ sent }) => sent.ackAt - sent.emitAt),
    seenMs: list.flatMap(({ room, sent }) => {
      const view = room.arrivals.find((a) => a.seq >= sent.seq && a.at >= sent.emitAt);
      return view ? [view.at - sent.emitAt] : [];
    }),
  });
  return {
    answers: figures(answerSent),
    notes: figures(noteSent),
    advanceAckMs,
    refusals,
    wallMs,
    serverCpuS: cpuS,
    roomsBehind: reached.filter((isReached) => !isReached).length,
    actions: answerSent.length + noteSent.length + advanceAckMs.length,
  };
}
