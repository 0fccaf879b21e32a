/**
 * Load benchmark: one live session, N phones, one facilitator console. In order: every phone
 * answers a poll, the room moves rounds, then a brainstorm where every phone posts a note
 * and, once the notes are clustered and the vote is open, places a dot.
 *
 * The real server runs as a child process (`node --import tsx server/src/main.ts`) so its
 * memory is measured apart from this load generator. Figures, not pass/fail: the last line
 * of stdout is one JSON object for scripts; the table above it is for people.
 *
 *   npm run bench -- --participants 2000      (or BENCH_PARTICIPANTS=2000 npm run bench)
 *   options: --seed S, --timeout-s T (default 300), --cpu-prof-dir DIR (profiles the server),
 *   --scenario rounds|qa|rooms|rehearsal (default rounds). The Q&A scenario joins the phones, starts the
 *   session, then 200 phones ask a question each and every phone upvotes five questions:
 *   it times question -> console and upvote -> room screen, and the server's CPU per 1,000.
 *
 * `npm run bench` runs this file alone, so every flag reaches it; the notebook, rehearsal and
 * cluster benches have their own scripts (bench:notebook, bench:rehearsal, bench:cluster), and
 * `npm run bench:all` runs this one, the notebook and the rehearsal in turn (flags unpassed).
 *
 * The many-rooms scenario (--scenario rooms, --rooms R --phones P, default 100 x 30) is in
 * roomsScenario.ts. The rounds scenario also runs the bare socket.io baseline (bareServer.ts)
 * under the same answer load and prints Playfield's server CPU per answer as a ratio to it,
 * the heap per idle phone (after a forced collection) beside the baseline's, and, when a run
 * at 500 is on record (test-artifacts/bench/), CPU per 1,000 answers at N against 500.
 *
 * Both processes share the machine, so latencies include this generator's own event loop
 * delay; the generator's CPU time is reported beside the server's to tell them apart.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import {
  applyViewPatch,
  createRandom,
  PROTOCOL_VERSION,
  type Accepted,
  type ClientToServerEvents,
  type Credential,
  type ErrorCode,
  type FacilitatorView,
  type Result,
  type ServerToClientEvents,
} from '@playfield/shared';
import {
  HOST,
  loadFigures,
  log,
  percentile,
  pool,
  readProc,
  ROOT,
  round1,
  saveFigures,
} from './benchKit.ts';
import { retryRefusedHandshakes } from '../../client/src/realtime/link.ts';
import { bareOneRoom, runRoomsScenario, startPlayfieldChild } from './roomsScenario.ts';

type PlayfieldSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Joins and socket connections in flight at once, so the machine is not swamped. */
const CONCURRENCY = 50;
const ACK_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 90_000;
/** Round changes timed: this many next/back pairs, all samples pooled. */
const ADVANCE_REPEATS = 3;
const FACILITATOR_PAUSE_MS = 300;

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  participants: number;
  seed: string;
  timeoutMs: number;
  cpuProfDir: string | null;
  scenario: 'rounds' | 'qa' | 'rooms';
  rooms: number;
  phones: number;
}

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1));
    else values.set(arg.slice(2), argv[++i] ?? '');
  }
  const known = new Set([
    'participants',
    'seed',
    'timeout-s',
    'cpu-prof-dir',
    'scenario',
    'rooms',
    'phones',
  ]);
  for (const key of values.keys()) if (!known.has(key)) throw new Error(`Unknown option --${key}`);
  const positiveInt = (name: string, raw: string | undefined, fallback: number): number => {
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
    return n;
  };
  const cpuProfDir = values.get('cpu-prof-dir');
  const scenario = values.get('scenario') ?? 'rounds';
  if (scenario !== 'rounds' && scenario !== 'qa' && scenario !== 'rooms')
    throw new Error('--scenario is rounds, qa, rooms or rehearsal');
  return {
    scenario,
    rooms: positiveInt('--rooms', values.get('rooms'), 100),
    phones: positiveInt('--phones', values.get('phones'), 30),
    participants: positiveInt(
      '--participants',
      values.get('participants') ?? env.BENCH_PARTICIPANTS,
      500,
    ),
    seed: values.get('seed') || 'bench',
    timeoutMs: positiveInt('--timeout-s', values.get('timeout-s'), 300) * 1000,
    cpuProfDir: cpuProfDir ? path.resolve(cpuProfDir) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/**
 * Resolves waiters when something they watch may have changed. Every received view calls
 * `notify`, and each waiter re-checks its own (cheap, counter based) condition.
 */
class Changes {
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** POSTs JSON and returns the string fields the caller needs, checked. */
async function postJson<K extends string>(
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
class ServerSampler {
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
async function participantJsGzipKb(): Promise<{ kb: number | null; files: string[] }> {
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

function connect(
  base: string,
  credential: Credential,
  onSocket: (socket: PlayfieldSocket) => void,
): Promise<PlayfieldSocket> {
  const socket: PlayfieldSocket = io(base, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: ACK_TIMEOUT_MS,
    // A console takes patches of its view, as the real one does (client/src/realtime).
    auth: {
      protocolVersion: PROTOCOL_VERSION,
      credential,
      ...(credential.role === 'facilitator' ? { viewPatches: true } : {}),
    },
  });
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

async function control(
  socket: PlayfieldSocket,
  type: 'session.start' | 'round.next' | 'round.back',
): Promise<void> {
  const reply: unknown = await socket
    .timeout(ACK_TIMEOUT_MS)
    .emitWithAck('session.control', { type });
  const result = readAck(reply);
  if (!result.ok) throw new Error(`${type} refused: ${result.error.code} ${result.error.message}`);
}

/** Acks are read as untrusted input and checked, never cast. */
function readAck(value: unknown): Result<Accepted> {
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

interface Phone {
  socket: PlayfieldSocket | null;
  /** The round of the last public view received, and whether any arrived yet. */
  roundId: string | null;
  hasView: boolean;
}

/**
 * A broadcast being timed: every phone records when a public view showing `roundId`
 * first reaches it, relative to `startedAt` (when the facilitator emitted the command).
 */
interface RoundWatch {
  roundId: string;
  startedAt: number;
  samples: number[];
  seen: Set<number>;
}

// ---------------------------------------------------------------------------------------------
// The run

interface Figures {
  participants: number;
  joinMs: number;
  answerP50Ms: number | null;
  answerP95Ms: number | null;
  answerP99Ms: number | null;
  advanceP99Ms: number | null;
  brainstormNoteP99Ms: number | null;
  brainstormDotP99Ms: number | null;
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

// ---------------------------------------------------------------------------------------------
// The Q&A scenario

/** Questions asked in the Q&A scenario, and upvotes each phone casts. */
const QA_QUESTIONS = 200;
const QA_VOTES_EACH = 5;

interface QaContext {
  base: string;
  created: Record<'sessionId' | 'code' | 'facilitatorToken', string>;
  phones: Phone[];
  random: ReturnType<typeof createRandom>;
  phase: <T>(name: string, body: () => Promise<T>) => Promise<T>;
  changes: Changes;
  facilitatorSocket: PlayfieldSocket;
  facilitatorSeq: () => number;
  facilitatorView: () => FacilitatorView | null;
  setArrivals: (list: { at: number; seq: number; respondents: number }[] | null) => void;
  sampler: ServerSampler;
  joinMs: number;
  spreadMs: number;
}

/**
 * The session's Q&A under load, beside the first round: 200 phones ask one question each,
 * then every phone upvotes five questions (not its own). Latency is matched by sequence
 * number as for answers: an action is seen at the first view, after its emit, whose seq
 * reaches its ack's. Question -> the console; upvote -> the room screen.
 */
async function runQa(ctx: QaContext): Promise<void> {
  const { base, created, phones, random, phase, changes } = ctx;
  const n = phones.length;
  const keyReply = await fetch(`${base}/api/sessions/${created.sessionId}/screen-key`, {
    headers: { authorization: `Bearer ${created.facilitatorToken}` },
    signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
  });
  const keyJson: unknown = await keyReply.json();
  const screenKey =
    isRecord(keyJson) && typeof keyJson.screenKey === 'string' ? keyJson.screenKey : '';
  let screenSeq = 0;
  let screenArrivals: { at: number; seq: number }[] | null = null;
  const screen = await connect(
    base,
    { role: 'screen', sessionId: created.sessionId, key: screenKey },
    (socket) =>
      socket.on('view.screen', (message) => {
        screenSeq = message.seq;
        screenArrivals?.push({ at: performance.now(), seq: message.seq });
        changes.notify();
      }),
  );
  cleanups.push(() => void screen.disconnect());
  // A socket the server drops (ping timeout on a starved event loop) never comes back here.
  let drops = 0;
  screen.on('disconnect', (reason) => log(`the screen disconnected: ${reason}`));
  ctx.facilitatorSocket.on('disconnect', (reason) => log(`the console disconnected: ${reason}`));
  for (const phone of phones) phone.socket?.on('disconnect', () => void drops++);
  let ownViews = 0;
  let publicViews = 0;
  for (const phone of phones) {
    phone.socket?.on('view.own', () => void ownViews++);
    phone.socket?.on('view.public', () => void publicViews++);
  }

  type Sent = { emitAt: number; ackAt: number; seq: number };
  const refusals = new Map<string, number>();
  const send = async (socket: PlayfieldSocket, payload: unknown): Promise<Sent | null> => {
    const emitAt = performance.now();
    let reply: unknown;
    try {
      reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('qa.act', payload as never);
    } catch {
      refusals.set('ACK_TIMEOUT', (refusals.get('ACK_TIMEOUT') ?? 0) + 1);
      return null;
    }
    const result = readAck(reply);
    if (result.ok) return { emitAt, ackAt: performance.now(), seq: result.data.seq };
    refusals.set(result.error.code, (refusals.get(result.error.code) ?? 0) + 1);
    return null;
  };
  const matched = (sent: Sent[], views: { at: number; seq: number }[]): number[] =>
    sent.flatMap((a) => {
      const view = views.find((v) => v.seq >= a.seq && v.at >= a.emitAt);
      return view ? [view.at - a.emitAt] : [];
    });

  // Questions: one each from the first 200 phones, spread like the answers.
  const askers = Math.min(QA_QUESTIONS, n);
  const asked: Sent[] = [];
  const facilitatorArrivals: { at: number; seq: number; respondents: number }[] = [];
  ctx.setArrivals(facilitatorArrivals);
  const askCpu = await phase('qa questions', async () => {
    const before = ctx.sampler.sample()?.cpuS ?? 0;
    await Promise.all(
      phones.slice(0, askers).map(async (phone, i) => {
        await sleep(random.next() * ctx.spreadMs);
        if (!phone.socket) return;
        const sent = await send(phone.socket, {
          type: 'qa.ask',
          text: `Question ${i + 1}: when will customers be able to reach one person who can fix it?`,
          isAnonymous: i % 2 === 0,
        });
        if (sent) asked.push(sent);
      }),
    );
    const lastSeq = Math.max(0, ...asked.map((a) => a.seq));
    await changes.until(() => ctx.facilitatorSeq() >= lastSeq, 'the console to see every question');
    return (ctx.sampler.sample()?.cpuS ?? 0) - before;
  });
  const questionMs = matched(asked, facilitatorArrivals);
  ctx.setArrivals(null);
  const questions = ctx.facilitatorView()?.qa?.questions ?? [];
  const consoleKb = Buffer.byteLength(JSON.stringify(ctx.facilitatorView() ?? {})) / 1024;

  // Upvotes: every phone votes for five questions other than its own, at random times.
  const ids = questions.map((q) => q.id);
  // Who asked what, from the text each phone sent (the console never says who asked).
  const askerOf = questions.map((q) => Number(/^Question (\d+):/.exec(q.text)?.[1] ?? 0) - 1);
  const voted: Sent[] = [];
  screenArrivals = [];
  const publicBefore = publicViews;
  const ownBefore = ownViews;
  const voteSpreadMs = ctx.spreadMs * 2;
  const voteCpu = await phase('qa upvotes', async () => {
    const before = ctx.sampler.sample()?.cpuS ?? 0;
    await Promise.all(
      phones.flatMap((phone, i) => {
        const chosen = new Set<number>();
        while (chosen.size < Math.min(QA_VOTES_EACH, ids.length - 1)) {
          const q = random.int(ids.length);
          if (askerOf[q] !== i) chosen.add(q);
        }
        return [...chosen].map(async (q) => {
          await sleep(random.next() * voteSpreadMs);
          if (!phone.socket) return;
          const sent = await send(phone.socket, {
            type: 'qa.vote',
            questionId: ids[q],
            isVoting: true,
          });
          if (sent) voted.push(sent);
        });
      }),
    );
    const lastSeq = Math.max(0, ...voted.map((a) => a.seq));
    log(
      `${voted.length} upvotes acked (last seq ${lastSeq}); refused ${JSON.stringify([...refusals])}`,
    );
    await changes.until(
      () => screenSeq >= lastSeq,
      `the screen to see every upvote (screen at seq ${screenSeq}, last vote ${lastSeq})`,
    );
    await changes.until(() => ctx.facilitatorSeq() >= lastSeq, 'the console to see every upvote');
    return (ctx.sampler.sample()?.cpuS ?? 0) - before;
  });
  const upvoteMs = matched(voted, screenArrivals);
  const screenViews = screenArrivals.length;
  screenArrivals = null;
  const totalVotes = (ctx.facilitatorView()?.qa?.questions ?? []).reduce(
    (sum, q) => sum + q.votes,
    0,
  );
  if (totalVotes !== voted.length)
    log(`WARNING: the console counts ${totalVotes} votes, ${voted.length} acked`);
  if (refusals.size > 0) log(`WARNING: refused Q&A actions ${JSON.stringify([...refusals])}`);
  ctx.sampler.stop();

  const ms = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} ms`);
  const perThousand = (cpuS: number, count: number) =>
    count === 0 ? null : Math.round((cpuS * 1000 * 1000) / count);
  const figures = {
    scenario: 'qa',
    participants: n,
    joinMs: Math.round(ctx.joinMs),
    questions: asked.length,
    upvotes: voted.length,
    questionToConsoleP50Ms: round1(percentile(questionMs, 50)),
    questionToConsoleP99Ms: round1(percentile(questionMs, 99)),
    upvoteToScreenP50Ms: round1(percentile(upvoteMs, 50)),
    upvoteToScreenP99Ms: round1(percentile(upvoteMs, 99)),
    serverCpuMsPer1000Questions: perThousand(askCpu, asked.length),
    serverCpuMsPer1000Upvotes: perThousand(voteCpu, voted.length),
    peakRssMb: Math.round(ctx.sampler.peakRssKb / 102.4) / 10,
  };
  const rows: [string, string][] = [
    ['participants', String(n)],
    ['join + connect, all phones', `${figures.joinMs} ms`],
    ['questions accepted / sent', `${asked.length} / ${askers}`],
    [
      '  question ack p50 / p99',
      `${ms(
        percentile(
          asked.map((a) => a.ackAt - a.emitAt),
          50,
        ),
      )} / ${ms(
        percentile(
          asked.map((a) => a.ackAt - a.emitAt),
          99,
        ),
      )}`,
    ],
    [
      '  question -> console p50 / p99',
      `${ms(figures.questionToConsoleP50Ms)} / ${ms(figures.questionToConsoleP99Ms)}`,
    ],
    ['  server CPU per 1,000 questions', `${figures.serverCpuMsPer1000Questions ?? 'n/a'} ms`],
    [`  console view with ${questions.length} questions`, `${consoleKb.toFixed(1)} KB`],
    [
      `upvotes accepted / sent (${QA_VOTES_EACH} each, over ${voteSpreadMs} ms)`,
      `${voted.length} / ${n * QA_VOTES_EACH}`,
    ],
    [
      '  upvote ack p50 / p99',
      `${ms(
        percentile(
          voted.map((a) => a.ackAt - a.emitAt),
          50,
        ),
      )} / ${ms(
        percentile(
          voted.map((a) => a.ackAt - a.emitAt),
          99,
        ),
      )}`,
    ],
    [
      '  upvote -> screen p50 / p99',
      `${ms(figures.upvoteToScreenP50Ms)} / ${ms(figures.upvoteToScreenP99Ms)}`,
    ],
    ['  server CPU per 1,000 upvotes', `${figures.serverCpuMsPer1000Upvotes ?? 'n/a'} ms`],
    ['  votes on the console at the end', String(totalVotes)],
    ['  screen views during upvotes', String(screenViews)],
    ['  public views all phones received during upvotes', String(publicViews - publicBefore)],
    ['  own views all phones received during upvotes', String(ownViews - ownBefore)],
    ['phones the server dropped', String(drops)],
    ['server RSS peak', `${figures.peakRssMb} MB`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\nPlayfield Q&A benchmark (${os.cpus().length} CPUs, Node ${process.version})`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  console.log(JSON.stringify(figures));
}

const cleanups: (() => Promise<void> | void)[] = [];

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()?.();
    } catch (error) {
      log(`clean-up failed: ${String(error)}`);
    }
  }
}

async function run(options: Options): Promise<void> {
  if (options.scenario === 'rooms') {
    const figures = await runRoomsScenario(options);
    saveFigures(`rooms-${options.rooms}x${options.phones}`, figures);
    return;
  }
  const n = options.participants;
  const random = createRandom(options.seed);
  const fdLimit = (() => {
    try {
      return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
    } catch {
      return NaN;
    }
  })();
  // Each phone holds one socket here and one in the server, each process its own fds.
  if (Number.isFinite(fdLimit) && fdLimit < n + 200) {
    log(`WARNING: ulimit -n is ${fdLimit}, too low for ${n} sockets; raise it (ulimit -n 65536)`);
  }
  log(`participants ${n}, seed "${options.seed}", open-file limit ${fdLimit}`);
  // Server and generator share the CPUs: other work on the machine skews every figure.
  const loadAtStart = os.loadavg()[0] ?? 0;
  if (loadAtStart > os.cpus().length / 2) {
    log(`WARNING: load average ${loadAtStart.toFixed(1)} at start; figures will be noisy`);
  }

  const js = await participantJsGzipKb();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-bench-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const server = await startPlayfieldChild(dataDir, options.cpuProfDir);
  // SIGTERM lets the server snapshot and exit, which also writes a --cpu-prof profile.
  cleanups.push(() => server.stop());
  const pid = server.child.pid ?? 0;
  const sampler = new ServerSampler(pid);
  cleanups.push(() => sampler.stop());
  const base = `http://${HOST}:${server.port}`;
  log(`server pid ${pid} on ${base}`);

  // Server CPU and generator CPU per phase, to tell which side is busy.
  const phases: { name: string; ms: number; serverCpuS: number; benchCpuS: number }[] = [];
  const phase = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    const before = sampler.sample();
    const benchBefore = process.cpuUsage();
    const startedAt = performance.now();
    const result = await body();
    const after = sampler.sample();
    const bench = process.cpuUsage(benchBefore);
    phases.push({
      name,
      ms: performance.now() - startedAt,
      serverCpuS: (after?.cpuS ?? 0) - (before?.cpuS ?? 0),
      benchCpuS: (bench.user + bench.system) / 1e6,
    });
    return result;
  };
  const idleRssKb = sampler.sample()?.rssKb ?? 0;

  // One poll to answer, and a second round to move to and back from.
  const options3 = ['None', 'One or two', 'Three or more'];
  const created = await postJson(
    `${base}/api/sessions`,
    {
      title: `Bench with ${n} phones`,
      agenda: [
        {
          kind: 'poll',
          title: 'Sources of customer information',
          config: {
            question: 'How many sources of customer information does your team use?',
            options: options3,
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
    },
    ['sessionId', 'code', 'facilitatorToken'] as const,
  );

  const changes = new Changes();

  // The facilitator console: the latest view, and during the answer phase every arrival.
  let facilitatorView: FacilitatorView | null = null;
  let facilitatorSeq = 0;
  let facilitatorVersion = 0;
  let facilitatorPatchBytes = 0;
  let arrivals: { at: number; seq: number; respondents: number }[] | null = null;
  const facilitator = await connect(
    base,
    { role: 'facilitator', sessionId: created.sessionId, token: created.facilitatorToken },
    (socket) => {
      const received = (view: FacilitatorView, seq: number): void => {
        const at = performance.now();
        facilitatorView = view;
        facilitatorSeq = seq;
        const round = view.round;
        const respondents = round?.kind === 'poll' ? round.view.results.respondents : 0;
        arrivals?.push({ at, seq, respondents });
        changes.notify();
      };
      socket.on('view.facilitator', (message) => {
        facilitatorVersion = message.version ?? 0;
        received(message.view, message.seq);
      });
      // Patches against the view held, numbered; one that does not follow is a bench failure.
      socket.on('view.facilitator.patch', (patch) => {
        const held = facilitatorView;
        if (!held || patch.base !== facilitatorVersion) {
          log(`WARNING: a console patch from ${patch.base} while holding ${facilitatorVersion}`);
          socket.emit('session.sync', { lastSeq: 0 }, () => undefined);
          return;
        }
        facilitatorVersion = patch.version;
        facilitatorPatchBytes += JSON.stringify(patch.ops).length;
        received(applyViewPatch(held, patch.ops), patch.seq);
      });
    },
  );
  cleanups.push(() => void facilitator.disconnect());
  await changes.until(() => facilitatorView !== null, 'the first facilitator view');
  const agendaIds = (facilitatorView as FacilitatorView | null)?.agenda.map((r) => r.id) ?? [];
  const [pollId, secondId, brainstormId] = agendaIds;
  if (!pollId || !secondId || !brainstormId) throw new Error('the session has no three rounds');

  // Phones.
  const phones: Phone[] = Array.from({ length: n }, () => ({
    socket: null,
    roundId: null,
    hasView: false,
  }));
  cleanups.push(() => {
    for (const phone of phones) phone.socket?.disconnect();
  });
  let watch: RoundWatch | null = null;
  const joinHttpMs: number[] = [];

  const heapBeforeKb = await server.heapKb();
  const joinedAt = performance.now();
  await phase('join', () =>
    pool(n, CONCURRENCY, async (i) => {
      const t0 = performance.now();
      const seat = await postJson(
        `${base}/api/join`,
        {
          code: created.code,
          name: `Participant ${i + 1}`,
          deviceId: `bench-${i}-${randomBytes(8).toString('hex')}`,
        },
        ['resumeToken'] as const,
      );
      joinHttpMs.push(performance.now() - t0);
      const phone = phones[i];
      if (!phone) throw new Error('phone index out of range');
      let resolveFirst = (): void => undefined;
      const firstView = new Promise<void>((resolve) => (resolveFirst = resolve));
      phone.socket = await connect(
        base,
        { role: 'participant', resumeToken: seat.resumeToken },
        (socket) =>
          socket.on('view.public', (message) => {
            const at = performance.now();
            phone.roundId = message.view.round?.id ?? null;
            if (!phone.hasView) {
              phone.hasView = true;
              resolveFirst();
            }
            const current = watch;
            if (current && phone.roundId === current.roundId && !current.seen.has(i)) {
              current.seen.add(i);
              current.samples.push(at - current.startedAt);
              changes.notify();
            }
          }),
      );
      await firstView;
    }),
  );
  const joinMs = performance.now() - joinedAt;
  const heapAfterKb = await server.heapKb();
  const heapKbPerIdlePhone =
    heapBeforeKb === null || heapAfterKb === null ? null : (heapAfterKb - heapBeforeKb) / n;
  const joinedRssKb = sampler.sample()?.rssKb ?? 0;
  log(`${n} phones joined and connected in ${Math.round(joinMs)} ms`);
  if (busyRefusals > 0) log(`${busyRefusals} handshakes refused as BUSY were tried again`);

  /** Emits a facilitator command and times until every phone shows `roundId`. */
  const timeBroadcast = async (
    type: 'session.start' | 'round.next' | 'round.back',
    roundId: string,
  ): Promise<number[]> => {
    const current: RoundWatch = {
      roundId,
      startedAt: performance.now(),
      samples: [],
      seen: new Set(),
    };
    watch = current;
    await control(facilitator, type);
    await changes.until(() => current.seen.size === n, `every phone to show round after ${type}`);
    watch = null;
    return current.samples;
  };

  const startSamples = await phase('start', () => timeBroadcast('session.start', pollId));
  if (options.scenario === 'qa') {
    await runQa({
      base,
      created,
      phones,
      random,
      phase,
      changes,
      facilitatorSocket: facilitator,
      facilitatorSeq: () => facilitatorSeq,
      facilitatorView: () => facilitatorView,
      setArrivals: (list) => (arrivals = list),
      sampler,
      joinMs,
      spreadMs: Math.min(5000, Math.max(2000, n * 2.5)),
    });
    return;
  }

  // Answers. Latency is matched by event sequence number, not by respondent counts:
  // the ack of an accepted answer carries the seq it was logged at, and every view is
  // stamped with the seq of the state it was projected from. The server replaces its state
  // only after the append and computes views from the current state, so a facilitator view
  // with seq >= s includes the answer logged at s. (Matching on "respondents >= k" alone
  // cannot tell which answers a view holds, because acks travel on other sockets and race
  // the facilitator's view.) An answer is seen at the first facilitator arrival, after its
  // emit, whose seq reaches its ack's seq; the ack itself may arrive later than that view.
  const spreadMs = Math.min(5000, Math.max(2000, n * 2.5));
  const answers: { emitAt: number; ackAt: number; seq: number }[] = [];
  const refusals = new Map<string, number>();
  arrivals = [];
  await phase('answer', async () => {
    const delays = phones.map(() => random.next() * spreadMs);
    const count = (code: string) => refusals.set(code, (refusals.get(code) ?? 0) + 1);
    await Promise.all(
      phones.map(async (phone, i) => {
        await sleep(delays[i] ?? 0);
        if (!phone.socket) return;
        const emitAt = performance.now();
        let reply: unknown;
        try {
          reply = await phone.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('round.act', {
            roundId: pollId,
            action: { type: 'answer', choices: [i % options3.length] },
          });
        } catch {
          count('ACK_TIMEOUT');
          return;
        }
        const ackAt = performance.now();
        const result = readAck(reply);
        if (result.ok) answers.push({ emitAt, ackAt, seq: result.data.seq });
        else count(result.error.code);
      }),
    );
    const lastSeq = Math.max(0, ...answers.map((a) => a.seq));
    await changes.until(() => facilitatorSeq >= lastSeq, 'the facilitator to see every answer');
  });
  const seen = arrivals;
  arrivals = null;
  const answerMs: number[] = [];
  let unmatched = 0;
  for (const answer of answers) {
    const view = seen.find((a) => a.seq >= answer.seq && a.at >= answer.emitAt);
    if (view) answerMs.push(view.at - answer.emitAt);
    else unmatched++;
  }
  const ackMs = answers.map((a) => a.ackAt - a.emitAt);
  const finalRespondents = seen.at(-1)?.respondents ?? 0;
  if (finalRespondents !== answers.length) {
    log(`WARNING: the facilitator shows ${finalRespondents} respondents, ${answers.length} acked`);
  }
  if (refusals.size > 0) log(`WARNING: refused answers ${JSON.stringify([...refusals])}`);

  // Moving rounds: next to the second poll and back, timed on every phone, pooled.
  const advanceMs: number[] = [];
  await phase('advance', async () => {
    for (let i = 0; i < ADVANCE_REPEATS; i++) {
      // A facilitator pauses between clicks; back to back, each command would also wait
      // out the previous flush's coalescing window (VIEW_FLUSH_INTERVAL_MS).
      await sleep(FACILITATOR_PAUSE_MS);
      advanceMs.push(...(await timeBroadcast('round.next', secondId)));
      await sleep(FACILITATOR_PAUSE_MS);
      advanceMs.push(...(await timeBroadcast('round.back', pollId)));
    }
  });

  const facilitatorViewKb = Buffer.byteLength(JSON.stringify(facilitatorView ?? {})) / 1024;

  // Brainstorm: every phone posts a note, then (once the facilitator has clustered the
  // notes and opened the vote) places a dot. Timed like the answers: ack, and emit until
  // the first facilitator view whose seq covers the acked one. The room's shared view must
  // not move while notes and dots come in: the phones count what they receive.
  const timeActions = async (
    name: string,
    actionOf: (i: number) => object,
  ): Promise<{ ackMs: number[]; seenMs: number[]; accepted: number; publicViews: number }> => {
    const sent: { emitAt: number; ackAt: number; seq: number }[] = [];
    let publicViews = 0;
    const countPublic = (): void => {
      publicViews++;
    };
    for (const phone of phones) phone.socket?.on('view.public', countPublic);
    arrivals = [];
    await phase(name, async () => {
      const delays = phones.map(() => random.next() * spreadMs);
      await Promise.all(
        phones.map(async (phone, i) => {
          await sleep(delays[i] ?? 0);
          if (!phone.socket) return;
          const emitAt = performance.now();
          let reply: unknown;
          try {
            reply = await phone.socket
              .timeout(ACK_TIMEOUT_MS)
              .emitWithAck('round.act', { roundId: brainstormId, action: actionOf(i) });
          } catch {
            refusals.set('ACK_TIMEOUT', (refusals.get('ACK_TIMEOUT') ?? 0) + 1);
            return;
          }
          const result = readAck(reply);
          if (result.ok) sent.push({ emitAt, ackAt: performance.now(), seq: result.data.seq });
          else refusals.set(result.error.code, (refusals.get(result.error.code) ?? 0) + 1);
        }),
      );
      const lastSeq = Math.max(0, ...sent.map((a) => a.seq));
      await changes.until(() => facilitatorSeq >= lastSeq, `the facilitator to see every ${name}`);
    });
    for (const phone of phones) phone.socket?.off('view.public', countPublic);
    const views = arrivals;
    arrivals = null;
    const seenMs = sent.flatMap((a) => {
      const view = views.find((v) => v.seq >= a.seq && v.at >= a.emitAt);
      return view ? [view.at - a.emitAt] : [];
    });
    return {
      ackMs: sent.map((a) => a.ackAt - a.emitAt),
      seenMs,
      accepted: sent.length,
      publicViews,
    };
  };
  const facilitatorAct = async (action: object): Promise<number> => {
    const reply: unknown = await facilitator
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('round.act', { roundId: brainstormId, action });
    const result = readAck(reply);
    if (!result.ok) throw new Error(`${JSON.stringify(action)} refused: ${result.error.message}`);
    return result.data.seq;
  };
  /** Times a facilitator action until every phone has received the public view it changed. */
  const timePublicChange = async (action: object): Promise<number[]> => {
    const samples: number[] = [];
    const startedAt = performance.now();
    const listeners = phones.map((phone) => {
      let isSeen = false;
      const listener = (): void => {
        if (isSeen) return;
        isSeen = true;
        samples.push(performance.now() - startedAt);
        changes.notify();
      };
      phone.socket?.on('view.public', listener);
      return listener;
    });
    await facilitatorAct(action);
    await changes.until(() => samples.length === n, 'every phone to get the changed view');
    phones.forEach((phone, i) => {
      const listener = listeners[i];
      if (listener) phone.socket?.off('view.public', listener);
    });
    return samples;
  };

  await sleep(FACILITATOR_PAUSE_MS);
  await timeBroadcast('round.next', secondId);
  await sleep(FACILITATOR_PAUSE_MS);
  const brainstormStartMs = await timeBroadcast('round.next', brainstormId);
  const notes = await timeActions('notes', (i) => ({
    type: 'addNote',
    text: `Idea ${i + 1}: a competitor who answers every customer within the hour`,
    tag: null,
  }));
  // The facilitator groups the notes into clusters of 50 (one action each; a brainstorm has
  // at most 40 clusters, so notes past the 2,000th stay ungrouped).
  const clusters = Math.max(1, Math.min(40, Math.ceil(notes.accepted / 50)));
  await timePublicChange({ type: 'phase', phase: 'cluster' });
  let clusteredSeq = 0;
  for (let c = 0; c < clusters; c++) {
    const first = c * 50 + 1;
    const noteIds = Array.from(
      { length: Math.max(0, Math.min(50, notes.accepted - first + 1)) },
      (_, k) => `n${first + k}`,
    );
    clusteredSeq = await facilitatorAct({ type: 'createCluster', name: `Theme ${c + 1}`, noteIds });
  }
  await changes.until(() => facilitatorSeq >= clusteredSeq, 'the console to show the clusters');
  const brainstormViewKb = Buffer.byteLength(JSON.stringify(facilitatorView ?? {})) / 1024;
  // Opening the vote sends the clustered board to every phone, once.
  const voteOpenMs = await timePublicChange({ type: 'phase', phase: 'vote' });
  const dots = await timeActions('dots', (i) => ({
    type: 'vote',
    itemId: `c${(i % clusters) + 1}`,
    dots: 1,
  }));
  if (notes.accepted !== n || dots.accepted !== n) {
    log(`WARNING: ${notes.accepted} notes and ${dots.accepted} dots accepted of ${n}`);
  }
  if (refusals.size > 0) log(`WARNING: refused actions ${JSON.stringify([...refusals])}`);
  sampler.stop();
  const peakRssKb = sampler.peakRssKb;

  // The bare socket.io baseline under the same answer load, once Playfield has stopped.
  await server.stop();
  log('bare socket.io baseline: the same phones answer the same way');
  const bare = await bareOneRoom(n, spreadMs, options.seed);
  const cpuPerAnswer = cpuPer1000('answer', answers.length);
  const recorded = loadFigures('rounds-500')?.serverCpuMsPer1000Answers;
  const at500 = typeof recorded === 'number' ? recorded : null;
  const ratio = (a: unknown, b: unknown): number | null =>
    typeof a === 'number' && typeof b === 'number' && b > 0
      ? Math.round((a / b) * 100) / 100
      : null;

  const figures: Figures = {
    participants: n,
    joinMs: Math.round(joinMs),
    answerP50Ms: round1(percentile(answerMs, 50)),
    answerP95Ms: round1(percentile(answerMs, 95)),
    answerP99Ms: round1(percentile(answerMs, 99)),
    advanceP99Ms: round1(percentile(advanceMs, 99)),
    brainstormNoteP99Ms: round1(percentile(notes.seenMs, 99)),
    brainstormDotP99Ms: round1(percentile(dots.seenMs, 99)),
    peakRssMb: Math.round(peakRssKb / 102.4) / 10,
    participantJsGzipKb: round1(js.kb),
    serverCpuMsPer1000Answers: cpuPer1000('answer', answers.length),
    serverCpuMsPer1000Notes: cpuPer1000('notes', notes.accepted),
    serverCpuMsPer1000Dots: cpuPer1000('dots', dots.accepted),
    heapKbPerIdlePhone: round1(heapKbPerIdlePhone),
    bareHeapKbPerIdlePhone: round1(bare.heapKbPerIdlePhone),
    bareCpuMsPer1000Answers: bare.serverCpuMsPer1000Answers,
    cpuRatioToBare: ratio(cpuPerAnswer, bare.serverCpuMsPer1000Answers),
    cpuPer1000AnswersRatioTo500: n === 500 ? null : ratio(cpuPerAnswer, at500),
  };

  const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
  function cpuPer1000(name: string, count: number): number | null {
    const cpuS = phases.find((p) => p.name === name)?.serverCpuS;
    return cpuS === undefined || count === 0 ? null : Math.round((cpuS * 1e6) / count);
  }
  const ms = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} ms`);
  const rows: [string, string][] = [
    ['participants', String(n)],
    ['open-file limit (ulimit -n)', String(fdLimit)],
    [
      'load average at start / end',
      `${loadAtStart.toFixed(1)} / ${(os.loadavg()[0] ?? 0).toFixed(1)}`,
    ],
    ['join + connect, all phones (joinMs)', `${figures.joinMs} ms`],
    [
      '  POST /api/join p50 / p99',
      `${ms(percentile(joinHttpMs, 50))} / ${ms(percentile(joinHttpMs, 99))}`,
    ],
    [
      'session.start -> phone p50 / p99',
      `${ms(percentile(startSamples, 50))} / ${ms(percentile(startSamples, 99))}`,
    ],
    [`answers accepted / sent (spread ${spreadMs} ms)`, `${answers.length} / ${n}`],
    ['  answer ack p50 / p99', `${ms(percentile(ackMs, 50))} / ${ms(percentile(ackMs, 99))}`],
    ['  answer -> facilitator p50', ms(figures.answerP50Ms)],
    ['  answer -> facilitator p95', ms(figures.answerP95Ms)],
    ['  answer -> facilitator p99', ms(figures.answerP99Ms)],
    [
      'server CPU per 1,000 answers / notes / dots',
      [
        figures.serverCpuMsPer1000Answers,
        figures.serverCpuMsPer1000Notes,
        figures.serverCpuMsPer1000Dots,
      ]
        .map((v) => (v === null ? 'n/a' : `${v} ms`))
        .join(' / '),
    ],
    ['  facilitator views during answers', String(seen.length)],
    [`round.next/back -> phone p50 (${advanceMs.length} samples)`, ms(percentile(advanceMs, 50))],
    ['round.next/back -> phone p99 (advanceP99Ms)', ms(figures.advanceP99Ms)],
    ['facilitator view size (last)', `${facilitatorViewKb.toFixed(1)} KB`],
    ['  console patches received, whole run', `${(facilitatorPatchBytes / 1024).toFixed(1)} KB`],
    [
      'brainstorm: round.next -> phone p50 / p99',
      `${ms(percentile(brainstormStartMs, 50))} / ${ms(percentile(brainstormStartMs, 99))}`,
    ],
    [`brainstorm: notes accepted / sent`, `${notes.accepted} / ${n}`],
    [
      '  note ack p50 / p99',
      `${ms(percentile(notes.ackMs, 50))} / ${ms(percentile(notes.ackMs, 99))}`,
    ],
    [
      '  note -> facilitator p50 / p95 / p99',
      `${ms(percentile(notes.seenMs, 50))} / ${ms(percentile(notes.seenMs, 95))} / ${ms(percentile(notes.seenMs, 99))}`,
    ],
    ['  public views phones received while posting', String(notes.publicViews)],
    [
      `  facilitator view with ${notes.accepted} notes in ${clusters} clusters`,
      `${brainstormViewKb.toFixed(1)} KB`,
    ],
    [
      'brainstorm: vote opens (board to phones) p50 / p99',
      `${ms(percentile(voteOpenMs, 50))} / ${ms(percentile(voteOpenMs, 99))}`,
    ],
    [`brainstorm: dots accepted / sent`, `${dots.accepted} / ${n}`],
    [
      '  dot ack p50 / p99',
      `${ms(percentile(dots.ackMs, 50))} / ${ms(percentile(dots.ackMs, 99))}`,
    ],
    [
      '  dot -> facilitator p50 / p95 / p99',
      `${ms(percentile(dots.seenMs, 50))} / ${ms(percentile(dots.seenMs, 95))} / ${ms(percentile(dots.seenMs, 99))}`,
    ],
    ['  public views phones received while voting', String(dots.publicViews)],
    [
      'server RSS idle / after join / peak',
      `${mb(idleRssKb)} / ${mb(joinedRssKb)} / ${mb(peakRssKb)}`,
    ],
    [
      'participant JS gzip (participantJsGzipKb)',
      js.kb === null
        ? 'n/a (client build failed)'
        : `${js.kb.toFixed(1)} KB in ${js.files.length} files`,
    ],
    ...phases.map((p): [string, string] => [
      `phase ${p.name}: wall / server CPU / bench CPU`,
      `${Math.round(p.ms)} ms / ${p.serverCpuS.toFixed(2)} s / ${p.benchCpuS.toFixed(2)} s`,
    ]),
  ];
  rows.push(
    [
      'bare socket.io: answer -> console p99 / CPU per 1,000',
      `${ms(bare.answerP99Ms)} / ${bare.serverCpuMsPer1000Answers ?? 'n/a'} ms`,
    ],
    ['Playfield CPU per answer / bare (target <= 2)', `${figures.cpuRatioToBare ?? 'n/a'}x`],
    [
      'heap per idle phone / bare socket.io',
      `${figures.heapKbPerIdlePhone ?? 'n/a'} KB / ${figures.bareHeapKbPerIdlePhone ?? 'n/a'} KB`,
    ],
    [
      `CPU per 1,000 answers at ${n} / at 500 (target <= 1.2)`,
      n === 500
        ? 'this is the run at 500 (kept for the next runs)'
        : figures.cpuPer1000AnswersRatioTo500 === null
          ? 'n/a (no run at 500 on record: npm run bench first)'
          : `${figures.cpuPer1000AnswersRatioTo500}x (${cpuPerAnswer} / ${at500} ms)`,
    ],
  );
  if (unmatched > 0) rows.push(['answers never seen by the facilitator', String(unmatched)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\nPlayfield load benchmark (${os.cpus().length} CPUs, Node ${process.version})`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  console.log(JSON.stringify(figures));
  saveFigures(`rounds-${n}`, figures);
}

// ---------------------------------------------------------------------------------------------

/**
 * The flags for the rehearsal bench when `--scenario rehearsal` is asked for (a whole built-in
 * day with 2,000 simulated seats by default: rehearsalBench.ts), or null for this file's own.
 */
function rehearsalScenarioArgs(argv: readonly string[]): string[] | null {
  const rest: string[] = [];
  let isRehearsal = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--scenario=rehearsal') isRehearsal = true;
    else if (arg === '--scenario' && argv[i + 1] === 'rehearsal') {
      isRehearsal = true;
      i++;
    } else rest.push(arg);
  }
  return isRehearsal ? rest : null;
}

const rehearsalArgs = rehearsalScenarioArgs(process.argv.slice(2));
if (rehearsalArgs) {
  // Its own process and flags (--participants, --workshop, --pace, --round-timeout-s).
  const script = new URL('./rehearsalBench.ts', import.meta.url).pathname;
  const child = spawnSync(process.execPath, [...process.execArgv, script, ...rehearsalArgs], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const options = (() => {
  try {
    return parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
})();

// The whole run is bounded: on timeout the server is killed and the temp dir removed.
let isAborting = false;
const deadline = setTimeout(() => {
  isAborting = true;
  log(`FAILED: the benchmark did not finish in ${options.timeoutMs / 1000} s`);
  void cleanUp().finally(() => process.exit(1));
}, options.timeoutMs);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

try {
  await run(options);
  clearTimeout(deadline);
  await cleanUp();
  process.exit(0);
} catch (error) {
  // After a timeout, the errors of sockets closed by the clean-up are expected.
  if (!isAborting)
    log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  clearTimeout(deadline);
  await cleanUp();
  process.exit(1);
}
