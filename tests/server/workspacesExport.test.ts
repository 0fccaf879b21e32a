/**
 * A workspace's export archive over real HTTP, on SQLite and (with TEST_DATABASE_URL)
 * PostgreSQL: owners only; one zip read back here with its manifest, members without
 * secrets, templates and every session's agenda, results and notebook as Markdown and JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import * as Y from 'yjs';
import { docIdOf, type CreatedSession } from '@playfield/shared';
import { addNotebookBlock, initNotebook } from '@playfield/shared/notebooks/notebook';
import { parseAgendaFile } from '@playfield/shared/lifecycle/agendaFile';
import { backends, startAccountsServer, type AccountsServer } from './accountsKit.ts';
import { pollRound } from './harness.ts';
import {
  createSessionAt,
  PASSWORD,
  signUpTeam,
  workspaceFixture,
  type Team,
} from './workspacesKit.ts';

describe.each(backends)('workspace export on $name', (backend) => {
  let server: AccountsServer;
  let team: Team;

  beforeAll(async () => {
    server = await startAccountsServer(backend);
    team = await signUpTeam(server, 'export');
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  /** A notebook as the document hub stores it: one Yjs update with a note in it. */
  async function writeRealNotebook(session: CreatedSession, note: string) {
    const doc = new Y.Doc();
    initNotebook(doc, {
      title: 'Refund calls',
      sessionId: session.sessionId,
      code: session.code,
      createdAt: Date.now(),
    });
    addNotebookBlock(doc, { id: 'b1', type: 'note', text: note }, Date.now());
    const at = Date.now();
    await server.playfield.manager.repository.appendDocumentUpdates(
      {
        id: docIdOf({ kind: 'notebook', sessionId: session.sessionId }),
        kind: 'notebook',
        session_id: session.sessionId,
        participant_id: null,
        created_at: at,
        updated_at: at,
        is_shared: 0,
        is_finished: 0,
        search_text: `Refund calls\n${note}`,
      },
      [{ seq: 1, data: Y.encodeStateAsUpdate(doc) }],
    );
  }

  /** The export as a member's browser downloads it. */
  async function download(browser: Team['owner'], workspaceId: string) {
    const response = await fetch(`${server.url}/api/workspaces/${workspaceId}/export`, {
      headers: {
        'x-forwarded-for': browser.address,
        ...(browser.cookie ? { cookie: `pf_account=${browser.cookie}` } : {}),
      },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      disposition: response.headers.get('content-disposition') ?? '',
      bytes: new Uint8Array(await response.arrayBuffer()),
    };
  }

  it('gives an owner one zip of everything, read back file by file, with no secrets in it', async () => {
    const session = await createSessionAt(server.url, {
      title: 'Refund calls',
      agenda: [pollRound({ question: 'Which channel is busiest?' }, 'Channels poll')],
    });
    await writeRealNotebook(session, 'Empathy first');
    const f = await workspaceFixture(server, team, session);
    const archive = await download(f.as.owner, f.workspaceId);
    expect(archive.status).toBe(200);
    expect(archive.type).toBe('application/zip');
    expect(archive.disposition).toMatch(
      /^attachment; filename="Support team \d{4}-\d{2}-\d{2}\.zip"/,
    );

    const files = unzipSync(archive.bytes);
    const text = (path: string) => new TextDecoder().decode(files[path]);
    const manifest = JSON.parse(text('manifest.json')) as {
      format: string;
      version: number;
      workspace: { name: string };
      templates: string[];
      sessions: { sessionId: string; title: string; files: string[] }[];
    };
    expect(manifest).toMatchObject({
      format: 'playfield-workspace-export',
      version: 1,
      workspace: { name: 'Support team' },
    });
    // Every file the manifest names is in the archive, and nothing else.
    const named = [
      'manifest.json',
      'members.json',
      ...manifest.templates,
      ...manifest.sessions.flatMap((s) => s.files),
    ];
    expect(Object.keys(files).sort()).toEqual(named.sort());

    const [entry] = manifest.sessions;
    expect(entry).toMatchObject({ sessionId: session.sessionId, title: 'Refund calls' });
    const folder = entry?.files[0]?.replace(/\/[^/]+$/, '') ?? '';
    expect(entry?.files.map((p) => p.slice(folder.length + 1))).toEqual([
      'agenda.json',
      'results.md',
      'results.json',
      'notebook.md',
      'notebook.json',
    ]);
    const agenda = parseAgendaFile(JSON.parse(text(`${folder}/agenda.json`)));
    expect(agenda).toMatchObject({ ok: true, data: { title: 'Refund calls' } });
    expect(text(`${folder}/results.md`)).toContain('Channels poll');
    expect(JSON.parse(text(`${folder}/results.json`))).toEqual([
      expect.objectContaining({ title: 'Channels poll', kind: 'poll' }),
    ]);
    expect(text(`${folder}/notebook.md`)).toContain('Empathy first');
    expect(JSON.parse(text(`${folder}/notebook.json`))).toMatchObject({
      format: 'playfield-notebook',
    });
    expect(manifest.templates).toHaveLength(1);
    expect(parseAgendaFile(JSON.parse(text(manifest.templates[0] ?? '')))).toMatchObject({
      ok: true,
    });

    const members = JSON.parse(text('members.json')) as { email: string; role: string }[];
    expect(members.map((m) => m.role).sort()).toEqual(
      ['facilitator', 'owner', 'producer', 'viewer'].sort(),
    );
    for (const member of members)
      expect(Object.keys(member).sort()).toEqual(['email', 'joinedAt', 'role']);
    // No password (or its hash), session key, cookie or CSRF token anywhere in it.
    const everything = Object.keys(files).map(text).join('\n');
    for (const secret of [
      session.facilitatorToken,
      session.screenKey,
      PASSWORD,
      f.as.owner.cookie ?? '',
      f.as.owner.csrf ?? '',
      'scrypt',
      '$argon2',
    ].filter((s) => s && s.length > 0))
      expect(everything).not.toContain(secret);
  });

  it('refuses the export to everyone but owners', async () => {
    const session = await createSessionAt(server.url, { title: 'Hold music' });
    const f = await workspaceFixture(server, team, session);
    expect((await download(f.as.facilitator, f.workspaceId)).status).toBe(403);
    expect((await download(f.as.producer, f.workspaceId)).status).toBe(403);
    expect((await download(f.as.viewer, f.workspaceId)).status).toBe(403);
    expect((await download(f.as.outsider, f.workspaceId)).status).toBe(404);
    expect((await download(f.as.signedOut, f.workspaceId)).status).toBe(401);
    expect((await download(f.as.owner, 'AAAAAAAAAAAA')).status).toBe(404);
  });
});
