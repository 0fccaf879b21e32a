/**
 * Co-facilitators across processes: three Playfield processes share Redis and PostgreSQL.
 * The owner is signed in on A, a colleague's console (their account, no key) is open on B
 * and drives the session, whose owner may be any of them. The owner's role changes reach
 * B's console through the adapter (console.access), and removing the colleague on A closes
 * it on B at once: told why (console.revoked), no further view, its next command FORBIDDEN,
 * while the owner's console on A drives on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError, ConsoleAccess, CreatedSession, Credential } from '@playfield/shared';
import type { AccountsServer, Browser } from '../server/accountsKit.ts';
import {
  connectTo,
  createSessionAt,
  emitAck,
  joinAt,
  nextView,
  pollRound,
  receivedViews,
  type TestSocket,
} from '../server/harness.ts';
import { signUpTeam, workspaceFixture, type Fixture } from '../server/workspacesKit.ts';
import {
  hasServices,
  inspect,
  SKIP_REASON,
  startProcess,
  type ClusterProcess,
  type Inspect,
} from './clusterHarness.ts';

if (!hasServices) console.warn(SKIP_REASON);

/** The next `event` this socket is sent (listen before the action that causes it). */
function nextPush<E extends 'console.access' | 'console.revoked'>(
  socket: TestSocket,
  event: E,
): Promise<E extends 'console.access' ? ConsoleAccess : AppError> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${event} within 10 s`)), 10_000);
    socket.once(event as 'console.access', (message: unknown) => {
      clearTimeout(timer);
      resolve(message as never);
    });
  });
}

describe.skipIf(!hasServices)("a member's console on another process", () => {
  let processes: ClusterProcess[] = [];
  let look: Inspect;
  let session: CreatedSession;
  let fixture: Fixture;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    // Trusting X-Forwarded-For lets the team sign up from several addresses (limits).
    processes = await Promise.all(
      ['A', 'B', 'C'].map((name) => startProcess(name, { env: { TRUST_PROXY: '1' } })),
    );
    look = inspect();
    const [a, , c] = processes as [ClusterProcess, ClusterProcess, ClusterProcess];
    // The team and its workspace live on A: every route there, as the owner's browser.
    const onA = { url: a.url } as AccountsServer;
    const team = await signUpTeam(onA, `cluster-${Date.now().toString(36)}`);
    // The session is made and first needed on C, so C likely owns it: three processes.
    session = await createSessionAt(c.url, {
      title: 'Complaint handling',
      agenda: [pollRound(), pollRound({ question: 'Which channel is busiest?' }, 'Second poll')],
    });
    await joinAt(c.url, session.code, 'Ada');
    fixture = await workspaceFixture(onA, team, session);
    // Five sign-ups hash ten passwords with scrypt, three processes start: slow when busy.
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(processes.map((p) => p.kill()));
    await look?.close();
  });

  const memberConsole = async (at: ClusterProcess, browser: Browser) => {
    const credential: Credential = { role: 'member', sessionId: session.sessionId };
    const socket = await connectTo(at.url, credential, {
      extraHeaders: { cookie: `pf_account=${browser.cookie ?? ''}` },
    });
    sockets.push(socket);
    await nextView(socket, 'view.facilitator');
    return socket;
  };

  it('pushes a role change to B and closes B when the member is removed on A', async () => {
    const [a, b] = processes as [ClusterProcess, ClusterProcess, ClusterProcess];
    const owner = await memberConsole(a, fixture.as.owner);
    const colleague = await memberConsole(b, fixture.as.facilitator);
    const ownerPid = await look.ownerPid(session.sessionId);
    console.log(
      `[cluster] session owned by ${processes.find((p) => p.pid === ownerPid)?.name ?? '?'}`,
    );

    // The colleague on B drives the session: the owner on A sees it live.
    expect((await emitAck(colleague, 'session.control', { type: 'session.start' })).ok).toBe(true);
    await nextView(owner, 'view.facilitator', (m) => m.view.session.phase === 'live');

    // Made producer on A: B's console is told at once, and loses the agenda.
    const route = `/workspaces/${fixture.workspaceId}/members/${fixture.ids.facilitator}`;
    const demoted = nextPush(colleague, 'console.access');
    expect(
      (await fixture.as.owner.request('PUT', `${route}/role`, { role: 'producer' })).status,
    ).toBe(200);
    expect(await demoted).toMatchObject({
      role: 'producer',
      canEditAgenda: false,
      screenKey: session.screenKey,
    });
    expect(
      await emitAck(colleague, 'session.control', {
        type: 'agenda.add',
        round: pollRound({}, 'Sneaked in'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Removed on A: B's console is told why before the route answers.
    const told = nextPush(colleague, 'console.revoked');
    expect((await fixture.as.owner.request('DELETE', route)).status).toBe(204);
    expect(await told).toMatchObject({ code: 'FORBIDDEN', message: /no longer run this console/ });
    const before = (await look.events(session.sessionId)).length;
    expect(await emitAck(colleague, 'session.control', { type: 'round.next' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // The owner's console drives on; B's receives nothing of it.
    const seen = receivedViews(colleague).length;
    expect((await emitAck(owner, 'session.control', { type: 'round.next' })).ok).toBe(true);
    const moved = await nextView(
      owner,
      'view.facilitator',
      (m) => m.view.round?.title === 'Second poll',
    );
    expect(moved.view.round?.title).toBe('Second poll');
    // One stored event more: the owner's, not the removed colleague's.
    expect((await look.events(session.sessionId)).length).toBe(before + 1);
    // Messages on one socket arrive in order: a view sent before this answer is counted.
    expect(await emitAck(colleague, 'session.sync', { lastSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(receivedViews(colleague).length).toBe(seen);
  });
});
