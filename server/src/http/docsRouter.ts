import express, { type Request, type Response } from 'express';
import {
  docIdOf,
  fail,
  idSchema,
  LIMITS,
  notebookSearchBodySchema,
  resolveLinkBodySchema,
  roundContext,
  shareLinkBodySchema,
  getExercise,
  type CreatedShareLink,
  type NotebookListing,
  type PlanInfo,
  type PlansOverview,
  type ResolvedLink,
  type ShareLinkListing,
} from '@playfield/shared';
import { readNotebook } from '@playfield/shared/notebooks/notebook';
import { parsePlan, type ActionPlan } from '@playfield/shared/plans/plan';
import type { DocumentHub } from '../docs/documentHub.ts';
import { notebookArchive, notebookDocument, type SharedPlan } from '../docs/notebookExport.ts';
import type { NotebookWriter } from '../docs/notebookWriter.ts';
import { summaryToCsv } from '../exports/csv.ts';
import type { ExportDocument } from '../exports/document.ts';
import { guideDocument } from '../exports/guide.ts';
import { renderPlanIcs } from '../exports/ics.ts';
import { renderMarkdown } from '../exports/markdown.ts';
import { renderPdf } from '../exports/pdf.ts';
import { planDocument } from '../exports/plan.ts';
import { safeFileName, zipFiles } from '../exports/zip.ts';
import type { StorageQuota } from '../security/storageQuota.ts';
import { hashToken, newId, newToken } from '../security/tokens.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import { notebookImport } from './notebookImport.ts';
import { bearer, parse, perMinute, send, sendError } from './respond.ts';

const json = express.json({ limit: LIMITS.httpBodyBytes });

const CONTENT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
  ics: 'text/calendar; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  zip: 'application/zip',
} as const;
type Format = keyof typeof CONTENT_TYPES;

