import { parseCookie } from 'cookie';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  isAgendaEdit,
  ok,
  type ActivityEntry,
  type AppError,
  type ConsoleAccess as ConsoleAccessView,
  type LoggedActor,
  type Result,
} from '@playfield/shared';
import { AccountRepository } from '../accounts/accountRepository.ts';
import { AccountService } from '../accounts/accountService.ts';
import { SESSION_COOKIE } from '../accounts/http.ts';
import type { AccountTables } from '../accounts/migration.ts';
import { SignInLimiter } from '../accounts/signInLimiter.ts';
import { reportFault } from '../faults/faults.ts';
import { deriveScreenKey } from '../security/tokens.ts';
import type { Repository } from '../store/repository.ts';
import type { EventActorTables } from './eventActorsMigration.ts';
import type { WorkspaceRole, WorkspaceTables } from './migration.ts';

/** A console opened by a signed-in workspace member (the `member` credential). */
export interface ConsoleMember {
  accountId: string;
  /** How the log and the other consoles name them: their email. */
  name: string;
}

/** The workspace roles that open a session's console; viewers only read notebooks. */
export const CONSOLE_ROLES: readonly WorkspaceRole[] = ['owner', 'facilitator', 'producer'];
/** Most rights first: an account in two workspaces holding the session gets its best role. */
const RANK: Record<WorkspaceRole, number> = { owner: 0, facilitator: 1, producer: 2, viewer: 3 };

export const SIGN_IN_FIRST: AppError = {
  code: 'UNAUTHORIZED',
  message: 'Sign in to open this console from your workspace',
};
export const NOT_A_CONSOLE_MEMBER: AppError = {
  code: 'FORBIDDEN',
  message:
    'Only an owner, facilitator or producer of a workspace holding this session can run its console',
};
export const PRODUCER_AGENDA: AppError = {
  code: 'FORBIDDEN',
  message: 'A producer runs the session but cannot change its agenda: ask a facilitator',
};

/** What a console opened with its key may do: everything, as before accounts. */
export const KEY_CONSOLE: ConsoleAccessView = {
  name: null,
  role: null,
  canEditAgenda: true,
  screenKey: null,
};

/** The latest logged console actions the console's "who did what" shows. */
export const ACTIVITY_LIMIT = 50;

/**
 * What changed in who may run which console: an account's role in a workspace (or it left),
 * or a session left a workspace's library. The open consoles concerned are checked again.
 */
export type AccessChange = { accountId: string } | { sessionId: string };
type ChangeListener = (change: AccessChange) => Promise<void>;

type Db = Pick<WorkspaceTables, 'workspace_members' | 'workspace_items'> & EventActorTables;

/**
 * Co-facilitators: who may run a session's console with their account (the socket's
 * handshake, and again on every command, so a removed member's next command is refused),
 * what a producer may not do (edit the agenda: the one place it is enforced), and the
 * log's "who did what".
 */
export class ConsoleAccess {
  private readonly db: Kysely<Db>;
  private readonly accounts: AccountService;
  private readonly listeners = new Set<ChangeListener>();

  constructor(repository: Repository, now: () => number = Date.now) {
    this.db = repository.tablesOf<Db>();
    // Only authenticates cookies: sign-in and its limits live in server/src/accounts.
    this.accounts = new AccountService(
      new AccountRepository(repository.tablesOf<AccountTables>()),
      new SignInLimiter(30, 10, now),
      now,
    );
  }

