/**
 * The role × route authorisation matrix of workspaces, over real HTTP on SQLite and (with
 * TEST_DATABASE_URL) PostgreSQL: every route, for the owner, a facilitator, a producer, a viewer, a
 * signed-in outsider and a signed-out browser. Allowed roles succeed; a member without
 * the role is FORBIDDEN; an outsider gets NOT_FOUND (the same as for a workspace that
 * does not exist, so workspaces cannot be enumerated); signed out is UNAUTHORIZED. Each
 * cell runs on a fresh workspace, so a change made by one cannot hide another's refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '@playfield/shared';
import { backends, startAccountsServer, type AccountsServer } from './accountsKit.ts';
import {
  createSessionAt,
  signUpTeam,
  workspaceFixture,
  writeNotebook,
  type Fixture,
  type Team,
} from './workspacesKit.ts';

type Who = keyof Team;
const MEMBERS = ['owner', 'facilitator', 'producer', 'viewer'] as const;
const EVERYONE: Who[] = ['owner', 'facilitator', 'producer', 'viewer', 'outsider', 'signedOut'];

/** A cell's workspace, and a session the owner holds in their account outside it. */
type Cell = Fixture & { spareId: string };

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: (f: Cell) => string;
  body?: (f: Cell) => unknown;
  allowed: readonly (typeof MEMBERS)[number][];
  status: number;
  /** An allowed role's own answer, where it differs (the only owner cannot leave). */
  statusOf?: Partial<Record<(typeof MEMBERS)[number], number>>;
  /** The cell works on a session of its own (the route deletes it). */
  isOwnSession?: boolean;
  /** The owner also holds a session outside the workspace (the route moves it in). */
  hasSpare?: boolean;
  /** What an allowed role's answer must hold besides its status. */
  check?: (body: unknown) => void;
}

const ws = (f: Fixture) => `/workspaces/${f.workspaceId}`;
const ALL = MEMBERS;
const RUNNERS = ['owner', 'facilitator'] as const;
const OWNER = ['owner'] as const;

