/**
 * What the document fuzz requires once its messages are answered: the process is alive,
 * every request had a Result, what must be refused was refused and nothing honest was,
 * every honest copy equals a fresh one, and a restart reloads the same documents.
 */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { ERROR_CODES } from '@playfield/shared';
import { readNotebook } from '@playfield/shared/notebooks/notebook';
import { PLAN_LIMITS, readPlan } from '@playfield/shared/plans/plan';
import type { Kind } from './docFuzzEdits.ts';
import { ACK_WAIT_MS, HonestEditor, isResult, Throttle } from './docFuzzClients.ts';
import {
  keyOf,
  readerOf,
  reload,
  report,
  type FuzzRoom,
  type FuzzRun,
  type Sent,
  type Target,
} from './docFuzzRun.ts';
import { requestJson } from './harness.ts';

/** Everything the document holds, as compared between copies. */
function contentOf(kind: Kind, doc: Y.Doc) {
  return {
    data: kind === 'notebook' ? readNotebook(doc) : readPlan(doc),
    stateVector: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]),
  };
}

export type Stored = Map<string, ReturnType<typeof contentOf>>;

function sameDoc(kind: Kind, a: Y.Doc, b: Y.Doc): boolean {
  return (
    Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b)) &&
    JSON.stringify(contentOf(kind, a)) === JSON.stringify(contentOf(kind, b))
  );
}

/** Resolves once `predicate` holds, checking after every change of `doc`. */
function until(doc: Y.Doc, predicate: () => boolean): Promise<boolean> {
  if (predicate()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      doc.off('update', check);
      resolve(false);
    }, ACK_WAIT_MS);
    const check = () => {
      if (!predicate()) return;
      clearTimeout(timer);
      doc.off('update', check);
      resolve(true);
    };
    doc.on('update', check);
  });
}

function listSent(list: Sent[]): string {
  return list
    .slice(0, 10)
    .map((s) => `step ${s.step} ${s.who} on ${s.target}: ${s.what} -> ${JSON.stringify(s.outcome)}`)
    .join('\n');
}

/** 1. The process is alive and answers; returns what `/healthz` said. */
export async function checkAlive(run: FuzzRun): Promise<unknown> {
  expect(run.server.isRunning(), report(run)).toBe(true);
  const health = await requestJson(`${run.server.url}/healthz`);
  expect(health.status, report(run)).toBe(200);
  return health.body;
}

/**
 * 2. Every request had a Result: ok, or a typed error other than INTERNAL.
 * 3. What the design says must be refused was refused.
 * 4. Honest clients were never refused (their edits are valid and within the rate),
 *    except by a full document.
 */
export function checkAnswers(run: FuzzRun, targets: Target[]): void {
  const { sent, closings } = run;
  const unanswered = sent.filter((s) => s.outcome.kind !== 'result');
  const malformed = sent.filter(
    (s) => s.outcome.kind === 'result' && !isResult(s.outcome.result, ERROR_CODES),
  );
  const internal = sent.filter(
    (s) =>
      s.outcome.kind === 'result' &&
      !s.outcome.result.ok &&
      s.outcome.result.error.code === 'INTERNAL',
  );
  for (const h of targets.flatMap((t) => t.honest))
    closings.push(...h.editor.raw.closings.map((c) => `${h.name}: ${c}`));
  // A document that reached its size limit refuses everyone's edits (TOO_LARGE): long
  // runs fill plans that way. Two devices of one person may each add a plan's 30th
  // action at once, and the server rightly refuses the 31st. The edits that client had in
  // flight then build on the refused one (CONFLICT) until it reloads. Any other refusal
  // of an honest edit is a finding.
  const previousRefused = new Map<string, boolean>();
  const refusedHonest = sent.filter((s) => {
    if (s.what !== 'honest edit' || s.outcome.kind !== 'result') return false;
    const isRefused = !s.outcome.result.ok;
    const excused =
      !s.outcome.result.ok &&
      (s.outcome.result.error.code === 'TOO_LARGE' ||
        s.outcome.result.error.message.includes(`At most ${PLAN_LIMITS.actions} actions`) ||
        previousRefused.get(s.who) === true);
    previousRefused.set(s.who, isRefused);
    return isRefused && !excused;
  });
  expect(
    unanswered.length,
    `${report(run)}\nNo ack:\n${listSent(unanswered)}\nHonest sockets closed: ${closings.join('; ')}\nHonest edits refused:\n${listSent(refusedHonest)}`,
  ).toBe(0);
  expect(malformed.length, `${report(run)}\nNot a Result:\n${listSent(malformed)}`).toBe(0);
  expect(internal.length, `${report(run)}\nINTERNAL errors:\n${listSent(internal)}`).toBe(0);

  const accepted = sent.filter(
    (s) => s.mustRefuse && s.outcome.kind === 'result' && s.outcome.result.ok,
  );
  expect(accepted.length, `${report(run)}\nAccepted although invalid:\n${listSent(accepted)}`).toBe(
    0,
  );

  expect(
    refusedHonest.length,
    `${report(run)}\nHonest edits refused:\n${listSent(refusedHonest)}`,
  ).toBe(0);
}

