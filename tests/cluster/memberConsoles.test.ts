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
  facilitatorOf,
  joinAt,
  nextView,
  pollRound,
  receivedViews,
  viewAfterNow,
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
    const [a, b, c] = processes as [ClusterProcess, ClusterProcess, ClusterProcess];
    const owner = await memberConsole(a, fixture.as.owner);
    const colleague = await memberConsole(b, fixture.as.facilitator);
    // A witness on B: the console's key, in the same rooms until the colleague leaves them.
    const witness = await connectTo(b.url, facilitatorOf(session));
    sockets.push(witness);
    const ownerPid = await look.ownerPid(session.sessionId);
    const sessionOwner = processes.find((p) => p.pid === ownerPid);
    // The session was first needed on C: a third process runs it.
    expect(sessionOwner).toBe(c);

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
    const second = (m: { view: { round: { title: string } | null } }) =>
      m.view.round?.title === 'Second poll';
    await nextView(owner, 'view.facilitator', second);
    // B delivered the broadcast to its sockets in the rooms: the colleague is not among them.
    await nextView(witness, 'view.facilitator', second);
    // One stored event more: the owner's, not the removed colleague's.
    expect((await look.events(session.sessionId)).length).toBe(before + 1);
    // Messages on one socket arrive in order: a view sent before this answer is counted.
    const refusedSync = () => emitAck(colleague, 'session.sync', { lastSeq: 0 });
    expect(await refusedSync()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(receivedViews(colleague).length).toBe(seen);

    // The session's owner dies: B's sockets are attached to the next owner, which sends
    // each its view again, but none to the revoked console.
    const resumed = viewAfterNow(witness, 'view.facilitator');
    await c.kill();
    await resumed;
    // The owner's console drives on, once the session has a new owner (its retry).
    const deadline = Date.now() + 10_000;
    while (!(await emitAck(owner, 'session.control', { type: 'round.back' })).ok)
      if (Date.now() > deadline) throw new Error('The session found no new owner in 10 s');
      else await new Promise((resolve) => setTimeout(resolve, 100));
    await nextView(witness, 'view.facilitator', (m) => m.view.round?.title !== 'Second poll');
    expect(await refusedSync()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(receivedViews(colleague).length).toBe(seen);
  });
});
