import type { Router } from 'express';
import { BUILT_IN_WORKSHOPS, docIdOf, type SessionState } from '@playfield/shared';
import { reportFault } from '../faults/faults.ts';
import { parse, send, sendError } from '../http/respond.ts';
import { hashToken, newId, newToken } from '../security/tokens.ts';
import { EVERY_MEMBER, member, RUNS_SESSIONS, type WorkspaceContext } from './access.ts';
import { libraryWorkshops, listLibrary, type LibraryQuery } from './library.ts';
import { moveBack } from './libraryItems.ts';
import { idSchema, libraryQuerySchema, moveInBodySchema } from './schemas.ts';

/** How the library names a session's workshop when no built-in one or template made it. */
export const OWN_AGENDA = 'Own agenda';
const DAY_MS = 24 * 3_600_000;

/** The built-in workshop whose rounds a session's agenda follows, by their titles. */
export function workshopOf(state: Pick<SessionState, 'agenda'>): string {
  const found = BUILT_IN_WORKSHOPS.find(
    (w) =>
      w.agenda.length === state.agenda.length &&
      w.agenda.every((round, i) => round.title === state.agenda[i]?.title),
  );
  return found?.title ?? OWN_AGENDA;
}

const NOT_IN_LIBRARY = { code: 'NOT_FOUND', message: 'No such session in this workspace' } as const;

/**
 * The team library: sessions (live, finished, rehearsals) with their notebooks, searched
 * through the full-text index and filtered by date and workshop; moving the account's own
 * sessions in, taking them out or deleting them (facilitators and owners); opening a
 * notebook read-only (anyone). Consoles open with the member's account (`#member`), never
 * with the console's key: a member who leaves keeps nothing that runs the session.
 */
