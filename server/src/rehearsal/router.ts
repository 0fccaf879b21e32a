import express from 'express';
import { createSessionBodySchema, idSchema, LIMITS } from '@playfield/shared';
import { bearer, parse, perMinute, send, sendError } from '../http/respond.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { RehearsalService } from './service.ts';

/**
 * Rehearsal routes: create one (a session with simulated participants, started at once)
 * and hand one of its simulated seats to the facilitator's phone.
 */
export function rehearsalRouter(options: {
  manager: SessionManager;
  rehearsals: RehearsalService;
}): express.Router {
  const router = express.Router();
  const creations = perMinute(LIMITS.sessionsPerMinutePerAddress);

  router.post('/rehearsals', async (req, res) => {
    if (!creations.take(`a:${req.ip ?? 'unknown'}`)) {
      return sendError(res, {
        code: 'RATE_LIMITED',
        message: 'Too many rehearsals created: wait a minute',
      });
    }
    const body = parse(createSessionBodySchema, req.body);
    if (!body.ok) return send(res, body);
    send(res, await options.rehearsals.create(body.data), 201);
  });

  router.post('/sessions/:id/rehearsal/seats/:participantId', async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    const participantId = idSchema.safeParse(req.params.participantId);
    const token = bearer(req);
    const row =
      id.success && token ? await options.manager.authorizeFacilitator(id.data, token) : null;
    if (!row || !id.success) {
      return sendError(res, {
        code: 'UNAUTHORIZED',
        message: 'Open this from the facilitator link',
      });
    }
    if (!participantId.success)
      return sendError(res, { code: 'BAD_REQUEST', message: 'That is not a seat' });
    send(res, await options.rehearsals.takeSeat(id.data, participantId.data), 201);
  });

  return router;
}
