/**
 * A workspace's retention of participants' raw answers, over real HTTP and sockets on
 * SQLite and (with TEST_DATABASE_URL) PostgreSQL: only an owner sets it; the job deletes
 * the event log and snapshot of a finished session older than N days and keeps its
 * notebook's round results; a newer finished session and a live one keep everything;
 * a second run changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docIdOf, type CreatedSession } from '@playfield/shared';
import { readNotebook } from '@playfield/shared/notebooks/notebook';
import type { Database } from '../../server/src/store/schema.ts';
import { DAY_MS } from '../../server/src/workspaces/retention.ts';
import { backends, startAccountsServer, type AccountsServer } from './accountsKit.ts';
import {
  connectTo,
  createSessionAt,
  emitAck,
  facilitatorOf,
  joinAt,
  participantOf,
  pollRound,
  type TestSocket,
} from './harness.ts';
import { bodyOf, signUpTeam, workspaceFixture, type Fixture } from './workspacesKit.ts';

/** A session with one seat that answered its poll; finished unless `live`. */
async function answeredSession(server: AccountsServer, title: string, live = false) {
  const session = await createSessionAt(server.url, {
    title,
    agenda: [pollRound({}, 'First contact')],
  });
  const seat = await joinAt(server.url, session.code, 'Ana Lopez');
  const sockets: TestSocket[] = [
    await connectTo(server.url, facilitatorOf(session)),
    await connectTo(server.url, participantOf(seat)),
  ];
  const [facilitator, phone] = sockets as [TestSocket, TestSocket];
  expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
    ok: true,
  });
  const roundId = server.playfield.manager.peek(session.sessionId)?.state.agenda[0]?.id ?? '';
  expect(
    await emitAck(phone, 'round.act', { roundId, action: { type: 'answer', choices: [1] } }),
  ).toMatchObject({ ok: true });
  expect(await emitAck(facilitator, 'session.control', { type: 'round.lock' })).toMatchObject({
    ok: true,
  });
  if (!live)
    expect(await emitAck(facilitator, 'session.control', { type: 'session.end' })).toMatchObject({
      ok: true,
    });
  await server.playfield.manager.peek(session.sessionId)?.snapshot();
  for (const socket of sockets) socket.disconnect();
  return { session, roundId };
}

