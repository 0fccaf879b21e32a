/**
 * One run of the document fuzz: its seeded state, the room whose documents it edits, the
 * clients that hold them, and how a request is sent and recorded. docFuzz.test.ts drives
 * it step by step; docFuzzChecks.ts judges what it recorded.
 */
import { expect } from 'vitest';
import {
  createRandom,
  docIdOf,
  type CreatedSession,
  type DocCredential,
  type JoinedSeat,
  type Random,
} from '@playfield/shared';
import type { Kind } from './docFuzzEdits.ts';
import { HonestEditor, RawDocSocket, Throttle, type AckOutcome } from './docFuzzClients.ts';
import {
  createSessionAt,
  emitAck,
  facilitatorOf,
  joinAt,
  pollRound,
  postJson,
  type useChildServers,
  type WatchedChildServer,
} from './harness.ts';

/** A honest client's place: its credential, its rate key on the server, its current editor. */
export interface HonestSlot {
  name: string;
  credential: DocCredential;
  rateKey: () => string;
  editor: HonestEditor;
  reloads: number;
}

/** A hostile client's place: it holds the document with edit rights and sends anything. */
export interface HostileSlot {
  name: string;
  credential: DocCredential;
  rateKey: () => string;
  raw: RawDocSocket | null;
}

export interface Target {
  kind: Kind;
  docId: string;
  honest: HonestSlot[];
  hostile: HostileSlot[];
}

/** One request's record, for the assertions and for the failure report. */
export interface Sent {
  step: number;
  target: string;
  who: string;
  what: string;
  /** The refusal the design requires for this input, if any. */
  mustRefuse: boolean;
  outcome: AckOutcome;
}

/** Everything one run holds: its server, what it sent, what is open, and what it cost. */
export interface FuzzRun {
  seed: string;
  count: number;
  random: Random;
  children: ReturnType<typeof useChildServers>;
  dataDir: string;
  server: WatchedChildServer;
  throttle: Throttle;
  sent: Sent[];
  sockets: { close(): void }[];
  socketCount: number;
  startedAt: number;
  step: number;
  busyMs: number;
  buildMs: Map<string, number>;
  /** Why honest sockets closed (by the server, or by a reload after a refusal). */
  closings: string[];
  /** What is waiting for an ack now: the suspects when the server dies. */
  waiting: Set<string>;
}

/** The session whose notebook and plans the run edits, and who holds each document. */
export interface FuzzRoom {
  session: CreatedSession;
  seats: JoinedSeat[];
  /** The facilitator's credential for documents. */
  facilitatorDocs: DocCredential;
  /** The notebook first, then one plan per seat. */
  targets: Target[];
}

/** Seeds the run and starts its server as a child process on a fresh data directory. */
export async function startRun(
  children: ReturnType<typeof useChildServers>,
  seed: string,
  count: number,
): Promise<FuzzRun> {
  const random = createRandom(seed);
  const dataDir = children.newDataDir();
  const server = await children.startWatched(dataDir);
  return {
    seed,
    count,
    random,
    children,
    dataDir,
    server,
    throttle: new Throttle(),
    sent: [],
    sockets: [],
    socketCount: 0,
    startedAt: performance.now(),
    step: 0,
    busyMs: 0,
    buildMs: new Map(),
    closings: [],
    waiting: new Set(),
  };
}

/** Where the run stands, for a failing assertion or a dead server. */
export function report(run: FuzzRun): string {
  const { sent, server } = run;
  return [
    `Doc fuzz with FUZZ_SEED=${run.seed} FUZZ_COUNT=${run.count}: ${sent.length} messages in ${Math.round(performance.now() - run.startedAt)} ms, stopped at step ${run.step}.`,
    `Waited ${Math.round(run.throttle.waitedMs)} ms for rate tokens; ${Math.round(run.busyMs)} ms building messages.`,
    `Slowest to build: ${[...run.buildMs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([k, ms]) => `${k} ${Math.round(ms)} ms`)
      .join(', ')}`,
    `Waiting for an ack: ${[...run.waiting].join('; ') || 'nothing'}`,
    `Last answered: ${sent
      .slice(-4)
      .map((s) => `${s.what} -> ${JSON.stringify(s.outcome).slice(0, 160)}`)
      .join('; ')}`,
    `Server ${server.isRunning() ? 'running' : 'EXITED'}; its output:\n${server.output().slice(-4_000)}`,
  ].join('\n');
}

/** The rate key the server gives a socket opened with `credential`. */
export function keyOf(run: FuzzRun, room: FuzzRoom, credential: DocCredential): () => string {
  if (credential.role === 'facilitator') return () => `f:${room.session.sessionId}`;
  if (credential.role === 'participant') {
    const seat = room.seats.find((s) => s.resumeToken === credential.resumeToken);
    return () => `p:${seat?.participantId ?? ''}`;
  }
  // A link's budget is per socket: each new socket gets its own key.
  const id = ++run.socketCount;
  return () => `l:${id}`;
}

async function openHonest(
  run: FuzzRun,
  room: FuzzRoom,
  name: string,
  credential: DocCredential,
  docId: string,
): Promise<HonestSlot> {
  const rateKey = keyOf(run, room, credential);
  const { editor } = await HonestEditor.open(
    run.server.url,
    credential,
    rateKey(),
    docId,
    run.throttle,
  );
  run.sockets.push(editor);
  return { name, credential, rateKey, editor, reloads: 0 };
}

/**
 * A session with three seats, an edit link for the notebook, and the first round running;
 * three honest copies of the notebook and two of each plan, and the hostile clients.
 */
