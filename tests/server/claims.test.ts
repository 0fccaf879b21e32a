/**
 * What an account keeps from a claimed browser, over real HTTP on SQLite and (with
 * TEST_DATABASE_URL) PostgreSQL: a participant's "delete my data" from their resume link
 * also takes their plan out of every account that claimed it (no entry left whose key
 * opens nothing), while another participant's claimed plan stays; the notebooks a
 * browser reached through share links (`#link=`) are claimed too, listed on any device
 * while their link works, and the links keep working for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionPlanPresets } from '@playfield/shared/exercises/actionPlan/index';
import type { AccountTables } from '../../server/src/accounts/migration.ts';
import { backends, startAccountsServer, type AccountsServer } from './accountsKit.ts';
import { createSessionAt, joinAt, pollRound, requestJson } from './harness.ts';
import { bodyOf, nextAddress, signUpTeam, writeNotebook, type Team } from './workspacesKit.ts';
import { Browser } from './accountsKit.ts';

describe.each(backends)('claimed items on $name', (backend) => {
  let server: AccountsServer;
  let team: Team;

  beforeAll(async () => {
    server = await startAccountsServer(backend);
    team = await signUpTeam(server, `claims-${backend.name}`);
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  const planRows = (accountIdOrAll?: string) => {
    const query = server.playfield.manager.repository
      .tablesOf<AccountTables>()
      .selectFrom('account_items')
      .select(['account_id', 'item_id'])
      .where('kind', '=', 'plan');
    return (accountIdOrAll ? query.where('account_id', '=', accountIdOrAll) : query).execute();
  };

  it('removes a claimed plan from every account when its participant deletes their data', async () => {
    const session = await createSessionAt(server.url, {
      title: 'Escalations',
      agenda: [pollRound(), { kind: 'actionPlan', ...actionPlanPresets.personalActionPlan }],
    });
    const ana = await joinAt(server.url, session.code, 'Ana');
    const ben = await joinAt(server.url, session.code, 'Ben');
    // Ana's plan kept in two accounts (her own, and one of a colleague's browser); Ben's in one.
    for (const browser of [team.owner, team.facilitator])
      expect(
        bodyOf(
          await browser.post('/account/claim', {
            sessions: [],
            plans: [{ resumeToken: ana.resumeToken }],
          }),
        ),
      ).toMatchObject({ plans: 1, refused: 0 });
    await team.owner.post('/account/claim', {
      sessions: [],
      plans: [{ resumeToken: ben.resumeToken }],
    });
    const listed = async () =>
      (bodyOf(await team.owner.get('/account/plans')).plans as { resumeToken: string }[]).map(
        (p) => p.resumeToken,
      );
    expect((await listed()).sort()).toEqual([ana.resumeToken, ben.resumeToken].sort());

    const erased = await requestJson(`${server.url}/api/participant/delete-my-data`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.resumeToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(erased.status).toBe(200);

    expect(await listed()).toEqual([ben.resumeToken]);
    expect(bodyOf(await team.facilitator.get('/account/plans')).plans).toEqual([]);
    const left = (await planRows()).filter((r) => r.item_id.startsWith(`${session.sessionId}:`));
    expect(left.map((r) => r.item_id)).toEqual([`${session.sessionId}:${ben.participantId}`]);
    // Claiming Ana's old key again adds nothing: it opens nothing any more.
    expect(
      bodyOf(
        await team.owner.post('/account/claim', {
          sessions: [],
          plans: [{ resumeToken: ana.resumeToken }],
        }),
      ),
    ).toMatchObject({ plans: 0, refused: 1 });
  });

  /** A session with a notebook, and share links to it made with its console key. */
  async function sharedNotebook(title: string) {
    const session = await createSessionAt(server.url, { title });
    await writeNotebook(server, session.sessionId, `${title}: 5 of 8 agreed`);
    const share = async (rights: 'read' | 'edit') => {
      const made = await requestJson(`${server.url}/api/notebooks/${session.sessionId}/links`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${session.facilitatorToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ rights }),
      });
      expect(made.status).toBe(201);
      return bodyOf(made) as { id: string; token: string };
    };
    return { session, share };
  }
  const resolves = async (token: string) =>
    (await team.signedOut.post('/links/resolve', { token })).status;

  it('claims the notebooks a browser opened through share links and lists them on any device', async () => {
    const first = await sharedNotebook('Escalations');
    const second = await sharedNotebook('Callbacks');
    const own = await sharedNotebook('Own day');
    const readLink = await first.share('read');
    const editLink = await second.share('edit');
    const ownLink = await own.share('read');
    const revoked = await own.share('edit');
    await requestJson(`${server.url}/api/notebooks/${own.session.sessionId}/links/${revoked.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${own.session.facilitatorToken}` },
    });
    const viewer = team.viewer;
    const links = [readLink, editLink, ownLink, revoked, { token: readLink.token }].map((l) => ({
      token: l.token,
    }));
    const sessions = [{ sessionId: own.session.sessionId, token: own.session.facilitatorToken }];

    // The preview counts, stores nothing: two linked notebooks and the own session's one
    // (its link adds nothing more); the revoked link is refused; the repeat counted once.
    const preview = await viewer.post('/account/claim', { sessions, links, isPreview: true });
    expect(bodyOf(preview)).toEqual({ sessions: 1, notebooks: 3, plans: 0, refused: 1 });
    expect(bodyOf(await viewer.get('/account/notebooks')).notebooks).toEqual([]);
    expect(bodyOf(await viewer.post('/account/claim', { sessions, links }))).toEqual({
      sessions: 1,
      notebooks: 3,
      plans: 0,
      refused: 1,
    });

    // Another device of the same account lists them, each with the link that opens it.
    const elsewhere = new Browser(server.url, nextAddress());
    elsewhere.cookie = viewer.cookie;
    elsewhere.csrf = viewer.csrf;
    const listed = bodyOf(await elsewhere.get('/account/notebooks')).notebooks as {
      sessionId: string;
      title: string;
      link: string;
      rights: string;
    }[];
    expect(
      listed
        .map(({ title, link, rights }) => ({ title, link, rights }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    ).toEqual([
      { title: 'Callbacks', link: editLink.token, rights: 'edit' },
      { title: 'Escalations', link: readLink.token, rights: 'read' },
    ]);
    // Claiming again adds nothing; the old links keep working.
    expect(bodyOf(await viewer.post('/account/claim', { sessions, links }))).toMatchObject({
      sessions: 0,
      notebooks: 0,
    });
    for (const token of [readLink.token, editLink.token, ownLink.token])
      expect(await resolves(token)).toBe(200);

    // A link revoked later leaves the list; a deleted session leaves it too.
    await requestJson(
      `${server.url}/api/notebooks/${second.session.sessionId}/links/${editLink.id}`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${second.session.facilitatorToken}` },
      },
    );
    await requestJson(`${server.url}/api/sessions/${first.session.sessionId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${first.session.facilitatorToken}` },
    });
    expect(bodyOf(await elsewhere.get('/account/notebooks')).notebooks).toEqual([]);
    const rows = await server.playfield.manager.repository
      .tablesOf<AccountTables>()
      .selectFrom('account_items')
      .select('item_id')
      .where('kind', '=', 'notebookLink')
      .where('item_id', '=', first.session.sessionId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses a malformed claim of links, storing nothing, and a signed-out list', async () => {
    const before = await planRows();
    for (const links of [[{ token: 'short' }], [{ token: 'x'.repeat(200) }], 'all', [{}]]) {
      const reply = await team.producer.post('/account/claim', { sessions: [], links });
      expect({ links, status: reply.status }).toEqual({ links, status: 400 });
    }
    const many = Array.from({ length: 201 }, (_, i) => ({ token: `${'a'.repeat(40)}${i}` }));
    expect((await team.producer.post('/account/claim', { sessions: [], links: many })).status).toBe(
      400,
    );
    expect(bodyOf(await team.producer.get('/account/notebooks')).notebooks).toEqual([]);
    expect(await planRows()).toEqual(before);
    expect((await team.signedOut.get('/account/notebooks')).status).toBe(401);
  });
});
