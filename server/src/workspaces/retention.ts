import type { Kysely } from 'kysely';
import { docIdOf, type AppError } from '@playfield/shared';
import type { DocumentHub } from '../docs/documentHub.ts';
import type { NotebookWriter } from '../docs/notebookWriter.ts';
import { guard, guardedInterval, reportFault } from '../faults/faults.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { Repository } from '../store/repository.ts';
import { retrying } from '../store/retry.ts';
import type { Database } from '../store/schema.ts';
import type { RetentionTables } from './retentionMigration.ts';

/** A workspace's retention is off, or 1 to 3650 days. */
export const RETENTION_DAYS = { min: 1, max: 3650 } as const;
export const DAY_MS = 24 * 3_600_000;
/** The job runs at start, then every hour. */
export const RETENTION_EVERY_MS = 3_600_000;
/** Sessions handled per run, so one run stays short; the next run takes the rest. */
const PER_RUN = 100;

type Tables = Pick<Database, 'sessions' | 'events' | 'snapshots' | 'documents'> &
  Pick<Database, 'document_updates' | 'share_links'> &
  RetentionTables;

/** What a console or phone of a session gets while its raw answers are being deleted. */
const DELETING: AppError = {
  code: 'NOT_FOUND',
  message: 'This session’s raw answers were deleted: its notebook keeps the results',
};

/** What one run did. */
export interface RetentionReport {
  /** Sessions whose raw answers went. */
  sessions: number;
  /** Sessions due but left for now (no notebook, not finished after all, or a fault). */
  skipped: number;
}

/** Storage of the retention setting and of what the job deletes, on SQLite and PostgreSQL. */
export class RetentionStore {
  readonly db: Kysely<Tables>;

  constructor(repository: Repository) {
    this.db = repository.tablesOf<Tables>();
  }

  async days(workspaceId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('workspaces')
      .select('retention_days')
      .where('id', '=', workspaceId)
      .executeTakeFirst();
    return row?.retention_days ?? null;
  }

  async setDays(workspaceId: string, days: number | null): Promise<void> {
    await this.db
      .updateTable('workspaces')
      .set({ retention_days: days })
      .where('id', '=', workspaceId)
      .execute();
  }

  /**
   * Library sessions due: finished (never live or planned), in a workspace with retention
   * on, ended more than its N days before `now`, raw answers not deleted yet.
   */
  async due(now: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('workspace_items as i')
      .innerJoin('workspaces as w', 'w.id', 'i.workspace_id')
      .innerJoin('sessions as s', 's.id', 'i.session_id')
      .select(['s.id', 's.ended_at', 'w.retention_days'])
      .where('w.retention_days', 'is not', null)
      .where('s.phase', '=', 'ended')
      .where('s.ended_at', 'is not', null)
      .where('i.answers_deleted_at', 'is', null)
      .orderBy('s.ended_at')
      .execute();
    const ids = new Set<string>();
    for (const r of rows)
      if (r.ended_at !== null && r.retention_days !== null)
        if (r.ended_at < now - r.retention_days * DAY_MS) ids.add(r.id);
    return [...ids].slice(0, PER_RUN);
  }

  /**
   * In one transaction, if the session is still finished and its notebook exists: deletes
   * its event log and snapshot (they hold every individual answer), its participants' plans
   * that are not shared (with their updates and links), and marks it in every library.
   * The notebook (notes and round results), shared plans and the session's row stay.
   */
  async deleteRawAnswers(sessionId: string, at: number): Promise<boolean> {
    return retrying(() =>
      this.db.transaction().execute(async (trx) => {
        const session = await trx
          .selectFrom('sessions')
          .select('phase')
          .where('id', '=', sessionId)
          .executeTakeFirst();
        const notebook = await trx
          .selectFrom('documents')
          .select('id')
          .where('id', '=', docIdOf({ kind: 'notebook', sessionId }))
          .executeTakeFirst();
        if (session?.phase !== 'ended' || !notebook) return false;
        const plans = (
          await trx
            .selectFrom('documents')
            .select('id')
            .where('session_id', '=', sessionId)
            .where('kind', '=', 'plan')
            .where('is_shared', '=', 0)
            .execute()
        ).map((r) => r.id);
        if (plans.length > 0) {
          await trx.deleteFrom('share_links').where('doc_id', 'in', plans).execute();
          await trx.deleteFrom('document_updates').where('doc_id', 'in', plans).execute();
          await trx.deleteFrom('documents').where('id', 'in', plans).execute();
        }
        await trx.deleteFrom('snapshots').where('session_id', '=', sessionId).execute();
        await trx.deleteFrom('events').where('session_id', '=', sessionId).execute();
        await trx
          .updateTable('workspace_items')
          .set({ answers_deleted_at: at })
          .where('session_id', '=', sessionId)
          .where('answers_deleted_at', 'is', null)
          .execute();
        return true;
      }),
    );
  }
}

/**
 * The retention job: at start and then hourly, inside the fault boundary, deletes the raw
 * answers of every finished library session older than its workspace's N days. Before it
 * deletes anything it brings the session's notebook up to date (every started round's
 * summary), so the aggregates stay; a session without a notebook is left alone.
 */
export class RetentionJob {
  readonly store: RetentionStore;
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: {
      repository: Repository;
      manager: SessionManager;
      hub: DocumentHub;
      notebooks: NotebookWriter;
      now?: () => number;
    },
  ) {
    this.store = new RetentionStore(options.repository);
  }

  start(): void {
    guard('retention: first run', () => this.run());
    this.timer = guardedInterval('retention: hourly run', () => this.run(), RETENTION_EVERY_MS);
  }

  /** Stops the hourly runs and waits for one under way (the server closes storage next). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.queue;
  }

  /** One run; runs never overlap (a second waits for the first), so each sees the other's work. */
  run(now = (this.options.now ?? Date.now)()): Promise<RetentionReport> {
    const next = this.queue.then(() => this.runOnce(now));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runOnce(now: number): Promise<RetentionReport> {
    const report: RetentionReport = { sessions: 0, skipped: 0 };
    for (const sessionId of await this.store.due(now)) {
      try {
        if (await this.deleteOne(sessionId, now)) report.sessions++;
        else report.skipped++;
      } catch (error) {
        // One session's fault never stops the others; the next run tries it again.
        reportFault(`retention: ${sessionId}`, error);
        report.skipped++;
      }
    }
    if (report.sessions > 0)
      console.log(`[retention] deleted the raw answers of ${report.sessions} finished sessions`);
    return report;
  }

  private async deleteOne(sessionId: string, now: number): Promise<boolean> {
    const { manager, hub, notebooks } = this.options;
    const session = await manager.get(sessionId);
    if (!session || session.state.phase !== 'ended') return false;
    await notebooks.sync(session.state);
    const release = await manager.drop(sessionId, DELETING);
    try {
      await hub.drop(sessionId);
      return await this.store.deleteRawAnswers(sessionId, now);
    } finally {
      release();
    }
  }
}
