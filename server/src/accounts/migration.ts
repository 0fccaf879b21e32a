import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Facilitator accounts (migration `0004_accounts`). Secrets are kept only as hashes:
 * passwords as scrypt, session ids and reset tokens as SHA-256. Timestamps are ms.
 */
export interface AccountTables {
  accounts: {
    id: string;
    /** Trimmed and lower-cased, so one address is one account. */
    email: string;
    /** `scrypt$…` (passwords.ts), or null for an account that has only passkeys. */
    password_hash: string | null;
    created_at: number;
  };
  /** Signed-in browsers: the cookie's id is only stored hashed. */
  account_sessions: {
    id_hash: string;
    account_id: string;
    /** The synchronizer token every cookie-authenticated change must echo (CSRF). */
    csrf_token: string;
    created_at: number;
    last_seen_at: number;
  };
  /** One-time password-reset tokens (admin tool or emailed link). */
  account_resets: {
    token_hash: string;
    account_id: string;
    expires_at: number;
    used_at: number | null;
  };
  /** WebAuthn credentials (passkeys). */
  account_passkeys: {
    /** The credential id, base64url. */
    id: string;
    account_id: string;
    /** COSE public key, base64url. */
    public_key: string;
    counter: number;
    /** JSON array of transports the browser reported. */
    transports: string;
    created_at: number;
  };
  /** Open WebAuthn ceremonies: the challenge the server expects back, for a few minutes. */
  account_challenges: {
    id: string;
    challenge: string;
    /** Registration: the signed-in account; sign-in: null (any discoverable passkey). */
    account_id: string | null;
    expires_at: number;
  };
  /**
   * What an account holds from the browsers it claimed: sessions by id, with the
   * facilitator token proven at claim time, so the console opens from any device.
   */
  account_items: {
    account_id: string;
    kind: string;
    item_id: string;
    secret: string;
    claimed_at: number;
  };
}

/** The body of migration `0004_accounts`. */
export const accountsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('account_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('account_resets')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema
      .createTable('account_passkeys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('counter', 'bigint', (c) => c.notNull())
      .addColumn('transports', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('account_challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('challenge', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('account_items')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('claimed_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('account_items_pk', ['account_id', 'kind', 'item_id'])
      .execute();
    await sql`create index account_sessions_account on account_sessions (account_id)`.execute(db);
    await sql`create index account_passkeys_account on account_passkeys (account_id)`.execute(db);
  },
};
