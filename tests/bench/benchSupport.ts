/** The load bench's pieces (bench.ts): waiters, HTTP, the server's resources, sockets. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Accepted,
  type ParticipantPublicView,
  type ViewMessage,
  type ClientToServerEvents,
  type Credential,
  type ErrorCode,
  type Result,
  type ServerToClientEvents,
} from '@playfield/shared';
import { applyViewPatch } from '@playfield/shared/protocol/viewPatch';
import { retryRefusedHandshakes, sendRetryingBusy } from '../../client/src/realtime/link.ts';
import { log, readProc, ROOT, type ServerChild } from './benchKit.ts';
import { ACK_TIMEOUT_MS, STEP_TIMEOUT_MS } from './benchOptions.ts';

export type PlayfieldSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Resolves waiters when something they watch may have changed. Every received view calls
 * `notify`, and each waiter re-checks its own (cheap, counter based) condition.
 */
export class Changes {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  until(check: () => boolean, label: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      if (check()) return resolve();
      const waiter = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** POSTs JSON and returns the string fields the caller needs, checked. */
export async function postJson<K extends string>(
  url: string,
  body: unknown,
  keys: readonly K[],
): Promise<Record<K, string>> {
  const post = () =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
    });
  // A connection reset on a saturated machine ("fetch failed") is tried again, twice: a
  // refusal with a status is not.
  let res: Response;
  for (let attempt = 1; ; attempt++) {
    try {
      res = await post();
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
      log(`${url}: ${String(error)}; trying again`);
    }
  }
  const json: unknown = await res.json();
  if (!res.ok || !isRecord(json)) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = json[key];
    if (typeof value !== 'string') throw new Error(`${url}: no string "${key}" in the reply`);
    out[key] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The server child process and its resource use

/** Samples the server's RSS every 100 ms and keeps the peak. */
export class ServerSampler {
  peakRssKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
    this.sample();
  }

