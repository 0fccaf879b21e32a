/**
 * What an account keeps from a claimed browser, over real HTTP on SQLite and (with
 * TEST_DATABASE_URL) PostgreSQL: a participant's "delete my data" from their resume link
 * also takes their plan out of every account that claimed it (no entry left whose key
 * opens nothing), while another participant's claimed plan stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionPlanPresets } from '@playfield/shared/exercises/actionPlan/index';
import type { AccountTables } from '../../server/src/accounts/migration.ts';
import { backends, startAccountsServer, type AccountsServer } from './accountsKit.ts';
import { createSessionAt, joinAt, pollRound, requestJson } from './harness.ts';
import { bodyOf, signUpTeam, type Team } from './workspacesKit.ts';

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
});
