/**
 * The many-rooms scenario (`npm run bench -- --scenario rooms`): 100 sessions of 30 phones
 * (--rooms, --phones), as a hosted service sees them. In the same 6 s every phone answers a
 * poll (within 2.5 s), each console moves to a brainstorm at 3 s, and every phone posts a
 * note (within the next 3 s). The same generator then drives the bare socket.io baseline
 * (bareServer.ts), and the table gives Playfield's server CPU per action as a ratio to it.
 *
 * Also here: the bare baseline for the one-room scenario (bench.ts), and the heap each idle
 * phone costs, measured after a forced collection in the server (heapProbe.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log, ms, percentile, round1, startChild, type ServerChild } from './benchKit.ts';
import {
  act,
  closeRooms,
  setupBareRooms,
  setupPlayfieldRooms,
  type ActFigures,
  type LoadRoom,
} from './roomsLoad.ts';

/** Playfield as the bench runs it: its own process, a fresh SQLite directory, no join limits. */
export async function startPlayfieldChild(
  dataDir: string,
  cpuProfDir: string | null,
): Promise<ServerChild> {
  return startChild(
    'server/src/main.ts',
    {
      DATA_DIR: dataDir,
      CLIENT_DIR: '',
      // The bench seats thousands of phones from one address into one session.
      JOINS_PER_MINUTE_PER_ADDRESS: '1000000',
      JOINS_PER_MINUTE_PER_SESSION: '1000000',
    },
    cpuProfDir,
  );
}

export function startBareChild(cpuProfDir: string | null = null): Promise<ServerChild> {
  return startChild('tests/bench/bareServer.ts', {}, cpuProfDir, 'bare');
}

/** Heap per phone in KB: what seating `phones` added, after a collection before and after. */
export async function heapPerPhone(
  server: ServerChild,
  phones: number,
  seat: () => Promise<void>,
): Promise<number | null> {
  const before = await server.heapKb();
  await seat();
  const after = await server.heapKb();
  return before === null || after === null || phones === 0 ? null : (after - before) / phones;
}

const perThousand = (cpuS: number, count: number): number | null =>
  count === 0 ? null : Math.round((cpuS * 1e6) / count);

export interface BareOneRoom {
  serverCpuMsPer1000Answers: number | null;
  heapKbPerIdlePhone: number | null;
  answerP99Ms: number | null;
}

/** The bare baseline of the one-room scenario: `phones` phones answer within `spreadMs`. */
export async function bareOneRoom(
  phones: number,
  spreadMs: number,
  seed: string,
): Promise<BareOneRoom> {
  const server = await startBareChild();
  let rooms: LoadRoom[] = [];
  try {
    const heap = await heapPerPhone(server, phones, async () => {
      rooms = await setupBareRooms(server.base, 1, phones);
    });
    const figures = await act(
      rooms,
      { answerSpreadMs: spreadMs, advanceAtMs: null, noteSpreadMs: 0, seed },
      server.cpuS,
    );
    return {
      serverCpuMsPer1000Answers: perThousand(figures.serverCpuS, figures.answers.accepted),
      heapKbPerIdlePhone: heap,
      answerP99Ms: round1(percentile(figures.answers.seenMs, 99)),
    };
  } finally {
    closeRooms(rooms);
    await server.stop();
  }
}

export interface RoomsOptions {
  rooms: number;
  phones: number;
  seed: string;
  cpuProfDir: string | null;
}

/** The plan of the 6 s window. */
const PLAN = { answerSpreadMs: 2500, advanceAtMs: 3000, noteSpreadMs: 3000 };

async function measure(
  name: string,
  server: ServerChild,
  options: RoomsOptions,
  setup: () => Promise<LoadRoom[]>,
): Promise<{ act: ActFigures; heapKbPerPhone: number | null; seatMs: number }> {
  let rooms: LoadRoom[] = [];
  const startedAt = performance.now();
  try {
    const heapKbPerPhone = await heapPerPhone(server, options.rooms * options.phones, async () => {
      rooms = await setup();
    });
    const seatMs = performance.now() - startedAt;
    log(`${name}: ${options.rooms} rooms of ${options.phones} seated in ${Math.round(seatMs)} ms`);
    const figures = await act(rooms, { ...PLAN, seed: options.seed }, server.cpuS);
    if (Object.keys(figures.refusals).length > 0)
      log(`WARNING: ${name} refused ${JSON.stringify(figures.refusals)}`);
    return { act: figures, heapKbPerPhone, seatMs };
  } finally {
    closeRooms(rooms);
    await server.stop();
  }
}

