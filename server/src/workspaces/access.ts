import type { Request, Response } from 'express';
import type { AppError } from '@playfield/shared';
import type { AccountService, Authenticated } from '../accounts/accountService.ts';
import { signedIn } from '../accounts/http.ts';
import { sendError } from '../http/respond.ts';
import type { LifecycleService } from '../lifecycle/service.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { Repository } from '../store/repository.ts';
import type { ConsoleAccess } from './consoleAccess.ts';
import type { WorkspaceRole } from './migration.ts';
import type { WorkspaceRepository } from './repository.ts';
import { idSchema } from './schemas.ts';

/** What every workspace route works with. */
export interface WorkspaceContext {
  workspaces: WorkspaceRepository;
  accounts: AccountService;
  repository: Repository;
  manager: SessionManager;
  /** Members' open consoles, told when who may run which session changes. */
  consoles?: ConsoleAccess;
  /** Deletes a library session everywhere (its rows, memory and open connections). */
  lifecycle?: LifecycleService;
  now: () => number;
}

/** A signed-in member's request on one workspace. */
export interface MemberRequest {
  who: Authenticated;
  workspaceId: string;
  role: WorkspaceRole;
}

/** Who may do what: every route names the roles it admits. */
export const EVERY_MEMBER: readonly WorkspaceRole[] = [
  'owner',
  'facilitator',
  'producer',
  'viewer',
];
export const RUNS_SESSIONS: readonly WorkspaceRole[] = ['owner', 'facilitator'];
export const OWNER_ONLY: readonly WorkspaceRole[] = ['owner'];

/**
 * The same answer for a workspace that does not exist and one the account is not in, so
 * nobody learns which workspaces exist.
 */
export const NO_WORKSPACE: AppError = { code: 'NOT_FOUND', message: 'No such workspace' };

const refusals: Record<WorkspaceRole, AppError> = {
  owner: { code: 'FORBIDDEN', message: 'Only an owner of this workspace can do this' },
  facilitator: {
    code: 'FORBIDDEN',
    message: 'Only an owner or a facilitator of this workspace can do this',
  },
  producer: {
    code: 'FORBIDDEN',
    message: 'Only an owner, a facilitator or a producer of this workspace can do this',
  },
  viewer: { code: 'FORBIDDEN', message: 'Only members of this workspace can do this' },
};

/**
 * The signed-in account (CSRF checked on changes), its membership of `:wid` and a role
 * among `allowed`; otherwise the refusal is sent and null returned.
 */
export async function member(
  context: WorkspaceContext,
  req: Request,
  res: Response,
  allowed: readonly WorkspaceRole[],
): Promise<MemberRequest | null> {
  const who = await signedIn(context.accounts, req, res);
  if (!who) return null;
  const id = idSchema.safeParse(req.params.wid);
  const role = id.success ? await context.workspaces.roleOf(id.data, who.account.id) : undefined;
  if (!id.success || !role) {
    sendError(res, NO_WORKSPACE);
    return null;
  }
  if (!allowed.includes(role)) {
    // The refusal names the least role that would do.
    const least = allowed.includes('facilitator') ? 'facilitator' : 'owner';
    sendError(res, refusals[least]);
    return null;
  }
  return { who, workspaceId: id.data, role };
}
