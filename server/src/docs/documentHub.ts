import {
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { fail, ok, parseDocId, type Result } from '@playfield/shared';
import { parsePlan } from '@playfield/shared/plans/plan';
import { notebookText } from '@playfield/shared/notebooks/notebook';
import {
  AppFailure,
  guard,
  guardedInterval,
  guardedTimeout,
  quarantineItem,
  reportFault,
} from '../faults/faults.ts';
import type { DocumentRowUpdate, DocumentWrite, Repository } from '../store/repository.ts';
import { EditChecks } from './editChecks.ts';
import {
  contentProblem,
  hasPending,
  LiveDoc,
  type Change,
  type PendingChange,
  type StoreWith,
} from './liveDoc.ts';
import type { PresenceIdentity } from './presence.ts';

/** Where relayed edits and presence go: implemented by the socket layer. */
export interface DocSink {
  update(docId: string, update: Uint8Array, exceptSocketId: string | null): void;
  awareness(docId: string, update: Uint8Array, exceptSocketId: string | null): void;
}

/** Merge the stored updates into one after this many rows. */
const COMPACT_AFTER_UPDATES = 200;
/** Documents nobody holds for this long leave memory (storage keeps them). */
const IDLE_EVICT_MS = 30 * 1000;
/** The search text and flags of a busy document are refreshed at most this often. */
const META_REFRESH_MS = 1000;

const NOT_SAVED = fail(
  'UNAVAILABLE',
  'That edit could not be saved, so it was not kept: try again in a moment',
);
const CLOSED = fail(
  'QUARANTINED',
  'This document hit a problem and is closed to edits; its owner can still download it',
);

/**
 * Keeps collaborative documents: loads them from their stored updates, checks and applies
 * edits one document at a time, stores them (the edit is acknowledged only once it is
 * durable), relays them to the other holders, and compacts the stored updates.
 *
 * Nothing a client sends can throw past this class: every edit is tried on a mirror and
 * read back through its kind's schema before the real document sees it; a document whose
 * stored data breaks the code is quarantined (closed to edits, still readable and
 * exportable) while every other document goes on.
 */
export class DocumentHub {
  private readonly live = new Map<string, LiveDoc>();
  private readonly loading = new Map<string, Promise<LiveDoc>>();
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly checks: EditChecks;

  constructor(
    private readonly repository: Repository,
    /** Where accepted edits and presence are relayed (the socket layer's `/docs` rooms). */
    private readonly sink: DocSink,
    private readonly now: () => number = Date.now,
  ) {
    this.checks = new EditChecks(repository);
    this.sweepTimer = guardedInterval('docs: evict idle', () => this.evictIdle(), 10_000);
  }

  /** The live document, loading it from storage (an empty one if it was never written). */
  async get(docId: string): Promise<LiveDoc> {
    const live = this.live.get(docId);
    if (live) {
      live.lastUsedAt = this.now();
      return live;
    }
    let pending = this.loading.get(docId);
    if (!pending) {
      pending = this.load(docId).finally(() => this.loading.delete(docId));
      this.loading.set(docId, pending);
    }
    return pending;
  }

  private async load(docId: string): Promise<LiveDoc> {
    const ref = parseDocId(docId);
    if (!ref) throw new AppFailure({ code: 'BAD_REQUEST', message: 'Invalid document' });
    const [row, updates] = await Promise.all([
      this.repository.getDocument(docId),
      this.repository.loadDocumentUpdates(docId),
      this.checks.load(ref.sessionId),
    ]);
    const doc = new Y.Doc();
    let size = 0;
    let problem: string | null = null;
    try {
      if (updates.length > 0) {
        const merged = Y.mergeUpdates(updates.map((u) => u.data));
        Y.applyUpdate(doc, merged);
        size = merged.byteLength;
      }
      problem = hasPending(doc)
        ? 'its stored edits are incomplete'
        : contentProblem(ref.kind, doc, null);
    } catch (error) {
      reportFault(`docs: load ${docId}`, error);
      problem = 'its stored edits cannot be read';
    }
    const live = new LiveDoc(
      docId,
      ref,
      doc,
      updates.at(-1)?.seq ?? 0,
      updates.length,
      size,
      row?.created_at ?? this.now(),
      this.now(),
    );
    if (problem) this.quarantine(live, problem);
    this.live.set(docId, live);
    return live;
  }

  private quarantine(live: LiveDoc, reason: string): void {
    live.quarantine = reason;
    live.dropMirror();
    quarantineItem('document', live.id, `${live.ref.kind}: ${reason}`);
  }

  /** Why the document is closed to edits, or null (loading it if needed). */
  async quarantineOf(docId: string): Promise<string | null> {
    return (await this.get(docId)).quarantine;
  }

  /** The document's current state as plain data, for exports and access checks. */
  async read<T>(docId: string, reader: (doc: Y.Doc) => T): Promise<T> {
    return reader((await this.get(docId)).doc);
  }

  /**
   * The stored updates as they are, for exporting a quarantined document: merged into one
   * when they can be, otherwise each row as stored.
   */
  async rawUpdates(docId: string): Promise<Uint8Array[]> {
    const updates = (await this.repository.loadDocumentUpdates(docId)).map((u) => u.data);
    try {
      return updates.length > 0 ? [Y.mergeUpdates(updates)] : [];
    } catch {
      return updates;
    }
  }

  /**
   * Checks and applies a client's edit. Resolves once it is stored; refused edits change
   * nothing. Edits of one document are applied in arrival order, and those that arrive
   * while a write is in flight are stored together.
   */
  applyUpdate(
    docId: string,
    update: Uint8Array,
    fromSocketId: string | null,
  ): Promise<Result<{ bytes: number }>> {
    return this.enqueue(docId, { kind: 'update', update, fromSocketId });
  }

  /**
   * Makes an edit on the server's behalf (a captured answer, a round's results). It goes
   * through the same queue, checks and storage as a client's.
   */
  change(docId: string, edit: (doc: Y.Doc) => void): Promise<Result<{ bytes: number }>> {
    return this.enqueue(docId, { kind: 'edit', edit });
  }

  /**
   * Makes an edit on the server's behalf that is stored in the same transaction as
   * something else (a session command's events, see `storeWith`): the edit goes through
   * the document's queue, mirror and schema, then `storeWith` stores it with its own write,
   * and only once that succeeded does the document see it. Both are stored or neither.
   */
  async changeWith<T>(
    docId: string,
    edit: (doc: Y.Doc) => void,
    storeWith: (write: DocumentWrite | null) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    let stored: Result<T> | null = null;
    const done = await this.enqueue(docId, {
      kind: 'edit',
      edit,
      storeWith: async (write) => (stored = await storeWith(write)),
    });
    if (stored) return stored;
    // Refused before it was stored (the edit broke the schema, the document is closed).
    return done.ok ? fail('INTERNAL', 'That could not be saved') : done;
  }

  private async enqueue(docId: string, change: Change): Promise<Result<{ bytes: number }>> {
    const live = await this.get(docId);
    return new Promise((resolve) => {
      live.pending.push({ change, resolve });
      live.draining ??= this.drain(live).finally(() => {
        live.draining = null;
      });
    });
  }

  private async drain(live: LiveDoc): Promise<void> {
    while (live.pending.length > 0) {
      // An edit stored with a command goes alone; the others before it go together.
      const joint = live.pending.findIndex((p) => p.change.kind === 'edit' && p.change.storeWith);
      const batch = live.pending.splice(
        0,
        joint === 0 ? 1 : joint < 0 ? live.pending.length : joint,
      );
      try {
        const [first] = batch;
        if (first && batch.length === 1 && first.change.kind === 'edit' && first.change.storeWith)
          await this.applyJoint(live, first, first.change.storeWith);
        else await this.applyBatch(live, batch);
      } catch (error) {
        // Only a fault in this code gets here: settle what is left, keep the queue going.
        reportFault(`docs: ${live.id}`, error);
        for (const item of batch) item.resolve(fail('INTERNAL', 'That edit failed on the server'));
      }
    }
  }

  private async applyBatch(live: LiveDoc, batch: PendingChange[]): Promise<void> {
    const accepted: { item: PendingChange; update: Uint8Array }[] = [];
    for (const item of batch) {
      if (live.quarantine) {
        item.resolve(CLOSED);
        continue;
      }
      const staged = this.checks.stage(live, item.change);
      if (!staged.ok || staged.data === null) {
        item.resolve(staged.ok ? ok({ bytes: 0 }) : staged);
        continue;
      }
      try {
        Y.applyUpdate(live.doc, staged.data, 'remote');
      } catch (error) {
        // The mirror took it, so the document should have: its state is not to be trusted.
        reportFault(`docs: apply ${live.id}`, error);
        this.quarantine(live, 'an edit could not be applied');
        item.resolve(CLOSED);
        continue;
      }
      live.size += staged.data.byteLength;
      accepted.push({ item, update: staged.data });
    }
    if (accepted.length === 0) return;
    const first = live.seq + 1;
    const stored = accepted.map((a, i) => ({ seq: first + i, data: a.update }));
    try {
      await this.repository.appendDocumentUpdates(this.row(live), stored);
    } catch (error) {
      // The edits are in memory but not stored: drop the document so the next use reloads
      // what is durable, and tell the senders their edits were not kept (clients resend).
      reportFault(`docs: store ${live.id}`, error);
      this.forget(live);
      for (const { item } of accepted) item.resolve(NOT_SAVED);
      return;
    }
    live.seq += accepted.length;
    live.updateCount += accepted.length;
    this.checks.add(live.ref.sessionId, stored);
    for (const { item, update } of accepted) {
      const from = item.change.kind === 'update' ? item.change.fromSocketId : null;
      guard(`docs: relay ${live.id}`, () => this.sink.update(live.id, update, from));
      item.resolve(ok({ bytes: update.byteLength }));
    }
    this.scheduleMeta(live);
    if (live.updateCount > COMPACT_AFTER_UPDATES) await this.compact(live);
  }

  /** Stages a server's edit, has `storeWith` store it with its command, then applies it. */
  private async applyJoint(live: LiveDoc, item: PendingChange, storeWith: StoreWith) {
    if (live.quarantine) return item.resolve(CLOSED);
    const staged = this.checks.stage(live, item.change);
    if (!staged.ok) return item.resolve(staged);
    const update = staged.data;
    const write = update && {
      row: this.row(live, live.mirror),
      updates: [{ seq: live.seq + 1, data: update }],
    };
    let stored: Result<unknown>;
    try {
      stored = await storeWith(write);
    } catch (error) {
      reportFault(`docs: store with ${live.id}`, error);
      stored = fail('INTERNAL', 'That failed on the server');
    }
    if (!stored.ok || !update) {
      // Refused or not stored: the document never sees it.
      if (update) live.dropMirror();
      return item.resolve(stored.ok ? ok({ bytes: 0 }) : stored);
    }
    try {
      Y.applyUpdate(live.doc, update, 'remote');
    } catch (error) {
      // Stored, and the mirror took it: the document should have. Reloading reads it back.
      reportFault(`docs: apply ${live.id}`, error);
      this.forget(live);
      return item.resolve(ok({ bytes: update.byteLength }));
    }
    live.size += update.byteLength;
    live.seq += 1;
    live.updateCount += 1;
    this.checks.add(live.ref.sessionId, [{ data: update }]);
    guard(`docs: relay ${live.id}`, () => this.sink.update(live.id, update, null));
    item.resolve(ok({ bytes: update.byteLength }));
    this.scheduleMeta(live);
    if (live.updateCount > COMPACT_AFTER_UPDATES) await this.compact(live);
  }

  private row(live: LiveDoc, doc: Y.Doc = live.doc): DocumentRowUpdate {
    const plan = live.ref.kind === 'plan' ? parsePlan(doc) : null;
    return {
      id: live.id,
      kind: live.ref.kind,
      session_id: live.ref.sessionId,
      participant_id: live.ref.kind === 'plan' ? live.ref.participantId : null,
      created_at: live.createdAt,
      updated_at: this.now(),
      is_shared: plan?.success && plan.data.isShared ? 1 : 0,
      is_finished: plan?.success && plan.data.isFinished ? 1 : 0,
    };
  }

  /** The row with the notebook's search text, or null when reading it fails (quarantined). */
  private metaRow(live: LiveDoc): DocumentRowUpdate | null {
    try {
      return { ...this.row(live), search_text: notebookText(live.doc) };
    } catch (error) {
      reportFault(`docs: search text ${live.id}`, error);
      this.quarantine(live, 'its text cannot be read');
      return null;
    }
  }

  /** Refreshes a notebook's search text shortly after edits stop arriving in bursts. */
  private scheduleMeta(live: LiveDoc): void {
    if (live.ref.kind !== 'notebook' || live.metaTimer) return;
    live.metaTimer = guardedTimeout(
      `docs: search text ${live.id}`,
      async () => {
        live.metaTimer = null;
        const row = this.metaRow(live);
        if (row) await this.repository.appendDocumentUpdates(row, []);
      },
      META_REFRESH_MS,
    );
  }

  /** Stores the document as one merged update in place of the rows so far. */
  private async compact(live: LiveDoc): Promise<void> {
    try {
      const merged = Y.encodeStateAsUpdate(live.doc);
      await this.repository.compactDocument(live.id, live.seq, merged);
      live.updateCount = 1;
      live.size = merged.byteLength;
      this.checks.forget(live.ref.sessionId);
      await this.checks.load(live.ref.sessionId);
    } catch (error) {
      // Compaction only saves space: the rows it would replace are still there.
      reportFault(`docs: compact ${live.id}`, error);
    }
  }

  // Presence ------------------------------------------------------------------------------

  /** A socket starts holding a document. */
  hold(live: LiveDoc, socketId: string): void {
    live.presence.hold(socketId);
    live.lastUsedAt = this.now();
  }

  /** Presence of the other holders, for a socket that just opened the document. */
  presence(live: LiveDoc): Uint8Array | null {
    const ids = [...live.awareness.getStates().keys()];
    return ids.length > 0 ? encodeAwarenessUpdate(live.awareness, ids) : null;
  }

  /**
   * Applies and relays a holder's presence update: only for client ids this socket owns,
   * with the name its credential gives (see {@link Presence}).
   */
  updatePresence(
    live: LiveDoc,
    socketId: string,
    update: Uint8Array,
    identity: PresenceIdentity,
  ): Result<null> {
    const checked = live.presence.check(socketId, update, identity);
    if (!checked.ok) return checked;
    applyAwarenessUpdate(live.awareness, checked.data, socketId);
    guard(`docs: presence ${live.id}`, () => this.sink.awareness(live.id, checked.data, socketId));
    return ok(null);
  }

  /** A socket stops holding a document: its presence disappears for the others. */
  release(docId: string, socketId: string): void {
    const live = this.live.get(docId);
    if (!live) return;
    const ids = live.presence.release(socketId);
    live.lastUsedAt = this.now();
    const gone = ids.filter((id) => live.awareness.getStates().has(id));
    if (gone.length === 0) return;
    // Removal bumps each id's clock with a null state: encoding those ids tells clients to drop them.
    removeAwarenessStates(live.awareness, gone, 'server');
    this.sink.awareness(docId, encodeAwarenessUpdate(live.awareness, gone), null);
  }

  // Lifecycle -----------------------------------------------------------------------------

  private forget(live: LiveDoc): void {
    live.destroy();
    this.live.delete(live.id);
  }

  /**
   * Drops a session's documents from memory (or only `docId` of it) once their queued
   * writes are done, for a deletion of their storage (server/src/lifecycle). Edits that
   * arrive later load the document again from what storage still holds.
   */
  async drop(sessionId: string, docId?: string): Promise<void> {
    await Promise.all([...this.loading.values()].map((p) => p.catch(() => null)));
    for (const live of [...this.live.values()]) {
      if (live.ref.sessionId !== sessionId || (docId !== undefined && live.id !== docId)) continue;
      await live.draining;
      if (live.metaTimer) clearTimeout(live.metaTimer);
      live.metaTimer = null;
      if (this.live.get(live.id) === live) this.forget(live);
    }
    if (docId === undefined) this.checks.forget(sessionId);
  }

  /** Number of documents in memory, for tests and `/healthz`. */
  get liveCount(): number {
    return this.live.size;
  }

  private async evictIdle(): Promise<void> {
    const now = this.now();
    for (const live of [...this.live.values()]) {
      if (live.presence.holderCount > 0 || live.draining || now - live.lastUsedAt < IDLE_EVICT_MS)
        continue;
      await this.flushMeta(live);
      this.forget(live);
    }
    // Session byte totals are cheap to reload: keep only those of sessions still in use.
    const inUse = new Set([...this.live.values()].map((l) => l.ref.sessionId));
    this.checks.keepOnly(inUse);
  }

  private async flushMeta(live: LiveDoc): Promise<void> {
    if (!live.metaTimer) return;
    clearTimeout(live.metaTimer);
    live.metaTimer = null;
    const row = this.metaRow(live);
    if (row) await this.repository.appendDocumentUpdates(row, []);
  }

  /** Finishes queued writes and stores pending search text. */
  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    for (const live of [...this.live.values()]) {
      await live.draining;
      await this.flushMeta(live).catch((error: unknown) => reportFault('docs: close', error));
      this.forget(live);
    }
  }
}

export type { LiveDoc };
