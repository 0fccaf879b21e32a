/** The load bench's table for people and JSON line for scripts (bench.ts). */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { log, percentile } from './benchKit.ts';
import type { BrainstormFigures } from './brainstormPhase.ts';
import type { Figures } from './benchSupport.ts';

/** Everything the rounds scenario measured, as the table prints it. */
export interface ReportInput extends BrainstormFigures {
  n: number;
  fdLimit: number;
  loadAtStart: number;
  figures: Figures;
  joinHttpMs: number[];
  startSamples: number[];
  spreadMs: number;
  /** Answers accepted. */
  answered: number;
  ackMs: number[];
  /** Facilitator views received while the phones answered. */
  facilitatorViews: number;
  advanceMs: number[];
  facilitatorViewKb: number;
  facilitatorPatchBytes: number;
  idleRssKb: number;
  joinedRssKb: number;
  peakRssKb: number;
  js: { kb: number | null; files: string[] };
  phases: { name: string; ms: number; serverCpuS: number; benchCpuS: number }[];
  bare: { answerP99Ms: number | null; serverCpuMsPer1000Answers: number | null };
  cpuPerAnswer: number | null;
  at500: number | null;
  /** Answers no facilitator view was seen to hold. */
  unmatched: number;
}

/** Prints the table, then the figures as one JSON line (the last line of stdout). */
export function printReport(input: ReportInput): void {
  const {
    n,
    fdLimit,
    loadAtStart,
    figures,
    joinHttpMs,
    startSamples,
    spreadMs,
    answered,
    ackMs,
    facilitatorViews,
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
    brainstormStartMs,
    notes,
    clusters,
    clusterMs,
    brainstormViewKb,
    voteOpenMs,
    dots,
  } = input;
  const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
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
    [`answers accepted / sent (spread ${spreadMs} ms)`, `${answered} / ${n}`],
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
    ['  facilitator views during answers', String(facilitatorViews)],
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
    [
      '  public views phones received while posting (patch bytes)',
      `${notes.publicViews} (${(notes.publicPatchBytes / 1024).toFixed(1)} KB)`,
    ],
    [
      `  facilitator groups 50 notes -> console p50 / p99 (${clusterMs.length} samples)`,
      `${ms(percentile(clusterMs, 50))} / ${ms(percentile(clusterMs, 99))}`,
    ],
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
    [
      '  public views phones received while voting (patch bytes)',
      `${dots.publicViews} (${(dots.publicPatchBytes / 1024).toFixed(1)} KB)`,
    ],
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
}

/** The open-file limit and the load at the start, each with a warning when it skews the run. */
export function checkMachine(n: number, seed: string): { fdLimit: number; loadAtStart: number } {
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
  log(`participants ${n}, seed "${seed}", open-file limit ${fdLimit}`);
  // Server and generator share the CPUs: other work on the machine skews every figure.
  const loadAtStart = os.loadavg()[0] ?? 0;
  if (loadAtStart > os.cpus().length / 2) {
    log(`WARNING: load average ${loadAtStart.toFixed(1)} at start; figures will be noisy`);
  }
  return { fdLimit, loadAtStart };
}
