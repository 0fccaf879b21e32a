import express from 'express';
import { summaryToCsv } from '../../exports/csv.ts';
import { unauthorized, type RequestAuth } from '../auth.ts';
import { download, sendDocument } from '../download.ts';
import { sendError } from '../respond.ts';
import type { NotebookService } from '../notebooks/service.ts';
import { notebookExportParamsSchema, roundExportParamsSchema } from './schemas.ts';
import type { ExportService } from './service.ts';

const notOnAgenda = { code: 'NOT_FOUND', message: 'That round is not on the agenda' } as const;

/** Downloads: a round's results, the facilitator guide and the session's notebook. */
export function exportsRouter(options: {
  auth: RequestAuth;
  exports: ExportService;
  notebooks: NotebookService;
}): express.Router {
  const router = express.Router();
  const { auth, exports } = options;

  router.get('/sessions/:id/rounds/:roundId/export/:format', async (req, res) => {
    const row = await auth.facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    const params = roundExportParamsSchema.safeParse(req.params);
    const round = params.success ? await exports.round(row, params.data.roundId) : null;
    if (!params.success || !round) return sendError(res, notOnAgenda);
    if (params.data.format === 'csv')
      return download(res, round.name, 'csv', summaryToCsv(round.summary));
    await sendDocument(res, round.name, params.data.format, round.document);
  });

  /** The agenda with planned times, each round's slide or exercise and the facilitator's notes. */
  router.get('/sessions/:id/guide/:format', async (req, res) => {
    const row = await auth.facilitatorOf(req);
    // The notes are the facilitator's alone: anyone else, seat or stranger, is refused.
    if (!row)
      return sendError(res, {
        code: 'FORBIDDEN',
        message: 'Only the facilitator can print the guide',
      });
    const guide = await exports.guide(row);
    if (!guide) return sendError(res, { code: 'NOT_FOUND', message: 'No such session' });
    await sendDocument(res, `${row.title} - facilitator guide`, String(req.params.format), guide);
  });

  router.get('/notebooks/:id/export/:format', async (req, res) => {
    const sessionId = await options.notebooks.readerOf(req);
    if (!sessionId) return sendError(res, unauthorized);
    const params = notebookExportParamsSchema.safeParse(req.params);
    const format = params.success ? params.data.format : '';
    if (format === 'json') {
      const json = await exports.notebookJson(sessionId);
      const name =
        json.kind === 'stored' ? `notebook ${sessionId} as stored` : `${json.title} notebook`;
      return download(res, name, 'json', JSON.stringify(json.body, null, 2));
    }
    const { title, document } = await exports.notebookDocument(sessionId);
    await sendDocument(res, `${title} notebook`, format, document);
  });

  return router;
}