/**
 * 5. Every honest copy equals a fresh copy opened now. Returns each document's content,
 * for the restart to compare with.
 */
export async function checkConverged(run: FuzzRun, room: FuzzRoom): Promise<Stored> {
  const stored: Stored = new Map();
  for (const target of room.targets) {
    for (const slot of target.honest) {
      if (slot.editor.needsReload) await reload(run, room, target, slot);
      const flushed = await slot.editor.flush(run.throttle);
      if (flushed)
        run.sent.push({
          step: run.step,
          target: target.docId,
          who: slot.name,
          what: 'honest edit',
          mustRefuse: false,
          outcome: flushed,
        });
      // A refused last batch (a full document) stays in that copy only: reload it, as
      // the browser would, before comparing.
      if (slot.editor.needsReload) await reload(run, room, target, slot);
      expect(
        slot.editor.unreadableRelays,
        `${slot.name}: relayed updates it could not apply`,
      ).toEqual([]);
    }
    const credential = readerOf(room, target);
    const reader = await HonestEditor.open(
      run.server.url,
      credential,
      keyOf(run, room, credential)(),
      target.docId,
      run.throttle,
    );
    run.sockets.push(reader.editor);
    const fresh = reader.editor.doc;
    for (const slot of target.honest) {
      const converged = await until(slot.editor.doc, () =>
        sameDoc(target.kind, slot.editor.doc, fresh),
      );
      if (!converged)
        expect(
          contentOf(target.kind, slot.editor.doc),
          `${report(run)}\n${slot.name} on ${target.docId} did not converge`,
        ).toEqual(contentOf(target.kind, fresh));
    }
    stored.set(target.docId, contentOf(target.kind, fresh));
  }
  return stored;
}

/** 6. After a hard kill and a restart on the same data, every document reloads the same. */
export async function checkRestart(run: FuzzRun, room: FuzzRoom, stored: Stored): Promise<void> {
  for (const socket of run.sockets.splice(0)) socket.close();
  await run.server.kill();
  run.server = await run.children.startWatched(run.dataDir);
  for (const target of room.targets) {
    const credential = readerOf(room, target);
    const { editor } = await HonestEditor.open(
      run.server.url,
      credential,
      keyOf(run, room, credential)(),
      target.docId,
      new Throttle(),
    );
    run.sockets.push(editor);
    expect(
      contentOf(target.kind, editor.doc),
      `${report(run)}\n${target.docId} after a restart`,
    ).toEqual(stored.get(target.docId));
  }
}

/** One line on what the run sent, how fast, and what the server refused. */
export function logSummary(run: FuzzRun, targets: Target[], fuzzMs: number, health: unknown): void {
  const { sent } = run;
  const reloads = targets.flatMap((t) => t.honest).reduce((sum, s) => sum + s.reloads, 0);
  const refusals = new Map<string, number>();
  for (const s of sent)
    if (s.outcome.kind === 'result' && !s.outcome.result.ok)
      refusals.set(
        s.outcome.result.error.code,
        (refusals.get(s.outcome.result.error.code) ?? 0) + 1,
      );
  console.info(
    `Doc fuzz FUZZ_SEED=${run.seed}: ${sent.length} messages in ${Math.round(fuzzMs)} ms ` +
      `(${Math.round((sent.length / fuzzMs) * 1000)}/s), refusals ${JSON.stringify(Object.fromEntries(refusals))}, ` +
      `honest reloads ${reloads}, throttled ${Math.round(run.throttle.waitedMs)} ms, healthz ${JSON.stringify(health)}`,
  );
}
