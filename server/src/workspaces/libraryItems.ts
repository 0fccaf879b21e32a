import { hashToken } from '../security/tokens.ts';
import { retrying } from '../store/retry.ts';
import type { WorkspaceRepository } from './repository.ts';

/** What moving a session out of a workspace did. */
export type MoveBackOutcome = 'moved' | 'notInLibrary';

/**
 * Takes a session out of a workspace's library and gives it back to the account of the
 * member who moved it in, in one transaction: the library entry goes (and with it the
 * search results that found it there), the account lists it again with its console key,
 * and the workspace's read-only notebook link stops working. The session itself, its
 * console link and participants' links are untouched.
 */
export async function moveBack(
  workspaces: WorkspaceRepository,
  workspaceId: string,
  sessionId: string,
  at: number,
): Promise<MoveBackOutcome> {
  return retrying(() =>
    workspaces.db.transaction().execute(async (trx) => {
      const item = await trx
        .deleteFrom('workspace_items')
        .where('workspace_id', '=', workspaceId)
        .where('session_id', '=', sessionId)
        .returning(['added_by', 'secret', 'read_link'])
        .executeTakeFirst();
      if (!item) return 'notInLibrary';
      const account = await trx
        .selectFrom('accounts')
        .select('id')
        .where('id', '=', item.added_by)
        .executeTakeFirst();
      if (account)
        await trx
          .insertInto('account_items')
          .values({
            account_id: account.id,
            kind: 'session',
            item_id: sessionId,
            secret: item.secret,
            claimed_at: at,
          })
          .onConflict((c) => c.columns(['account_id', 'kind', 'item_id']).doNothing())
          .execute();
      if (item.read_link)
        await trx
          .updateTable('share_links')
          .set({ revoked_at: at })
          .where('token_hash', '=', hashToken(item.read_link))
          .where('revoked_at', 'is', null)
          .execute();
      return 'moved';
    }),
  );
}
