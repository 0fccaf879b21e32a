import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  describeIssues,
  fail,
  LIMITS,
  ok,
  parseDocId,
  type DocRef,
  type Result,
} from '@playfield/shared';
import { parsePlan } from '@playfield/shared/plans/plan';
import { notebookText } from '@playfield/shared/notebooks/notebook';
import type { DocumentRowUpdate, Repository } from '../store/repository.ts';

/** Where relayed edits and presence go: implemented by the socket layer. */
export interface DocSink {
  update(docId: string, update: Uint8Array, exceptSocketId: string | null): void;
  awareness(docId: string, update: Uint8Array, exceptSocketId: string | null): void;
}

/** Merge the stored updates into one after this many rows. */
const COMPACT_AFTER_UPDATES = 200;
/** Documents nobody holds for this long leave memory (storage keeps them). */
const IDLE_EVICT_MS = 5 * 60 * 1000;
/** The search text and flags of a busy document are refreshed at most this often. */
const META_REFRESH_MS = 1000;

interface PendingUpdate {
  update: Uint8Array;
  /** The socket it came from, which need not be sent it back; null for the server's own. */
  fromSocketId: string | null;
  resolve: (result: Result<{ bytes: number }>) => void;
  reject: (error: unknown) => void;
}

/** A document in memory: the Y.Doc, its presence, and its write queue. */
class LiveDoc {
  readonly awareness: Awareness;
  /** Sockets holding the document, and the presence client ids each announced. */
  readonly holders = new Map<string, Set<number>>();
  readonly pending: PendingUpdate[] = [];
  draining: Promise<void> | null = null;
  lastUsedAt: number;
  metaTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly id: string,
    readonly ref: DocRef,
    readonly doc: Y.Doc,
    public seq: number,
    public updateCount: number,
    /** Approximate stored size: the merged state at load plus every update since. */
    public size: number,
    readonly createdAt: number,
    now: number,
  ) {
    this.awareness = new Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.lastUsedAt = now;
  }
}

/**
 * Keeps collaborative documents: loads them from their stored updates, checks and applies
 * edits one document at a time, stores them (the edit is acknowledged only once it is
 * durable), relays them to the other holders, and compacts the stored updates.
 */
export class DocumentHub {
  private readonly live = new Map<string, LiveDoc>();
  private readonly loading = new Map<string, Promise<LiveDoc>>();
  private readonly sweepTimer: NodeJS.Timeout;
  private sink: DocSink | null = null;

  constructor(
    private readonly repository: Repository,
    private readonly now: () => number = Date.now,
  ) {
    this.sweepTimer = setInterval(() => void this.evictIdle(), 60_000);
    this.sweepTimer.unref();
  }

