import express from 'express';
import { LIMITS, PROTOCOL_VERSION, type AppError } from '@playfield/shared';
import type { StorageQuota } from '../../security/storageQuota.ts';
import { deriveScreenKey } from '../../security/tokens.ts';
import type { SessionManager } from '../../sessions/sessionManager.ts';
import type { RequestAuth } from '../auth.ts';
import { bearer, parse, perMinute, send, sendError } from '../respond.ts';
import type { JoinGuard } from './joinGuard.ts';
import {
  createSessionBodySchema,
  facilitatorSessionsBodySchema,
  joinBodySchema,
  joinLookupSchema,
} from './schemas.ts';

/** Bytes a session's row and first event take beyond its title and agenda. */
const SESSION_ROW_BYTES = 1024;

const notFacilitator: AppError = {
  code: 'UNAUTHORIZED',
  message: 'Open this from the facilitator link',
};

/**
 * Sessions over HTTP: create, join, the facilitator's list, screen key and results; and
 * the answer for any API route nobody serves (mount it last).
 */
export function sessionsRouter(options: {
  manager: SessionManager;
  auth: RequestAuth;
  joins: JoinGuard;
  publicUrl: () => string | null;
  quota: StorageQuota;
}): express.Router {
  const router = express.Router();
  const { manager, auth, joins, quota } = options;
  const creations = perMinute(LIMITS.sessionsPerMinutePerAddress);

  router.get('/config', (_req, res) => {
    res.json({ protocolVersion: PROTOCOL_VERSION, publicUrl: options.publicUrl() });
  });

  router.post('/sessions', async (req, res) => {
    const address = `a:${req.ip ?? 'unknown'}`;
    if (!creations.take(address)) {
      return sendError(res, {
        code: 'RATE_LIMITED',
        message: 'Too many sessions created: wait a minute',
      });
    }
    const body = parse(createSessionBodySchema, req.body);
    if (!body.ok) return send(res, body);
    // What the session's row and first event will hold, roughly: counted against the
    // address's daily storage, so nobody can fill the disk with sessions.
    const bytes = JSON.stringify(body.data).length + SESSION_ROW_BYTES;
    if (!quota.charge(address, bytes)) {
      return sendError(res, {
        code: 'RATE_LIMITED',
        message: 'This network has stored too much today: try again tomorrow',
      });
    }
    const created = await manager.create(body.data);
    if (!created.ok) quota.refund(address, bytes);
    send(res, created, 201);
  });

  router.get('/join/:code', async (req, res) => {
    const lookup = joinLookupSchema.safeParse({ code: req.params.code, s: req.query.s });
    const { code, s } = lookup.success ? lookup.data : { code: '', s: undefined };
    send(res, await joins.find(req, code, req.get('x-device-id'), s));
  });

  router.post('/join', async (req, res) => {
    const body = parse(joinBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const { code, name, deviceId, sessionId } = body.data;
    const found = await joins.find(req, code, deviceId, sessionId);
    if (!found.ok) return send(res, found);
    const refusal = joins.admit(joins.keys(req, deviceId), found.data.id);
    if (refusal) return sendError(res, { code: 'RATE_LIMITED', message: refusal });
    send(res, await manager.join(code, name), 201);
  });

  /** The facilitator's own sessions: the browser keeps their tokens and proves each one. */
  router.post('/facilitator/sessions', async (req, res) => {
    const body = parse(facilitatorSessionsBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const owned: string[] = [];
    for (const { sessionId, token } of body.data.sessions) {
      if (await manager.authorizeFacilitator(sessionId, token)) owned.push(sessionId);
    }
    res.json({ sessions: await manager.list(owned) });
  });

  /** The room screen's key, for a console opened on another laptop than the one that created it. */
  router.get('/sessions/:id/screen-key', async (req, res) => {
    if (!(await auth.facilitatorOf(req))) return sendError(res, notFacilitator);
    res.json({ screenKey: deriveScreenKey(bearer(req) ?? '') });
  });

  router.get('/sessions/:id/results', async (req, res) => {
    const row = await auth.facilitatorOf(req);
    if (!row) return sendError(res, notFacilitator);
    const [listing] = await manager.list([row.id]);
    res.json({ session: listing, rounds: (await manager.results(row.id)) ?? [] });
  });

  router.use((_req, res) => sendError(res, { code: 'NOT_FOUND', message: 'No such API route' }));
  return router;
}
