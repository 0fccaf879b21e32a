/**
 * A library session's end of life over real HTTP, on SQLite and (with TEST_DATABASE_URL)
 * PostgreSQL: taken out of the workspace back to the account of the member who moved it
 * in, or deleted for good from the library (no key needed) and then gone everywhere
 * (library, search index, accounts' lists, read-only link, console link).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '@playfield/shared';
import { actionPlanPresets } from '@playfield/shared/exercises/actionPlan/index';
import { backends, startAccountsServer, type AccountsServer } from './accountsKit.ts';
import { joinAt, pollRound, requestJson } from './harness.ts';
import {
  bodyOf,
  createSessionAt,
  signUpTeam,
  workspaceFixture,
  writeNotebook,
  type Team,
} from './workspacesKit.ts';

describe.each(backends)('library sessions leaving on $name', (backend) => {
  let server: AccountsServer;
  let team: Team;
  let count = 0;

  beforeAll(async () => {
    server = await startAccountsServer(backend);
    team = await signUpTeam(server, 'life');
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  /** A fresh session in a fresh workspace, with a notebook that says `word`. */
  async function librarySession(word: string) {
    count += 1;
    const session: CreatedSession = await createSessionAt(server.url, {
      title: `Escalations ${count}`,
      agenda: [pollRound(), { kind: 'actionPlan', ...actionPlanPresets.personalActionPlan }],
    });
    await writeNotebook(server, session.sessionId, `Escalations\n${word} drills: 5 of 8`);
    const f = await workspaceFixture(server, team, session);
    const base = `/workspaces/${f.workspaceId}/library`;
    const search = async (q: string) =>
      (
        bodyOf(await f.as.viewer.get(`${base}?q=${encodeURIComponent(q)}`)).sessions as {
          sessionId: string;
        }[]
      ).map((s) => s.sessionId);
    const own = async (who: 'owner' | 'facilitator') =>
      (
        bodyOf(await f.as[who].get('/account/sessions')).sessions as {
          sessionId: string;
          token: string;
        }[]
      ).filter((s) => s.sessionId === session.sessionId);
    return { session, f, base, search, own };
  }

  it('moves a session back to the account of the member who moved it in, and revokes the read-only link', async () => {
    const { session, f, base, search, own } = await librarySession('callback');
    const link = bodyOf(await f.as.viewer.post(`${base}/${session.sessionId}/notebook`))
      .link as string;
    expect(await own('owner')).toEqual([]);
    // A viewer cannot take sessions out; a facilitator can, and it goes back to the owner.
    expect((await f.as.viewer.post(`${base}/${session.sessionId}/move-back`)).status).toBe(403);
    expect((await f.as.outsider.post(`${base}/${session.sessionId}/move-back`)).status).toBe(404);
    expect((await f.as.signedOut.post(`${base}/${session.sessionId}/move-back`)).status).toBe(401);
    expect(await search('callback')).toEqual([session.sessionId]);
    const moved = await f.as.facilitator.post(`${base}/${session.sessionId}/move-back`);
    expect(moved).toMatchObject({ status: 200, body: { movedBack: true } });
    expect(await search('callback')).toEqual([]);
    expect(bodyOf(await f.as.owner.get(base)).sessions).toEqual([]);
    expect(await own('owner')).toEqual([
      { sessionId: session.sessionId, token: session.facilitatorToken },
    ]);
    expect(await own('facilitator')).toEqual([]);
    expect((await f.as.owner.get(`${base}/${session.sessionId}/console`)).status).toBe(404);
    expect((await f.as.signedOut.post('/links/resolve', { token: link })).status).toBe(404);
    // Twice, or a session never in it: not in this library.
    expect((await f.as.owner.post(`${base}/${session.sessionId}/move-back`)).status).toBe(404);
    expect((await f.as.owner.post(`${base}/__proto__/move-back`)).status).toBe(404);
    // The console link itself keeps working, and the owner can move it in again.
    const results = await requestJson(`${server.url}/api/sessions/${session.sessionId}/results`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(results.status).toBe(200);
    expect((await f.as.owner.post(base, { sessionIds: [session.sessionId] })).status).toBe(200);
    expect(await search('callback')).toEqual([session.sessionId]);
  });

  it('deletes a library session from the library and it is gone everywhere', async () => {
    const { session, f, base, search, own } = await librarySession('voicemail');
    const link = bodyOf(await f.as.viewer.post(`${base}/${session.sessionId}/notebook`))
      .link as string;
    // The facilitator also kept it in their own account, and a participant's plan too.
    await f.as.facilitator.post('/account/claim', {
      sessions: [{ sessionId: session.sessionId, token: session.facilitatorToken }],
    });
    const seat = await joinAt(server.url, session.code, 'Ana');
    await f.as.facilitator.post('/account/claim', {
      sessions: [],
      plans: [{ resumeToken: seat.resumeToken }],
    });
    expect(bodyOf(await f.as.facilitator.get('/account/plans')).plans).toHaveLength(1);
    expect(await own('facilitator')).toHaveLength(1);

    // A facilitator of the workspace deletes it from the library, holding no key.
    const deleted = await f.as.facilitator.request('DELETE', `${base}/${session.sessionId}`);
    expect(deleted).toMatchObject({ status: 200, body: { deleted: true } });
    const key = session.facilitatorToken;

    expect(bodyOf(await f.as.owner.get(base)).sessions).toEqual([]);
    expect(await search('voicemail')).toEqual([]);
    expect(await search(`Escalations ${count}`)).toEqual([]);
    expect(await own('facilitator')).toEqual([]);
    expect(await own('owner')).toEqual([]);
    expect(bodyOf(await f.as.facilitator.get('/account/plans')).plans).toEqual([]);
    expect((await f.as.owner.get(`${base}/${session.sessionId}/console`)).status).toBe(404);
    expect((await f.as.viewer.post(`${base}/${session.sessionId}/notebook`)).status).toBe(404);
    expect((await f.as.owner.post(`${base}/${session.sessionId}/move-back`)).status).toBe(404);
    expect((await f.as.signedOut.post('/links/resolve', { token: link })).status).toBe(404);
    const agenda = await requestJson(
      `${server.url}/api/sessions/${session.sessionId}/agenda-file`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(agenda.status).toBe(404);
    expect((await requestJson(`${server.url}/api/join/${session.code}`)).status).toBe(404);
    const rows = await server.playfield.manager.repository
      .tablesOf<{ workspace_items: { session_id: string } }>()
      .selectFrom('workspace_items')
      .selectAll()
      .where('session_id', '=', session.sessionId)
      .execute();
    expect(rows).toEqual([]);
  });
});
