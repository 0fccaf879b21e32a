/**
 * Helpers for the workspaces' tests: a team (owner, facilitator, producer, viewer, and an outsider
 * who is signed in but not a member) around a fresh workspace whose library holds a
 * session with a notebook, and a saved template.
 */
import type { CreatedSession } from '@playfield/shared';
import { docIdOf } from '@playfield/shared';
import { Browser, type AccountsServer } from './accountsKit.ts';
import { createSessionAt } from './harness.ts';

export const PASSWORD = 'correct horse battery';

/** The same signed-in browser seen from another address (rate limits are per address). */
export function fromAddress(browser: Browser, url: string, address: string): Browser {
  const copy = new Browser(url, address);
  copy.cookie = browser.cookie;
  copy.csrf = browser.csrf;
  return copy;
}

/** A reply's body as an object, for reading fields a test expects. */
export const bodyOf = (reply: { body: unknown }) => reply.body as Record<string, unknown>;

/** Stores a notebook row with some text for a session, the way the document hub does. */
export async function writeNotebook(
  server: AccountsServer,
  sessionId: string,
  text: string,
): Promise<void> {
  const at = Date.now();
  await server.playfield.manager.repository.appendDocumentUpdates(
    {
      id: docIdOf({ kind: 'notebook', sessionId }),
      kind: 'notebook',
      session_id: sessionId,
      participant_id: null,
      created_at: at,
      updated_at: at,
      is_shared: 0,
      is_finished: 0,
      search_text: text,
    },
    [],
  );
}

export interface Team {
  owner: Browser;
  facilitator: Browser;
  producer: Browser;
  viewer: Browser;
  outsider: Browser;
  signedOut: Browser;
}

let addresses = 0;
/** A fresh documentation address each time (RFC 5737 and 3849 blocks). */
export const nextAddress = () => {
  addresses += 1;
  return `2001:db8::${addresses.toString(16)}`;
};

/** Five signed-in accounts and a signed-out browser. */
export async function signUpTeam(server: AccountsServer, tag: string): Promise<Team> {
  const make = async (who: string) => {
    const browser = new Browser(server.url, nextAddress());
    await browser.signUpAndIn(`${who}.${tag}@example.com`, PASSWORD);
    return browser;
  };
  return {
    owner: await make('owner'),
    facilitator: await make('facilitator'),
    producer: await make('producer'),
    viewer: await make('viewer'),
    outsider: await make('outsider'),
    signedOut: new Browser(server.url, nextAddress()),
  };
}

export interface Fixture {
  workspaceId: string;
  sessionId: string;
  templateId: string;
  invitationId: string;
  /** Each member's account id. */
  ids: { owner: string; facilitator: string; producer: string; viewer: string };
  /** The team, each from a fresh address. */
  as: Team;
}

/**
 * A fresh workspace: the owner claims `session` into their account, creates the workspace,
 * moves the session in, saves its agenda as a template, leaves one invitation open, and
 * invites the facilitator, the producer and the viewer, who accept.
 */
export async function workspaceFixture(
  server: AccountsServer,
  team: Team,
  session: CreatedSession,
): Promise<Fixture> {
  const fresh = (b: Browser) => fromAddress(b, server.url, nextAddress());
  const as: Team = {
    owner: fresh(team.owner),
    facilitator: fresh(team.facilitator),
    producer: fresh(team.producer),
    viewer: fresh(team.viewer),
    outsider: fresh(team.outsider),
    signedOut: fresh(team.signedOut),
  };
  const ok = (reply: { status: number; body: unknown }, what: string) => {
    if (reply.status >= 300)
      throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return bodyOf(reply);
  };
  ok(
    await as.owner.post('/account/claim', {
      sessions: [{ sessionId: session.sessionId, token: session.facilitatorToken }],
    }),
    'claim',
  );
  const workspaceId = ok(await as.owner.post('/workspaces', { name: 'Support team' }), 'create')
    .id as string;
  const base = `/workspaces/${workspaceId}`;
  ok(await as.owner.post(`${base}/library`, { sessionIds: [session.sessionId] }), 'move in');
  const templateId = ok(
    await as.owner.post(`${base}/templates`, { sessionId: session.sessionId }),
    'template',
  ).id as string;
  const invitationId = ok(await as.owner.post(`${base}/invitations`, { role: 'viewer' }), 'invite')
    .id as string;
  for (const role of ['facilitator', 'producer', 'viewer'] as const) {
    const token = ok(await as.owner.post(`${base}/invitations`, { role }), 'invite').token;
    ok(await as[role].post('/invitations/accept', { token }), 'accept');
  }
  const members = ok(await as.owner.get(base), 'members').members as {
    accountId: string;
    email: string;
  }[];
  const idOf = (who: string) => members.find((m) => m.email.startsWith(`${who}.`))?.accountId ?? '';
  return {
    workspaceId,
    sessionId: session.sessionId,
    templateId,
    invitationId,
    ids: {
      owner: idOf('owner'),
      facilitator: idOf('facilitator'),
      producer: idOf('producer'),
      viewer: idOf('viewer'),
    },
    as,
  };
}

export { createSessionAt };