const ROUTES: RouteCase[] = [
  { name: 'see members', method: 'GET', path: ws, allowed: ALL, status: 200 },
  {
    name: 'list invitations',
    method: 'GET',
    path: (f) => `${ws(f)}/invitations`,
    allowed: OWNER,
    status: 200,
  },
  {
    name: 'invite',
    method: 'POST',
    path: (f) => `${ws(f)}/invitations`,
    body: () => ({ role: 'facilitator' }),
    allowed: OWNER,
    status: 201,
  },
  {
    name: 'revoke an invitation',
    method: 'DELETE',
    path: (f) => `${ws(f)}/invitations/${f.invitationId}`,
    allowed: OWNER,
    status: 204,
  },
  {
    name: 'change a role',
    method: 'PUT',
    path: (f) => `${ws(f)}/members/${f.ids.viewer}/role`,
    body: () => ({ role: 'facilitator' }),
    allowed: OWNER,
    status: 200,
  },
  {
    name: 'make a member a producer',
    method: 'PUT',
    path: (f) => `${ws(f)}/members/${f.ids.facilitator}/role`,
    body: () => ({ role: 'producer' }),
    allowed: OWNER,
    status: 200,
  },
  {
    name: 'remove a member',
    method: 'DELETE',
    path: (f) => `${ws(f)}/members/${f.ids.facilitator}`,
    allowed: OWNER,
    status: 204,
  },
  {
    name: 'leave',
    method: 'POST',
    path: (f) => `${ws(f)}/leave`,
    allowed: ALL,
    status: 204,
    statusOf: { owner: 409 },
  },
  {
    name: 'search the library, with snippets',
    method: 'GET',
    path: (f) => `${ws(f)}/library?q=empathy`,
    allowed: ALL,
    status: 200,
    check: (body) => {
      const { sessions } = body as { sessions: { snippet: unknown[] | null }[] };
      expect(sessions[0]?.snippet).toContainEqual({ text: 'empathy', isMatch: true });
    },
  },
  {
    name: 'move a session in',
    method: 'POST',
    path: (f) => `${ws(f)}/library`,
    body: (f) => ({ sessionIds: [f.spareId] }),
    hasSpare: true,
    allowed: RUNNERS,
    status: 200,
    // Only the owner holds this session in their account; a facilitator moves in their own.
    statusOf: { facilitator: 403 },
    check: (body) => expect(body).toEqual({ moved: 1 }),
  },
  {
    name: 'list own sessions to move in',
    method: 'GET',
    path: (f) => `${ws(f)}/library/candidates`,
    allowed: RUNNERS,
    status: 200,
  },
  {
    name: 'delete a library session for good',
    method: 'DELETE',
    path: (f) => `${ws(f)}/library/${f.sessionId}`,
    allowed: RUNNERS,
    status: 200,
    isOwnSession: true,
    check: (body) => expect(body).toMatchObject({ deleted: true }),
  },
  {
    name: 'open the notebook read-only',
    method: 'POST',
    path: (f) => `${ws(f)}/library/${f.sessionId}/notebook`,
    allowed: ALL,
    status: 200,
  },
  {
    name: 'move a session back to its account',
    method: 'POST',
    path: (f) => `${ws(f)}/library/${f.sessionId}/move-back`,
    allowed: RUNNERS,
    status: 200,
  },
  {
    name: 'read the retention setting',
    method: 'GET',
    path: (f) => `${ws(f)}/retention`,
    allowed: ALL,
    status: 200,
  },
  {
    name: 'set the retention',
    method: 'PUT',
    path: (f) => `${ws(f)}/retention`,
    body: () => ({ days: 30 }),
    allowed: OWNER,
    status: 200,
  },
  {
    name: 'export everything as one archive',
    method: 'GET',
    path: (f) => `${ws(f)}/export`,
    allowed: OWNER,
    status: 200,
  },
  {
    name: 'list templates',
    method: 'GET',
    path: (f) => `${ws(f)}/templates`,
    allowed: ALL,
    status: 200,
  },
  {
    name: 'save a template',
    method: 'POST',
    path: (f) => `${ws(f)}/templates`,
    body: (f) => ({ sessionId: f.sessionId }),
    allowed: RUNNERS,
    status: 201,
  },
  {
    name: 'duplicate a template',
    method: 'POST',
    path: (f) => `${ws(f)}/templates/${f.templateId}/duplicate`,
    allowed: RUNNERS,
    status: 201,
  },
  {
    name: 'delete a template',
    method: 'DELETE',
    path: (f) => `${ws(f)}/templates/${f.templateId}`,
    allowed: RUNNERS,
    status: 204,
  },
  {
    name: 'start a session from a template',
    method: 'POST',
    path: (f) => `${ws(f)}/templates/${f.templateId}/start`,
    allowed: RUNNERS,
    status: 201,
  },
];