function download(res: Response, name: string, format: Format, body: string | Uint8Array): void {
  const file = `${safeFileName(name)}.${format}`;
  res
    .status(200)
    .set({
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${file.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
      'Cache-Control': 'no-store',
    })
    .send(typeof body === 'string' ? body : Buffer.from(body));
}

async function sendDocument(
  res: Response,
  name: string,
  format: string,
  document: ExportDocument,
): Promise<void> {
  if (format === 'md') return download(res, name, 'md', renderMarkdown(document));
  if (format === 'pdf') return download(res, name, 'pdf', await renderPdf(document));
  sendError(res, { code: 'NOT_FOUND', message: 'Export as md or pdf' });
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * Plans, notebooks and exports over HTTP: what a browser downloads, and the share links a
 * facilitator manages. Live editing itself goes over the `/docs` socket namespace.
 */
export function docsRouter(options: {
  manager: () => SessionManager;
  hub: DocumentHub;
  notebooks: NotebookWriter;
  revokeLink: (tokenHash: string, docId: string) => void;
  quota: StorageQuota;
}): express.Router {
  const router = express.Router();
  const { manager, hub, notebooks } = options;
  const repository = () => manager().repository;
  const linkGuesses = perMinute(LIMITS.joinFailuresPerMinutePerAddress);

  const unauthorized = { code: 'UNAUTHORIZED', message: 'Open this from your own link' } as const;

  /** The facilitator of `:id`, proven by the bearer token. */
  const facilitatorOf = async (req: Request) => {
    const id = idSchema.safeParse(req.params.id);
    const token = bearer(req);
    return id.success && token ? manager().authorizeFacilitator(id.data, token) : null;
  };

  /** The seat of the bearer's resume token, with its session; none once its holder left. */
  const seatOf = async (req: Request) => {
    const token = bearer(req);
    const seat =
      token && idSchema.safeParse(token).success
        ? await manager().authorizeParticipant(token)
        : null;
    const session = seat?.ok ? await manager().get(seat.data.sessionId) : null;
    return seat?.ok && session
      ? {
          session,
          seat: { sessionId: seat.data.sessionId, participantId: seat.data.participantId },
          name: seat.data.name,
        }
      : null;
  };

  const readPlan = async (sessionId: string, participantId: string): Promise<ActionPlan> => {
    const parsed = await hub.read(docIdOf({ kind: 'plan', sessionId, participantId }), parsePlan);
    return parsed.success ? parsed.data : { isShared: false, isFinished: false, actions: [] };
  };

  const sharedPlans = async (
    sessionId: string,
  ): Promise<(SharedPlan & { participantId: string })[]> => {
    const session = await manager().get(sessionId);
    const rows = await repository().getDocumentsOfSessions([sessionId], 'plan');
    const plans = [];
    for (const row of rows) {
      if (!row.participant_id || !row.is_shared) continue;
      const plan = await readPlan(sessionId, row.participant_id);
      // The row's flag may trail the document by a moment: the document decides.
      if (!plan.isShared) continue;
      const name = session?.state.participants[row.participant_id]?.name ?? 'Participant';
      plans.push({ participantId: row.participant_id, name, plan });
    }
    return plans.sort((a, b) => a.name.localeCompare(b.name));
  };

  // Personal action plans ------------------------------------------------------------------

  router.get('/plan', async (req, res) => {
    const found = await seatOf(req);
    if (!found) return sendError(res, unauthorized);
    const { session, seat, name } = found;
    const info: PlanInfo = {
      docId: docIdOf({ kind: 'plan', ...seat }),
      sessionId: seat.sessionId,
      participantId: seat.participantId,
      name,
      workshopTitle: session.state.title,
      date: day(session.state.createdAt),
      code: session.state.code,
    };
    res.json(info);
  });

  router.get('/plan/export/:format', async (req, res) => {
    const found = await seatOf(req);
    if (!found) return sendError(res, unauthorized);
    const { session, seat, name } = found;
    const plan = await readPlan(seat.sessionId, seat.participantId);
    const context = {
      workshopTitle: session.state.title,
      date: day(session.state.createdAt),
      participantName: name,
    };
    const fileName = `Action plan ${name}`;
    if (req.params.format === 'ics') {
      // Action ids are random and unique: a fixed domain keeps event ids stable however
      // the server is reached, so a newer export updates the events instead of copying them.
      const ics = renderPlanIcs(plan, { ...context, uidDomain: 'playfield', now: new Date() });
      return download(res, fileName, 'ics', ics);
    }
    await sendDocument(res, fileName, req.params.format, planDocument(plan, context));
  });

  router.get('/sessions/:id/plans', async (req, res) => {
    const row = await facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    const session = await manager().get(row.id);
    const rows = await repository().getDocumentsOfSessions([row.id], 'plan');
    const overview: PlansOverview = {
      participantCount: Object.keys(session?.state.participants ?? {}).length,
      started: rows.length,
      finished: rows.filter((r) => r.is_finished).length,
      shared: (await sharedPlans(row.id)).map((p) => ({
        participantId: p.participantId,
        name: p.name,
        actionCount: p.plan.actions.length,
      })),
    };
    res.json(overview);
  });

  router.get('/sessions/:id/plans/shared.zip', async (req, res) => {
    const row = await facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    const date = day(row.created_at);
    const files = [];
    for (const { name, plan } of await sharedPlans(row.id)) {
      const pdf = await renderPdf(
        planDocument(plan, { workshopTitle: row.title, date, participantName: name }),
      );
      files.push({ name: `${name}.pdf`, data: new Uint8Array(pdf) });
    }
    download(res, `${row.title} shared action plans`, 'zip', zipFiles(files));
  });

  router.get('/sessions/:id/plans/:participantId/export/:format', async (req, res) => {
    const row = await facilitatorOf(req);
    const participantId = idSchema.safeParse(req.params.participantId);
    if (!row || !participantId.success) return sendError(res, unauthorized);
    const shared = (await sharedPlans(row.id)).find((p) => p.participantId === participantId.data);
    if (!shared) return send(res, fail('FORBIDDEN', 'This plan has not been shared with the team'));
    const document = planDocument(shared.plan, {
      workshopTitle: row.title,
      date: day(row.created_at),
      participantName: shared.name,
    });
    await sendDocument(res, `Action plan ${shared.name}`, req.params.format, document);
  });

  // Round results -------------------------------------------------------------------------

  router.get('/sessions/:id/rounds/:roundId/export/:format', async (req, res) => {
    const row = await facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    const session = await manager().get(row.id);
    const round = session?.state.agenda.find((r) => r.id === req.params.roundId);
    const runtime = round && session?.state.rounds[round.id];
    const exercise = round && getExercise(round.kind);
    if (!session || !round || !runtime || !exercise)
      return sendError(res, { code: 'NOT_FOUND', message: 'That round is not on the agenda' });
    const ctx = roundContext(session.state, runtime, Date.now());
    const summary = exercise.summary(runtime.state, ctx);
    // A round that decides a policy (the playing-field map) exports it as one page.
    const document = exercise.policy(runtime.state, ctx) ?? summary;
    const name = `${row.title} - ${round.title}`;
    if (req.params.format === 'csv') return download(res, name, 'csv', summaryToCsv(summary));
    await sendDocument(res, name, req.params.format, {
      title: round.title,
      subtitle: `${row.title} · ${day(row.created_at)}`,
      sections: [{ heading: document.headline, blocks: document.blocks }],
    });
  });

  // Facilitator guide ---------------------------------------------------------------------

  /** The agenda with planned times, each round's slide or exercise and the facilitator's notes. */
  router.get('/sessions/:id/guide/:format', async (req, res) => {
    const row = await facilitatorOf(req);
    // The notes are the facilitator's alone: anyone else, seat or stranger, is refused.
    if (!row)
      return sendError(res, {
        code: 'FORBIDDEN',
        message: 'Only the facilitator can print the guide',
      });
    const session = await manager().get(row.id);
    if (!session) return sendError(res, { code: 'NOT_FOUND', message: 'No such session' });
    const { state } = session;
    const document = guideDocument({
      title: state.title,
      plannedStart: state.plannedStart,
      agenda: state.agenda,
      date: day(row.created_at),
    });
    await sendDocument(res, `${row.title} - facilitator guide`, req.params.format, document);
  });

  // Notebooks -----------------------------------------------------------------------------

  const notebookId = (sessionId: string) => docIdOf({ kind: 'notebook', sessionId });

  /** The facilitator, or a live share link of this notebook (read rights suffice). */
  const notebookReader = async (req: Request) => {
    const facilitator = await facilitatorOf(req);
    if (facilitator) return facilitator.id;
    const token = bearer(req);
    const id = idSchema.safeParse(req.params.id);
    if (!token || !id.success) return null;
    const link = await repository().findShareLink(hashToken(token));
    return link && link.revoked_at === null && link.doc_id === notebookId(id.data) ? id.data : null;
  };

  router.get('/notebooks/:id/links', async (req, res) => {
    const row = await facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    const links = await repository().listShareLinks(notebookId(row.id));
    res.json({
      links: links.map((l): ShareLinkListing => ({
        id: l.id,
        rights: l.rights === 'edit' ? 'edit' : 'read',
        createdAt: l.created_at,
        revokedAt: l.revoked_at,
      })),
    });
  });

  router.post('/notebooks/:id/links', json, async (req, res) => {
    const row = await facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    const body = parse(shareLinkBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const docId = notebookId(row.id);
    const live = (await repository().listShareLinks(docId)).filter((l) => l.revoked_at === null);
    if (live.length >= LIMITS.shareLinksPerNotebook)
      return send(res, fail('CONFLICT', 'Revoke an old link before making another'));
    // The notebook's row must exist for the link to point at it.
    await notebooks.sync(row.id);
    const token = newToken();
    const link = {
      token_hash: hashToken(token),
      id: newId(),
      doc_id: docId,
      rights: body.data.rights,
      created_at: Date.now(),
      revoked_at: null,
    };
    await repository().createShareLink(link);
    const created: CreatedShareLink = {
      id: link.id,
      rights: body.data.rights,
      createdAt: link.created_at,
      revokedAt: null,
      token,
    };
    res.status(201).json(created);
  });

  router.delete('/notebooks/:id/links/:linkId', async (req, res) => {
    const row = await facilitatorOf(req);
    if (!row) return sendError(res, unauthorized);
    const docId = notebookId(row.id);
    const tokenHash = await repository().revokeShareLink(docId, req.params.linkId, Date.now());
    if (!tokenHash) return send(res, fail('NOT_FOUND', 'No such link, or it is already revoked'));
    options.revokeLink(tokenHash, docId);
    res.json({ revoked: true });
  });

  router.post('/links/resolve', json, async (req, res) => {
    const address = `a:${req.ip ?? 'unknown'}`;
    if (linkGuesses.isLimited(address))
      return send(res, fail('RATE_LIMITED', 'Too many wrong links: wait a minute'));
    const body = parse(resolveLinkBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const link = await repository().findShareLink(hashToken(body.data.token));
    if (!link || link.revoked_at !== null) {
      linkGuesses.take(address);
      return send(res, fail('NOT_FOUND', 'This link has been revoked or never existed'));
    }
    const sessionId = link.doc_id.split('.')[1] ?? '';
    const title = await hub.read(link.doc_id, (doc) => readNotebook(doc).title);
    const resolved: ResolvedLink = {
      sessionId,
      docId: link.doc_id,
      rights: link.rights === 'edit' ? 'edit' : 'read',
      title,
    };
    res.json(resolved);
  });

  router.get('/notebooks/:id/export/:format', async (req, res) => {
    const sessionId = await notebookReader(req);
    if (!sessionId) return sendError(res, unauthorized);
    await notebooks.sync(sessionId);
    const docId = notebookId(sessionId);
    if (req.params.format === 'json') {
      // A quarantined notebook is exported as stored, so nothing is lost to what broke it.
      const quarantine = await hub.quarantineOf(docId);
      if (quarantine) {
        const updates = (await hub.rawUpdates(docId)).map((u) => Buffer.from(u).toString('base64'));
        const raw = { quarantined: quarantine, docId, updates };
        return download(
          res,
          `notebook ${sessionId} as stored`,
          'json',
          JSON.stringify(raw, null, 2),
        );
      }
      const archive = await hub.read(docId, (doc) => notebookArchive(doc, new Date()));
      return download(res, `${archive.title} notebook`, 'json', JSON.stringify(archive, null, 2));
    }
    const notebook = await hub.read(docId, readNotebook);
    const plans = await sharedPlans(sessionId);
    await sendDocument(
      res,
      `${notebook.title} notebook`,
      req.params.format,
      notebookDocument(notebook, plans),
    );
  });

  /** Imports a notebook exported from another server, as a new (ended) session of its own. */
  router.post('/notebooks/import', notebookImport({ manager, quota: options.quota }));

  /** The facilitator's notebooks, optionally searched by text (titles, notes, results). */
  router.post('/facilitator/notebooks', json, async (req, res) => {
    const body = parse(notebookSearchBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const owned: string[] = [];
    for (const { sessionId, token } of body.data.sessions) {
      if (await manager().authorizeFacilitator(sessionId, token)) owned.push(sessionId);
    }
    const rows = new Map(
      (await repository().getDocumentsOfSessions(owned, 'notebook')).map((r) => [r.session_id, r]),
    );
    const query = body.data.query.trim().toLowerCase();
    const listings: NotebookListing[] = [];
    for (const session of await manager().list(owned)) {
      const row = rows.get(session.sessionId);
      // Matched without case, shown as written: the snippet keeps the notebook's capitals.
      const text = `${session.title}\n${row?.search_text ?? ''}`;
      const at = query ? text.toLowerCase().indexOf(query) : -1;
      if (query && at < 0) continue;
      listings.push({
        ...session,
        updatedAt: row?.updated_at ?? null,
        snippet: at < 0 ? null : snippetAround(text, at, query.length),
      });
    }
    res.json({ notebooks: listings });
  });

  return router;
}

/** A line of context around a match, for search results. */
function snippetAround(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 60);
  const end = Math.min(text.length, at + length + 60);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}
