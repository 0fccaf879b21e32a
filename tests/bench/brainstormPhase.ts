/**
 * The load bench's brainstorm (bench.ts): every phone posts a note, the facilitator clusters
 * them and opens the vote, then every phone places a dot.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { createRandom, FacilitatorView } from '@playfield/shared';
import { log } from './benchKit.ts';
import { ACK_TIMEOUT_MS, FACILITATOR_PAUSE_MS } from './benchOptions.ts';
import {
  act,
  onPublicView,
  publicPatchBytesReceived,
  readAck,
  type Changes,
  type Phone,
  type PlayfieldSocket,
} from './benchSupport.ts';

/** A facilitator view's arrival: when, at which seq, and the poll's respondents then. */
export interface Arrival {
  at: number;
  seq: number;
  respondents: number;
}

/** What the brainstorm needs of the run: its phones, console and clock. */
export interface BrainstormContext {
  phones: Phone[];
  random: ReturnType<typeof createRandom>;
  spreadMs: number;
  phase: <T>(name: string, body: () => Promise<T>) => Promise<T>;
  changes: Changes;
  /** Refused actions by error code, shared with the run's report. */
  refusals: Map<string, number>;
  facilitator: PlayfieldSocket;
  facilitatorSeq: () => number;
  facilitatorView: () => FacilitatorView | null;
  /** Starts recording facilitator views; `takeArrivals` stops and returns them. */
  setArrivals: (list: Arrival[]) => void;
  takeArrivals: () => Arrival[];
  secondId: string;
  brainstormId: string;
  /** Emits a facilitator command and times until every phone shows `roundId`. */
  timeBroadcast: (type: 'round.next', roundId: string) => Promise<number[]>;
}

/** What one kind of phone action measured. */
export interface ActionFigures {
  ackMs: number[];
  seenMs: number[];
  accepted: number;
  publicViews: number;
  /** The bytes of the shared view's patches all phones received meanwhile. */
  publicPatchBytes: number;
}

export interface BrainstormFigures {
  brainstormStartMs: number[];
  notes: ActionFigures;
  clusters: number;
  /** Each grouping of notes by the facilitator until the console showed it. */
  clusterMs: number[];
  brainstormViewKb: number;
  voteOpenMs: number[];
  dots: ActionFigures;
}

export async function runBrainstorm(ctx: BrainstormContext): Promise<BrainstormFigures> {
  const { phones, random, spreadMs, phase, changes, refusals, brainstormId, secondId } = ctx;
  const n = phones.length;
  // Brainstorm: every phone posts a note, then (once the facilitator has clustered the
  // notes and opened the vote) places a dot. Timed like the answers: ack, and emit until
  // the first facilitator view whose seq covers the acked one. The room's shared view must
  // not move while notes and dots come in: the phones count what they receive.
  const timeActions = async (
    name: string,
    actionOf: (i: number) => object,
  ): Promise<ActionFigures> => {
    const sent: { emitAt: number; ackAt: number; seq: number }[] = [];
    let publicViews = 0;
    const countPublic = (): void => {
      publicViews++;
    };
    const stops = phones.map((phone) => phone.socket && onPublicView(phone.socket, countPublic));
    const patchBytesBefore = publicPatchBytesReceived();
    ctx.setArrivals([]);
    await phase(name, async () => {
      const delays = phones.map(() => random.next() * spreadMs);
      await Promise.all(
        phones.map(async (phone, i) => {
          await sleep(delays[i] ?? 0);
          if (!phone.socket) return;
          const emitAt = performance.now();
          let result: Awaited<ReturnType<typeof act>>;
          try {
            result = await act(phone.socket, 'round.act', {
              roundId: brainstormId,
              action: actionOf(i),
            });
          } catch {
            refusals.set('ACK_TIMEOUT', (refusals.get('ACK_TIMEOUT') ?? 0) + 1);
            return;
          }
          if (result.ok) sent.push({ emitAt, ackAt: performance.now(), seq: result.data.seq });
          else refusals.set(result.error.code, (refusals.get(result.error.code) ?? 0) + 1);
        }),
      );
      const lastSeq = Math.max(0, ...sent.map((a) => a.seq));
      await changes.until(
        () => ctx.facilitatorSeq() >= lastSeq,
        `the facilitator to see every ${name}`,
      );
    });
    for (const stop of stops) stop?.();
    const views = ctx.takeArrivals();
    const seenMs = sent.flatMap((a) => {
      const view = views.find((v) => v.seq >= a.seq && v.at >= a.emitAt);
      return view ? [view.at - a.emitAt] : [];
    });
    return {
      ackMs: sent.map((a) => a.ackAt - a.emitAt),
      seenMs,
      accepted: sent.length,
      publicViews,
      publicPatchBytes: publicPatchBytesReceived() - patchBytesBefore,
    };
  };
  const facilitatorAct = async (action: object): Promise<number> => {
    const reply: unknown = await ctx.facilitator
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
    const stops = phones.map((phone) => {
      let isSeen = false;
      const listener = (): void => {
        if (isSeen) return;
        isSeen = true;
        samples.push(performance.now() - startedAt);
        changes.notify();
      };
      return phone.socket && onPublicView(phone.socket, listener);
    });
    await facilitatorAct(action);
    await changes.until(() => samples.length === n, 'every phone to get the changed view');
    for (const stop of stops) stop?.();
    return samples;
  };

  await sleep(FACILITATOR_PAUSE_MS);
  await ctx.timeBroadcast('round.next', secondId);
  await sleep(FACILITATOR_PAUSE_MS);
  const brainstormStartMs = await ctx.timeBroadcast('round.next', brainstormId);
  const notes = await timeActions('notes', (i) => ({
    type: 'addNote',
    text: `Idea ${i + 1}: a competitor who answers every customer within the hour`,
    tag: null,
  }));
  // The facilitator groups the notes into clusters of 50 (one action each; a brainstorm has
  // at most 40 clusters, so notes past the 2,000th stay ungrouped).
  const clusters = Math.max(1, Math.min(40, Math.ceil(notes.accepted / 50)));
  await timePublicChange({ type: 'phase', phase: 'cluster' });
  // Each grouping is a facilitator action, timed until the console shows it.
  const clusterMs: number[] = [];
  for (let c = 0; c < clusters; c++) {
    const first = c * 50 + 1;
    const noteIds = Array.from(
      { length: Math.max(0, Math.min(50, notes.accepted - first + 1)) },
      (_, k) => `n${first + k}`,
    );
    const emitAt = performance.now();
    const seq = await facilitatorAct({ type: 'createCluster', name: `Theme ${c + 1}`, noteIds });
    await changes.until(() => ctx.facilitatorSeq() >= seq, 'the console to show the cluster');
    clusterMs.push(performance.now() - emitAt);
  }
  const brainstormViewKb = Buffer.byteLength(JSON.stringify(ctx.facilitatorView() ?? {})) / 1024;
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
  return { brainstormStartMs, notes, clusters, clusterMs, brainstormViewKb, voteOpenMs, dots };
}
