/**
 * Hardening of the session sockets, over real socket.io against a real server: a socket
 * that reaches the strike limit still gets the acks of what it had stored, and one
 * identity holds a bounded number of sockets, the oldest giving way to the newest.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '@playfield/shared';
import {
  disconnected,
  emitAck,
  emitRaw,
  facilitatorOf,
  participantOf,
  pollRound,
  screenOf,
  startTestServer,
  type TestServer,
  type TestSocket,
} from './harness.ts';

let test: TestServer | null = null;
afterEach(async () => {
  await test?.close();
  test = null;
});

async function server(): Promise<TestServer> {
  test = await startTestServer();
  return test;
}

describe('strike limit', () => {
  it('acknowledges every stored action before it disconnects a socket for junk', async () => {
    const t = await server();
    const session = await t.createSession();
    const facilitator = await t.connect(facilitatorOf(session));
    const eventsBefore = t.countRows('events');
    let reason: string | null = null;
    facilitator.on('disconnect', (why) => (reason = why));

    // Eight real changes, each stored before its ack, then a hundred refused events at
    // once: the fiftieth strike comes while the eight are still being written.
    const stored = Array.from({ length: 8 }, (_, i) =>
      emitAck(facilitator, 'session.control', {
        type: 'agenda.add',
        round: pollRound({}, `Extra poll ${i + 1}`),
      }),
    );
    const junk = Array.from({ length: 100 }, () =>
      emitRaw(facilitator, 'session.control', { type: 'no.such.command' }).catch(
        (error: unknown) => error,
      ),
    );

    const acks = await Promise.all(stored);
    expect(acks.map((a) => a.ok)).toEqual(Array(8).fill(true));
    expect(t.countRows('events')).toBe(eventsBefore + 8);
    // The junk is refused, or unanswered once the socket closes: never run.
    const refusals = (await Promise.all(junk)) as (Result<unknown> | Error)[];
    expect(refusals.some((r) => 'ok' in r && r.ok)).toBe(false);
    // Then the socket is closed by the server, as before.
    if (reason === null) await disconnected(facilitator);
    expect(reason).toBe('io server disconnect');
  });

  it('takes no new events once the limit is reached', async () => {
    const t = await server();
    const session = await t.createSession();
    const facilitator = await t.connect(facilitatorOf(session));
    const eventsBefore = t.countRows('events');
    const junk = Array.from({ length: 50 }, () =>
      emitRaw(facilitator, 'session.control', { type: 'no.such.command' }).catch(() => null),
    );
    // Sent after the fiftieth strike: never run, so never stored.
    const late = emitRaw(facilitator, 'session.control', {
      type: 'agenda.add',
      round: pollRound({}, 'Too late'),
    }).catch(() => null);
    await Promise.all(junk);
    expect(await late).not.toMatchObject({ ok: true });
    expect(t.countRows('events')).toBe(eventsBefore);
  });
});

describe('sockets per identity', () => {
  it('closes the oldest socket of a seat past four, and the newest keeps working', async () => {
    const t = await server();
    const session = await t.createSession();
    const seat = await t.join(session.code, 'Ana');
    const sockets: TestSocket[] = [];
    for (let i = 0; i < 4; i++) sockets.push(await t.connect(participantOf(seat)));
    const firstClosed = disconnected(sockets[0] as TestSocket);

    const fifth = await t.connect(participantOf(seat));
    expect(await firstClosed).toBe('io server disconnect');
    expect(sockets.slice(1).every((s) => s.connected)).toBe(true);
    expect((await emitAck(fifth, 'session.sync', { lastSeq: 0 })).ok).toBe(true);

    // A phone that keeps coming back is never locked out by its own stale sockets.
    let newest = fifth;
    for (let i = 0; i < 6; i++) newest = await t.connect(participantOf(seat));
    expect((await emitAck(newest, 'session.sync', { lastSeq: 0 })).ok).toBe(true);
    // Another seat of the same session is not affected.
    const other = await t.connect(participantOf(await t.join(session.code, 'Ben')));
    expect((await emitAck(other, 'session.sync', { lastSeq: 0 })).ok).toBe(true);
  });

  it('closes the oldest facilitator and screen sockets past twelve', async () => {
    const t = await server();
    const session = await t.createSession();
    for (const credential of [facilitatorOf(session), screenOf(session)]) {
      const first = await t.connect(credential);
      const firstClosed = disconnected(first);
      const rest: TestSocket[] = [];
      for (let i = 0; i < 11; i++) rest.push(await t.connect(credential));
      expect(first.connected).toBe(true);
      const thirteenth = await t.connect(credential);
      expect(await firstClosed).toBe('io server disconnect');
      expect(rest.every((s) => s.connected)).toBe(true);
      expect((await emitAck(thirteenth, 'session.sync', { lastSeq: 0 })).ok).toBe(true);
    }
  });
});
