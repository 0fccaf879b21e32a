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
  };
  snapshots: {
    session_id: string;
    seq: number;
    state: string;
  };
}
