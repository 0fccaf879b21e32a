import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { describeIssues, type DocRef, type Result } from '@playfield/shared';
import { parsePlan } from '@playfield/shared/plans/plan';
import {
  defineNotebookRoots,
  notebookProblem,
  wholeNotebookProblem,
} from '@playfield/shared/notebooks/validate';
import type { DocumentWrite } from '../store/repository.ts';
import { Presence } from './presence.ts';

/**
 * Stores a server's edit inside another write's transaction (the command it belongs to):
 * handed the document's write (null when the edit changes nothing), it resolves once both
 * are stored, or with why neither is.
 */
export type StoreWith = (write: DocumentWrite | null) => Promise<Result<unknown>>;

/** A client's edit, or one the server makes on its own behalf (stored alone or with a command). */
export type Change =
  | { kind: 'update'; update: Uint8Array; fromSocketId: string | null }
  | { kind: 'edit'; edit: (doc: Y.Doc) => void; storeWith?: StoreWith };

export interface PendingChange {
  change: Change;
  resolve: (result: Result<{ bytes: number }>) => void;
}

/** A document in memory: the Y.Doc, a mirror edits are tried on first, presence, write queue. */
export class LiveDoc {
  readonly awareness: Awareness;
  readonly presence: Presence;
  readonly pending: PendingChange[] = [];
  draining: Promise<void> | null = null;
  lastUsedAt: number;
  metaTimer: NodeJS.Timeout | null = null;
  /**
   * A copy of `doc` that every edit is applied to and checked on before `doc` sees it, so a
   * refused or throwing edit never leaves the real document half-changed. Rebuilt from
   * `doc` after a refusal (null until then).
   */
  private mirrorDoc: Y.Doc | null = null;
  /** Why the document is closed to edits, or null. */
  quarantine: string | null = null;

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
    this.presence = new Presence(this.awareness);
    this.lastUsedAt = now;
  }

  get mirror(): Y.Doc {
    if (!this.mirrorDoc) {
      const mirror = new Y.Doc();
      if (this.ref.kind === 'notebook') defineNotebookRoots(mirror);
      Y.applyUpdate(mirror, Y.encodeStateAsUpdate(this.doc));
      this.mirrorDoc = mirror;
    }
    return this.mirrorDoc;
  }

  /** The mirror may differ from the document: throw it away. */
  dropMirror(): void {
    this.mirrorDoc?.destroy();
    this.mirrorDoc = null;
  }

  destroy(): void {
    if (this.metaTimer) clearTimeout(this.metaTimer);
    this.dropMirror();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Why a document's content is not what its kind allows, or null. */
export function contentProblem(
  kind: DocRef['kind'],
  doc: Y.Doc,
  transactions: readonly Y.Transaction[] | null,
): string | null {
  if (kind === 'plan') {
    const parsed = parsePlan(doc);
    return parsed.success ? null : describeIssues(parsed.error);
  }
  return transactions ? notebookProblem(doc, transactions) : wholeNotebookProblem(doc);
}

/** Has a Y.Doc kept parts of an update back, waiting for edits it never received? */
export const hasPending = (doc: Y.Doc) =>
  doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
