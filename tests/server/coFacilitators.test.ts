/**
 * Co-facilitators over real sockets, on SQLite and (with TEST_DATABASE_URL) PostgreSQL:
 * signed-in members of a workspace open a library session's console with their account
 * (no console key), several at once, each seeing the others' actions; a producer runs the
 * session but every agenda edit is refused with nothing stored; viewers, outsiders and
 * signed-out browsers are refused at the handshake; a member removed from the workspace
 * has their next command refused; the console key still works without an account; and
 * the log records who did what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, replay, type CreatedSession, type Credential } from '@playfield/shared';
import type { EventActorTables } from '../../server/src/workspaces/eventActorsMigration.ts';
import { backends, startAccountsServer, type AccountsServer, type Browser } from './accountsKit.ts';
import {
  connectRefused,
  connectTo,
  emitAck,
  facilitatorOf,
  nextView,
  pollRound,
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

describe.each(backends)('co-facilitators on $name', (backend) => {
  let server: AccountsServer;
  let team: Team;
  const sockets: TestSocket[] = [];

  /** A fresh session, moved into a fresh workspace of the team. */
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
    return socket;
  };
  const storedSeq = async (sessionId: string) =>
    (await server.playfield.manager.repository.getSession(sessionId))?.last_seq;

  beforeAll(async () => {
    server = await startAccountsServer(backend);
    team = await signUpTeam(server, `co-${backend.name}`);
    // Five sign-ups hash ten passwords with scrypt: slow on a busy machine.
  }, 120_000);
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.close();
  });

  it("opens one session on two members' consoles, each seeing the other's actions", async () => {
    const { session, fixture } = await librarySession();
    const owner = await memberConsole(fixture.as.owner, session.sessionId);
    const colleague = await memberConsole(fixture.as.facilitator, session.sessionId);
    await nextView(owner, 'view.facilitator');
    await nextView(colleague, 'view.facilitator');

    expect(await emitAck(owner, 'session.control', { type: 'session.start' })).toMatchObject({
      ok: true,
    });
    const started = await nextView(
      colleague,
      'view.facilitator',
      (m) => m.view.session.phase === 'live',
    );
    expect(started.view.session.phase).toBe('live');

    const next = await emitAck(colleague, 'session.control', { type: 'round.next' });
    expect(next.ok).toBe(true);
    const moved = await nextView(
      owner,
      'view.facilitator',
      (m) => m.seq >= (next.ok ? next.data.seq : 0),
    );
    expect(moved.view.round?.title).toBe('Second poll');

    // Who did what, newest first, as either console reads it.
    const activity = await emitAck(owner, 'console.activity', {});
    expect(activity.ok).toBe(true);
    const entries = activity.ok ? activity.data : [];
    expect(entries[0]?.who).toMatch(/^facilitator\./);
    expect(entries.at(-1)?.who).toMatch(/^owner\./);
    expect(entries.map((e) => e.type)).toContain('session.started');
  });

  it('lets a producer run the session but refuses every agenda edit, storing nothing', async () => {
    const { session, fixture } = await librarySession();
    const producer = await memberConsole(fixture.as.producer, session.sessionId);
    const first = await nextView(producer, 'view.facilitator');
    const roundId = first.view.agenda[0]?.id ?? '';

    const access = await emitAck(producer, 'console.access', {});
    expect(access.ok && access.data).toMatchObject({ role: 'producer', canEditAgenda: false });
    expect(access.ok && access.data.name).toMatch(/^producer\./);
    // The room screen opens with the key the console is given.
    expect(access.ok && access.data.screenKey).toBe(session.screenKey);
    expect((await emitAck(producer, 'session.control', { type: 'session.start' })).ok).toBe(true);
    expect((await emitAck(producer, 'session.control', { type: 'round.reveal' })).ok).toBe(true);
    expect(
      (await emitAck(producer, 'session.control', { type: 'timer.start', seconds: 60 })).ok,
    ).toBe(true);

    const before = await storedSeq(session.sessionId);
    const edits = [
      { type: 'agenda.add', round: pollRound({}, 'Sneaked in') },
      { type: 'agenda.update', roundId, title: 'Renamed' },
      { type: 'agenda.update', roundId, notes: 'New notes' },
      { type: 'agenda.remove', roundId },
      { type: 'agenda.move', roundId, toIndex: 1 },
      { type: 'session.reschedule', plannedStart: '09:00' },
    ] as const;
    for (const edit of edits) {
      const reply = await emitAck(producer, 'session.control', edit as never);
      expect({ edit: edit.type, code: reply.ok || reply.error.code }).toEqual({
        edit: edit.type,
        code: 'FORBIDDEN',
      });
      expect(reply.ok || reply.error.message).toMatch(/producer .*cannot change its agenda/);
    }
    expect(await storedSeq(session.sessionId)).toBe(before);
    const live = await server.playfield.manager.get(session.sessionId);
    expect(live?.state.agenda.map((r) => r.title)).toEqual(['Warm-up poll', 'Second poll']);
  });

  it('refuses viewers, outsiders and signed-out browsers at the handshake', async () => {
    const { session, fixture } = await librarySession();
    const auth = {
      protocolVersion: PROTOCOL_VERSION,
      credential: { role: 'member', sessionId: session.sessionId },
    };
    for (const [who, code] of [
      ['viewer', 'FORBIDDEN'],
      ['outsider', 'FORBIDDEN'],
      ['signedOut', 'UNAUTHORIZED'],
    ] as const) {
      const refused = await connectRefused(server.url, auth, headersOf(fixture.as[who]));
      expect({ who, code: refused.data?.code }).toEqual({ who, code });
    }
    // A session outside every workspace opens to nobody's account, even its creator's.
    const loose = await createSessionAt(server.url);
    const refused = await connectRefused(
      server.url,
      { ...auth, credential: { role: 'member', sessionId: loose.sessionId } },
      headersOf(fixture.as.owner),
    );
    expect(refused.data?.code).toBe('FORBIDDEN');
  });

  it('keeps the console key working without an account, logged as the key', async () => {
    const { session, fixture } = await librarySession();
    const keyed = await connectTo(server.url, facilitatorOf(session));
    sockets.push(keyed);
    const owner = await memberConsole(fixture.as.owner, session.sessionId);
    await nextView(keyed, 'view.facilitator');
    const added = await emitAck(keyed, 'session.control', {
      type: 'agenda.add',
      round: pollRound({}, 'Added with the key'),
    });
    expect(added.ok).toBe(true);
    await nextView(owner, 'view.facilitator', (m) => m.view.agenda.length === 3);
    expect(await emitAck(keyed, 'console.access', {})).toEqual({
      ok: true,
      data: { name: null, role: null, canEditAgenda: true, screenKey: null },
    });
    const activity = await emitAck(owner, 'console.activity', {});
    expect(activity.ok && activity.data[0]).toMatchObject({
      type: 'agenda.added',
      who: 'Console key',
    });
  });

  it("refuses a removed member's next command, and their reconnection", async () => {
    const { session, fixture } = await librarySession();
    const colleague = await memberConsole(fixture.as.facilitator, session.sessionId);
    await nextView(colleague, 'view.facilitator');
    expect((await emitAck(colleague, 'session.control', { type: 'session.start' })).ok).toBe(true);

    const removed = await fixture.as.owner.request(
      'DELETE',
      `/workspaces/${fixture.workspaceId}/members/${fixture.ids.facilitator}`,
    );
    expect(removed.status).toBe(204);
    const before = await storedSeq(session.sessionId);
    expect(await emitAck(colleague, 'session.control', { type: 'round.next' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await emitAck(colleague, 'round.act', { roundId: 'r1', action: {} })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await storedSeq(session.sessionId)).toBe(before);
    const again = await connectRefused(
      server.url,
      {
        protocolVersion: PROTOCOL_VERSION,
        credential: { role: 'member', sessionId: session.sessionId },
      },
      headersOf(fixture.as.facilitator),
    );
    expect(again.data?.code).toBe('FORBIDDEN');
  });

  it('rebuilds the session from a log mixing rows with and without actors', async () => {
    const { session, fixture } = await librarySession();
    const owner = await memberConsole(fixture.as.owner, session.sessionId);
    await nextView(owner, 'view.facilitator');
    expect((await emitAck(owner, 'session.control', { type: 'session.start' })).ok).toBe(true);
    expect((await emitAck(owner, 'session.control', { type: 'round.reveal' })).ok).toBe(true);
    const repository = server.playfield.manager.repository;
    const rows = await repository
      .tablesOf<EventActorTables>()
      .selectFrom('events')
      .select(['seq', 'actor'])
      .where('session_id', '=', session.sessionId)
      .orderBy('seq')
      .execute();
    // session.created came over HTTP, as every row before the migration: no actor.
    expect(rows[0]?.actor).toBeNull();
    // Every later row came from the owner's console.
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows.slice(1)) expect(row.actor).toContain('"kind":"account"');
    const live = (await server.playfield.manager.get(session.sessionId))?.state;
    const replayed = replay(await repository.loadEvents(session.sessionId));
    expect(replayed.seq).toBe(live?.seq);
    expect(replayed.phase).toBe('live');
    expect(replayed).toEqual(live);
  });

  it('refuses a malformed member credential', async () => {
    const refused = await connectRefused(server.url, {
      protocolVersion: PROTOCOL_VERSION,
      credential: { role: 'member', sessionId: '../../etc' },
    });
    expect(refused.data?.code).toBe('BAD_REQUEST');
  });
});
