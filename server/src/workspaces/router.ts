import express, { Router, type Request, type Response } from 'express';
import { LIMITS } from '@playfield/shared';
import { AccountRepository } from '../accounts/accountRepository.ts';
import { AccountService } from '../accounts/accountService.ts';
import { sameOriginOnly, signedIn } from '../accounts/http.ts';
import type { AccountTables } from '../accounts/migration.ts';
import { SignInLimiter } from '../accounts/signInLimiter.ts';
import { parse, perMinute, send, sendError } from '../http/respond.ts';
import { hashToken, newId, newToken } from '../security/tokens.ts';
import type { LifecycleService } from '../lifecycle/service.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { Repository } from '../store/repository.ts';
import type { ConsoleAccess } from './consoleAccess.ts';
import { EVERY_MEMBER, member, NO_WORKSPACE, OWNER_ONLY, type WorkspaceContext } from './access.ts';
import { exportRoutes } from './exportRoutes.ts';
import { libraryRoutes } from './libraryRoutes.ts';
import { WorkspaceRepository, type WorkspaceDb } from './repository.ts';
import { retentionRoutes } from './retentionRoutes.ts';
import {
  createWorkspaceBodySchema,
  idSchema,
  inviteBodySchema,
  roleBodySchema,
  tokenBodySchema,
} from './schemas.ts';
import { templateRoutes } from './templateRoutes.ts';

/** An invitation link works once, within this time. */
export const INVITATION_MS = 7 * 24 * 3_600_000;
/** Bounds on what one account or workspace can pile up. */
export const WORKSPACE_LIMITS = { perAccount: 50, openInvitations: 50 };

const INVALID_INVITATION = {
  code: 'NOT_FOUND',
  message: 'This invitation has expired, was used or was revoked: ask for a new one',
} as const;

export interface WorkspacesOptions {
  repository: Repository;
  manager: SessionManager;
  allowedOrigins: readonly string[];
  /** Members' open consoles: re-checked at once when a role changes or a member leaves. */
  consoles?: ConsoleAccess;
  /** Deleting a library session for good. */
  lifecycle?: LifecycleService;
  now?: () => number;
}

/**
 * Workspaces under /api/workspaces and /api/invitations: members, roles, invitations by
 * link, the team library (libraryRoutes.ts) and templates (templateRoutes.ts). Every route
 * checks the signed-in account's membership and role (access.ts).
 */
