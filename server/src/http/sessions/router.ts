import express, { type Request } from 'express';
import {
  createSessionBodySchema,
  deviceIdSchema,
  facilitatorSessionsBodySchema,
  idSchema,
  joinBodySchema,
  LIMITS,
  normalizeJoinCode,
  PROTOCOL_VERSION,
  type AppError,
  type Result,
  type SessionHeader,
} from '@playfield/shared';
import type { StorageQuota } from '../security/storageQuota.ts';
import { deriveScreenKey } from '../security/tokens.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import { bearer, parse, perMinute, send, sendError } from './respond.ts';

/** Bytes a session's row and first event take beyond its title and agenda. */
const SESSION_ROW_BYTES = 1024;

/** The JSON API. Every body is parsed by its schema in `shared/protocol/schemas.ts`. */
export function apiRouter(options: {
  manager: () => SessionManager;
  publicUrl: () => string | null;
  joinsPerMinutePerAddress: number;
  joinsPerMinutePerSession: number;
  quota: StorageQuota;
  /** A typed code found a session: may it be joined so? (A rehearsal says no unless opened.) */
  checkTypedCode?: (found: SessionHeader) => Promise<Result<SessionHeader>>;
}): express.Router {
  const router = express.Router();
  const { manager, quota } = options;
  // Wrong codes are counted per phone (its device id) and, more loosely, per network
  // address: a whole office shares one, so a room joining at once must never trip it.
  const deviceFailures = perMinute(LIMITS.joinFailuresPerMinute);
  const addressFailures = perMinute(LIMITS.joinFailuresPerMinutePerAddress);
  const creations = perMinute(LIMITS.sessionsPerMinutePerAddress);
  // Seats taken, per device, per address and per session. The device id is the client's
  // own choice, so it alone bounds nothing: the address and session allowances are sized
  // for a room behind one office NAT (a burst of a few hundred), not for thousands.
  const deviceJoins = perMinute(LIMITS.joinsPerMinutePerDevice);
  const addressJoins = perMinute(options.joinsPerMinutePerAddress);
  const sessionJoins = perMinute(options.joinsPerMinutePerSession);

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
    message:
      'Too many wrong codes from this network: scan the QR code on the screen, or wait a minute',
  };

  /**
   * Finds the session behind a join code. A code that comes with the id of its session
   * (the QR code and the join link carry it) is no guess, so the wrong-code limits do not
   * hold it back: a room behind one address keeps joining while someone there guesses
   * codes. Anything else (a typed code, or an id that does not match) is a guess: it is
   * limited per device and per address and counted when wrong, and the answer is the
   * same whether the code or the id was wrong, so the id tells nothing.
   */
  const findSession = async (
    req: Request,
    code: string,
    deviceId: string | undefined,
    sessionId: string | undefined,
  ): Promise<Result<SessionHeader>> => {
    if (sessionId !== undefined) {
      const normalized = normalizeJoinCode(code);
      const row = normalized ? await manager().repository.getSessionByCode(normalized) : null;
      if (row?.id === sessionId) return manager().lookup(normalized ?? code);
    }
    const keys = guessKeys(req, deviceId);
    if (isGuessingTooFast(keys)) return { ok: false, error: tooFast };
    // A code with an id that is not its session's is as wrong as a wrong code: the empty
    // code finds nothing and answers exactly what a wrong one does.
    const result = await manager().lookup(sessionId === undefined ? code : '');
    if (!result.ok && result.error.code === 'NOT_FOUND') countFailure(keys);
    return result.ok && options.checkTypedCode ? options.checkTypedCode(result.data) : result;
  };

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
    const created = await manager().create(body.data);
    if (!created.ok) quota.refund(address, bytes);
    send(res, created, 201);
  });

  router.get('/join/:code', async (req, res) => {
    const sessionId = typeof req.query.s === 'string' ? req.query.s.slice(0, 64) : undefined;
    send(
      res,
      await findSession(req, req.params.code.slice(0, 20), req.get('x-device-id'), sessionId),
    );
  });

  router.post('/join', async (req, res) => {
    const body = parse(joinBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const { code, name, deviceId, sessionId } = body.data;
    const found = await findSession(req, code, deviceId, sessionId);
    if (!found.ok) return send(res, found);
    const keys = guessKeys(req, deviceId);
    const limited = (message: string) => sendError(res, { code: 'RATE_LIMITED', message });
    if (!deviceJoins.take(keys.device))
      return limited('Too many joins from this device: wait a minute');
    if (!addressJoins.take(keys.address))
      return limited('Too many people joined from this network just now: wait a minute');
    if (!sessionJoins.take(`s:${found.data.id}`))
      return limited('Too many people are joining this session at once: wait a minute');
    send(res, await manager().join(code, name), 201);
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
