import express, { type Request, type Response } from 'express';
import {
  BUILT_IN_WORKSHOPS,
  idSchema,
  keySchema,
  LIMITS,
  type AppError,
  type RoundInput,
} from '@playfield/shared';
import {
  AGENDA_FILE_BYTES,
  agendaFileName,
  agendaFileOf,
  parseAgendaFile,
} from '@playfield/shared/lifecycle/agendaFile';
import { reportFault } from '../faults/faults.ts';
import { bearer, perMinute, send, sendError } from '../http/respond.ts';
import { LifecycleService, SESSION_DELETED, type SessionRole } from './service.ts';

const noKey: AppError = { code: 'UNAUTHORIZED', message: 'Open this from the facilitator link' };
const onlyFacilitator: AppError = {
  code: 'FORBIDDEN',
  message: 'Only the facilitator can do this, from the console link',
};
const noWorkshop: AppError = { code: 'NOT_FOUND', message: 'No such workshop' };
const workshopIdSchema = keySchema(/^[a-z0-9-]{1,60}$/, 'No such workshop');

/**
 * The data's whole life, over HTTP:
 * - `DELETE /sessions/:id` (facilitator key): deletes the session everywhere; the screen's
 *   key and participants' tokens are FORBIDDEN.
 * - `POST /participant/delete-my-data` (the seat's resume token): erases that participant's data.
 * - `GET /sessions/:id/agenda-file` (facilitator key), `GET /workshops/:id/agenda-file`:
 *   the agenda as a versioned JSON file (`shared/src/lifecycle/agendaFile.ts`).
 * - `POST /agenda-files/check`: reads a file in full; a refusal names the round and field.
 * - `POST /sessions/:id/duplicate` (facilitator key): a new session with the same agenda.
 */
export function lifecycleRouter(options: ConstructorParameters<typeof LifecycleService>[0]): {
  router: express.Router;
  service: LifecycleService;
} {
  const router = express.Router();
  const service = new LifecycleService(options);
  const duplicates = perMinute(LIMITS.sessionsPerMinutePerAddress);
  const erasures = perMinute(10);

  /** The session's id if the bearer is its facilitator; otherwise the refusal is sent. */
  const asFacilitator = async (req: Request, res: Response): Promise<string | null> => {
    const id = idSchema.safeParse(req.params.id);
    if (!id.success) {
      sendError(res, { code: 'NOT_FOUND', message: 'No such session' });
      return null;
    }
    const token = bearer(req);
    if (!token) {
      sendError(res, noKey);
      return null;
    }
    const role = await service.roleOf(id.data, token);
    if (!role.ok) {
      sendError(res, role.error);
      return null;
    }
    const refusals: Record<Exclude<SessionRole, 'facilitator'>, AppError> = {
      screen: onlyFacilitator,
      participant: onlyFacilitator,
    };
    if (role.data !== 'facilitator') {
      sendError(res, role.data ? refusals[role.data] : noKey);
      return null;
    }
    return id.data;
  };

  router.delete('/sessions/:id', async (req, res) => {
    const sessionId = await asFacilitator(req, res);
    if (!sessionId) return;
    try {
      const rows = await service.deleteSession(sessionId);
      res.json({ deleted: true, rows });
    } catch (error) {
      reportFault(`lifecycle: delete ${sessionId}`, error);
      sendError(res, {
        code: 'UNAVAILABLE',
        message: 'The session could not be deleted: nothing was deleted, try again',
      });
    }
  });

  router.post('/participant/delete-my-data', async (req, res) => {
    const token = bearer(req);
    if (!token)
      return sendError(res, { code: 'UNAUTHORIZED', message: 'Open this from your own phone' });
    if (!erasures.take(`a:${req.ip ?? 'unknown'}`))
      return sendError(res, { code: 'RATE_LIMITED', message: 'Too many requests: wait a minute' });
    try {
      send(res, await service.eraseParticipant(token));
    } catch (error) {
      reportFault('lifecycle: erase', error);
      sendError(res, {
        code: 'UNAVAILABLE',
        message: 'Your data could not be deleted just now: nothing was deleted, try again',
      });
    }
  });

  const sendFile = (
    res: Response,
    title: string,
    rounds: readonly RoundInput[],
    start?: string | null,
  ) => {
    const file = agendaFileOf(title, rounds, new Date().toISOString(), start);
    res.set('Content-Disposition', `attachment; filename="${agendaFileName(title)}"`);
    res.type('application/json').send(JSON.stringify(file, null, 2));
  };

  router.get('/sessions/:id/agenda-file', async (req, res) => {
    const sessionId = await asFacilitator(req, res);
    if (!sessionId) return;
    const session = await options.manager.get(sessionId);
    if (!session) return sendError(res, SESSION_DELETED);
    const { title, agenda, plannedStart } = session.state;
    sendFile(res, title, agenda, plannedStart);
  });

  router.get('/workshops/:id/agenda-file', (req, res) => {
    const id = workshopIdSchema.safeParse(req.params.id);
    const workshop = id.success ? BUILT_IN_WORKSHOPS.find((w) => w.id === id.data) : undefined;
    if (!workshop) return sendError(res, noWorkshop);
    sendFile(res, workshop.title, workshop.agenda, workshop.plannedStart);
  });

  router.post('/agenda-files/check', express.json({ limit: AGENDA_FILE_BYTES }), (req, res) => {
    send(res, parseAgendaFile(req.body));
  });

  router.post('/sessions/:id/duplicate', async (req, res) => {
    if (!duplicates.take(`a:${req.ip ?? 'unknown'}`))
      return sendError(res, {
        code: 'RATE_LIMITED',
        message: 'Too many sessions created: wait a minute',
      });
    const sessionId = await asFacilitator(req, res);
    if (!sessionId) return;
    const session = await options.manager.get(sessionId);
    if (!session) return sendError(res, SESSION_DELETED);
    const { title, agenda, plannedStart } = session.state;
    const copy = `${title} (copy)`;
    const copyTitle = copy.length <= LIMITS.titleLength ? copy : title;
    const created = await options.manager.create({
      title: copyTitle,
      agenda: agenda.map(({ kind, title: roundTitle, config, notes, minutes }) => ({
        kind,
        title: roundTitle,
        config,
        ...(notes ? { notes } : {}),
        ...(minutes !== undefined ? { minutes } : {}),
      })),
      ...(plannedStart ? { plannedStart } : {}),
    });
    if (!created.ok) return send(res, created);
    res.status(201).json({ ...created.data, title: copyTitle });
  });

  return { router, service };
}
