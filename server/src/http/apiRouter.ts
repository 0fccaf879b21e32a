import express, { type Request } from 'express';
import {
  createSessionBodySchema,
  deviceIdSchema,
  facilitatorSessionsBodySchema,
  idSchema,
  joinBodySchema,
  LIMITS,
  PROTOCOL_VERSION,
  type AppError,
} from '@playfield/shared';
import { deriveScreenKey } from '../security/tokens.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import { bearer, parse, perMinute, send, sendError } from './respond.ts';

/** The JSON API. Every body is parsed by its schema in `shared/protocol/schemas.ts`. */
export function apiRouter(options: {
  manager: () => SessionManager;
  publicUrl: () => string | null;
}): express.Router {
  const router = express.Router();
  const { manager } = options;
  // Wrong codes are counted per phone (its device id) and, more loosely, per network
  // address: a whole office shares one, so a room joining at once must never trip it.
  const deviceFailures = perMinute(LIMITS.joinFailuresPerMinute);
  const addressFailures = perMinute(LIMITS.joinFailuresPerMinutePerAddress);
  const creations = perMinute(LIMITS.sessionsPerMinutePerAddress);
  // Successful joins too, per device: one phone cannot fill a session with fake seats.
  const deviceJoins = perMinute(LIMITS.joinsPerMinutePerDevice);

  // A device id is only a rate-limit key; a missing or malformed one falls back to the address.
  const guessKeys = (req: Request, deviceId: string | undefined) => ({
    device: deviceIdSchema.safeParse(deviceId).success
      ? `d:${deviceId}`
      : `d:${req.ip ?? 'unknown'}`,
    address: `a:${req.ip ?? 'unknown'}`,
  });
  const isGuessingTooFast = (keys: { device: string; address: string }) =>
    deviceFailures.isLimited(keys.device) || addressFailures.isLimited(keys.address);
  const countFailure = (keys: { device: string; address: string }) => {
    deviceFailures.take(keys.device);
    addressFailures.take(keys.address);
  };
  const tooFast: AppError = {
    code: 'RATE_LIMITED',
    message: 'Too many wrong codes: wait a minute and try again',
  };

  router.get('/config', (_req, res) => {
    res.json({ protocolVersion: PROTOCOL_VERSION, publicUrl: options.publicUrl() });
  });

  router.post('/sessions', async (req, res) => {
    if (!creations.take(`a:${req.ip ?? 'unknown'}`)) {
      return sendError(res, {
        code: 'RATE_LIMITED',
        message: 'Too many sessions created: wait a minute',
      });
    }
    const body = parse(createSessionBodySchema, req.body);
    if (!body.ok) return send(res, body);
    send(res, await manager().create(body.data), 201);
  });

  router.get('/join/:code', async (req, res) => {
    const keys = guessKeys(req, req.get('x-device-id'));
    if (isGuessingTooFast(keys)) return sendError(res, tooFast);
    const result = await manager().lookup(req.params.code.slice(0, 20));
    if (!result.ok && result.error.code === 'NOT_FOUND') countFailure(keys);
    send(res, result);
  });

  router.post('/join', async (req, res) => {
    const body = parse(joinBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const keys = guessKeys(req, body.data.deviceId);
    if (isGuessingTooFast(keys)) return sendError(res, tooFast);
    if (!deviceJoins.take(keys.device)) {
      return sendError(res, {
        code: 'RATE_LIMITED',
        message: 'Too many joins from this device: wait a minute',
      });
    }
    const result = await manager().join(body.data.code, body.data.name);
    if (!result.ok && result.error.code === 'NOT_FOUND') countFailure(keys);
    send(res, result, 201);
  });

  /** The facilitator's own sessions: the browser keeps their tokens and proves each one. */
  router.post('/facilitator/sessions', async (req, res) => {
    const body = parse(facilitatorSessionsBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const owned: string[] = [];
    for (const { sessionId, token } of body.data.sessions) {
      if (await manager().authorizeFacilitator(sessionId, token)) owned.push(sessionId);
    }
    res.json({ sessions: await manager().list(owned) });
  });

  const facilitatorOf = async (req: Request) => {
    const id = idSchema.safeParse(req.params.id);
    const token = bearer(req);
    return id.success && token ? manager().authorizeFacilitator(id.data, token) : null;
  };
  const notFacilitator: AppError = {
    code: 'UNAUTHORIZED',
    message: 'Open this from the facilitator link',
  };

  /** The room screen's key, for a console opened on another laptop than the one that created it. */
  router.get('/sessions/:id/screen-key', async (req, res) => {
    if (!(await facilitatorOf(req))) return sendError(res, notFacilitator);
    res.json({ screenKey: deriveScreenKey(bearer(req) ?? '') });
  });

  router.get('/sessions/:id/results', async (req, res) => {
    const row = await facilitatorOf(req);
    if (!row) return sendError(res, notFacilitator);
    const [listing] = await manager().list([row.id]);
    res.json({ session: listing, rounds: (await manager().results(row.id)) ?? [] });
  });

  router.use((_req, res) => sendError(res, { code: 'NOT_FOUND', message: 'No such API route' }));
  return router;
}
