/**
 * Rehearsal benchmark: a whole built-in day with simulated participants. The server runs in
 * this process with its rehearsal runner (the simulated seats are the server's own work,
 * as in a real rehearsal); a facilitator console is a real socket.io client that drives
 * each round the way a facilitator would (questions, phases, days) and moves on when the
 * simulated room has nothing left to do.
 *
 * Reported per round: wall seconds, the process's CPU seconds, actions, and the p99 of
 * action -> ack (the logged command path, storage included) and action -> console view
 * (the first console view carrying that action's sequence number). Figures, not pass/fail:
 * the last line of stdout is one JSON object for scripts.
 *
 *   npm run bench:rehearsal -- --participants 2000      (or BENCH_PARTICIPANTS=2000)
 *   options: --workshop service-pro|total-customer-service|strategic-customer-service,
 *   --pace N (actions per minute of the whole room, default 60000), --round-timeout-s T
 *   (default 60).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import {
  BUILT_IN_WORKSHOPS,
  parseRoundInput,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type FacilitatorView,
  type RoundSpec,
  type ServerToClientEvents,
} from '@playfield/shared';
import { facilitateNext, PLAIN_FACILITATOR } from '@playfield/shared/exercises/facilitators';
import { startPlayfield } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';

type Console = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Options {
  participants: number;
  workshop: string;
  pace: number;
  roundTimeoutMs: number;
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
  const int = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  return {
    participants: int('participants', values.get('participants') ?? env.BENCH_PARTICIPANTS, 2000),
    workshop: values.get('workshop') ?? 'service-pro',
    pace: int('pace', values.get('pace'), 60_000),
    roundTimeoutMs: int('round-timeout-s', values.get('round-timeout-s'), 60) * 1000,
  };
}

function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** Is the round still busy on its own (a run of the Fine Line's clock, a Red Bead day)? */
function isRunningOnItsOwn(round: NonNullable<FacilitatorView['round']>): boolean {
  const view = round.view as unknown as Record<string, unknown>;
  return (
    (round.kind === 'fineLine' && view.status === 'running') ||
    (round.kind === 'redBead' && view.stage === 'working')
  );
}

