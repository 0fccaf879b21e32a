import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * A member's role in a workspace, from most to least rights. A producer (added with
 * co-facilitators) runs consoles but does not edit agendas; `role` is text, so adding a
 * role needs no schema change.
 */
export const WORKSPACE_ROLES = ['owner', 'facilitator', 'producer', 'viewer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/**
 * Workspaces (migration `0005_workspaces`): a team's members, its invitations, its
 * library of sessions (their notebooks come with them) and its agenda templates.
 * Invitation tokens are kept only as SHA-256 hashes. Timestamps are ms.
 */
export interface WorkspaceTables {
  workspaces: {
    id: string;
    name: string;
    created_at: number;
  };
  workspace_members: {
    workspace_id: string;
    account_id: string;
    role: WorkspaceRole;
    joined_at: number;
  };
  /** Links that make their one holder a member; single-use, revocable, they expire. */
  workspace_invitations: {
    /** A short public id, so the owner can name an invitation to revoke it. */
    id: string;
    workspace_id: string;
    token_hash: string;
    role: WorkspaceRole;
    created_by: string;
    created_at: number;
    expires_at: number;
    used_at: number | null;
    revoked_at: number | null;
  };
  /**
   * The library: sessions moved in by a member, with the console key proven when they
   * were (so facilitators open the console from any device), how the listing names the
   * workshop, and a read-only notebook link made the first time a member opens it.
   */
  workspace_items: {
    workspace_id: string;
    session_id: string;
    secret: string;
    workshop: string;
    is_rehearsal: number;
    added_by: string;
    added_at: number;
    /** The token of a read-only share link to the session's notebook, once made. */
    read_link: string | null;
  };
  /** Saved agendas: a `playfield-agenda` v1 file, as JSON text. */
  workspace_templates: {
    id: string;
    workspace_id: string;
    title: string;
    file: string;
    created_by: string;
    created_at: number;
  };
}

/**
 * The full-text index of the library's search. SQLite: FTS5 tables over the sessions'
 * titles and the documents' search text (external content, kept in step by triggers,
 * so the code that writes those rows does not change). PostgreSQL: GIN indexes on the
 * same `tsvector` expressions the search queries (`search.ts`). The `simple` text
 * configuration: workshops run in any language, so no stemming.
 */
async function fullTextIndex(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index sessions_title_fts on sessions using gin (to_tsvector('simple', title))`.execute(
      db,
    );
    await sql`create index documents_text_fts on documents using gin (to_tsvector('simple', search_text))`.execute(
      db,
    );
    return;
  }
  for (const [table, column] of [
    ['sessions', 'title'],
    ['documents', 'search_text'],
  ] as const) {
    const fts = sql.raw(`${table}_fts`);
    const source = sql.raw(table);
    const col = sql.raw(column);
    await sql`create virtual table ${fts} using fts5(${col}, content='${source}', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`create trigger ${sql.raw(`${table}_fts_insert`)} after insert on ${source} begin
      insert into ${fts}(rowid, ${col}) values (new.rowid, new.${col});
    end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_fts_delete`)} after delete on ${source} begin
      insert into ${fts}(${fts}, rowid, ${col}) values ('delete', old.rowid, old.${col});
    end`.execute(db);
    // Summary rows are rewritten on every event: only a changed text touches the index.
    await sql`create trigger ${sql.raw(`${table}_fts_update`)} after update of ${col} on ${source}
      when old.${col} is not new.${col} begin
      insert into ${fts}(${fts}, rowid, ${col}) values ('delete', old.rowid, old.${col});
      insert into ${fts}(rowid, ${col}) values (new.rowid, new.${col});
    end`.execute(db);
    await sql`insert into ${fts}(${fts}) values ('rebuild')`.execute(db);
  }
}

/** The body of migration `0005_workspaces`. */
export const workspacesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('workspaces')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('workspace_members')
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('joined_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('workspace_members_pk', ['workspace_id', 'account_id'])
      .execute();
    await db.schema
      .createTable('workspace_invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema
      .createTable('workspace_items')
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('workshop', 'text', (c) => c.notNull())
      .addColumn('is_rehearsal', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .addColumn('read_link', 'text')
      .addPrimaryKeyConstraint('workspace_items_pk', ['workspace_id', 'session_id'])
      .execute();
    await db.schema
      .createTable('workspace_templates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('file', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await sql`create index workspace_members_account on workspace_members (account_id)`.execute(db);
    await sql`create index workspace_invitations_ws on workspace_invitations (workspace_id)`.execute(
      db,
    );
    await sql`create index workspace_items_session on workspace_items (session_id)`.execute(db);
    await sql`create index workspace_templates_ws on workspace_templates (workspace_id)`.execute(
      db,
    );
    await fullTextIndex(db);
  },
};