export function workspacesRouter(options: WorkspacesOptions): Router {
  const now = options.now ?? Date.now;
  const context: WorkspaceContext = {
    workspaces: new WorkspaceRepository(
      options.repository.tablesOf<WorkspaceDb>(),
      options.repository.kind === 'postgres',
    ),
    // Only authenticates cookies here: sign-in and its limits live in server/src/accounts.
    accounts: new AccountService(
      new AccountRepository(options.repository.tablesOf<AccountTables>()),
      new SignInLimiter(30, 10, now),
      now,
    ),
    repository: options.repository,
    manager: options.manager,
    ...(options.consoles ? { consoles: options.consoles } : {}),
    ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
    now,
  };
  const { workspaces } = context;
  const invitationUses = perMinute(30);
  const router = Router();
  for (const prefix of ['/workspaces', '/invitations']) {
    router.use(prefix, sameOriginOnly(options.allowedOrigins));
    router.use(prefix, express.json({ limit: LIMITS.httpBodyBytes }));
  }

  router.get('/workspaces', async (req, res) => {
    const who = await signedIn(context.accounts, req, res);
    if (!who) return;
    const rows = await workspaces.workspacesOf(who.account.id);
    res.json({ workspaces: rows.map((w) => ({ id: w.id, name: w.name, role: w.role })) });
  });

  router.post('/workspaces', async (req, res) => {
    const who = await signedIn(context.accounts, req, res);
    if (!who) return;
    const body = parse(createWorkspaceBodySchema, req.body);
    if (!body.ok) return send(res, body);
    if ((await workspaces.workspacesOf(who.account.id)).length >= WORKSPACE_LIMITS.perAccount)
      return sendError(res, {
        code: 'CONFLICT',
        message: `An account belongs to at most ${WORKSPACE_LIMITS.perAccount} workspaces`,
      });
    const id = newId();
    await workspaces.create({ id, name: body.data.name, created_at: now() }, who.account.id);
    res.status(201).json({ id, name: body.data.name, role: 'owner' });
  });

  router.get('/workspaces/:wid', async (req, res) => {
    const m = await member(context, req, res, EVERY_MEMBER);
    if (!m) return;
    const workspace = await workspaces.getWorkspace(m.workspaceId);
    if (!workspace) return sendError(res, NO_WORKSPACE);
    const members = await workspaces.members(m.workspaceId);
    res.json({
      id: workspace.id,
      name: workspace.name,
      role: m.role,
      accountId: m.who.account.id,
      members: members.map((r) => ({
        accountId: r.account_id,
        email: r.email,
        role: r.role,
        joinedAt: r.joined_at,
      })),
    });
  });

  router.get('/workspaces/:wid/invitations', async (req, res) => {
    const m = await member(context, req, res, OWNER_ONLY);
    if (!m) return;
    const open = await workspaces.openInvitations(m.workspaceId, now());
    res.json({
      invitations: open.map((i) => ({
        id: i.id,
        role: i.role,
        createdAt: i.created_at,
        expiresAt: i.expires_at,
      })),
    });
  });

  /** A new invitation: its secret is in the answer once, and stored only hashed. */
  router.post('/workspaces/:wid/invitations', async (req, res) => {
    const m = await member(context, req, res, OWNER_ONLY);
    if (!m) return;
    const body = parse(inviteBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const at = now();
    if (
      (await workspaces.openInvitations(m.workspaceId, at)).length >=
      WORKSPACE_LIMITS.openInvitations
    )
      return sendError(res, {
        code: 'CONFLICT',
        message: `At most ${WORKSPACE_LIMITS.openInvitations} open invitations: revoke some first`,
      });
    const token = newToken();
    const row = {
      id: newId(),
      workspace_id: m.workspaceId,
      token_hash: hashToken(token),
      role: body.data.role,
      created_by: m.who.account.id,
      created_at: at,
      expires_at: at + INVITATION_MS,
      used_at: null,
      revoked_at: null,
    };
    await workspaces.addInvitation(row);
    res.status(201).json({ id: row.id, role: row.role, expiresAt: row.expires_at, token });
  });

  router.delete('/workspaces/:wid/invitations/:iid', async (req, res) => {
    const m = await member(context, req, res, OWNER_ONLY);
    if (!m) return;
    const id = idSchema.safeParse(req.params.iid);
    if (!id.success || !(await workspaces.revokeInvitation(m.workspaceId, id.data, now())))
      return sendError(res, { code: 'NOT_FOUND', message: 'No such open invitation' });
    res.status(204).end();
  });

  const limited = (req: Request, res: Response) => {
    if (invitationUses.take(`a:${req.ip ?? 'unknown'}`)) return false;
    sendError(res, { code: 'RATE_LIMITED', message: 'Too many tries just now: wait a minute' });
    return true;
  };

  /** What an invitation offers (the workspace's name and the role), before accepting it. */
  router.post('/invitations/peek', async (req, res) => {
    const who = await signedIn(context.accounts, req, res);
    if (!who) return;
    const body = parse(tokenBodySchema, req.body);
    if (!body.ok) return send(res, body);
    if (limited(req, res)) return;
    const found = await workspaces.peekInvitation(hashToken(body.data.token), now());
    if (!found) return sendError(res, INVALID_INVITATION);
    const role = await workspaces.roleOf(found.workspace_id, who.account.id);
    res.json({
      workspaceName: found.name,
      role: found.role,
      expiresAt: found.expires_at,
      ...(role ? { workspaceId: found.workspace_id, isMember: true } : { isMember: false }),
    });
  });

  /** Uses an invitation: once, before it expires or is revoked. */
  router.post('/invitations/accept', async (req, res) => {
    const who = await signedIn(context.accounts, req, res);
    if (!who) return;
    const body = parse(tokenBodySchema, req.body);
    if (!body.ok) return send(res, body);
    if (limited(req, res)) return;
    const result = await workspaces.acceptInvitation(
      hashToken(body.data.token),
      who.account.id,
      now(),
    );
    if (result.outcome === 'invalid' || !result.workspaceId)
      return sendError(res, INVALID_INVITATION);
    res.json({ workspaceId: result.workspaceId, isNew: result.outcome === 'joined' });
  });

  const lastOwner = {
    code: 'CONFLICT',
    message: 'A workspace keeps at least one owner: make someone else an owner first',
  } as const;

  router.put('/workspaces/:wid/members/:aid/role', async (req, res) => {
    const m = await member(context, req, res, OWNER_ONLY);
    if (!m) return;
    const account = idSchema.safeParse(req.params.aid);
    const body = parse(roleBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const done = account.success
      ? await workspaces.setRole(m.workspaceId, account.data, body.data.role)
      : 'notMember';
    if (done === 'lastOwner') return sendError(res, lastOwner);
    if (done === 'notMember')
      return sendError(res, { code: 'NOT_FOUND', message: 'No such member' });
    // Their open consoles take the new role before the owner hears it is done.
    if (account.success) await context.consoles?.changed({ accountId: account.data });
    res.json({ accountId: account.data, role: body.data.role });
  });

  router.delete('/workspaces/:wid/members/:aid', async (req, res) => {
    const m = await member(context, req, res, OWNER_ONLY);
    if (!m) return;
    const account = idSchema.safeParse(req.params.aid);
    const done = account.success
      ? await workspaces.setRole(m.workspaceId, account.data, null)
      : 'notMember';
    if (done === 'lastOwner') return sendError(res, lastOwner);
    if (done === 'notMember')
      return sendError(res, { code: 'NOT_FOUND', message: 'No such member' });
    // Their open consoles stop receiving the workspace's sessions before the answer.
    if (account.success) await context.consoles?.changed({ accountId: account.data });
    res.status(204).end();
  });

  router.post('/workspaces/:wid/leave', async (req, res) => {
    const m = await member(context, req, res, EVERY_MEMBER);
    if (!m) return;
    const done = await workspaces.setRole(m.workspaceId, m.who.account.id, null);
    if (done === 'lastOwner') return sendError(res, lastOwner);
    await context.consoles?.changed({ accountId: m.who.account.id });
    res.status(204).end();
  });

  libraryRoutes(router, context);
  templateRoutes(router, context);
  retentionRoutes(router, context);
  exportRoutes(router, context);
  return router;
}
