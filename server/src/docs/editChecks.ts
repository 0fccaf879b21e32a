import * as Y from 'yjs';
import { fail, LIMITS, ok, type Result } from '@playfield/shared';
import { reportFault } from '../faults/faults.ts';
import { RateLimiter } from '../security/rateLimiter.ts';
import type { Repository } from '../store/repository.ts';
import { contentProblem, hasPending, type Change, type LiveDoc } from './liveDoc.ts';

/**
 * What every edit must pass before a document sees it: readable, building on edits the
 * server has, within the document's and the session's size and a person's write pace, and
 * (tried on the document's mirror) still what its kind's schema allows.
 */
export class EditChecks {
  /** Bytes written by people per document: a notebook fills slowly, never in seconds. */
  private readonly writeBytes = new RateLimiter(
    LIMITS.docWriteBytesPerMinute / 60,
    LIMITS.docWriteBytesBurst,
  );
  /** Stored document bytes per session, loaded on first use and kept in step. */
  private readonly sessionBytes = new Map<string, number>();

  constructor(private readonly repository: Repository) {}

  /**
   * Tries a change on the mirror and checks the result: the update to apply to the real
   * document, null when the change changes nothing, or why it is refused.
   */
  stage(live: LiveDoc, change: Change): Result<Uint8Array | null> {
    if (change.kind === 'update') {
      const refused = precheck(live, change.update) ?? this.withinBounds(live, change);
      if (refused) return refused;
    }
    const mirror = live.mirror;
    const transactions: Y.Transaction[] = [];
    const updates: Uint8Array[] = [];
    const onTransaction = (transaction: Y.Transaction) => transactions.push(transaction);
    const onUpdate = (update: Uint8Array) => updates.push(update);
    mirror.on('afterTransaction', onTransaction);
    mirror.on('update', onUpdate);
    try {
      if (change.kind === 'update') Y.applyUpdate(mirror, change.update);
      else mirror.transact(() => change.edit(mirror));
    } catch (error) {
      live.dropMirror();
      if (change.kind === 'edit') {
        reportFault(`docs: server edit ${live.id}`, error);
        return fail('INTERNAL', 'The server could not write that');
      }
      return fail('BAD_REQUEST', 'That edit could not be applied');
    } finally {
      mirror.off('afterTransaction', onTransaction);
      mirror.off('update', onUpdate);
    }
    if (change.kind === 'update' && hasPending(mirror)) {
      // Yjs would keep it pending and invisible: refuse, the client starts again.
      live.dropMirror();
      return fail('CONFLICT', 'This edit builds on one the server does not have: reload');
    }
    if (updates.length === 0) return ok(null);
    const update = change.kind === 'update' ? change.update : Y.mergeUpdates(updates);
    const bounded = change.kind === 'edit' ? this.withinBounds(live, change, update) : null;
    if (bounded) {
      live.dropMirror();
      return bounded;
    }
    const problem = contentProblem(live.ref.kind, mirror, transactions);
    if (problem) {
      live.dropMirror();
      if (change.kind === 'edit') reportFault(`docs: server edit ${live.id}`, new Error(problem));
      return fail('BAD_REQUEST', `That edit was refused: ${problem}`);
    }
    return ok(update);
  }

  /**
   * The document's and the session's size limits, for every change; and, for people's
   * edits, the pace of bytes written (the server's own writes are bounded by the session).
   */
  withinBounds(
    live: LiveDoc,
    change: Change,
    update = change.kind === 'update' ? change.update : new Uint8Array(),
  ): Result<never> | null {
    const isPlan = live.ref.kind === 'plan';
    const limit = isPlan ? LIMITS.planDocBytes : LIMITS.notebookDocBytes;
    // The running size counts every update since the last compaction, overwritten ones
    // included: at the limit, measure what the document really holds before refusing.
    if (live.size + update.byteLength > limit)
      live.size = Y.encodeStateAsUpdate(live.doc).byteLength;
    if (live.size + update.byteLength > limit) {
      return fail(
        'TOO_LARGE',
        isPlan ? 'This plan is too long' : 'This notebook is full: export it and start a new one',
      );
    }
    const sessionBytes = this.sessionBytes.get(live.ref.sessionId) ?? 0;
    if (sessionBytes + update.byteLength > LIMITS.sessionDocBytes)
      return fail('TOO_LARGE', "This session's documents have reached their size limit");
    const isPerson = change.kind === 'update' && change.fromSocketId !== null;
    if (isPerson && !this.writeBytes.take(live.id, update.byteLength))
      return fail('RATE_LIMITED', 'Too much text at once: wait a moment and try again');
    return null;
  }

  /** Counts updates just stored against their session. */
  add(sessionId: string, updates: { data: Uint8Array }[]): void {
    const total = this.sessionBytes.get(sessionId);
    if (total === undefined) return;
    // Counted as stored: base64.
    const bytes = updates.reduce((sum, u) => sum + Math.ceil(u.data.byteLength / 3) * 4, 0);
    this.sessionBytes.set(sessionId, total + bytes);
  }

  /** Loads a session's stored document bytes once, before its documents are edited. */
  async load(sessionId: string): Promise<void> {
    if (this.sessionBytes.has(sessionId)) return;
    const bytes = await this.repository.sessionDocumentBytes(sessionId);
    this.sessionBytes.set(sessionId, bytes);
  }

  /** Forgets a session's total (reloaded on next use). */
  forget(sessionId: string): void {
    this.sessionBytes.delete(sessionId);
  }

  /** Keeps the totals of these sessions only (the others are cheap to reload). */
  keepOnly(inUse: ReadonlySet<string>): void {
    for (const sessionId of this.sessionBytes.keys())
      if (!inUse.has(sessionId)) this.sessionBytes.delete(sessionId);
  }
}

/** The checks that need no mirror: readable, and building on edits the server has. */
function precheck(live: LiveDoc, update: Uint8Array): Result<never> | null {
  try {
    // Decoding reads every struct: a truncated or garbled update fails here, untouched.
    Y.decodeUpdate(update);
    // An edit that builds on one the server never got (it was refused, or lost) would
    // sit unapplied: refuse it, so the client starts again from the server's copy.
    const known = Y.decodeStateVector(Y.encodeStateVector(live.doc));
    for (const [client, clock] of Y.parseUpdateMeta(update).from) {
      if (clock > (known.get(client) ?? 0))
        return fail('CONFLICT', 'This edit builds on one the server does not have: reload');
    }
  } catch {
    return fail('BAD_REQUEST', 'That edit could not be read');
  }
  return null;
}