describe.each(backends)('workspace retention on $name', (backend) => {
  let server: AccountsServer;
  let fixture: Fixture;
  let old: { session: CreatedSession; roundId: string };
  let recent: { session: CreatedSession; roundId: string };
  let live: { session: CreatedSession; roundId: string };

  const db = () => server.playfield.manager.repository.tablesOf<Database>();
  const rows = async (table: 'events' | 'snapshots', sessionId: string) =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('session_id', '=', sessionId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const base = () => `/workspaces/${fixture.workspaceId}`;
  const setting = async () => bodyOf(await fixture.as.owner.get(`${base()}/retention`)).days;

  beforeAll(async () => {
    server = await startAccountsServer(backend);
    old = await answeredSession(server, 'Old recovery drill');
    recent = await answeredSession(server, 'Recent recovery drill');
    live = await answeredSession(server, 'Live recovery drill', true);
    const team = await signUpTeam(server, `retention-${backend.name}`);
    fixture = await workspaceFixture(server, team, old.session);
    const owner = fixture.as.owner;
    const others = [recent.session, live.session];
    expect(
      (
        await owner.post('/account/claim', {
          sessions: others.map((s) => ({ sessionId: s.sessionId, token: s.facilitatorToken })),
        })
      ).status,
    ).toBe(200);
    expect(
      (await owner.post(`${base()}/library`, { sessionIds: others.map((s) => s.sessionId) }))
        .status,
    ).toBe(200);
    // The old session ended 40 days ago; the others just now.
    await db()
      .updateTable('sessions')
      .set({ ended_at: Date.now() - 40 * DAY_MS })
      .where('id', '=', old.session.sessionId)
      .execute();
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('lets only an owner turn it on; others are refused and bad input stores nothing', async () => {
    expect(await setting()).toBeNull();
    for (const who of ['facilitator', 'viewer'] as const)
      expect(
        await fixture.as[who].request('PUT', `${base()}/retention`, { days: 30 }),
      ).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    for (const days of [0, 3651, 2.5, '30'])
      expect(await fixture.as.owner.request('PUT', `${base()}/retention`, { days })).toMatchObject({
        status: 400,
        body: { error: { code: 'BAD_REQUEST' } },
      });
    expect(await setting()).toBeNull();
    // Viewers read it (the library explains what it means).
    expect(bodyOf(await fixture.as.viewer.get(`${base()}/retention`)).days).toBeNull();
    expect(
      await fixture.as.owner.request('PUT', `${base()}/retention`, { days: 30 }),
    ).toMatchObject({ status: 200, body: { days: 30 } });
    expect(await setting()).toBe(30);
  });

  it('deletes the raw answers of finished sessions older than N days, keeps their notebook, and a second run is harmless', async () => {
    const { manager, retention, documents } = server.playfield;
    for (const s of [old, recent, live])
      expect(await rows('events', s.session.sessionId)).toBeGreaterThan(0);
    const kept = {
      recent: await rows('events', recent.session.sessionId),
      live: await rows('events', live.session.sessionId),
    };

    const first = await retention.run(Date.now() + 10 * DAY_MS);
    expect(first).toEqual({ sessions: 1, skipped: 0 });
    expect(await rows('events', old.session.sessionId)).toBe(0);
    expect(await rows('snapshots', old.session.sessionId)).toBe(0);
    // The notebook keeps the round's aggregates.
    const notebook = await documents.read(
      docIdOf({ kind: 'notebook', sessionId: old.session.sessionId }),
      readNotebook,
    );
    const block = notebook.blocks.find((b) => b.roundId === old.roundId);
    expect(block?.summary).toBeTruthy();
    expect(notebook.title).toBe('Old recovery drill');
    // The newer finished session and the live one keep everything; the live one runs on.
    expect(await rows('events', recent.session.sessionId)).toBe(kept.recent);
    expect(await rows('events', live.session.sessionId)).toBe(kept.live);
    expect(await rows('snapshots', recent.session.sessionId)).toBe(1);
    expect((await manager.get(live.session.sessionId))?.state.phase).toBe('live');

    // The library still lists it, says so, and opens its notebook.
    const library = bodyOf(await fixture.as.viewer.get(`${base()}/library`)).sessions as {
      sessionId: string;
      title: string;
      answersDeletedAt: number | null;
    }[];
    const entry = (id: string) => library.find((s) => s.sessionId === id);
    expect(entry(old.session.sessionId)).toMatchObject({ title: 'Old recovery drill' });
    expect(entry(old.session.sessionId)?.answersDeletedAt).toEqual(expect.any(Number));
    expect(entry(recent.session.sessionId)?.answersDeletedAt).toBeNull();
    expect(entry(live.session.sessionId)?.answersDeletedAt).toBeNull();
    expect(
      (await fixture.as.viewer.post(`${base()}/library/${old.session.sessionId}/notebook`)).status,
    ).toBe(200);

    const second = await retention.run(Date.now() + 10 * DAY_MS);
    expect(second).toEqual({ sessions: 0, skipped: 0 });
    expect(await rows('events', recent.session.sessionId)).toBe(kept.recent);
    expect(await rows('events', live.session.sessionId)).toBe(kept.live);
    const again = await documents.read(
      docIdOf({ kind: 'notebook', sessionId: old.session.sessionId }),
      readNotebook,
    );
    expect(again.blocks.find((b) => b.roundId === old.roundId)?.summary).toEqual(block?.summary);
  });
});
