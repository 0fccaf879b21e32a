/**
 * A member's open console follows the workspace at once, over real sockets and HTTP on
 * SQLite and (with TEST_DATABASE_URL) PostgreSQL: a member removed, made a viewer, or
 * whose session leaves the library has their next command refused FORBIDDEN and their
 * console stops receiving the session's views (it is told why); a role change reaches the
 * open console without a reload (a facilitator made producer loses the agenda's editing);
 * no member is ever handed the console's key, and the key's own console keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError, ConsoleAccess, CreatedSession, Credential } from '@playfield/shared';
import { backends, startAccountsServer, type AccountsServer, type Browser } from './accountsKit.ts';
import {
  connectTo,
  emitAck,
  facilitatorOf,
  nextView,
  pollRound,
  receivedViews,
  type TestSocket,
} from './harness.ts';
import {
  createSessionAt,
  signUpTeam,
  workspaceFixture,
  type Fixture,
  type Team,
} from './workspacesKit.ts';

const headersOf = (browser: Browser) => ({
  extraHeaders: browser.cookie ? { cookie: `pf_account=${browser.cookie}` } : {},
});

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

describe.each(backends)("members' open consoles on $name", (backend) => {
  let server: AccountsServer;
  let team: Team;
  const sockets: TestSocket[] = [];

  const librarySession = async (): Promise<{ session: CreatedSession; fixture: Fixture }> => {
    const session = await createSessionAt(server.url, {
      title: 'Complaint handling',
      agenda: [pollRound(), pollRound({ question: 'Which channel is busiest?' }, 'Second poll')],
    });
    return { session, fixture: await workspaceFixture(server, team, session) };
  };
  const memberConsole = async (browser: Browser, sessionId: string) => {
    const credential: Credential = { role: 'member', sessionId };
    const socket = await connectTo(server.url, credential, headersOf(browser));
    sockets.push(socket);
    await nextView(socket, 'view.facilitator');
    return socket;
  };
  const storedSeq = async (sessionId: string) =>
    (await server.playfield.manager.repository.getSession(sessionId))?.last_seq;
  /**
   * The views a socket received until the server answered its next event: messages on one
   * socket arrive in order, so a view sent before the answer is counted.
   */
  const viewsUntilAnswered = async (socket: TestSocket) => {
    const answer = await emitAck(socket, 'session.sync', { lastSeq: 0 });
    return { answer, views: receivedViews(socket).length };
  };

  beforeAll(async () => {
    server = await startAccountsServer(backend);
    team = await signUpTeam(server, `live-${backend.name}`);
    // Five sign-ups hash ten passwords with scrypt: slow on a busy machine.
  }, 120_000);
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.close();
  });

  it('stops a removed member at once: told why, their next command FORBIDDEN, no more views', async () => {
    const { session, fixture } = await librarySession();
    const keyed = await connectTo(server.url, facilitatorOf(session));
    sockets.push(keyed);
    const colleague = await memberConsole(fixture.as.facilitator, session.sessionId);
    expect((await emitAck(colleague, 'session.control', { type: 'session.start' })).ok).toBe(true);
    await nextView(keyed, 'view.facilitator', (m) => m.view.session.phase === 'live');

    const told = nextPush(colleague, 'console.revoked');
    const removed = await fixture.as.owner.request(
      'DELETE',
      `/workspaces/${fixture.workspaceId}/members/${fixture.ids.facilitator}`,
    );
    expect(removed.status).toBe(204);
    expect(await told).toMatchObject({ code: 'FORBIDDEN', message: /no longer run this console/ });

    const before = await storedSeq(session.sessionId);
    expect(await emitAck(colleague, 'session.control', { type: 'round.next' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await storedSeq(session.sessionId)).toBe(before);

    // The console key (the owner's own link, no account needed) drives on; the removed
    // console receives nothing of it.
    const seen = receivedViews(colleague).length;
    const next = await emitAck(keyed, 'session.control', { type: 'round.next' });
    expect(next.ok).toBe(true);
    const moved = await nextView(
      keyed,
      'view.facilitator',
      (m) => m.view.round?.title === 'Second poll',
    );
    expect(moved.view.round?.title).toBe('Second poll');
    const after = await viewsUntilAnswered(colleague);
    expect(after.answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(after.views).toBe(seen);
  });

  it('closes a member console made a viewer, and keeps the others open', async () => {
    const { session, fixture } = await librarySession();
    const owner = await memberConsole(fixture.as.owner, session.sessionId);
    const colleague = await memberConsole(fixture.as.facilitator, session.sessionId);
    const told = nextPush(colleague, 'console.revoked');
    const changed = await fixture.as.owner.request(
      'PUT',
      `/workspaces/${fixture.workspaceId}/members/${fixture.ids.facilitator}/role`,
      { role: 'viewer' },
    );
    expect(changed.status).toBe(200);
    expect((await told).code).toBe('FORBIDDEN');
    expect(await emitAck(colleague, 'console.access', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const started = await emitAck(owner, 'session.control', { type: 'session.start' });
    expect(started.ok).toBe(true);
    await nextView(owner, 'view.facilitator', (m) => m.view.session.phase === 'live');
    const seen = receivedViews(colleague).length;
    expect((await viewsUntilAnswered(colleague)).views).toBe(seen);
    const phases = receivedViews(colleague).map(
      (v) => (v.message as { view: { session: { phase: string } } }).view.session.phase,
    );
    expect(phases).not.toContain('live');
  });

  it('closes every open console of a member who leaves, on each of their laptops', async () => {
    const { session, fixture } = await librarySession();
    const laptop = await memberConsole(fixture.as.facilitator, session.sessionId);
    const tablet = await memberConsole(fixture.as.facilitator, session.sessionId);
    const told = [nextPush(laptop, 'console.revoked'), nextPush(tablet, 'console.revoked')];
    expect(
      (await fixture.as.facilitator.post(`/workspaces/${fixture.workspaceId}/leave`)).status,
    ).toBe(204);
    for (const error of await Promise.all(told)) expect(error.code).toBe('FORBIDDEN');
    for (const socket of [laptop, tablet])
      expect(await emitAck(socket, 'session.control', { type: 'session.start' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
  });

  it('pushes a role change to the open console: a producer loses the agenda, then gets it back', async () => {
    const { session, fixture } = await librarySession();
    const colleague = await memberConsole(fixture.as.facilitator, session.sessionId);
    const role = (to: string) =>
      fixture.as.owner.request(
        'PUT',
        `/workspaces/${fixture.workspaceId}/members/${fixture.ids.facilitator}/role`,
        { role: to },
      );

    const demoted = nextPush(colleague, 'console.access');
    expect((await role('producer')).status).toBe(200);
    expect(await demoted).toMatchObject({
      role: 'producer',
      canEditAgenda: false,
      screenKey: session.screenKey,
    });
    const refused = await emitAck(colleague, 'session.control', {
      type: 'agenda.add',
      round: pollRound({}, 'Sneaked in'),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await emitAck(colleague, 'session.control', { type: 'session.start' })).ok).toBe(true);

    const promoted = nextPush(colleague, 'console.access');
    expect((await role('facilitator')).status).toBe(200);
    expect(await promoted).toMatchObject({ role: 'facilitator', canEditAgenda: true });
    const added = await emitAck(colleague, 'session.control', {
      type: 'agenda.add',
      round: pollRound({}, 'Added back'),
    });
    expect(added.ok).toBe(true);
  });

  it("closes members' consoles of a session taken out of the library; its key still works", async () => {
    const { session, fixture } = await librarySession();
    const owner = await memberConsole(fixture.as.owner, session.sessionId);
    const producer = await memberConsole(fixture.as.producer, session.sessionId);
    const ownerTold = nextPush(owner, 'console.revoked');
    const producerTold = nextPush(producer, 'console.revoked');
    const out = await fixture.as.facilitator.post(
      `/workspaces/${fixture.workspaceId}/library/${session.sessionId}/move-back`,
    );
    expect(out.status).toBe(200);
    expect((await ownerTold).code).toBe('FORBIDDEN');
    expect((await producerTold).code).toBe('FORBIDDEN');
    const keyed = await connectTo(server.url, facilitatorOf(session));
    sockets.push(keyed);
    await nextView(keyed, 'view.facilitator');
    expect((await emitAck(keyed, 'session.control', { type: 'session.start' })).ok).toBe(true);
  });

  it('never hands a member the console key; owners and facilitators delete from the library', async () => {
    const { session, fixture } = await librarySession();
    const base = `/workspaces/${fixture.workspaceId}/library/${session.sessionId}`;
    for (const who of ['owner', 'facilitator', 'producer', 'viewer'] as const) {
      const reply = await fixture.as[who].get(`${base}/console`);
      expect({ who, status: reply.status }).toEqual({ who, status: 404 });
      expect(JSON.stringify(reply.body)).not.toContain(session.facilitatorToken);
    }
    const library = await fixture.as.facilitator.get(`/workspaces/${fixture.workspaceId}/library`);
    expect(JSON.stringify(library.body)).not.toContain(session.facilitatorToken);

    const colleague = await memberConsole(fixture.as.facilitator, session.sessionId);
    const told = new Promise<AppError>((resolve) => colleague.once('session.deleted', resolve));
    expect((await fixture.as.producer.request('DELETE', base)).status).toBe(403);
    expect((await fixture.as.viewer.request('DELETE', base)).status).toBe(403);
    expect((await fixture.as.outsider.request('DELETE', base)).status).toBe(404);
    expect(await server.playfield.manager.repository.getSession(session.sessionId)).toBeDefined();
    const deleted = await fixture.as.facilitator.request('DELETE', base);
    expect(deleted).toMatchObject({ status: 200, body: { deleted: true } });
    expect((await told).code).toBe('NOT_FOUND');
    expect(await server.playfield.manager.repository.getSession(session.sessionId)).toBeUndefined();
    expect((await fixture.as.facilitator.request('DELETE', base)).status).toBe(404);
  });
});
