import type { Response, Router } from 'express';
import { BUILT_IN_WORKSHOPS, LIMITS, type AppError, type Result } from '@playfield/shared';
import {
  AGENDA_FILE_BYTES,
  agendaFileOf,
  parseAgendaFile,
  type AgendaFile,
  type ImportedAgenda,
} from '@playfield/shared/lifecycle/agendaFile';
import { reportFault } from '../faults/faults.ts';
import { parse, perMinute, send, sendError } from '../http/respond.ts';
import { newId } from '../security/tokens.ts';
import { EVERY_MEMBER, member, RUNS_SESSIONS, type WorkspaceContext } from './access.ts';
import type { TemplateRow } from './repository.ts';
import { idSchema, saveTemplateBodySchema, startBodySchema } from './schemas.ts';

/** At most this many templates per workspace. */
export const TEMPLATES_PER_WORKSPACE = 200;
/** The ids of built-in workshops as templates (a drawn id has 12 characters: never one of these). */
const BUILT_IN_PREFIX = 'builtin-';

const NO_TEMPLATE: AppError = { code: 'NOT_FOUND', message: 'No such template' };
const READ_ONLY: AppError = {
  code: 'FORBIDDEN',
  message: 'Built-in workshops are read-only: duplicate one to change it',
};

/** A template as the Workspace page lists it. */
interface TemplateListing {
  id: string;
  title: string;
  roundCount: number;
  createdAt: number | null;
  isBuiltIn: boolean;
}

/** A template's agenda: a built-in workshop's, or a stored file read in full again. */
function agendaOf(row: TemplateRow | null, builtInId: string | null): Result<ImportedAgenda> {
  if (builtInId !== null) {
    const workshop = BUILT_IN_WORKSHOPS.find((w) => w.id === builtInId);
    if (!workshop) return { ok: false, error: NO_TEMPLATE };
    return {
      ok: true,
      data: {
        title: workshop.title,
        plannedStart: workshop.plannedStart,
        agenda: [...workshop.agenda],
      },
    };
  }
  if (!row) return { ok: false, error: NO_TEMPLATE };
  try {
    return parseAgendaFile(JSON.parse(row.file));
  } catch (error) {
    reportFault(`workspaces: template ${row.id} is not JSON`, error);
    return { ok: false, error: { code: 'INTERNAL', message: 'This template cannot be read' } };
  }
}

/**
 * Templates: agendas saved from the library's sessions as `playfield-agenda` v1 files
 * (content rounds and facilitator notes included), listed beside the built-in workshops
 * (read-only), duplicated, deleted, and started as new sessions that join the library.
 */