export async function openRoom(run: FuzzRun): Promise<FuzzRoom> {
  const { children, server } = run;
  const session: CreatedSession = await createSessionAt(server.url, {
    agenda: [pollRound(), pollRound({ question: 'Which channel is busiest?' }, 'Second')],
  });
  const seats: JoinedSeat[] = [];
  for (const name of ['Ana', 'Ben', 'Chloé'])
    seats.push(await joinAt(server.url, session.code, name));
  const link = await postJson(
    `${server.url}/api/notebooks/${session.sessionId}/links`,
    { rights: 'edit' },
    { authorization: `Bearer ${session.facilitatorToken}` },
  );
  expect(link.status).toBe(201);
  const linkToken = (link.body as { token: string }).token;
  const facilitatorSocket = await children.connect(server.url, facilitatorOf(session));
  expect(
    await emitAck(facilitatorSocket, 'session.control', { type: 'session.start' }),
  ).toMatchObject({ ok: true });

  const linkCredential: DocCredential = { role: 'link', token: linkToken };
  const facilitatorDocs: DocCredential = {
    role: 'facilitator',
    sessionId: session.sessionId,
    token: session.facilitatorToken,
  };
  const room: FuzzRoom = { session, seats, facilitatorDocs, targets: [] };
  const notebookId = docIdOf({ kind: 'notebook', sessionId: session.sessionId });
  room.targets.push({
    kind: 'notebook',
    docId: notebookId,
    honest: [
      await openHonest(run, room, 'console', facilitatorDocs, notebookId),
      await openHonest(run, room, 'link A', linkCredential, notebookId),
      await openHonest(run, room, 'link B', linkCredential, notebookId),
    ],
    hostile: [
      { name: 'evil link 1', credential: linkCredential, rateKey: () => '', raw: null },
      { name: 'evil link 2', credential: linkCredential, rateKey: () => '', raw: null },
    ],
  });
  for (const seat of seats) {
    const docId = docIdOf({
      kind: 'plan',
      sessionId: session.sessionId,
      participantId: seat.participantId,
    });
    const credential: DocCredential = { role: 'participant', resumeToken: seat.resumeToken };
    room.targets.push({
      kind: 'plan',
      docId,
      honest: [
        await openHonest(run, room, `${seat.name} phone`, credential, docId),
        await openHonest(run, room, `${seat.name} laptop`, credential, docId),
      ],
      hostile: [
        {
          name: `${seat.name} evil tab`,
          credential,
          rateKey: keyOf(run, room, credential),
          raw: null,
        },
      ],
    });
  }
  return room;
}

/** Who reads `target` whole: the facilitator for the notebook, the seat for its plan. */
export function readerOf(room: FuzzRoom, target: Target): DocCredential {
  return target.kind === 'notebook'
    ? room.facilitatorDocs
    : (target.honest[0] as HonestSlot).credential;
}

/** Sends one request and records its outcome; resolves when it is answered. */
export async function record(
  run: FuzzRun,
  target: Target,
  who: string,
  what: string,
  mustRefuse: boolean,
  request: () => Promise<AckOutcome | null>,
): Promise<void> {
  const at = run.step;
  const label = `step ${at} ${who} on ${target.kind}: ${what}`;
  run.waiting.add(label);
  const outcome = await request().finally(() => run.waiting.delete(label));
  if (outcome) run.sent.push({ step: at, target: target.docId, who, what, mustRefuse, outcome });
}

/** A hostile socket holding the document, fresh when the old one collected strikes. */
export async function hostileSocket(
  run: FuzzRun,
  room: FuzzRoom,
  target: Target,
  slot: HostileSlot,
): Promise<RawDocSocket> {
  if (slot.raw && slot.raw.connected && slot.raw.strikes < 40) return slot.raw;
  // Its requests in flight are answered first: closing must not lose their acks.
  await slot.raw?.idle();
  slot.raw?.close();
  if (slot.credential.role === 'link') slot.rateKey = keyOf(run, room, slot.credential);
  const raw = await RawDocSocket.connect(run.server.url, slot.credential, slot.rateKey());
  run.sockets.push(raw);
  await run.throttle.take(raw.rateKey);
  const opened = await raw.request('doc.open', {
    docId: target.docId,
    stateVector: new Uint8Array([0]),
  });
  run.sent.push({
    step: run.step,
    target: target.docId,
    who: slot.name,
    what: 'open',
    mustRefuse: false,
    outcome: opened,
  });
  slot.raw = raw;
  return raw;
}

/** Closes a honest copy and opens it again, as a browser does after a refusal. */
export async function reload(
  run: FuzzRun,
  room: FuzzRoom,
  target: Target,
  slot: HonestSlot,
): Promise<void> {
  // Its edits still in flight are answered first: closing must not lose their acks.
  await slot.editor.idle();
  await slot.editor.raw.idle();
  run.closings.push(
    ...slot.editor.raw.closings.map((c) => `${slot.name} (step ${run.step}): ${c}`),
  );
  slot.editor.close();
  const fresh = await openHonest(run, room, slot.name, slot.credential, target.docId);
  slot.editor = fresh.editor;
  slot.rateKey = fresh.rateKey;
  slot.reloads++;
}

/** Runs `build` and counts its time: building messages must not be the bottleneck. */
export function timed<T>(run: FuzzRun, build: () => T, label: (result: T) => string): T {
  const since = performance.now();
  const result = build();
  const ms = performance.now() - since;
  run.busyMs += ms;
  const key = label(result).replace(/ \d+\/\d+$/, '');
  run.buildMs.set(key, (run.buildMs.get(key) ?? 0) + ms);
  return result;
}
