/**
 * Workspaces over real HTTP, on SQLite and (with TEST_DATABASE_URL) PostgreSQL: the rules
 * of invitations (single use, revocable, they expire), roles that never leave a workspace
 * without an owner, the library's full-text search (titles, notes, results) and filters,
 * read-only notebooks for viewers, templates, and malformed input refused with nothing
 * stored. The role x route matrix is in workspacesMatrix.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '@playfield/shared';
import { contentSlide } from '@playfield/shared/exercises/content/schema';
import type { WorkspaceTables } from '../../server/src/workspaces/migration.ts';
import { backends, startAccountsServer, type AccountsServer } from './accountsKit.ts';
import { pollRound } from './harness.ts';
import {
  bodyOf,
  createSessionAt,
  signUpTeam,
  workspaceFixture,
  writeNotebook,
  type Fixture,
  type Team,
} from './workspacesKit.ts';

describe.each(backends)('workspaces on $name', (backend) => {
  let server: AccountsServer;
  let team: Team;
  let session: CreatedSession;
  const tables = () => server.playfield.manager.repository.tablesOf<WorkspaceTables>();
  const fixture = () => workspaceFixture(server, team, session);
  const ws = (f: Fixture) => `/workspaces/${f.workspaceId}`;

  beforeAll(async () => {
    server = await startAccountsServer(backend);
    team = await signUpTeam(server, 'rules');
    session = await createSessionAt(server.url, {
      title: 'Complaint handling',
      agenda: [
        {
          kind: 'content',
          title: 'Welcome',
          config: contentSlide({ layout: 'title', heading: 'Welcome, team' }),
          notes: 'Greet everyone by name',
        },
        pollRound(),
      ],
    });
    await writeNotebook(server, session.sessionId, 'Complaint handling\nEmpathy first: 7 of 9');
    // Four sign-ups hash eight passwords with scrypt: slow on a busy machine.
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('lists the workspaces an account belongs to, with its role in each', async () => {
    const f = await fixture();
    const mine = bodyOf(await f.as.viewer.get('/workspaces')).workspaces as {
      id: string;
      role: string;
    }[];
    expect(mine).toContainEqual(expect.objectContaining({ id: f.workspaceId, role: 'viewer' }));
    expect(
      (bodyOf(await f.as.outsider.get('/workspaces')).workspaces as { id: string }[]).map(
        (w) => w.id,
      ),
    ).not.toContain(f.workspaceId);
  });

  it('uses an invitation once, with the role the owner chose', async () => {
    const f = await fixture();
    const invite = bodyOf(await f.as.owner.post(`${ws(f)}/invitations`, { role: 'facilitator' }));
    const token = invite.token as string;
    expect(invite.expiresAt).toBeGreaterThan(Date.now() + 6.9 * 24 * 3_600_000);
    expect(bodyOf(await f.as.outsider.post('/invitations/peek', { token }))).toMatchObject({
      workspaceName: 'Support team',
      role: 'facilitator',
      isMember: false,
    });
    expect((await f.as.outsider.post('/invitations/accept', { token })).status).toBe(200);
    expect(bodyOf(await f.as.outsider.get(ws(f))).role).toBe('facilitator');
    // Used: nobody else gets in with it, not even to see the workspace's name.
    const again = await f.as.signedOut.post('/account/signin', {
      email: 'viewer.rules@example.com',
      password: 'correct horse battery',
    });
    expect(again.status).toBe(200);
    expect((await f.as.signedOut.post('/invitations/accept', { token })).status).toBe(404);
    expect((await f.as.signedOut.post('/invitations/peek', { token })).status).toBe(404);
    // The invitation is no longer listed as open.
    const open = bodyOf(await f.as.owner.get(`${ws(f)}/invitations`)).invitations as {
      id: string;
    }[];
    expect(open.map((i) => i.id)).not.toContain(invite.id);
  });

  it('opens nothing with a revoked or expired invitation, or a made-up one', async () => {
    const f = await fixture();
    const revoked = bodyOf(await f.as.owner.post(`${ws(f)}/invitations`, { role: 'owner' }));
    expect(
      (await f.as.owner.request('DELETE', `${ws(f)}/invitations/${revoked.id as string}`)).status,
    ).toBe(204);
    expect((await f.as.outsider.post('/invitations/accept', { token: revoked.token })).status).toBe(
      404,
    );
    const expired = bodyOf(await f.as.owner.post(`${ws(f)}/invitations`, { role: 'owner' }));
    await tables()
      .updateTable('workspace_invitations')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', expired.id as string)
      .execute();
    const reply = await f.as.outsider.post('/invitations/accept', { token: expired.token });
    expect(reply.status).toBe(404);
    expect(JSON.stringify(reply.body)).toMatch(/expired, was used or was revoked/);
    expect(
      (await f.as.outsider.post('/invitations/accept', { token: 'A'.repeat(43) })).status,
    ).toBe(404);
    expect((await f.as.outsider.get(ws(f))).status).toBe(404);
  });

  it('stores only the hash of an invitation token', async () => {
    const f = await fixture();
    const invite = bodyOf(await f.as.owner.post(`${ws(f)}/invitations`, { role: 'viewer' }));
    const row = await tables()
      .selectFrom('workspace_invitations')
      .selectAll()
      .where('id', '=', invite.id as string)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(invite.token as string);
  });

  it('never leaves a workspace without an owner', async () => {
    const f = await fixture();
    const base = ws(f);
    expect((await f.as.owner.post(`${base}/leave`)).status).toBe(409);
    expect(
      (await f.as.owner.request('PUT', `${base}/members/${f.ids.owner}/role`, { role: 'viewer' }))
        .status,
    ).toBe(409);
    expect(
      (
        await f.as.owner.request('PUT', `${base}/members/${f.ids.facilitator}/role`, {
          role: 'owner',
        })
      ).status,
    ).toBe(200);
    // With a second owner, the first may step down and leave.
    expect((await f.as.owner.post(`${base}/leave`)).status).toBe(204);
    expect((await f.as.owner.get(base)).status).toBe(404);
    expect(
      (await f.as.facilitator.request('DELETE', `${base}/members/${f.ids.facilitator}`)).status,
    ).toBe(409);
  });

  it('refuses malformed bodies with BAD_REQUEST and stores nothing', async () => {
    const f = await fixture();
    const base = ws(f);
    const count = async () =>
      (
        await tables()
          .selectFrom('workspace_invitations')
          .select('id')
          .where('workspace_id', '=', f.workspaceId)
          .execute()
      ).length;
    const before = await count();
    for (const body of [{}, { role: 'admin' }, { role: ['owner'] }]) {
      expect((await f.as.owner.post(`${base}/invitations`, body)).status).toBe(400);
    }
    expect(await count()).toBe(before);
    expect((await f.as.owner.post('/workspaces', { name: '' })).status).toBe(400);
    expect((await f.as.owner.post('/workspaces', { name: 'x'.repeat(81) })).status).toBe(400);
    expect((await f.as.owner.post('/invitations/accept', { token: '../../etc' })).status).toBe(400);
    expect((await f.as.owner.post(`${base}/library`, { sessionIds: ['__proto__'] })).status).toBe(
      400,
    );
    expect((await f.as.owner.get(`${base}/library?from=yesterday`)).status).toBe(400);
    expect(
      (
        await f.as.owner.post(`${base}/templates`, {
          sessionId: f.sessionId,
          title: 'x'.repeat(500),
        })
      ).status,
    ).toBe(400);
  });

  it('moves only sessions the account holds itself', async () => {
    const f = await fixture();
    const other = await createSessionAt(server.url, { title: 'Not mine' });
    const reply = await f.as.facilitator.post(`${ws(f)}/library`, {
      sessionIds: [other.sessionId],
    });
    expect(reply.status).toBe(403);
    const library = bodyOf(await f.as.owner.get(`${ws(f)}/library`)).sessions as {
      sessionId: string;
    }[];
    expect(library.map((s) => s.sessionId)).toEqual([f.sessionId]);
    // The moved session left the owner's own list: it is the team's now.
    const own = bodyOf(await f.as.owner.get('/account/sessions')).sessions as {
      sessionId: string;
    }[];
    expect(own.map((s) => s.sessionId)).not.toContain(f.sessionId);
  });

  it('searches titles, notes and results through the full-text index, as words and prefixes', async () => {
    const f = await fixture();
    const search = async (q: string) =>
      (
        bodyOf(await f.as.viewer.get(`${ws(f)}/library?q=${encodeURIComponent(q)}`)).sessions as {
          sessionId: string;
        }[]
      ).map((s) => s.sessionId);
    expect(await search('complaint')).toEqual([f.sessionId]);
    expect(await search('EMPATH')).toEqual([f.sessionId]);
    expect(await search('empathy first')).toEqual([f.sessionId]);
    expect(await search('empathy nowhere')).toEqual([]);
    expect(await search('"; drop table sessions; --')).toEqual([]);
    // The index follows the notebook as it changes.
    await writeNotebook(server, f.sessionId, 'Complaint handling\nListening drills');
    expect(await search('listening')).toEqual([f.sessionId]);
    expect(await search('empathy')).toEqual([]);
    await writeNotebook(server, f.sessionId, 'Complaint handling\nEmpathy first: 7 of 9');
  });

  it('filters by workshop and by date, and lists title, workshop, date and state', async () => {
    const f = await fixture();
    const list = async (query: string) => bodyOf(await f.as.viewer.get(`${ws(f)}/library${query}`));
    const all = await list('');
    expect(all.workshops).toEqual(['Own agenda']);
    expect(all.sessions).toEqual([
      expect.objectContaining({
        sessionId: f.sessionId,
        title: 'Complaint handling',
        workshop: 'Own agenda',
        state: 'planned',
        hasNotebook: true,
      }),
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`?from=${today}&to=${today}`)).sessions).toHaveLength(1);
    expect((await list('?to=2020-01-01')).sessions).toHaveLength(0);
    expect((await list('?workshop=Own%20agenda')).sessions).toHaveLength(1);
    expect((await list('?workshop=Service%20Pro')).sessions).toHaveLength(0);

    // Rehearsals stay out of the list unless asked for.
    const markRehearsal = (isRehearsal: number) =>
      tables()
        .updateTable('workspace_items')
        .set({ is_rehearsal: isRehearsal })
        .where('workspace_id', '=', f.workspaceId)
        .where('session_id', '=', f.sessionId)
        .execute();
    await markRehearsal(1);
    try {
      expect((await list('')).sessions).toEqual([]);
      expect((await list('?rehearsals=1')).sessions).toEqual([
        expect.objectContaining({ sessionId: f.sessionId, state: 'rehearsal' }),
      ]);
      expect((await f.as.viewer.get(`${ws(f)}/library?rehearsals=yes`)).status).toBe(400);
    } finally {
      await markRehearsal(0);
    }
  });

  it('hands no member the console key, and viewers a read-only notebook link', async () => {
    const f = await fixture();
    const base = `${ws(f)}/library/${f.sessionId}`;
    // Consoles open with the member's account (coFacilitators*.test.ts), never a key.
    expect((await f.as.facilitator.get(`${base}/console`)).status).toBe(404);
    const link = bodyOf(await f.as.viewer.post(`${base}/notebook`)).link as string;
    expect(link).not.toBe(session.facilitatorToken);
    const resolved = bodyOf(await f.as.signedOut.post('/links/resolve', { token: link }));
    expect(resolved).toMatchObject({ sessionId: f.sessionId, rights: 'read' });
    // The same link again, not one more each time.
    expect(bodyOf(await f.as.owner.post(`${base}/notebook`)).link).toBe(link);
  });

  it('saves a template with content rounds and notes, starts a session from it, and keeps built-ins read-only', async () => {
    const f = await fixture();
    const base = `${ws(f)}/templates`;
    const templates = bodyOf(await f.as.viewer.get(base)).templates as {
      id: string;
      title: string;
      isBuiltIn: boolean;
      roundCount: number;
    }[];
    const saved = templates.find((t) => t.id === f.templateId);
    expect(saved).toMatchObject({ title: 'Complaint handling', roundCount: 2, isBuiltIn: false });
    const builtIn = templates.find((t) => t.isBuiltIn);
    expect(builtIn).toBeDefined();
    expect((await f.as.owner.request('DELETE', `${base}/${builtIn?.id ?? ''}`)).status).toBe(403);
    const copy = bodyOf(await f.as.facilitator.post(`${base}/${builtIn?.id ?? ''}/duplicate`));
    expect(copy.title).toBe(`${builtIn?.title ?? ''} (copy)`);

    const started = bodyOf(
      await f.as.facilitator.post(`${base}/${f.templateId}/start`, { title: 'March run' }),
    ) as unknown as CreatedSession;
    const live = await server.playfield.manager.get(started.sessionId);
    expect(live?.state.title).toBe('March run');
    expect(live?.state.agenda.map((r) => [r.kind, r.notes])).toEqual([
      ['content', 'Greet everyone by name'],
      ['poll', undefined],
    ]);
    const library = bodyOf(await f.as.viewer.get(`${ws(f)}/library`)).sessions as {
      sessionId: string;
      workshop: string;
    }[];
    expect(library).toContainEqual(
      expect.objectContaining({ sessionId: started.sessionId, workshop: 'Complaint handling' }),
    );
    expect((await f.as.owner.request('DELETE', `${base}/${f.templateId}`)).status).toBe(204);
    expect((await f.as.owner.post(`${base}/${f.templateId}/start`)).status).toBe(404);
  });

  it('answers a template whose stored file was damaged with an error, not a crash', async () => {
    const f = await fixture();
    await tables()
      .updateTable('workspace_templates')
      .set({
        file: '{"format":"playfield-agenda","version":1,"title":"x","rounds":[{"kind":"nope"}]}',
      })
      .where('id', '=', f.templateId)
      .execute();
    const reply = await f.as.owner.post(`${ws(f)}/templates/${f.templateId}/start`);
    expect(reply.status).toBe(400);
    expect((await f.as.owner.get(`${ws(f)}/templates`)).status).toBe(200);
  });
});
