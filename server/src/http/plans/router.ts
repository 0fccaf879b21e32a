import express from 'express';
import { fail } from '@playfield/shared';
import { renderPlanIcs } from '../../exports/ics.ts';
import { renderPdf } from '../../exports/pdf.ts';
import { planDocument } from '../../exports/plan.ts';
import { zipFiles } from '../../exports/zip.ts';
import { unauthorized, type RequestAuth } from '../auth.ts';
import { day, download, sendDocument } from '../download.ts';
import { send, sendError } from '../respond.ts';
import { ownPlanExportSchema, sharedPlanExportSchema } from './schemas.ts';
import type { PlanReader } from './service.ts';

/** Personal action plans over HTTP: the owner's page and exports, the facilitator's overview. */
export function plansRouter(options: { auth: RequestAuth; plans: PlanReader }): express.Router {
  const router = express.Router();
  const { auth, plans } = options;

  router.get('/plan', async (req, res) => {
    const found = await auth.seatOf(req);
    if (!found) return sendError(res, unauthorized);
    res.json(plans.info(found.session, found.seat, found.name));
  });

  router.get('/plan/export/:format', async (req, res) => {
    const found = await auth.seatOf(req);
    if (!found) return sendError(res, unauthorized);
    const params = ownPlanExportSchema.safeParse(req.params);
    if (!params.success)
      return sendError(res, { code: 'NOT_FOUND', message: 'Export as md or pdf' });
    const { session, seat, name } = found;
    const plan = await plans.plan(seat.sessionId, seat.participantId);
    const context = {
      workshopTitle: session.state.title,
      date: day(session.state.createdAt),
      participantName: name,
    };
    const fileName = `Action plan ${name}`;
    if (params.data.format === 'ics') {
      // Action ids are random and unique: a fixed domain keeps event ids stable however
      // the server is reached, so a newer export updates the events instead of copying them.
      const ics = renderPlanIcs(plan, { ...context, uidDomain: 'playfield', now: new Date() });
      return download(res, fileName, 'ics', ics);
    }
    await sendDocument(res, fileName, params.data.format, planDocument(plan, context));
  });

  router.get('/sessions/:id/plans', async (req, res) => {
    const row = await auth.facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    res.json(await plans.overview(row.id));
  });

  router.get('/sessions/:id/plans/shared.zip', async (req, res) => {
    const row = await auth.facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    const date = day(row.created_at);
    const files = [];
    for (const { name, plan } of await plans.shared(row.id)) {
      const pdf = await renderPdf(
        planDocument(plan, { workshopTitle: row.title, date, participantName: name }),
      );
      files.push({ name: `${name}.pdf`, data: new Uint8Array(pdf) });
    }
    download(res, `${row.title} shared action plans`, 'zip', zipFiles(files));
  });

  router.get('/sessions/:id/plans/:participantId/export/:format', async (req, res) => {
    const row = await auth.facilitatorOf(req);
    const params = sharedPlanExportSchema.safeParse(req.params);
    if (!row || !params.success) return sendError(res, unauthorized);
    const shared = await plans.sharedOne(row.id, params.data.participantId);
    if (!shared) return send(res, fail('FORBIDDEN', 'This plan has not been shared with the team'));
    const document = planDocument(shared.plan, {
      workshopTitle: row.title,
      date: day(row.created_at),
      participantName: shared.name,
    });
    await sendDocument(res, `Action plan ${shared.name}`, params.data.format, document);
  });

  return router;
}
