import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';
import { sql } from 'kysely';
import * as Y from 'yjs';
import { docIdOf, getExercise, own, roundContext, type SessionState } from '@playfield/shared';
import { agendaFileOf } from '@playfield/shared/lifecycle/agendaFile';
import { readNotebook } from '@playfield/shared/notebooks/notebook';
import { notebookArchive, notebookDocument } from '../docs/notebookExport.ts';
import type { ExportDocument } from '../exports/document.ts';
import { renderMarkdown } from '../exports/markdown.ts';
import { uniqueFileNames } from '../exports/zip.ts';
import { day } from '../http/download.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { Repository } from '../store/repository.ts';
import type { WorkspaceRepository } from './repository.ts';

/** The archive's format, named in its manifest.json. */
export const WORKSPACE_EXPORT_FORMAT = 'playfield-workspace-export';
export const WORKSPACE_EXPORT_VERSION = 1;

/** What the archive needs to read. */
export interface ExportSources {
  workspaces: WorkspaceRepository;
  repository: Repository;
  manager: SessionManager;
}

/** One session's entry in the manifest: its files, by path inside the archive. */
interface SessionManifest {
  sessionId: string;
  title: string;
  workshop: string;
  createdAt: string;
  endedAt: string | null;
  isRehearsal: boolean;
  answersDeletedAt: string | null;
  files: string[];
}

/**
 * Streams a workspace's whole library as one zip into `out`: a manifest.json, members
 * (emails and roles only: no password hashes, tokens or keys), every template as its
 * `playfield-agenda` v1 file, and per session its agenda file, its results and its
 * notebook as Markdown and JSON. One session is read at a time and each file is written
 * out before the next is made, waiting whenever `out` asks to (memory stays bounded by
 * the largest session, not the workspace).
 */
export async function writeWorkspaceArchive(
  sources: ExportSources,
  workspace: { id: string; name: string },
  out: Writable,
  now: Date,
): Promise<void> {
  const { workspaces, repository, manager } = sources;
  /** The zip's own error, if any (set from its callback). */
  const broken: { error: Error | null } = { error: null };
  const zip = new Zip((error, chunk, isFinal) => {
    if (error) broken.error = error;
    else out.write(chunk);
    if (isFinal && !error) out.end();
  });
  const add = async (path: string, text: string) => {
    const file = new ZipDeflate(path, { level: 6 });
    zip.add(file);
    file.push(new TextEncoder().encode(text), true);
    if (broken.error) throw broken.error;
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

  const members = await workspaces.members(workspace.id);
  await add(
    'members.json',
    json(members.map((m) => ({ email: m.email, role: m.role, joinedAt: iso(m.joined_at) }))),
  );

  const templates = await workspaces.templates(workspace.id);
  const templateNames = uniqueFileNames(templates.map((t) => `${t.title}.json`));
  const templateFiles: string[] = [];
  for (const [i, template] of templates.entries()) {
    const path = `templates/${templateNames[i] ?? `${template.id}.json`}`;
    // Stored as the validated file's JSON text: re-indented, not re-interpreted.
    await add(path, json(JSON.parse(template.file) as unknown));
    templateFiles.push(path);
  }

  const items = await workspaces.db
    .selectFrom('workspace_items as i')
    .innerJoin('sessions as s', 's.id', 'i.session_id')
    .select(['s.id', 's.title', 's.created_at', 's.ended_at', 'i.workshop', 'i.is_rehearsal'])
    // Added by migration 0006_retention (retention.ts).
    .select(sql<number | null>`i.answers_deleted_at`.as('answers_deleted_at'))
    .where('i.workspace_id', '=', workspace.id)
    .orderBy('s.created_at')
    .execute();
  const folders = uniqueFileNames(items.map((s) => `${day(s.created_at)} ${s.title}`));
  const sessions: SessionManifest[] = [];
  for (const [i, item] of items.entries()) {
    const folder = `sessions/${folders[i] ?? item.id}`;
    const files: string[] = [];
    const put = async (name: string, text: string) => {
      await add(`${folder}/${name}`, text);
      files.push(`${folder}/${name}`);
    };
    const session = await manager.get(item.id);
    if (session) {
      const { title, agenda, plannedStart } = session.state;
      await put('agenda.json', json(agendaFileOf(title, agenda, now.toISOString(), plannedStart)));
      const results = resultsOf(session.state, item.created_at);
      await put('results.md', renderMarkdown(results.document));
      await put('results.json', json(results.rounds));
    }
    const notebook = await readStoredNotebook(repository, item.id);
    if (notebook) {
      await put('notebook.md', renderMarkdown(notebookDocument(readNotebook(notebook), [])));
      await put('notebook.json', json(notebookArchive(notebook, now)));
      notebook.destroy();
    }
    sessions.push({
      sessionId: item.id,
      title: item.title,
      workshop: item.workshop,
      createdAt: iso(item.created_at),
      endedAt: item.ended_at === null ? null : iso(item.ended_at),
      isRehearsal: item.is_rehearsal === 1,
      answersDeletedAt: item.answers_deleted_at === null ? null : iso(item.answers_deleted_at),
      files,
    });
  }

  await add(
    'manifest.json',
    json({
      format: WORKSPACE_EXPORT_FORMAT,
      version: WORKSPACE_EXPORT_VERSION,
      exportedAt: now.toISOString(),
      workspace: { name: workspace.name },
      members: 'members.json',
      templates: templateFiles,
      sessions,
    }),
  );
  zip.end();
  if (broken.error) throw broken.error;
}

const iso = (at: number) => new Date(at).toISOString();

/** Every round's results: one document, and each round's summary as data. */
function resultsOf(state: SessionState, createdAt: number) {
  const sections: ExportDocument['sections'] = [];
  const rounds: { roundId: string; title: string; kind: string; summary: unknown }[] = [];
  for (const round of state.agenda) {
    const runtime = own(state.rounds, round.id);
    const exercise = getExercise(round.kind);
    if (!runtime || !exercise) continue;
    const summary = exercise.summary(runtime.state, roundContext(state, runtime, Date.now()));
    sections.push({ heading: `${round.title}: ${summary.headline}`, blocks: summary.blocks });
    rounds.push({ roundId: round.id, title: round.title, kind: round.kind, summary });
  }
  const document: ExportDocument = {
    title: `${state.title}: results`,
    subtitle: day(createdAt),
    sections,
  };
  return { document, rounds };
}

/** The notebook as stored (every saved update applied), or null when there is none. */
async function readStoredNotebook(repository: Repository, sessionId: string) {
  const updates = await repository.loadDocumentUpdates(docIdOf({ kind: 'notebook', sessionId }));
  if (updates.length === 0) return null;
  const doc = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(doc, update.data);
    return doc;
  } catch {
    // A damaged notebook is left out; the manifest lists no notebook file for it.
    doc.destroy();
    return null;
  }
}
