/**
 * Tables over real sockets: the console forms tables at random and moves people; phones
 * are told their own table; a phone can neither form nor move anyone, and picks a table
 * only when the facilitator lets people choose; junk is refused at the schema with nothing
 * stored; a latecomer lands at the smallest table; the console sees a poll per table.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '@playfield/shared';
import {
  emitRaw,
  facilitatorOf,
  nextView,
  participantOf,
  screenOf,
  startTestServer,
  type TestServer,
  type TestSocket,
} from './harness.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

async function openRoom() {
  const session = await server.createSession({ title: 'Service Pro' });
  const facilitator = await server.connect(facilitatorOf(session));
  const screen = await server.connect(screenOf(session));
  const seats = await Promise.all(
    ['Ana', 'Ben', 'Cai', 'Dee'].map((n) => server.join(session.code, n)),
  );
  const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
  const control = (command: unknown) =>
    emitRaw(facilitator, 'session.control', command) as Promise<Result<{ seq: number }>>;
  const team = (socket: TestSocket, payload: unknown) =>
    emitRaw(socket, 'team.act', payload) as Promise<Result<{ seq: number }>>;
  return { session, facilitator, screen, seats, phones, control, team };
}

describe('tables, live', () => {
  it('forms tables at random, tells each phone its own table, and places a latecomer', async () => {
    // In the lobby: that is where the room screen lists the tables and their people.
    const { session, facilitator, screen, seats, phones, control } = await openRoom();
    expect(await control({ type: 'teams.form', count: 2, isRandom: true })).toMatchObject({
      ok: true,
    });
    const console = (
      await nextView(facilitator, 'view.facilitator', (m) => m.view.teams?.teams.length === 2)
    ).view;
    expect(console.teams?.teams.map((t) => [t.name, t.size])).toEqual([
      ['Table 1', 2],
      ['Table 2', 2],
    ]);
    const seatOf = new Map(console.roster.map((r) => [r.id, r.teamId]));
    for (const [i, phone] of phones.entries()) {
      const own = await nextView(phone, 'view.own', (m) => m.view.teamId !== undefined);
      expect(own.view.teamId).toBe(seatOf.get(seats[i]?.participantId ?? ''));
    }
    const room = await nextView(screen, 'view.screen', (m) => m.view.teams?.length === 2);
    expect(room.view.teams?.flatMap((t) => t.members).sort()).toEqual(['Ana', 'Ben', 'Cai', 'Dee']);

    const late = await server.join(session.code, 'Eve');
    const latePhone = await server.connect(participantOf(late));
    const lateOwn = await nextView(latePhone, 'view.own', (m) => m.view.teamId !== undefined);
    expect(console.teams?.teams.map((t) => t.id)).toContain(lateOwn.view.teamId);
    await nextView(
      facilitator,
      'view.facilitator',
      (m) =>
        (m.view.teams?.teams ?? []).every((t) => t.size >= 2) &&
        (m.view.teams?.teams ?? []).reduce((n, t) => n + t.size, 0) === 5,
    );
  });

  it('keeps forming and moving to the console, and picks to when people may choose', async () => {
    const { facilitator, seats, phones, control, team } = await openRoom();
    const [ana, ben] = phones as [TestSocket, TestSocket];
    const anaId = seats[0]?.participantId ?? '';
    const benId = seats[1]?.participantId ?? '';

    // A phone sending the console's commands, on either path, is refused.
    expect(
      await emitRaw(ana, 'session.control', { type: 'teams.form', count: 3, isRandom: true }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await team(ana, { type: 'teams.form', count: 3, isRandom: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    // The console cannot pick for itself on the phones' path.
    expect(await team(facilitator, { type: 'teams.pick', teamId: 't1' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    expect(await control({ type: 'teams.form', count: 3, isRandom: false })).toMatchObject({
      ok: true,
    });
    const tables = (
      await nextView(facilitator, 'view.facilitator', (m) => m.view.teams?.teams.length === 3)
    ).view.teams?.teams;
    const [t1, t2] = (tables ?? []).map((t) => t.id);

    // Not allowed to choose yet.
    expect(await team(ana, { type: 'teams.pick', teamId: t2 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await control({ type: 'teams.settings', isChoosing: true })).toMatchObject({ ok: true });
    await nextView(ana, 'view.public', (m) => m.view.teams?.isChoosing === true);
    expect(await team(ana, { type: 'teams.pick', teamId: t2 })).toMatchObject({ ok: true });
    expect((await nextView(ana, 'view.own', (m) => m.view.teamId === t2)).view.teamId).toBe(t2);
    // Ana cannot move Ben: there is no such command for a phone.
    expect(await team(ana, { type: 'teams.move', participantId: benId, teamId: t2 })).toMatchObject(
      { ok: false, error: { code: 'BAD_REQUEST' } },
    );
    expect(
      await emitRaw(ana, 'session.control', {
        type: 'teams.move',
        participantId: benId,
        teamId: t2,
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The console moves Ben by hand; his phone follows.
    expect(await control({ type: 'teams.move', participantId: benId, teamId: t1 })).toMatchObject({
      ok: true,
    });
    expect((await nextView(ben, 'view.own', (m) => m.view.teamId === t1)).view.teamId).toBe(t1);
    const roster = (
      await nextView(facilitator, 'view.facilitator', (m) =>
        m.view.roster.some((r) => r.id === benId && r.teamId === t1),
      )
    ).view.roster;
    expect(roster.find((r) => r.id === anaId)?.teamId).toBe(t2);
  });

  it('refuses junk at the schema and stores nothing', async () => {
    const { phones, control, team } = await openRoom();
    const [ana] = phones as [TestSocket];
    expect(await control({ type: 'teams.form', count: 2, isRandom: false })).toMatchObject({
      ok: true,
    });
    expect(await control({ type: 'teams.settings', isChoosing: true })).toMatchObject({ ok: true });
    const before = server.countRows('events');
    for (const payload of [
      { type: 'teams.pick', teamId: '__proto__' },
      { type: 'teams.pick', teamId: 'constructor' },
      { type: 'teams.pick', teamId: 42 },
      { type: 'teams.pick' },
      null,
      'teams.pick',
      // Last: past the 64 KB message cap the socket may be closed rather than answered.
      { type: 'teams.pick', teamId: 't1', extra: 'x'.repeat(70_000) },
    ]) {
      expect(await team(ana, payload).catch(() => ({ ok: false }))).toMatchObject({ ok: false });
    }
    for (const command of [
      { type: 'teams.form', count: 1, isRandom: true },
      { type: 'teams.form', count: 21, isRandom: true },
      { type: 'teams.form', count: 3 },
      { type: 'teams.rename', teamId: 't1', name: 'x'.repeat(41) },
      { type: 'teams.rename', teamId: 't1', name: '\u200B' },
      { type: 'teams.move', participantId: '__proto__', teamId: 't1' },
      { type: 'teams.remove', teamId: 'toString' },
    ]) {
      expect(await control(command)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(server.countRows('events')).toBe(before);
  });

  it('shows the console a poll’s answers per table', async () => {
    const { facilitator, seats, phones, control } = await openRoom();
    expect(await control({ type: 'session.start' })).toMatchObject({ ok: true });
    expect(await control({ type: 'teams.form', count: 2, isRandom: false })).toMatchObject({
      ok: true,
    });
    const view = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.teams);
    const [t1, t2] = (view.view.teams?.teams ?? []).map((t) => t.id);
    const roundId = view.view.round?.id ?? '';
    const tables = [t1, t1, t2, t2];
    for (const [i, seat] of seats.entries()) {
      await control({ type: 'teams.move', participantId: seat.participantId, teamId: tables[i] });
    }
    for (const [i, phone] of phones.entries()) {
      expect(
        await emitRaw(phone, 'round.act', {
          roundId,
          action: { type: 'answer', choices: [i % 2] },
        }),
      ).toMatchObject({ ok: true });
    }
    const byTeam = (
      await nextView(facilitator, 'view.facilitator', (m) => {
        const block = m.view.roundByTeam?.blocks[0];
        return block?.type === 'table' && block.rows.every((r) => r[r.length - 2] === '2');
      })
    ).view.roundByTeam;
    expect(byTeam?.blocks[0]).toMatchObject({
      type: 'table',
      rows: [
        ['Table 1', '1', '1', '0', '2', '2'],
        ['Table 2', '1', '1', '0', '2', '2'],
      ],
    });
  });
});