  sample(): { rssKb: number; cpuS: number } | null {
    const now = readProc(this.pid);
    if (now) this.peakRssKb = Math.max(this.peakRssKb, now.rssKb);
    return now;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Participant JavaScript size

/**
 * Gzipped size of the JavaScript a phone needs to join and answer: the entry chunk and its
 * static imports, never `dynamicImports` (the console and the room screen are lazy chunks).
 */
export async function participantJsGzipKb(): Promise<{ kb: number | null; files: string[] }> {
  const clientDir = path.join(ROOT, 'dist/client');
  const manifestPath = path.join(clientDir, '.vite/manifest.json');
  if (!fs.existsSync(manifestPath)) {
    log('no client manifest: running `npx vite build`');
    let output = '';
    const code = await new Promise<number | null>((resolve) => {
      const build = spawn('npx', ['vite', 'build'], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const timer = setTimeout(() => build.kill('SIGKILL'), 180_000);
      build.stdout?.on('data', (c: Buffer) => (output += c.toString()));
      build.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      build.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    if (code !== 0 || !fs.existsSync(manifestPath)) {
      const colours = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
      const lines = output.replace(colours, '').trim().split('\n');
      const tail = lines
        .filter((l) => !/^\s+at /.test(l))
        .slice(-12)
        .join('\n');
      log(`WARNING: vite build failed (exit ${code}); participantJsGzipKb is null\n${tail}`);
      return { kb: null, files: [] };
    }
  }
  const manifest: unknown = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  if (!isRecord(manifest)) throw new Error('the Vite manifest is not an object');
  const chunk = (key: string): Record<string, unknown> | null => {
    const value = manifest[key];
    return isRecord(value) ? value : null;
  };
  const stringList = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const seen = new Set<string>();
  const stack = Object.keys(manifest).filter((key) => chunk(key)?.isEntry === true);
  if (stack.length === 0) throw new Error('the Vite manifest has no entry chunk');
  while (stack.length > 0) {
    const key = stack.pop() ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    stack.push(...stringList(chunk(key)?.imports));
  }
  const files = [...seen]
    .map((key) => chunk(key)?.file)
    .filter((file): file is string => typeof file === 'string' && file.endsWith('.js'));
  let bytes = 0;
  for (const file of files) {
    bytes += gzipSync(fs.readFileSync(path.join(clientDir, file)), { level: 9 }).length;
  }
  return { kb: bytes / 1024, files };
}

// ---------------------------------------------------------------------------------------------
// Sockets

/** Handshakes the server refused as BUSY (each tried again after a jittered pause). */
let busyRefusals = 0;

/** How many handshakes were refused as BUSY so far. */
export const busyRefusalCount = (): number => busyRefusals;

type PublicMessage = ViewMessage<ParticipantPublicView>;
type PublicListener = (message: PublicMessage) => void;

/** Who listens to each phone's shared view, which `connect` keeps whole from views and patches. */
const publicListeners = new WeakMap<PlayfieldSocket, Set<PublicListener>>();
let publicPatchBytes = 0;

/** The bytes of the shared view's patches all phones received so far (their operations as JSON). */
export const publicPatchBytesReceived = (): number => publicPatchBytes;

/** Calls `listener` with every shared view the phone holds from now on; returns the way to stop. */
export function onPublicView(socket: PlayfieldSocket, listener: PublicListener): () => void {
  const listeners = publicListeners.get(socket);
  if (!listeners) throw new Error('onPublicView: not a phone opened by connect');
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A phone holds the room's shared view as the real one does: whole, then patched. */
function followPublicView(socket: PlayfieldSocket): void {
  const listeners = new Set<PublicListener>();
  publicListeners.set(socket, listeners);
  let held: PublicMessage | null = null;
  const hold = (message: PublicMessage): void => {
    held = message;
    for (const listener of listeners) listener(message);
  };
  socket.on('view.public', hold);
  socket.on('view.public.patch', (patch) => {
    if (!held || held.version !== patch.base) {
      log(`WARNING: a phone's patch from ${patch.base} while holding ${held?.version}`);
      socket.emit('session.sync', { lastSeq: 0 }, () => undefined);
      return;
    }
    publicPatchBytes += JSON.stringify(patch.ops).length;
    const { seq, serverTime, version } = patch;
    hold({ seq, serverTime, version, view: applyViewPatch(held.view, patch.ops) });
  });
}

export function connect(
  base: string,
  credential: Credential,
  onSocket: (socket: PlayfieldSocket) => void,
): Promise<PlayfieldSocket> {
  const socket: PlayfieldSocket = io(base, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: ACK_TIMEOUT_MS,
    // Consoles and phones take patches of their views, as the real ones do (client/src/realtime).
    auth: { protocolVersion: PROTOCOL_VERSION, credential, viewPatches: true },
  });
  if (credential.role === 'participant') followPublicView(socket);
  // Listeners go on before the connection opens: the server sends views straight away.
  onSocket(socket);
  // Refused as BUSY (past the server's admission rate), it tries again as a phone does.
  retryRefusedHandshakes(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === 'BUSY') busyRefusals++;
      else reject(new Error(`socket: ${error.message}`));
    });
  });
}

export async function control(
  socket: PlayfieldSocket,
  type: 'session.start' | 'round.next' | 'round.back',
): Promise<void> {
  const reply: unknown = await socket
    .timeout(ACK_TIMEOUT_MS)
    .emitWithAck('session.control', { type });
  const result = readAck(reply);
  if (!result.ok) throw new Error(`${type} refused: ${result.error.code} ${result.error.message}`);
}

let busyRetries = 0;

/** How many actions refused as BUSY were sent again so far. */
export const busyRetryCount = (): number => busyRetries;

/**
 * A phone's action as the real client sends it (client/src/realtime): acknowledged, and sent
 * again after a jittered pause while the server refuses it as BUSY. Throws when no answer
 * comes within the time-out.
 */
export function act(
  socket: { timeout(ms: number): unknown },
  event: keyof ClientToServerEvents,
  payload: unknown,
): Promise<Result<Accepted>> {
  // The payload is the caller's untyped test data: the server parses it as any other.
  type Emitter = { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  const emit = () => (socket.timeout(ACK_TIMEOUT_MS) as Emitter).emitWithAck(event, payload);
  return sendRetryingBusy(
    async () => readAck(await emit()),
    () => busyRetries++,
  );
}

/** Acks are read as untrusted input and checked, never cast. */
export function readAck(value: unknown): Result<Accepted> {
  if (isRecord(value) && value.ok === true && isRecord(value.data)) {
    const { seq } = value.data;
    if (typeof seq === 'number') return { ok: true, data: { seq } };
  }
  if (isRecord(value) && value.ok === false && isRecord(value.error)) {
    const { code, message } = value.error;
    if (typeof code === 'string' && typeof message === 'string')
      return { ok: false, error: { code: code as ErrorCode, message } };
  }
  return {
    ok: false,
    error: { code: 'INTERNAL', message: `Malformed ack ${JSON.stringify(value)}` },
  };
}

export interface Phone {
  socket: PlayfieldSocket | null;
  /** The round of the last public view received, and whether any arrived yet. */
  roundId: string | null;
  hasView: boolean;
}

/**
 * A broadcast being timed: every phone records when a public view showing `roundId`
 * first reaches it, relative to `startedAt` (when the facilitator emitted the command).
 */
export interface RoundWatch {
  roundId: string;
  startedAt: number;
  samples: number[];
  seen: Set<number>;
}

export interface Figures {
  participants: number;
  joinMs: number;
  answerP50Ms: number | null;
  answerP95Ms: number | null;
  answerP99Ms: number | null;
  advanceP99Ms: number | null;
  brainstormNoteP99Ms: number | null;
  brainstormDotP99Ms: number | null;
  /** A brainstorm facilitator action (grouping 50 notes) until the console shows it. */
  brainstormFacilitatorP99Ms: number | null;
  peakRssMb: number;
  participantJsGzipKb: number | null;
  /** Server CPU per 1,000 accepted answers, notes and dots: flat cost means flat figures. */
  serverCpuMsPer1000Answers: number | null;
  serverCpuMsPer1000Notes: number | null;
  serverCpuMsPer1000Dots: number | null;
  /** Heap each idle phone adds (after a forced collection), and the bare baseline's. */
  heapKbPerIdlePhone: number | null;
  bareHeapKbPerIdlePhone: number | null;
  /** The bare socket.io baseline under the same answers, and Playfield's CPU as a ratio to it. */
  bareCpuMsPer1000Answers: number | null;
  cpuRatioToBare: number | null;
  /** CPU per 1,000 answers here against the last run at 500 on record (target <= 1.2). */
  cpuPer1000AnswersRatioTo500: number | null;
}

/** What to undo when the run ends or is aborted, last first. */
export const cleanups: (() => Promise<void> | void)[] = [];

export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()?.();
    } catch (error) {
      log(`clean-up failed: ${String(error)}`);
    }
  }
}

