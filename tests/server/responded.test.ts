/**
 * Who has answered, over real sockets: the console's roster marks the seats that acted in
 * the current round (an answer reaches a patching console as that one entry), and an
 * anonymous round gives the console a count and nobody's name on any socket.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type FacilitatorView,
  type PatchOp,
  type ServerToClientEvents,
  type ViewPatchMessage,
} from '@playfield/shared';
import {
  emitAck,
  facilitatorOf,
  nextView,
  participantOf,
  pollRound,
  receivedViews,
  screenOf,
  startTestServer,
  type TestServer,
} from './harness.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/** A console that asks for patches and keeps every patch's operations. */
async function patchingConsole(credential: ReturnType<typeof facilitatorOf>): Promise<{
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Resolves with the first patch (received already or later) that `check` accepts. */
  patch: (check: (ops: PatchOp[]) => boolean) => Promise<PatchOp[]>;
}> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
    auth: { protocolVersion: PROTOCOL_VERSION, credential, viewPatches: true },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const received: PatchOp[][] = [];
  const waiters = new Set<(ops: PatchOp[]) => void>();
  socket.on('view.facilitator.patch', (message: ViewPatchMessage) => {
    received.push(message.ops);
    for (const waiter of [...waiters]) waiter(message.ops);
  });
  const patch = (check: (ops: PatchOp[]) => boolean) =>
    new Promise<PatchOp[]>((resolve, reject) => {
      const found = received.find(check);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error('No such patch came')), 5_000);
      const waiter = (ops: PatchOp[]) => {
        if (!check(ops)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(ops);
      };
      waiters.add(waiter);
    });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, patch };
}

const marksOf = (view: FacilitatorView) =>
  Object.fromEntries(view.roster.map((p) => [p.name, p.hasResponded]));

describe('who has answered, on the console', () => {
  it('marks the seat that answered, and the patch carries only its roster entry', async () => {
    const session = await server.createSession();
    const console = await server.connect(facilitatorOf(session));
    const patched = await patchingConsole(facilitatorOf(session));
    try {
      const seats = await Promise.all(
        ['Ana', 'Ben', 'Chloé'].map((name) => server.join(session.code, name)),
      );
      const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
      expect(await emitAck(console, 'session.control', { type: 'session.start' })).toMatchObject({
        ok: true,
      });
      const started = await nextView(console, 'view.facilitator', (m) => !!m.view.round);
      const roundId = started.view.round?.id ?? '';
      expect(marksOf(started.view)).toEqual({ Ana: false, Ben: false, Chloé: false });
      expect(started.view.responses).toEqual({ roundId, isAnonymous: false, count: 0 });

      const answered = await emitAck(phones[1] as (typeof phones)[number], 'round.act', {
        roundId,
        action: { type: 'answer', choices: [0] },
      });
      const seq = answered.ok ? answered.data.seq : Infinity;
      const after = await nextView(console, 'view.facilitator', (m) => m.seq >= seq);
      expect(marksOf(after.view)).toEqual({ Ana: false, Ben: true, Chloé: false });
      expect(after.view.responses?.count).toBe(1);

      // The patching console got Ben's mark in a patch whose only roster change it is.
      const isBen = (op: PatchOp) =>
        JSON.stringify(op) === '["s",["roster",1,"hasResponded"],true]';
      const patch = await patched.patch((ops) => ops.some(isBen));
      expect(patch.filter((op) => op[1][0] === 'roster')).toEqual([
        ['s', ['roster', 1, 'hasResponded'], true],
      ]);

      // The next round starts with nobody marked.
      expect(await emitAck(console, 'session.control', { type: 'round.next' })).toMatchObject({
        ok: true,
      });
      const next = await nextView(
        console,
        'view.facilitator',
        (m) => m.view.round?.id !== roundId && !!m.view.round,
      );
      expect(marksOf(next.view)).toEqual({ Ana: false, Ben: false, Chloé: false });
    } finally {
      patched.socket.disconnect();
    }
  });

  it('shows only a count in an anonymous round, and nobody learns who on any socket', async () => {
    const session = await server.createSession({
      agenda: [pollRound({ isAnonymous: true })],
    });
    const console = await server.connect(facilitatorOf(session));
    const screen = await server.connect(screenOf(session));
    const seats = await Promise.all(
      ['Ana', 'Ben', 'Chloé'].map((name) => server.join(session.code, name)),
    );
    const phones = await Promise.all(seats.map((seat) => server.connect(participantOf(seat))));
    expect(await emitAck(console, 'session.control', { type: 'session.start' })).toMatchObject({
      ok: true,
    });
    const started = await nextView(console, 'view.facilitator', (m) => !!m.view.round);
    const roundId = started.view.round?.id ?? '';
    let lastSeq = 0;
    for (const phone of phones.slice(0, 2)) {
      const ack = await emitAck(phone, 'round.act', {
        roundId,
        action: { type: 'answer', choices: [1] },
      });
      expect(ack).toMatchObject({ ok: true });
      if (ack.ok) lastSeq = ack.data.seq;
    }
    const after = await nextView(console, 'view.facilitator', (m) => m.seq >= lastSeq);
    expect(after.view.responses).toEqual({ roundId, isAnonymous: true, count: 2 });
    await nextView(screen, 'view.screen', (m) => m.seq >= lastSeq);

    for (const socket of [console, screen, ...phones])
      for (const { message } of receivedViews(socket))
        expect(JSON.stringify(message)).not.toContain('hasResponded');
  });
});