describe.each(backends)('workspace authorisation matrix on $name', (backend) => {
  let server: AccountsServer;
  let team: Team;
  /** Two teams take turns: an owner creates a workspace per cell (at most 50 each). */
  const teams: Team[] = [];
  let session: CreatedSession;

  beforeAll(async () => {
    server = await startAccountsServer(backend);
    team = await signUpTeam(server, 'matrix');
    teams.push(team, await signUpTeam(server, 'matrix2'));
    session = await createSessionAt(server.url, { title: 'Complaint handling' });
    await writeNotebook(server, session.sessionId, 'Customer empathy: 7 of 9 agreed');
    // Ten sign-ups hash twenty passwords with scrypt: slow on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  describe.each(ROUTES.map((route, index) => ({ ...route, index })))('$method $name', (route) => {
    const expected = (who: Who) => {
      if (who === 'signedOut') return 401;
      if (who === 'outsider') return 404;
      if (!(route.allowed as readonly string[]).includes(who)) return 403;
      return route.statusOf?.[who] ?? route.status;
    };
    const ask = (fixture: Cell, who: Who) =>
      fixture.as[who].request(
        route.method,
        route.path(fixture),
        route.body?.(fixture) ?? (route.method === 'GET' ? undefined : {}),
      );

    /** A fresh workspace for the cell, around the shared session or one of its own. */
    const cell = async (): Promise<Cell> => {
      const fixture = await workspaceFixture(
        server,
        teams[route.index % 2] as Team,
        route.isOwnSession
          ? await createSessionAt(server.url, { title: 'Complaint handling' })
          : session,
      );
      if (!route.hasSpare) return { ...fixture, spareId: '' };
      const spare = await createSessionAt(server.url, { title: 'Spare' });
      await fixture.as.owner.post('/account/claim', {
        sessions: [{ sessionId: spare.sessionId, token: spare.facilitatorToken }],
      });
      return { ...fixture, spareId: spare.sessionId };
    };

    it('refuses every role outside the route, changing nothing', async () => {
      const fixture = await cell();
      const refused = EVERYONE.filter((who) => expected(who) !== route.status);
      const before = await fixture.as.owner.get(`/workspaces/${fixture.workspaceId}`);
      for (const who of refused.filter((w) => !route.allowed.includes(w as 'owner'))) {
        const reply = await ask(fixture, who);
        expect({ who, status: reply.status }).toEqual({ who, status: expected(who) });
        if (expected(who) === 403) expect(JSON.stringify(reply.body)).toMatch(/FORBIDDEN/);
        // A refusal tells nothing of the library (no title, snippet or key).
        expect(JSON.stringify(reply.body)).not.toMatch(/empathy|Complaint handling/);
      }
      expect((await fixture.as.owner.get(`/workspaces/${fixture.workspaceId}`)).body).toEqual(
        before.body,
      );
      expect(await server.playfield.manager.repository.getSession(fixture.sessionId)).toBeDefined();
    });

    it.each(route.allowed)('answers %s as the matrix says', async (who) => {
      const fixture = await cell();
      const reply = await ask(fixture, who);
      expect({ status: reply.status, body: reply.body }).toMatchObject({
        status: expected(who),
      });
      if (reply.status === route.status) route.check?.(reply.body);
    });
  });

  it('answers a workspace that does not exist as it answers an outsider', async () => {
    const fixture = await workspaceFixture(server, team, session);
    const missing = await fixture.as.owner.get('/workspaces/AAAAAAAAAAAA');
    const foreign = await fixture.as.outsider.get(`/workspaces/${fixture.workspaceId}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(foreign.body);
  });

  it.each([
    ['POST', '/account/claim', { sessions: [], plans: [], links: [] }, 200],
    ['GET', '/account/sessions', undefined, 200],
    ['GET', '/account/plans', undefined, 200],
    ['GET', '/account/notebooks', undefined, 200],
  ] as const)(
    "answers the account's %s %s signed in, and refuses it signed out",
    async (method, path, body, status) => {
      const fixture = await workspaceFixture(server, team, session);
      for (const who of ['owner', 'viewer', 'outsider'] as const)
        expect((await fixture.as[who].request(method, path, body)).status).toBe(status);
      const refused = await fixture.as.signedOut.request(method, path, body);
      expect(refused.status).toBe(401);
      if (method === 'POST') {
        fixture.as.viewer.csrf = 'x'.repeat(43);
        expect((await fixture.as.viewer.request(method, path, body)).status).toBe(403);
      }
    },
  );

  it('refuses a change without the CSRF token, whatever the role', async () => {
    const fixture = await workspaceFixture(server, team, session);
    fixture.as.owner.csrf = 'x'.repeat(43);
    const reply = await fixture.as.owner.post(`/workspaces/${fixture.workspaceId}/invitations`, {
      role: 'viewer',
    });
    expect(reply.status).toBe(403);
  });
});