function ack<T>(socket: Console, event: 'session.control' | 'round.act', payload: T) {
  return new Promise<unknown>((resolve) => {
    (socket.timeout(30_000).emit as (...args: unknown[]) => void)(
      event,
      payload,
      (error: Error | null, result: unknown) => resolve(error ? { ok: false, error } : result),
    );
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const workshop = BUILT_IN_WORKSHOPS.find((w) => w.id === options.workshop);
  if (!workshop) throw new Error(`No built-in workshop ${options.workshop}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-rehearsal-bench-'));
  const playfield = await startPlayfield({
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: null,
    isQuiet: true,
    allowedOrigins: [],
  });
  const url = `http://127.0.0.1:${playfield.port}`;
  const cpuAtStart = process.cpuUsage();
  try {
    // The rehearsal is made on the server's side: the HTTP route caps seats at 200, a
    // benchmark wants thousands.
    const agenda = workshop.agenda.map((input) => {
      const parsed = parseRoundInput(input);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.data;
    });
    const created = await playfield.rehearsals.create({
      title: workshop.title,
      agenda,
      rehearsal: { seats: options.participants, actionsPerMinute: options.pace },
    });
    if (!created.ok) throw new Error(created.error.message);
    const { sessionId, facilitatorToken } = created.data;
    const session = playfield.manager.peek(sessionId);
    const runner = playfield.rehearsals.runnerOf(sessionId);
    if (!session || !runner) throw new Error('The rehearsal did not start');

    // Samples: action -> ack, and acks waiting for the first console view with their seq.
    let ackSamples: number[] = [];
    let consoleSamples: number[] = [];
    let pending: { seq: number; sentAt: number }[] = [];
    let lastAckAt = performance.now();
    playfield.rehearsals.observeAcks(({ sentAt, ackedAt, seq }) => {
      ackSamples.push(ackedAt - sentAt);
      pending.push({ seq, sentAt });
      lastAckAt = ackedAt;
    });
    const facilitator: Console = io(url, {
      transports: ['websocket'],
      auth: {
        protocolVersion: PROTOCOL_VERSION,
        credential: { role: 'facilitator', sessionId, token: facilitatorToken },
      },
    });
    let latest: FacilitatorView | null = null;
    facilitator.on('view.facilitator', (message) => {
      const now = performance.now();
      latest = message.view;
      if (pending.length === 0) return;
      const left: typeof pending = [];
      for (const p of pending) {
        if (p.seq <= message.seq) consoleSamples.push(now - p.sentAt);
        else left.push(p);
      }
      pending = left;
    });
    await new Promise<void>((resolve, reject) => {
      facilitator.once('connect', resolve);
      facilitator.once('connect_error', reject);
    });

    const joinStarted = performance.now();
    while (runner.stats.joined < options.participants) {
      if (performance.now() - joinStarted > 300_000) throw new Error('Seats did not join');
      await sleep(100);
    }
    const joinSeconds = (performance.now() - joinStarted) / 1000;
    console.log(`${options.participants} simulated seats joined in ${joinSeconds.toFixed(1)} s`);

    await ack(facilitator, 'session.control', { type: 'session.start' });
    const rows: {
      round: number;
      kind: RoundSpec['kind'];
      title: string;
      seconds: number;
      cpuSeconds: number;
      actions: number;
      ackP99Ms: number | null;
      consoleP99Ms: number | null;
    }[] = [];
    for (let index = 0; index < agenda.length; index++) {
      ackSamples = [];
      consoleSamples = [];
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const acted0 = runner.stats.acted;
      lastAckAt = t0;
      for (;;) {
        await sleep(200);
        const round = session.facilitatorMessage().view.round;
        if (!round || performance.now() - t0 > options.roundTimeoutMs) break;
        // Quiet: no simulated action acknowledged for a second (and none in flight).
        if (performance.now() - lastAckAt < 1000 || isRunningOnItsOwn(round)) continue;
        const step = facilitateNext(round, PLAIN_FACILITATOR);
        if (step === null) break;
        await ack(facilitator, 'round.act', { roundId: round.id, action: step });
        lastAckAt = performance.now();
      }
      const cpu = process.cpuUsage(cpu0);
      const spec = agenda[index];
      rows.push({
        round: index + 1,
        kind: spec?.kind ?? 'poll',
        title: spec?.title ?? '',
        seconds: round1((performance.now() - t0) / 1000) ?? 0,
        cpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
        actions: runner.stats.acted - acted0,
        ackP99Ms: round1(percentile(ackSamples, 99)),
        consoleP99Ms: round1(percentile(consoleSamples, 99)),
      });
      const row = rows.at(-1);
      console.log(
        `${String(row?.round).padStart(2)} ${(row?.kind ?? '').padEnd(12)} ${String(row?.actions).padStart(6)} actions ` +
          `${String(row?.seconds).padStart(6)} s  cpu ${String(row?.cpuSeconds).padStart(6)} s  ` +
          `p99 ack ${String(row?.ackP99Ms ?? '-').padStart(7)} ms  p99 console ${String(row?.consoleP99Ms ?? '-').padStart(7)} ms  ${row?.title ?? ''}`,
      );
      if (index + 1 < agenda.length)
        await ack(facilitator, 'session.control', { type: 'round.next' });
    }
    await ack(facilitator, 'session.control', { type: 'session.end' });
    facilitator.disconnect();
    const total = process.cpuUsage(cpuAtStart);
    const active = rows.filter((r) => r.actions > 0);
    const summary = {
      scenario: 'rehearsal',
      workshop: workshop.id,
      participants: options.participants,
      pace: options.pace,
      joinSeconds: round1(joinSeconds),
      actions: runner.stats.acted,
      refused: runner.stats.refused,
      lastRefusal: runner.stats.lastRefusal,
      cpuSecondsTotal: Math.round(((total.user + total.system) / 1e6) * 100) / 100,
      worstAckP99Ms: Math.max(0, ...active.map((r) => r.ackP99Ms ?? 0)),
      worstConsoleP99Ms: Math.max(0, ...active.map((r) => r.consoleP99Ms ?? 0)),
      latestRound: latest ? ((latest as FacilitatorView).round?.title ?? null) : null,
      rounds: rows,
    };
    console.log(
      `total: ${summary.actions} actions (${summary.refused} refused), cpu ${summary.cpuSecondsTotal} s, ` +
        `worst p99 ack ${summary.worstAckP99Ms} ms, worst p99 console ${summary.worstConsoleP99Ms} ms`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    await playfield.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