  /** Calls `listener` on every change of access (the socket server re-checks its consoles). */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Tells the open consoles of a change of access, and resolves once each was told (a
   * removed member's console stops receiving the session before the route answers). A
   * listener's failure is reported and stays there: the change itself is stored.
   */
  async changed(change: AccessChange): Promise<void> {
    await Promise.all(
      [...this.listeners].map((listener) =>
        listener(change).catch((error: unknown) => reportFault('consoles: access change', error)),
      ),
    );
  }

  /** The account's best role in the workspaces holding the session, or undefined. */
  async roleOf(sessionId: string, accountId: string): Promise<WorkspaceRole | undefined> {
    const rows = await this.db
      .selectFrom('workspace_items as i')
      .innerJoin('workspace_members as m', 'm.workspace_id', 'i.workspace_id')
      .select('m.role')
      .where('i.session_id', '=', sessionId)
      .where('m.account_id', '=', accountId)
      .execute();
    return rows.map((r) => r.role).sort((a, b) => RANK[a] - RANK[b])[0];
  }

  /** The handshake of a member's console: the cookie's account, a member allowed to run it. */
  async admit(sessionId: string, cookieHeader: string | undefined): Promise<Result<ConsoleMember>> {
    const token = parseCookie(cookieHeader ?? '')[SESSION_COOKIE];
    const who =
      token && /^[A-Za-z0-9_-]{43}$/.test(token) ? await this.accounts.authenticate(token) : null;
    if (!who) return { ok: false, error: SIGN_IN_FIRST };
    const role = await this.roleOf(sessionId, who.account.id);
    if (!role || !CONSOLE_ROLES.includes(role)) return { ok: false, error: NOT_A_CONSOLE_MEMBER };
    return ok({ accountId: who.account.id, name: who.account.email });
  }

  /**
   * Every command of a member's console, checked against the membership as it is now: a
   * removed member or a viewer is refused, a producer's agenda edits are refused.
   */
  async authorise(
    member: ConsoleMember,
    sessionId: string,
    commandType: string,
  ): Promise<AppError | null> {
    const role = await this.roleOf(sessionId, member.accountId);
    if (!role || !CONSOLE_ROLES.includes(role)) return NOT_A_CONSOLE_MEMBER;
    if (role === 'producer' && isAgendaEdit(commandType)) return PRODUCER_AGENDA;
    return null;
  }

  /** What a console may do, for its controls (the server decides on every command anyway). */
  async access(
    member: ConsoleMember | null,
    sessionId: string,
  ): Promise<Result<ConsoleAccessView>> {
    if (!member) return ok(KEY_CONSOLE);
    const role = await this.roleOf(sessionId, member.accountId);
    if (!role || role === 'viewer') return { ok: false, error: NOT_A_CONSOLE_MEMBER };
    // The library keeps the console's key it was moved in with: the screen's derives from it.
    const item = await this.db
      .selectFrom('workspace_items')
      .select('secret')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return ok({
      name: member.name,
      role,
      canEditAgenda: role !== 'producer',
      screenKey: item ? deriveScreenKey(item.secret) : null,
    });
  }

  /** The latest console actions of the log, newest first, with who ran each. */
  async activity(sessionId: string): Promise<Result<ActivityEntry[]>> {
    const rows = await this.db
      .selectFrom('events')
      .select(['seq', 'at', 'type', 'actor'])
      .where('session_id', '=', sessionId)
      .where('actor', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(ACTIVITY_LIMIT)
      .execute();
    return ok(
      rows.map((r) => ({
        seq: Number(r.seq),
        at: Number(r.at),
        type: r.type,
        who: nameOf(r.actor),
      })),
    );
  }
}

/** A stored actor, read back: a stored row is not trusted. */
const loggedActorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('account'),
    accountId: z.string().max(64),
    name: z.string().min(1).max(320),
  }),
  z.object({ kind: z.literal('key') }),
]);

/** The actor of a logged row as the console shows it: an unreadable one is the key's. */
function nameOf(actor: string | null): string {
  let json: unknown = null;
  try {
    json = JSON.parse(actor ?? 'null');
  } catch {
    // Unreadable JSON: the key's.
  }
  const parsed = loggedActorSchema.safeParse(json);
  return parsed.success && parsed.data.kind === 'account' ? parsed.data.name : 'Console key';
}

/** The actor a console's commands are logged with. */
export function loggedActorOf(member: ConsoleMember | null): LoggedActor {
  return member
    ? { kind: 'account', accountId: member.accountId, name: member.name }
    : { kind: 'key' };
}