/** The first poll's options. */
export const POLL_OPTIONS = ['None', 'One or two', 'Three or more'];

/** The bench's session: a poll to answer, a second round to move to, and a brainstorm. */
export function benchSession(n: number): object {
  return {
    title: `Bench with ${n} phones`,
    agenda: [
      {
        kind: 'poll',
        title: 'Sources of customer information',
        config: {
          question: 'How many sources of customer information does your team use?',
          options: POLL_OPTIONS,
          isMultipleChoice: false,
          isAnonymous: false,
        },
      },
      {
        kind: 'poll',
        title: 'Response time',
        config: {
          question: 'How fast do you answer a customer email?',
          options: ['Same hour', 'Same day', 'Later'],
          isMultipleChoice: false,
          isAnonymous: false,
        },
      },
      // The brainstorm scenario: every phone posts a note, then places a dot.
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

/** Times named phases: wall time, and the server's and this generator's CPU in each. */
export function phaseTimer(sampler: ServerSampler, server?: Pick<ServerChild, 'profile'>) {
  const phases: { name: string; ms: number; serverCpuS: number; benchCpuS: number }[] = [];
  const phase = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    await server?.profile('start', name);
    const before = sampler.sample();
    const benchBefore = process.cpuUsage();
    const startedAt = performance.now();
    const result = await body();
    const after = sampler.sample();
    const bench = process.cpuUsage(benchBefore);
    await server?.profile('stop', name);
    phases.push({
      name,
      ms: performance.now() - startedAt,
      serverCpuS: (after?.cpuS ?? 0) - (before?.cpuS ?? 0),
      benchCpuS: (bench.user + bench.system) / 1e6,
    });
    return result;
  };
  return { phases, phase };
}
