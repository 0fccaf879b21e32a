import express from 'express';
import { fail, LIMITS } from '@playfield/shared';
import type { StorageQuota } from '../../security/storageQuota.ts';
import type { SessionManager } from '../../sessions/sessionManager.ts';
import { unauthorized, type RequestAuth } from '../auth.ts';
import { parse, perMinute, send, sendError } from '../respond.ts';
import { notebookImport } from './import.ts';
import {
  linkParamsSchema,
  notebookSearchBodySchema,
  resolveLinkBodySchema,
  shareLinkBodySchema,
} from './schemas.ts';
import { notebookId, type NotebookService } from './service.ts';

const json = express.json({ limit: LIMITS.httpBodyBytes });

/**
 * Notebooks over HTTP: share links a facilitator manages, what a link opens, the search
 * of one's notebooks and the import of an archive. Editing goes over the `/docs` socket.
 */
export function notebooksRouter(options: {
  auth: RequestAuth;
  notebooks: NotebookService;
  manager: SessionManager;
  quota: StorageQuota;
  /** Cuts the open connections of a revoked link. */
  revokeLink: (tokenHash: string, docId: string) => void;
}): express.Router {
  const router = express.Router();
  const { auth, notebooks } = options;
  const linkGuesses = perMinute(LIMITS.joinFailuresPerMinutePerAddress);

  router.get('/notebooks/:id/links', async (req, res) => {
    const row = await auth.facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    res.json({ links: await notebooks.links(row.id) });
  });

  router.post('/notebooks/:id/links', json, async (req, res) => {
    const row = await auth.facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    const body = parse(shareLinkBodySchema, req.body);
    if (!body.ok) return send(res, body);
    send(res, await notebooks.createLink(row.id, body.data.rights), 201);
  });

  router.delete('/notebooks/:id/links/:linkId', async (req, res) => {
    const row = await auth.facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    const params = linkParamsSchema.safeParse(req.params);
    const revoked = params.success
      ? await notebooks.revokeLink(row.id, params.data.linkId)
      : fail('NOT_FOUND', 'No such link, or it is already revoked');
    if (!revoked.ok) return send(res, revoked);
    options.revokeLink(revoked.data, notebookId(row.id));
    res.json({ revoked: true });
  });

  router.post('/links/resolve', json, async (req, res) => {
    const address = `a:${req.ip ?? 'unknown'}`;
    if (linkGuesses.isLimited(address))
      return send(res, fail('RATE_LIMITED', 'Too many wrong links: wait a minute'));
    const body = parse(resolveLinkBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const resolved = await notebooks.resolve(body.data.token);
    if (!resolved) {
      linkGuesses.take(address);
      return send(res, fail('NOT_FOUND', 'This link has been revoked or never existed'));
    }
    res.json(resolved);
  });

  /** Imports a notebook exported from another server, as a new (ended) session of its own. */
  router.post(
    '/notebooks/import',
    notebookImport({ manager: options.manager, quota: options.quota }),
  );

  /** The facilitator's notebooks, optionally searched by text (titles, notes, results). */
  router.post('/facilitator/notebooks', json, async (req, res) => {
    const body = parse(notebookSearchBodySchema, req.body);
    if (!body.ok) return send(res, body);
    res.json({ notebooks: await notebooks.search(body.data.sessions, body.data.query) });
  });

  return router;
}
