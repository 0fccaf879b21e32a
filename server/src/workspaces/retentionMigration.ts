import type { Kysely, Migration } from 'kysely';

/**
 * Retention (migration `0006_retention`): a workspace's "delete participants' raw answers
 * after N days" (null: off), and when the retention job deleted a library session's raw
 * answers (null: not yet). Timestamps are ms.
 */
export interface RetentionTables {
  workspaces: {
    id: string;
    retention_days: number | null;
  };
  workspace_items: {
    workspace_id: string;
    session_id: string;
    is_rehearsal: number;
    answers_deleted_at: number | null;
  };
}

/** The body of migration `0006_retention`: two nullable columns, so old rows need nothing. */
export const retentionMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('workspaces').addColumn('retention_days', 'integer').execute();
    await db.schema
      .alterTable('workspace_items')
      .addColumn('answers_deleted_at', 'bigint')
      .execute();
  },
};