  /** Connects the socket layer, which is created after the hub. */
  setSink(sink: DocSink): void {
    this.sink = sink;
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
    if (!ref) throw new Error(`Invalid document id ${docId}`);
    const [row, updates] = await Promise.all([
      this.repository.getDocument(docId),
      this.repository.loadDocumentUpdates(docId),
    ]);
    const doc = new Y.Doc();
    let size = 0;
    if (updates.length > 0) {
      const merged = Y.mergeUpdates(updates.map((u) => u.data));
      Y.applyUpdate(doc, merged);
      size = merged.byteLength;
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
    this.live.set(docId, live);
    return live;
  }

  /** The document's current state as plain data, for exports and access checks. */
  async read<T>(docId: string, reader: (doc: Y.Doc) => T): Promise<T> {
    return reader((await this.get(docId)).doc);
  }

  /**
   * Checks and applies a client's edit. Resolves once it is stored; refused edits change
   * nothing. Edits of one document are applied in arrival order, and those that arrive
   * while a write is in flight are stored together.
   */
  async applyUpdate(
    docId: string,
    update: Uint8Array,
    fromSocketId: string | null,
  ): Promise<Result<{ bytes: number }>> {
    const live = await this.get(docId);
    return new Promise((resolve, reject) => {
      live.pending.push({ update, fromSocketId, resolve, reject });
      live.draining ??= this.drain(live).finally(() => {
        live.draining = null;
      });
    });
  }

  /** Makes an edit on the server's behalf (a captured answer, a round's results). */
  async change(docId: string, edit: (doc: Y.Doc) => void): Promise<Result<{ bytes: number }>> {
    const live = await this.get(docId);
    // Edit a copy so the change goes through the same checks and storage as a client's.
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
    const before = Y.encodeStateVector(copy);
    edit(copy);
    const update = Y.encodeStateAsUpdate(copy, before);
    copy.destroy();
    // An update with no structs and no deletions is two zero bytes: nothing changed.
    if (update.byteLength <= 2) return ok({ bytes: 0 });
    return this.applyUpdate(docId, update, null);
  }

  private async drain(live: LiveDoc): Promise<void> {
    while (live.pending.length > 0) {
      const batch = live.pending.splice(0, live.pending.length);
      const accepted: { item: PendingUpdate; update: Uint8Array }[] = [];
      for (const item of batch) {
        const checked = this.check(live, item.update);
        if (!checked.ok) {
          item.resolve(checked);
          continue;
        }
        Y.applyUpdate(live.doc, item.update, 'remote');
        live.size += item.update.byteLength;
        accepted.push({ item, update: item.update });
      }
      if (accepted.length === 0) continue;
      const first = live.seq + 1;
      live.seq += accepted.length;
      live.updateCount += accepted.length;
      try {
        await this.repository.appendDocumentUpdates(
          this.row(live),
          accepted.map((a, i) => ({ seq: first + i, data: a.update })),
        );
      } catch (error) {
        // The edits are in memory but not stored: drop the document so the next use reloads
        // what is durable, and tell the senders their edits failed (their clients resend).
        this.forget(live);
        for (const { item } of accepted) item.reject(error);
        return;
      }
      for (const { item, update } of accepted) {
        this.sink?.update(live.id, update, item.fromSocketId);
        item.resolve(ok({ bytes: update.byteLength }));
      }
      this.scheduleMeta(live);
      if (live.updateCount > COMPACT_AFTER_UPDATES) await this.compact(live);
    }
  }

  /** Decides whether an edit may be applied: well-formed, within size, and valid content. */
  private check(live: LiveDoc, update: Uint8Array): Result<null> {
    try {
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
    const limit = live.ref.kind === 'plan' ? LIMITS.planDocBytes : LIMITS.notebookDocBytes;
    if (live.ref.kind === 'notebook') {
      // Notebooks are free-form: bound their size; the reader tolerates any content.
      return live.size + update.byteLength > limit
        ? fail('TOO_LARGE', 'This notebook is full: export it and start a new one')
        : ok(null);
    }
    // Plans are small: apply to a copy and check the result against the plan's schema.
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
      Y.applyUpdate(copy, update);
      if (Y.encodeStateAsUpdate(copy).byteLength > limit)
        return fail('TOO_LARGE', 'This plan is too long');
      const parsed = parsePlan(copy);
      return parsed.success ? ok(null) : fail('BAD_REQUEST', describeIssues(parsed.error));
    } catch {
      return fail('BAD_REQUEST', 'That edit could not be applied');
    } finally {
      copy.destroy();
    }
  }

  private row(live: LiveDoc): DocumentRowUpdate {
    const plan = live.ref.kind === 'plan' ? parsePlan(live.doc) : null;
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

  /** Refreshes a notebook's search text shortly after edits stop arriving in bursts. */
  private scheduleMeta(live: LiveDoc): void {
    if (live.ref.kind !== 'notebook' || live.metaTimer) return;
    live.metaTimer = setTimeout(() => {
      live.metaTimer = null;
      void this.repository
        .appendDocumentUpdates({ ...this.row(live), search_text: notebookText(live.doc) }, [])
        .catch((error: unknown) => console.error('[docs] search text', error));
    }, META_REFRESH_MS);
  }

  /** Stores the document as one merged update in place of the rows so far. */
  private async compact(live: LiveDoc): Promise<void> {
    const merged = Y.encodeStateAsUpdate(live.doc);
    await this.repository.compactDocument(live.id, live.seq, merged);
    live.updateCount = 1;
    live.size = merged.byteLength;
  }

  // Presence ------------------------------------------------------------------------------

  /** A socket starts holding a document. */
  hold(live: LiveDoc, socketId: string): void {
    if (!live.holders.has(socketId)) live.holders.set(socketId, new Set());
    live.lastUsedAt = this.now();
  }

  /** Presence of the other holders, for a socket that just opened the document. */
  presence(live: LiveDoc): Uint8Array | null {
    const ids = [...live.awareness.getStates().keys()];
    return ids.length > 0 ? encodeAwarenessUpdate(live.awareness, ids) : null;
  }

  /** Applies and relays a holder's presence update, remembering which client ids it set. */
  updatePresence(live: LiveDoc, socketId: string, update: Uint8Array): Result<null> {
    const ids = live.holders.get(socketId);
    if (!ids) return fail('FORBIDDEN', 'Open the document first');
    const onChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
      for (const id of [...added, ...updated]) ids.add(id);
    };
    live.awareness.on('update', onChange);
    try {
      applyAwarenessUpdate(live.awareness, update, socketId);
    } catch {
      return fail('BAD_REQUEST', 'That presence update could not be read');
    } finally {
      live.awareness.off('update', onChange);
    }
    this.sink?.awareness(live.id, update, socketId);
    return ok(null);
  }

  /** A socket stops holding a document: its presence disappears for the others. */
  release(docId: string, socketId: string): void {
    const live = this.live.get(docId);
    const ids = live?.holders.get(socketId);
    if (!live || !ids) return;
    live.holders.delete(socketId);
    live.lastUsedAt = this.now();
    const gone = [...ids].filter((id) => live.awareness.getStates().has(id));
    if (gone.length === 0) return;
    // Removal bumps each id's clock with a null state: encoding those ids tells clients to drop them.
    removeAwarenessStates(live.awareness, gone, 'server');
    this.sink?.awareness(docId, encodeAwarenessUpdate(live.awareness, gone), null);
  }

  // Lifecycle -----------------------------------------------------------------------------

  private forget(live: LiveDoc): void {
    if (live.metaTimer) clearTimeout(live.metaTimer);
    live.awareness.destroy();
    live.doc.destroy();
    this.live.delete(live.id);
  }

  private async evictIdle(): Promise<void> {
    const now = this.now();
    for (const live of [...this.live.values()]) {
      if (live.holders.size > 0 || live.draining || now - live.lastUsedAt < IDLE_EVICT_MS) continue;
      await this.flushMeta(live);
      this.forget(live);
    }
  }

  private async flushMeta(live: LiveDoc): Promise<void> {
    if (!live.metaTimer) return;
    clearTimeout(live.metaTimer);
    live.metaTimer = null;
    await this.repository.appendDocumentUpdates(
      { ...this.row(live), search_text: notebookText(live.doc) },
      [],
    );
  }

  /** Finishes queued writes and stores pending search text. */
  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    for (const live of [...this.live.values()]) {
      await live.draining;
      await this.flushMeta(live).catch(() => undefined);
      this.forget(live);
    }
  }
}

export type { LiveDoc };