/** Runs the scenario on Playfield, then on the bare baseline; prints the table and JSON. */
export async function runRoomsScenario(options: RoomsOptions): Promise<Record<string, unknown>> {
  const { rooms, phones } = options;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-bench-rooms-'));
  const loadAtStart = os.loadavg()[0] ?? 0;
  let playfield: Awaited<ReturnType<typeof measure>>;
  try {
    const server = await startPlayfieldChild(dataDir, options.cpuProfDir);
    playfield = await measure('playfield', server, options, () =>
      setupPlayfieldRooms(server.base, rooms, phones),
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const bareServer = await startBareChild();
  const bare = await measure('bare socket.io', bareServer, options, () =>
    setupBareRooms(bareServer.base, rooms, phones),
  );
  const p = playfield.act;
  const cpuPerAction = perThousand(p.serverCpuS, p.actions);
  const bareCpuPerAction = perThousand(bare.act.serverCpuS, bare.act.actions);
  const figures = {
    scenario: 'rooms',
    rooms,
    phones,
    answers: p.answers.accepted,
    notes: p.notes.accepted,
    roomsBehind: p.roomsBehind,
    answerToConsoleP50Ms: round1(percentile(p.answers.seenMs, 50)),
    answerToConsoleP95Ms: round1(percentile(p.answers.seenMs, 95)),
    answerToConsoleP99Ms: round1(percentile(p.answers.seenMs, 99)),
    noteToConsoleP99Ms: round1(percentile(p.notes.seenMs, 99)),
    serverCpuMsPer1000Actions: cpuPerAction,
    bareCpuMsPer1000Actions: bareCpuPerAction,
    cpuRatioToBare:
      cpuPerAction === null || !bareCpuPerAction
        ? null
        : Math.round((cpuPerAction / bareCpuPerAction) * 100) / 100,
    heapKbPerPhone: round1(playfield.heapKbPerPhone),
    bareHeapKbPerPhone: round1(bare.heapKbPerPhone),
  };
  const trio = (list: number[]) => [50, 95, 99].map((q) => ms(percentile(list, q))).join(' / ');
  const rows: [string, string][] = [
    ['rooms x phones', `${rooms} x ${phones}`],
    [
      'load average at start / end',
      `${loadAtStart.toFixed(1)} / ${(os.loadavg()[0] ?? 0).toFixed(1)}`,
    ],
    ['seating (sessions, joins, sockets)', `${Math.round(playfield.seatMs)} ms`],
    ['rooms whose console never caught up', String(p.roomsBehind)],
    [
      'answers / notes accepted',
      `${p.answers.accepted} / ${p.notes.accepted} of ${rooms * phones}`,
    ],
    ['answer ack p50 / p95 / p99', trio(p.answers.ackMs)],
    ['answer -> console p50 / p95 / p99', trio(p.answers.seenMs)],
    ['note -> console p50 / p95 / p99', trio(p.notes.seenMs)],
    [
      'round.next ack p50 / p99',
      `${ms(percentile(p.advanceAckMs, 50))} / ${ms(percentile(p.advanceAckMs, 99))}`,
    ],
    ['window wall / server CPU', `${Math.round(p.wallMs)} ms / ${p.serverCpuS.toFixed(2)} s`],
    ['server CPU per 1,000 actions', `${cpuPerAction ?? 'n/a'} ms`],
    ['bare socket.io: answer -> console p50 / p95 / p99', trio(bare.act.answers.seenMs)],
    ['bare socket.io: CPU per 1,000 actions', `${bareCpuPerAction ?? 'n/a'} ms`],
    ['Playfield CPU per action / bare (target <= 2)', `${figures.cpuRatioToBare ?? 'n/a'}x`],
    [
      'heap per phone (its share of the room) / bare',
      `${figures.heapKbPerPhone ?? 'n/a'} KB / ${figures.bareHeapKbPerPhone ?? 'n/a'} KB`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(
    `\nPlayfield many-rooms benchmark (${os.cpus().length} CPUs, Node ${process.version})`,
  );
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  console.log(JSON.stringify(figures));
  return figures;
}
