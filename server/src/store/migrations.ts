import { sql, type Kysely, type Migration } from 'kysely';
import { accountsMigration } from '../accounts/migration.ts';
import { workspacesMigration } from '../workspaces/migration.ts';
import { retentionMigration } from '../workspaces/retentionMigration.ts';
import { eventActorsMigration } from '../workspaces/eventActorsMigration.ts';

/**
 * Schema migrations, in order. Never edit one that has shipped: add a new one.
 * Timestamps are milliseconds, so they are bigint in PostgreSQL.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('facilitator_token_hash', 'text', (c) => c.notNull())
        .addColumn('screen_key_hash', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('participant_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('round_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('participant_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
        .addColumn('participant_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('events')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('events_pk', ['session_id', 'seq'])
        .execute();
      await db.schema
        .createTable('snapshots')
        .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute();
      await sql`create index participant_tokens_session on participant_tokens (session_id)`.execute(
        db,
      );
    },
  },
  '0002_documents': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
        .addColumn('participant_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('is_shared', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_finished', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('stored_bytes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('update_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('document_updates')
        .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('document_updates_pk', ['doc_id', 'seq'])
        .execute();
      await db.schema
        .createTable('share_links')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id'))
        .addColumn('rights', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await sql`create index documents_session on documents (session_id, kind)`.execute(db);
      await sql`create index share_links_doc on share_links (doc_id)`.execute(db);
    },
  },
  /** Images of content slides (server/src/http/images): bytes as base64 text, per variant. */
  '0003_images': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('images')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('image_variants')
        .addColumn('image_id', 'text', (c) => c.notNull().references('images.id'))
        .addColumn('variant', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('etag', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('image_variants_pk', ['image_id', 'variant'])
        .execute();
    },
  },
  /** Facilitator accounts, their sessions, passkeys and claimed items (server/src/accounts). */
  '0004_accounts': accountsMigration,
  /** Workspaces: members, invitations, the team library and templates (server/src/workspaces). */
  '0005_workspaces': workspacesMigration,
  /** A workspace's retention of participants' raw answers (server/src/workspaces/retention.ts). */
  '0006_retention': retentionMigration,
  /** Who ran each console command, beside its event (server/src/workspaces/consoleAccess.ts). */
  '0007_event_actors': eventActorsMigration,
};