export function templateRoutes(router: Router, context: WorkspaceContext): void {
  const { workspaces } = context;
  const starts = perMinute(LIMITS.sessionsPerMinutePerAddress);

  /** The template named by `:tid` in this workspace; a refusal is sent when there is none. */
  const find = async (
    workspaceId: string,
    raw: unknown,
    res: Response,
  ): Promise<{ row: TemplateRow | null; builtInId: string | null } | null> => {
    const id = idSchema.safeParse(raw);
    if (id.success && id.data.startsWith(BUILT_IN_PREFIX)) {
      const builtInId = id.data.slice(BUILT_IN_PREFIX.length);
      if (BUILT_IN_WORKSHOPS.some((w) => w.id === builtInId)) return { row: null, builtInId };
    }
    const row = id.success ? await workspaces.getTemplate(workspaceId, id.data) : undefined;
    if (!row) {
      sendError(res, NO_TEMPLATE);
      return null;
    }
    return { row, builtInId: null };
  };

  /** Stores an agenda file as a new template, within the workspace's bound. */
  const store = async (
    workspaceId: string,
    accountId: string,
    file: AgendaFile,
    res: Response,
  ): Promise<void> => {
    const text = JSON.stringify(file);
    if (text.length > AGENDA_FILE_BYTES)
      return sendError(res, { code: 'TOO_LARGE', message: 'This agenda is too large to keep' });
    if ((await workspaces.countTemplates(workspaceId)) >= TEMPLATES_PER_WORKSPACE)
      return sendError(res, {
        code: 'CONFLICT',
        message: `A workspace keeps at most ${TEMPLATES_PER_WORKSPACE} templates: delete some first`,
      });
    const row: TemplateRow = {
      id: newId(),
      workspace_id: workspaceId,
      title: file.title,
      file: text,
      created_by: accountId,
      created_at: context.now(),
    };
    await workspaces.addTemplate(row);
    res.status(201).json({
      id: row.id,
      title: row.title,
      roundCount: file.rounds.length,
      createdAt: row.created_at,
      isBuiltIn: false,
    } satisfies TemplateListing);
  };

  router.get('/workspaces/:wid/templates', async (req, res) => {
    const m = await member(context, req, res, EVERY_MEMBER);
    if (!m) return;
    const own: TemplateListing[] = (await workspaces.templates(m.workspaceId)).map((row) => {
      const agenda = agendaOf(row, null);
      return {
        id: row.id,
        title: row.title,
        roundCount: agenda.ok ? agenda.data.agenda.length : 0,
        createdAt: row.created_at,
        isBuiltIn: false,
      };
    });
    const builtIn: TemplateListing[] = BUILT_IN_WORKSHOPS.map((w) => ({
      id: `${BUILT_IN_PREFIX}${w.id}`,
      title: w.title,
      roundCount: w.agenda.length,
      createdAt: null,
      isBuiltIn: true,
    }));
    res.json({ templates: [...own, ...builtIn] });
  });

  /** Saves the agenda of a session of the library as a template. */
  router.post('/workspaces/:wid/templates', async (req, res) => {
    const m = await member(context, req, res, RUNS_SESSIONS);
    if (!m) return;
    const body = parse(saveTemplateBodySchema, req.body);
    if (!body.ok) return send(res, body);
    const item = await workspaces.getItem(m.workspaceId, body.data.sessionId);
    const session = item ? await context.manager.get(item.session_id) : null;
    if (!session)
      return sendError(res, { code: 'NOT_FOUND', message: 'No such session in this workspace' });
    const { title, agenda, plannedStart } = session.state;
    const file = agendaFileOf(
      body.data.title ?? title,
      agenda,
      new Date(context.now()).toISOString(),
      plannedStart,
    );
    await store(m.workspaceId, m.who.account.id, file, res);
  });

  router.post('/workspaces/:wid/templates/:tid/duplicate', async (req, res) => {
    const m = await member(context, req, res, RUNS_SESSIONS);
    if (!m) return;
    const found = await find(m.workspaceId, req.params.tid, res);
    if (!found) return;
    const agenda = agendaOf(found.row, found.builtInId);
    if (!agenda.ok) return send(res, agenda);
    const copy = `${agenda.data.title} (copy)`;
    const file = agendaFileOf(
      copy.length <= LIMITS.titleLength ? copy : agenda.data.title,
      agenda.data.agenda,
      new Date(context.now()).toISOString(),
      agenda.data.plannedStart,
    );
    await store(m.workspaceId, m.who.account.id, file, res);
  });

  router.delete('/workspaces/:wid/templates/:tid', async (req, res) => {
    const m = await member(context, req, res, RUNS_SESSIONS);
    if (!m) return;
    const found = await find(m.workspaceId, req.params.tid, res);
    if (!found) return;
    if (!found.row) return sendError(res, READ_ONLY);
    await workspaces.deleteTemplate(m.workspaceId, found.row.id);
    res.status(204).end();
  });

  /** A new session from a template: it joins the library, and its console key is answered. */
  router.post('/workspaces/:wid/templates/:tid/start', async (req, res) => {
    const m = await member(context, req, res, RUNS_SESSIONS);
    if (!m) return;
    const body = parse(startBodySchema, req.body);
    if (!body.ok) return send(res, body);
    if (!starts.take(`a:${req.ip ?? 'unknown'}`))
      return sendError(res, {
        code: 'RATE_LIMITED',
        message: 'Too many sessions created: wait a minute',
      });
    const found = await find(m.workspaceId, req.params.tid, res);
    if (!found) return;
    const agenda = agendaOf(found.row, found.builtInId);
    if (!agenda.ok) return send(res, agenda);
    const created = await context.manager.create({
      title: body.data.title ?? agenda.data.title,
      agenda: agenda.data.agenda,
      ...(agenda.data.plannedStart ? { plannedStart: agenda.data.plannedStart } : {}),
    });
    if (!created.ok) return send(res, created);
    await workspaces.addItem({
      workspace_id: m.workspaceId,
      session_id: created.data.sessionId,
      secret: created.data.facilitatorToken,
      workshop: agenda.data.title,
      is_rehearsal: 0,
      added_by: m.who.account.id,
      added_at: context.now(),
      read_link: null,
    });
    res.status(201).json(created.data);
  });
}
