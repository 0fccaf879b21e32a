import type { Kysely } from 'kysely';
import { retrying } from '../store/retry.ts';
import type { AccountTables } from './migration.ts';

export type AccountRow = AccountTables['accounts'];
export type AccountSessionRow = AccountTables['account_sessions'];
export type PasskeyRow = AccountTables['account_passkeys'];
export type AccountItemRow = AccountTables['account_items'];

/** Storage of accounts, beside the main repository on its database (migration 0004). */
export class AccountRepository {
  constructor(private readonly db: Kysely<AccountTables>) {}

  /** Stores a new account; false when the email is taken (nothing stored then). */
  async createAccount(row: AccountRow): Promise<boolean> {
    const inserted = await retrying(() =>
      this.db
        .insertInto('accounts')
        .values(row)
        .onConflict((c) => c.column('email').doNothing())
        .executeTakeFirst(),
    );
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  getAccountByEmail(email: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
  }

  getAccount(id: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Sets a new password and ends every session of the account but `keepSession`. */
  async setPassword(accountId: string, hash: string, keepSession: string | null): Promise<void> {
    await retrying(() =>
      this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('accounts')
          .set({ password_hash: hash })
          .where('id', '=', accountId)
          .execute();
        let sessions = trx.deleteFrom('account_sessions').where('account_id', '=', accountId);
        if (keepSession) sessions = sessions.where('id_hash', '!=', keepSession);
        await sessions.execute();
      }),
    );
  }

  async createSession(row: AccountSessionRow): Promise<void> {
    await retrying(() => this.db.insertInto('account_sessions').values(row).execute());
  }

  getSession(idHash: string): Promise<AccountSessionRow | undefined> {
    return this.db
      .selectFrom('account_sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
  }

  async touchSession(idHash: string, at: number): Promise<void> {
    await retrying(() =>
      this.db
        .updateTable('account_sessions')
        .set({ last_seen_at: at })
        .where('id_hash', '=', idHash)
        .execute(),
    );
  }

  async deleteSession(idHash: string): Promise<void> {
    await retrying(() =>
      this.db.deleteFrom('account_sessions').where('id_hash', '=', idHash).execute(),
    );
  }

  async deleteSessionsOf(accountId: string): Promise<void> {
    await retrying(() =>
      this.db.deleteFrom('account_sessions').where('account_id', '=', accountId).execute(),
    );
  }

  async createReset(row: AccountTables['account_resets']): Promise<void> {
    await retrying(() => this.db.insertInto('account_resets').values(row).execute());
  }

  /**
   * Uses a reset token once: sets the password and ends every session, in one
   * transaction. Returns the account, or null for an unknown, used or expired token.
   */
  async useReset(tokenHash: string, hash: string, now: number): Promise<string | null> {
    return retrying(() =>
      this.db.transaction().execute(async (trx) => {
        const used = await trx
          .updateTable('account_resets')
          .set({ used_at: now })
          .where('token_hash', '=', tokenHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .returning('account_id')
          .executeTakeFirst();
        if (!used) return null;
        await trx
          .updateTable('accounts')
          .set({ password_hash: hash })
          .where('id', '=', used.account_id)
          .execute();
        await trx
          .deleteFrom('account_sessions')
          .where('account_id', '=', used.account_id)
          .execute();
        return used.account_id;
      }),
    );
  }

  async addPasskey(row: PasskeyRow): Promise<void> {
    await retrying(() => this.db.insertInto('account_passkeys').values(row).execute());
  }

  getPasskey(id: string): Promise<PasskeyRow | undefined> {
    return this.db
      .selectFrom('account_passkeys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  passkeysOf(accountId: string): Promise<PasskeyRow[]> {
    return this.db
      .selectFrom('account_passkeys')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .execute();
  }

  async setPasskeyCounter(id: string, counter: number): Promise<void> {
    await retrying(() =>
      this.db.updateTable('account_passkeys').set({ counter }).where('id', '=', id).execute(),
    );
  }

  async addChallenge(row: AccountTables['account_challenges']): Promise<void> {
    await retrying(() => this.db.insertInto('account_challenges').values(row).execute());
  }

  /** Takes a ceremony's challenge once (deleted as it is read); null when gone or expired. */
  async takeChallenge(
    id: string,
    now: number,
  ): Promise<AccountTables['account_challenges'] | null> {
    return retrying(() =>
      this.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('account_challenges')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) return null;
        await trx.deleteFrom('account_challenges').where('id', '=', id).execute();
        // Expired ones from abandoned ceremonies go with it.
        await trx.deleteFrom('account_challenges').where('expires_at', '<', now).execute();
        return row.expires_at > now ? row : null;
      }),
    );
  }

  /** Records ownership of items; an item claimed again keeps its first claim. */
  async addItems(rows: AccountItemRow[]): Promise<void> {
    if (rows.length === 0) return;
    await retrying(() =>
      this.db
        .insertInto('account_items')
        .values(rows)
        .onConflict((c) => c.columns(['account_id', 'kind', 'item_id']).doNothing())
        .execute(),
    );
  }

  itemsOf(accountId: string, kind: string): Promise<AccountItemRow[]> {
    return this.db
      .selectFrom('account_items')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('kind', '=', kind)
      .orderBy('claimed_at', 'desc')
      .execute();
  }
}
