import type { Kysely } from 'kysely';
import type { AccountTables } from '../accounts/migration.ts';
import { retrying } from '../store/retry.ts';
import type { Database } from '../store/schema.ts';
import type { WorkspaceRole, WorkspaceTables } from './migration.ts';

/** The tables this store reads: its own, and the rows it joins or moves items from. */
export type WorkspaceDb = WorkspaceTables &
  Pick<Database, 'sessions' | 'documents' | 'share_links'> &
  Pick<AccountTables, 'accounts' | 'account_items'>;

export type WorkspaceRow = WorkspaceTables['workspaces'];
export type MemberRow = WorkspaceTables['workspace_members'];
export type InvitationRow = WorkspaceTables['workspace_invitations'];
export type ItemRow = WorkspaceTables['workspace_items'];
export type TemplateRow = WorkspaceTables['workspace_templates'];

/** What an invitation's use did. */
export type AcceptOutcome = 'joined' | 'member' | 'invalid';

/** Storage of workspaces, beside the main repository on its database (migration 0005). */
export class WorkspaceRepository {
  constructor(
    readonly db: Kysely<WorkspaceDb>,
    readonly isPostgres: boolean,
  ) {}

  /** A new workspace with its first owner, in one transaction. */
  async create(row: WorkspaceRow, ownerId: string): Promise<void> {
    await retrying(() =>
      this.db.transaction().execute(async (trx) => {
        await trx.insertInto('workspaces').values(row).execute();
        await trx
          .insertInto('workspace_members')
          .values({
            workspace_id: row.id,
            account_id: ownerId,
            role: 'owner',
            joined_at: row.created_at,
          })
          .execute();
      }),
    );
  }

  /** The workspaces an account belongs to, with its role in each. */
  workspacesOf(accountId: string) {
    return this.db
      .selectFrom('workspace_members as m')
      .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
      .select(['w.id', 'w.name', 'w.created_at', 'm.role'])
      .where('m.account_id', '=', accountId)
      .orderBy('w.created_at')
      .execute();
  }

