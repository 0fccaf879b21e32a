/** The load bench's poll (bench.ts): every phone answers once, spread over a few seconds. */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { createRandom } from '@playfield/shared';
import { log } from './benchKit.ts';
import { act, type Changes, type Phone } from './benchSupport.ts';
import type { Arrival } from './brainstormPhase.ts';

export interface AnswerContext {
  phones: Phone[];
  random: ReturnType<typeof createRandom>;
  spreadMs: number;
  phase: <T>(name: string, body: () => Promise<T>) => Promise<T>;
  changes: Changes;
  pollId: string;
  optionCount: number;
  facilitatorSeq: () => number;
  /** Starts recording facilitator views; `takeArrivals` stops and returns them. */
  setArrivals: (list: Arrival[]) => void;
  takeArrivals: () => Arrival[];
}

/**
 * Every phone answers the poll.
 *
 * Answers. Latency is matched by event sequence number, not by respondent counts:
 * the ack of an accepted answer carries the seq it was logged at, and every view is
 * stamped with the seq of the state it was projected from. The server replaces its state
 * only after the append and computes views from the current state, so a facilitator view
 * with seq >= s includes the answer logged at s. (Matching on "respondents >= k" alone
 * cannot tell which answers a view holds, because acks travel on other sockets and race
 * the facilitator's view.) An answer is seen at the first facilitator arrival, after its
 * emit, whose seq reaches its ack's seq; the ack itself may arrive later than that view.
 */
export async function runAnswers(ctx: AnswerContext) {
  const { phones, random, spreadMs, phase, changes, pollId } = ctx;
  const answers: { emitAt: number; ackAt: number; seq: number }[] = [];
  const refusals = new Map<string, number>();
  ctx.setArrivals([]);
  await phase('answer', async () => {
    const delays = phones.map(() => random.next() * spreadMs);
    const count = (code: string) => refusals.set(code, (refusals.get(code) ?? 0) + 1);
    await Promise.all(
      phones.map(async (phone, i) => {
        await sleep(delays[i] ?? 0);
        if (!phone.socket) return;
        const emitAt = performance.now();
        let result: Awaited<ReturnType<typeof act>>;
        try {
          result = await act(phone.socket, 'round.act', {
            roundId: pollId,
            action: { type: 'answer', choices: [i % ctx.optionCount] },
          });
        } catch {
          count('ACK_TIMEOUT');
          return;
        }
        const ackAt = performance.now();
        if (result.ok) answers.push({ emitAt, ackAt, seq: result.data.seq });
        else count(result.error.code);
      }),
    );
    const lastSeq = Math.max(0, ...answers.map((a) => a.seq));
    await changes.until(
      () => ctx.facilitatorSeq() >= lastSeq,
      'the facilitator to see every answer',
    );
  });
  const seen = ctx.takeArrivals();
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
  return { answers, refusals, seen, answerMs, unmatched, ackMs };
}
