/** The load bench's Q&A scenario (--scenario qa): questions and upvotes under load. */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { createRandom, FacilitatorView } from '@playfield/shared';
import { log, percentile, round1 } from './benchKit.ts';
import { ACK_TIMEOUT_MS } from './benchOptions.ts';
import {
  cleanups,
  connect,
  isRecord,
  act,
  onPublicView,
  type Changes,
  type Phone,
  type PlayfieldSocket,
  type ServerSampler,
} from './benchSupport.ts';

/** Questions asked in the Q&A scenario, and upvotes each phone casts. */
const QA_QUESTIONS = 200;
const QA_VOTES_EACH = 5;

export interface QaContext {
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
export async function runQa(ctx: QaContext): Promise<void> {
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
    if (phone.socket) onPublicView(phone.socket, () => void publicViews++);
  }

  type Sent = { emitAt: number; ackAt: number; seq: number };
  const refusals = new Map<string, number>();
  const send = async (socket: PlayfieldSocket, payload: unknown): Promise<Sent | null> => {
    const emitAt = performance.now();
    let result: Awaited<ReturnType<typeof act>>;
    try {
      result = await act(socket, 'qa.act', payload);
    } catch {
      refusals.set('ACK_TIMEOUT', (refusals.get('ACK_TIMEOUT') ?? 0) + 1);
      return null;
    }
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