export function libraryRoutes(router: Router, context: WorkspaceContext): void {
  const { workspaces, repository } = context;

  router.get('/workspaces/:wid/library', async (req, res) => {
    const m = await member(context, req, res, EVERY_MEMBER);
    if (!m) return;
    const query = parse(libraryQuerySchema, req.query);
    if (!query.ok) return send(res, query);
    const { q, workshop, from, to, rehearsals } = query.data;
    const filter: LibraryQuery = {
      withRehearsals: rehearsals === '1',
      ...(q ? { text: q } : {}),
      ...(workshop ? { workshop } : {}),
      ...(from ? { from: Date.parse(`${from}T00:00:00Z`) } : {}),
      // Inclusive: up to the end of that day.
      ...(to ? { to: Date.parse(`${to}T00:00:00Z`) + DAY_MS } : {}),
    };
    res.json({
      sessions: await listLibrary(workspaces, m.workspaceId, filter),
      workshops: await libraryWorkshops(workspaces, m.workspaceId),
    });
  });

  /** The account's own sessions that could move into this workspace. */
  router.get('/workspaces/:wid/library/candidates', async (req, res) => {
    const m = await member(context, req, res, RUNS_SESSIONS);
    if (!m) return;
    const own = await workspaces.accountSessions(m.who.account.id);
    const listed = await context.manager.list(own.map((o) => o.item_id));
    res.json({
      sessions: listed.map((s) => ({
        sessionId: s.sessionId,
        title: s.title,
        createdAt: s.createdAt,
        phase: s.phase,
      })),
    });
  });

  /** Moves sessions the account holds into the workspace (only its own claimed ones). */
  router.post('/workspaces/:wid/library', async (req, res) => {
    const m = await member(context, req, res, RUNS_SESSIONS);
    if (!m) return;
    const body = parse(moveInBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const own = new Map(
      (await workspaces.accountSessions(m.who.account.id)).map((o) => [o.item_id, o.secret]),
    );
    const at = context.now();
    const rows = [];
    for (const sessionId of new Set(body.data.sessionIds)) {
      const secret = own.get(sessionId);
      const session = secret === undefined ? null : await context.manager.get(sessionId);
      if (!session || secret === undefined)
        return sendError(res, {
          code: 'FORBIDDEN',
          message: 'Only sessions in your own account can be moved into a workspace',
        });
      rows.push({
        workspace_id: m.workspaceId,
        session_id: sessionId,
        secret,
        workshop: workshopOf(session.state),
        is_rehearsal: session.state.rehearsal ? 1 : 0,
        added_by: m.who.account.id,
        added_at: at,
        read_link: null,
      });
    }
    await workspaces.moveIn(rows, m.who.account.id);
    res.json({ moved: rows.length });
  });

  /**
   * Takes a session out of the library, back to the account of the member who moved it
   * in (deleting a session for good goes through its console key: `DELETE /sessions/:id`).
   */
  router.post('/workspaces/:wid/library/:sid/move-back', async (req, res) => {
    const m = await member(context, req, res, RUNS_SESSIONS);
    if (!m) return;
    const sid = idSchema.safeParse(req.params.sid);
    const outcome = sid.success
      ? await moveBack(workspaces, m.workspaceId, sid.data, context.now())
      : 'notInLibrary';
    if (outcome === 'notInLibrary') return sendError(res, NOT_IN_LIBRARY);
    // Members' consoles of it close: it is no longer the team's.
    if (sid.success) await context.consoles?.changed({ sessionId: sid.data });
    res.json({ movedBack: true });
  });

  /**
   * Deletes a library session for good, everywhere (its events, snapshots, plans, notebook
   * and uploads; every open console, screen and phone is told and closed). Owners and
   * facilitators do it from the library: no member is ever handed the console's key.
   */
  router.delete('/workspaces/:wid/library/:sid', async (req, res) => {
    const m = await member(context, req, res, RUNS_SESSIONS);
    if (!m) return;
    const sid = idSchema.safeParse(req.params.sid);
    const item = sid.success ? await workspaces.getItem(m.workspaceId, sid.data) : undefined;
    if (!item) return sendError(res, NOT_IN_LIBRARY);
    if (!context.lifecycle)
      return sendError(res, { code: 'UNAVAILABLE', message: 'Deleting is not available here' });
    try {
      const rows = await context.lifecycle.deleteSession(item.session_id);
      res.json({ deleted: true, rows });
    } catch (error) {
      reportFault(`workspaces: delete ${item.session_id}`, error);
      sendError(res, {
        code: 'UNAVAILABLE',
        message: 'The session could not be deleted: nothing was deleted, try again',
      });
    }
  });

  /**
   * A read-only link to the session's notebook, for any member (a viewer never gets the
   * console's key). Made on first use and kept; made again if someone revoked it.
   */
  router.post('/workspaces/:wid/library/:sid/notebook', async (req, res) => {
    const m = await member(context, req, res, EVERY_MEMBER);
    if (!m) return;
    const sid = idSchema.safeParse(req.params.sid);
    const item = sid.success ? await workspaces.getItem(m.workspaceId, sid.data) : undefined;
    if (!item) return sendError(res, NOT_IN_LIBRARY);
    if (item.read_link) {
      const link = await repository.findShareLink(hashToken(item.read_link));
      if (link && link.revoked_at === null)
        return res.json({ sessionId: item.session_id, link: item.read_link });
    }
    const docId = docIdOf({ kind: 'notebook', sessionId: item.session_id });
    const [notebook] = await repository.getDocumentsOfSessions([item.session_id], 'notebook');
    if (!notebook)
      return sendError(res, { code: 'NOT_FOUND', message: 'This session has no notebook yet' });
    const token = newToken();
    await repository.createShareLink({
      token_hash: hashToken(token),
      id: newId(),
      doc_id: docId,
      rights: 'read',
      created_at: context.now(),
      revoked_at: null,
    });
    await workspaces.setReadLink(m.workspaceId, item.session_id, token);
    res.json({ sessionId: item.session_id, link: token });
  });
}
