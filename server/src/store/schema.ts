/** Table types for Kysely. JSON travels as text so SQLite and PostgreSQL share queries. */
export interface Database {
  sessions: {
    id: string;
    code: string;
    title: string;
    facilitator_token_hash: string;
    screen_key_hash: string;
    phase: string;
    created_at: number;
    ended_at: number | null;
    participant_count: number;
    round_count: number;
    last_seq: number;
  };
  participant_tokens: {
    token_hash: string;
    session_id: string;
    participant_id: string;
  };
  events: {
    session_id: string;
    seq: number;
    at: number;
    type: string;
    payload: string;
    /** Who ran the console command (migration 0007_event_actors): `LoggedActor` JSON, or null. */
    actor?: string | null;
  };
  snapshots: {
    session_id: string;
    seq: number;
    state: string;
  };
  /** Collaborative documents: one per personal action plan, one notebook per session. */
  documents: {
    id: string;
    kind: string;
    session_id: string;
    participant_id: string | null;
    created_at: number;
    updated_at: number;
    /** Plans only: shared with the team, and marked finished. */
    is_shared: number;
    is_finished: number;
    /** Plain text of the document, lower-cased, for search. */
    search_text: string;
    /** Stored bytes and rows of its updates, to decide when to compact. */
    stored_bytes: number;
    update_count: number;
  };
  /** Yjs updates of a document, base64, in order. Compaction merges them into one row. */
  document_updates: {
    doc_id: string;
    seq: number;
    data: string;
  };
  /** Secret links to a notebook; only the hash of the secret is kept. */
  share_links: {
    token_hash: string;
    /** A short public id, so the facilitator can name a link to revoke it. */
    id: string;
    doc_id: string;
    rights: string;
    created_at: number;
    revoked_at: number | null;
  };
}

/** Facilitator accounts' tables (migration `0004_accounts`), kept beside their code. */
export type { AccountTables } from '../accounts/migration.ts';