  getWorkspace(id: string): Promise<WorkspaceRow | undefined> {
    return this.db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** An account's role in a workspace, or undefined when it is not a member. */
  async roleOf(workspaceId: string, accountId: string): Promise<WorkspaceRole | undefined> {
    const row = await this.db
      .selectFrom('workspace_members')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.role;
  }

  members(workspaceId: string) {
    return this.db
      .selectFrom('workspace_members as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select(['m.account_id', 'a.email', 'm.role', 'm.joined_at'])
      .where('m.workspace_id', '=', workspaceId)
      .orderBy('m.joined_at')
      .execute();
  }

  /**
   * Changes a member's role, or removes them (`role` null), unless that would leave the
   * workspace without an owner: checked and written in one transaction, so two owners
   * leaving at once cannot both succeed.
   */
  async setRole(
    workspaceId: string,
    accountId: string,
    role: WorkspaceRole | null,
  ): Promise<'done' | 'lastOwner' | 'notMember'> {
    return retrying(() =>
      this.db.transaction().execute(async (trx) => {
        let ownersQuery = trx
          .selectFrom('workspace_members')
          .select('account_id')
          .where('workspace_id', '=', workspaceId)
          .where('role', '=', 'owner');
        // PostgreSQL: lock the owners' rows; SQLite runs one write transaction at a time.
        if (this.isPostgres) ownersQuery = ownersQuery.forUpdate();
        const owners = await ownersQuery.execute();
        const current = await trx
          .selectFrom('workspace_members')
          .select('role')
          .where('workspace_id', '=', workspaceId)
          .where('account_id', '=', accountId)
          .executeTakeFirst();
        if (!current) return 'notMember';
        if (current.role === 'owner' && role !== 'owner' && owners.length <= 1) return 'lastOwner';
        if (role === null)
          await trx
            .deleteFrom('workspace_members')
            .where('workspace_id', '=', workspaceId)
            .where('account_id', '=', accountId)
            .execute();
        else
          await trx
            .updateTable('workspace_members')
            .set({ role })
            .where('workspace_id', '=', workspaceId)
            .where('account_id', '=', accountId)
            .execute();
        return 'done';
      }),
    );
  }

  async addInvitation(row: InvitationRow): Promise<void> {
    await retrying(() => this.db.insertInto('workspace_invitations').values(row).execute());
  }

  /** Open invitations (not used, not revoked, not expired), newest first. */
  openInvitations(workspaceId: string, now: number): Promise<InvitationRow[]> {
    return this.db
      .selectFrom('workspace_invitations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async revokeInvitation(workspaceId: string, id: string, now: number): Promise<boolean> {
    const result = await retrying(() =>
      this.db
        .updateTable('workspace_invitations')
        .set({ revoked_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) > 0;
  }

  /** What an open invitation's token offers, without using it. */
  peekInvitation(tokenHash: string, now: number) {
    return this.db
      .selectFrom('workspace_invitations as i')
      .innerJoin('workspaces as w', 'w.id', 'i.workspace_id')
      .select(['i.workspace_id', 'i.role', 'i.expires_at', 'w.name'])
      .where('i.token_hash', '=', tokenHash)
      .where('i.used_at', 'is', null)
      .where('i.revoked_at', 'is', null)
      .where('i.expires_at', '>', now)
      .executeTakeFirst();
  }

  /**
   * Uses an invitation once: marks it used and adds the account, in one transaction (the
   * conditional update is the lock: of two uses at once, one finds it used). A member
   * already keeps their role and the invitation stays open for the person it was for.
   */
  async acceptInvitation(
    tokenHash: string,
    accountId: string,
    now: number,
  ): Promise<{ outcome: AcceptOutcome; workspaceId: string | null }> {
    return retrying(() =>
      this.db.transaction().execute(async (trx) => {
        const invitation = await trx
          .selectFrom('workspace_invitations')
          .select(['workspace_id', 'role'])
          .where('token_hash', '=', tokenHash)
          .where('used_at', 'is', null)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (!invitation) return { outcome: 'invalid' as const, workspaceId: null };
        const existing = await trx
          .selectFrom('workspace_members')
          .select('role')
          .where('workspace_id', '=', invitation.workspace_id)
          .where('account_id', '=', accountId)
          .executeTakeFirst();
        if (existing) return { outcome: 'member' as const, workspaceId: invitation.workspace_id };
        const used = await trx
          .updateTable('workspace_invitations')
          .set({ used_at: now })
          .where('token_hash', '=', tokenHash)
          .where('used_at', 'is', null)
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) === 0)
          return { outcome: 'invalid' as const, workspaceId: null };
        await trx
          .insertInto('workspace_members')
          .values({
            workspace_id: invitation.workspace_id,
            account_id: accountId,
            role: invitation.role,
            joined_at: now,
          })
          .execute();
        return { outcome: 'joined' as const, workspaceId: invitation.workspace_id };
      }),
    );
  }

  /** The account's own claimed sessions (account_items), with their console keys. */
  accountSessions(accountId: string) {
    return this.db
      .selectFrom('account_items')
      .select(['item_id', 'secret'])
      .where('account_id', '=', accountId)
      .where('kind', '=', 'session')
      .execute();
  }

  /**
   * Moves sessions from an account's own library into a workspace's, in one transaction:
   * what the account held under its name is now the team's.
   */
  async moveIn(rows: ItemRow[], accountId: string): Promise<void> {
    if (rows.length === 0) return;
    await retrying(() =>
      this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('workspace_items')
          .values(rows)
          .onConflict((c) => c.columns(['workspace_id', 'session_id']).doNothing())
          .execute();
        await trx
          .deleteFrom('account_items')
          .where('account_id', '=', accountId)
          .where('kind', '=', 'session')
          .where(
            'item_id',
            'in',
            rows.map((r) => r.session_id),
          )
          .execute();
      }),
    );
  }

  async addItem(row: ItemRow): Promise<void> {
    await retrying(() => this.db.insertInto('workspace_items').values(row).execute());
  }

  getItem(workspaceId: string, sessionId: string): Promise<ItemRow | undefined> {
    return this.db
      .selectFrom('workspace_items')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
  }

  async setReadLink(workspaceId: string, sessionId: string, token: string): Promise<void> {
    await retrying(() =>
      this.db
        .updateTable('workspace_items')
        .set({ read_link: token })
        .where('workspace_id', '=', workspaceId)
        .where('session_id', '=', sessionId)
        .execute(),
    );
  }

  async removeItem(workspaceId: string, sessionId: string): Promise<boolean> {
    const result = await retrying(() =>
      this.db
        .deleteFrom('workspace_items')
        .where('workspace_id', '=', workspaceId)
        .where('session_id', '=', sessionId)
        .executeTakeFirst(),
    );
    return Number(result.numDeletedRows) > 0;
  }

  async addTemplate(row: TemplateRow): Promise<void> {
    await retrying(() => this.db.insertInto('workspace_templates').values(row).execute());
  }

  templates(workspaceId: string): Promise<TemplateRow[]> {
    return this.db
      .selectFrom('workspace_templates')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  countTemplates(workspaceId: string): Promise<number> {
    return this.db
      .selectFrom('workspace_templates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  getTemplate(workspaceId: string, id: string): Promise<TemplateRow | undefined> {
    return this.db
      .selectFrom('workspace_templates')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async deleteTemplate(workspaceId: string, id: string): Promise<boolean> {
    const result = await retrying(() =>
      this.db
        .deleteFrom('workspace_templates')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    return Number(result.numDeletedRows) > 0;
  }
}
