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
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyViewPatch, createRandom, type FacilitatorView } from '@playfield/shared';
import { HOST, loadFigures, log, percentile, pool, round1, saveFigures } from './benchKit.ts';
import {
  ADVANCE_REPEATS,
  CONCURRENCY,
  FACILITATOR_PAUSE_MS,
  optionsOrExit,
  runRehearsalIfAsked,
  type Options,
} from './benchOptions.ts';
import { checkMachine, printReport } from './benchReport.ts';
import {
  benchSession,
  POLL_OPTIONS,
  busyRefusalCount,
  busyRetryCount,
  Changes,
  cleanups,
  cleanUp,
  connect,
  control,
  onPublicView,
  participantJsGzipKb,
  phaseTimer,
  postJson,
  ServerSampler,
  type Figures,
  type Phone,
  type RoundWatch,
} from './benchSupport.ts';
import { runAnswers } from './answerPhase.ts';
import { runBrainstorm } from './brainstormPhase.ts';
import { runQa } from './qaScenario.ts';
import { bareOneRoom, runRoomsScenario, startPlayfieldChild } from './roomsScenario.ts';

async function run(options: Options): Promise<void> {
  if (options.scenario === 'rooms') {
    const figures = await runRoomsScenario(options);
    saveFigures(`rooms-${options.rooms}x${options.phones}`, figures);
    return;
  }
  const n = options.participants;
  const random = createRandom(options.seed);
  const { fdLimit, loadAtStart } = checkMachine(n, options.seed);

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
  const { phases, phase } = phaseTimer(sampler, server);
  const idleRssKb = sampler.sample()?.rssKb ?? 0;

  // One poll to answer, and a second round to move to and back from.
  const created = await postJson(`${base}/api/sessions`, benchSession(n), [
    'sessionId',
    'code',
    'facilitatorToken',
  ] as const);

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
          onPublicView(socket, (message) => {
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
  const busyRefusals = busyRefusalCount();
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

  // Answers, matched to the console's views by sequence number (answerPhase.ts).
  const spreadMs = Math.min(5000, Math.max(2000, n * 2.5));
  const { answers, refusals, seen, answerMs, unmatched, ackMs } = await runAnswers({
    phones,
    random,
    spreadMs,
    phase,
    changes,
    pollId,
    optionCount: POLL_OPTIONS.length,
    facilitatorSeq: () => facilitatorSeq,
    setArrivals: (list) => (arrivals = list),
    takeArrivals: () => {
      const list = arrivals ?? [];
      arrivals = null;
      return list;
    },
  });

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

  const brainstorm = await runBrainstorm({
    phones,
    random,
    spreadMs,
    phase,
    changes,
    refusals,
    facilitator,
    facilitatorSeq: () => facilitatorSeq,
    facilitatorView: () => facilitatorView,
    setArrivals: (list) => (arrivals = list),
    takeArrivals: () => {
      const list = arrivals ?? [];
      arrivals = null;
      return list;
    },
    secondId,
    brainstormId,
    timeBroadcast,
  });
  const { notes, dots } = brainstorm;
  const retried = busyRetryCount();
  if (retried > 0) log(`${retried} actions refused as BUSY were sent again, as phones do`);
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
    brainstormFacilitatorP99Ms: round1(percentile(brainstorm.clusterMs, 99)),
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

  function cpuPer1000(name: string, count: number): number | null {
    const cpuS = phases.find((p) => p.name === name)?.serverCpuS;
    return cpuS === undefined || count === 0 ? null : Math.round((cpuS * 1e6) / count);
  }
  printReport({
    ...brainstorm,
    n,
    fdLimit,
    loadAtStart,
    figures,
    joinHttpMs,
    startSamples,
    spreadMs,
    answered: answers.length,
    ackMs,
    facilitatorViews: seen.length,
    advanceMs,
    facilitatorViewKb,
    facilitatorPatchBytes,
    idleRssKb,
    joinedRssKb,
    peakRssKb,
    js,
    phases,
    bare,
    cpuPerAnswer,
    at500,
    unmatched,
  });
  saveFigures(`rounds-${n}`, figures);
}

// ---------------------------------------------------------------------------------------------

// The rehearsal scenario runs in its own process (rehearsalBench.ts); this file's own flags else.
runRehearsalIfAsked();
const options = optionsOrExit();

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
