import { sql, type Kysely, type Transaction } from 'kysely';
import { isTransient, retrying } from './retry.ts';
import type { Database } from './schema.ts';

/** One caller's writes, stored with everyone else's of the same turn or not at all. */
export type PartWrite = (trx: Transaction<Database>) => Promise<void>;

interface Part {
  write: PartWrite;
  resolve: () => void;
  reject: (error: unknown) => void;
  /** Its writes failed on their own (a bad row): refused, and left out of any retry. */
  failure?: { error: unknown };
}

/**
 * One write transaction per turn of the event loop, shared by every live session: each
 * session's batch is a part; the parts queued during a turn are stored together on the next
 * one, so a hundred busy rooms pay one SQLite commit a turn, not a hundred. A part resolves
 * only once the transaction holding it has committed, so a session acknowledges an action
 * only once it is stored; when the commit fails (after retries), every part in it is refused.
 * Each part runs under its own savepoint: one whose writes fail (a row the database refuses)
 * is rolled back and refused alone, and the others are stored (quarantine). A transient
 * failure (a lock held by another process) tries the whole transaction again.
 */
export class CommitQueue {
  private queued: Part[] = [];
  private isScheduled = false;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly backoff?: readonly number[],
  ) {}

  /** Stores `write` in the next shared transaction; resolves once that has committed. */
  enqueue(write: PartWrite): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ write, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything queued so far has been stored or refused. */
  async settled(): Promise<void> {
    while (this.flushing || this.queued.length > 0 || this.isScheduled) {
      await (this.flushing ?? new Promise((resolve) => setImmediate(resolve)));
    }
  }

  private schedule(): void {
    if (this.isScheduled || this.flushing) return;
    this.isScheduled = true;
    // The next turn: every session whose batch runs in this one joins the same transaction.
    setImmediate(() => {
      this.isScheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        // What came while the transaction ran goes in the next one.
        if (this.queued.length > 0) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    const parts = this.queued;
    this.queued = [];
    if (parts.length === 0) return;
    try {
      await retrying(() => this.commitOnce(parts), this.backoff);
    } catch (error) {
      // Nothing of the transaction was stored: refuse every part still in it.
      for (const part of parts) part.reject(part.failure?.error ?? error);
      return;
    }
    for (const part of parts) {
      if (part.failure) part.reject(part.failure.error);
      else part.resolve();
    }
  }

  /** One attempt: the parts not yet refused, in one transaction. */
  private async commitOnce(parts: readonly Part[]): Promise<void> {
    const live = parts.filter((part) => !part.failure);
    if (live.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      // Alone, a part needs no savepoint: its failure is the transaction's.
      if (live.length === 1) return (live[0] as Part).write(trx);
      for (const part of live) {
        await sql`savepoint part`.execute(trx);
        try {
          await part.write(trx);
        } catch (error) {
          // A lock or a lost connection: the whole transaction is tried again.
          if (isTransient(error)) throw error;
          await sql`rollback to savepoint part`.execute(trx);
          part.failure = { error };
        }
        await sql`release savepoint part`.execute(trx);
      }
    });
  }
}
