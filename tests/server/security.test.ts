import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION } from '@playfield/shared';
import {
  disconnected,
  emitAck,
  emitRaw,
  facilitatorOf,
  nextView,
  participantOf,
  requestJson,
  screenOf,
  startTestServer,
  type TestServer,
  type TestSocket,
  choicesOf,
} from './harness.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/** A started session with two phones connected, on its first poll round. */
async function liveRoom() {
  const session = await server.createSession();
  const facilitator = await server.connect(facilitatorOf(session));
  const [ana, ben] = await Promise.all([
    server.join(session.code, 'Ana'),
    server.join(session.code, 'Ben'),
  ]);
  const anaPhone = await server.connect(participantOf(ana));
  const benPhone = await server.connect(participantOf(ben));
  await emitAck(facilitator, 'session.control', { type: 'session.start' });
  const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
  const roundId = view.round?.id ?? '';
  await nextView(anaPhone, 'view.public', (m) => m.view.round?.id === roundId);
  return { session, facilitator, ana, ben, anaPhone, benPhone, roundId };
}

/** The session's sequence number, as any socket can ask for it. */
async function seqOf(socket: TestSocket): Promise<number> {
  const ack = await emitAck(socket, 'session.sync', { lastSeq: Number.MAX_SAFE_INTEGER });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data.seq;
}

describe('authorisation', () => {
  it('refuses session.control with FORBIDDEN when a participant sends it', async () => {
    const { facilitator, anaPhone } = await liveRoom();
    const before = await seqOf(facilitator);
    for (const command of [
      { type: 'round.reveal' },
      { type: 'session.end' },
      { type: 'round.next' },
    ] as const) {
      expect(await emitAck(anaPhone, 'session.control', command)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await seqOf(facilitator)).toBe(before);
    const { view } = await nextView(facilitator, 'view.facilitator');
    expect(view.session.phase).toBe('live');
    expect(view.round).toMatchObject({ index: 0, isRevealed: false });
  });

  it('refuses round.act and session.control when the screen sends them', async () => {
    const { session, roundId } = await liveRoom();
    const screen = await server.connect(screenOf(session));
    expect(
      await emitAck(screen, 'round.act', { roundId, action: { type: 'answer', choices: [0] } }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await emitAck(screen, 'session.control', { type: 'session.end' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('counts an answer for the sender when the payload names another participant', async () => {
    const { facilitator, ana, ben, anaPhone, benPhone, roundId } = await liveRoom();
    const forged = await emitRaw(anaPhone, 'round.act', {
      roundId,
      participantId: ben.participantId,
      actor: { role: 'participant', participantId: ben.participantId },
      action: { type: 'answer', choices: [2], participantId: ben.participantId },
    });
    expect(forged).toMatchObject({ ok: true });

    const own = await nextView(anaPhone, 'view.own', (m) => choicesOf(m.view)[0] === 2);
    expect(own.view.participantId).toBe(ana.participantId);
    const { view } = await nextView(
      facilitator,
      'view.facilitator',
      (m) => m.view.round?.submitted === 1,
    );
    expect(view.round).toMatchObject({ view: { voters: [[], [], ['Ana']] } });
    // Ben's phone was never sent an own view for this round, so it shows the blank one.
    const benOwn = await nextView(benPhone, 'view.own');
    expect(choicesOf(benOwn.view, roundId)).toEqual([]);
  });

  it('refuses the handshake when the facilitator token, screen key or resume token is wrong', async () => {
    const session = await server.createSession();
    const other = await server.createSession();
    const forged = 'A'.repeat(43);
    const cases = [
      { role: 'facilitator', sessionId: session.sessionId, token: forged },
      // A real token of another session does not open this one.
      { role: 'facilitator', sessionId: session.sessionId, token: other.facilitatorToken },
      { role: 'screen', sessionId: session.sessionId, key: forged },
      { role: 'screen', sessionId: session.sessionId, key: other.screenKey },
      { role: 'participant', resumeToken: forged },
    ];
    for (const credential of cases) {
      const error = await server.connectRefused({ protocolVersion: PROTOCOL_VERSION, credential });
      expect(error.message, JSON.stringify(credential)).toMatch(/not valid|unknown/);
      expect(error.data).toEqual({ code: 'UNAUTHORIZED' });
    }
    const junk = await server.connectRefused({
      protocolVersion: PROTOCOL_VERSION,
      credential: { role: 'admin' },
    });
    expect(junk.data).toEqual({ code: 'BAD_REQUEST' });
  });

  it('refuses the handshake with PROTOCOL_MISMATCH when the protocol version is unknown', async () => {
    const session = await server.createSession();
    const error = await server.connectRefused({
      protocolVersion: 999,
      credential: facilitatorOf(session),
    });
    expect(error.data).toEqual({ code: 'PROTOCOL_MISMATCH' });
    expect(error.message).toMatch(/reload/);
  });

  it('refuses a socket from another site and accepts one from the same origin', async () => {
    const session = await server.createSession();
    const credential = facilitatorOf(session);
    const refused = await server.connectRefused(
      { protocolVersion: PROTOCOL_VERSION, credential },
      { extraHeaders: { origin: 'http://evil.example' } },
    );
    expect(refused.message).toMatch(/websocket error/i);

    const accepted = await server.connect(credential, {
      extraHeaders: { origin: server.url },
    });
    expect(accepted.connected).toBe(true);
  });

  it('serves results only when the bearer token is the facilitator token', async () => {
    const session = await server.createSession();
    const other = await server.createSession();
    const results = `${server.url}/api/sessions/${session.sessionId}/results`;
    for (const authorization of [
      undefined,
      `Bearer ${other.facilitatorToken}`,
      `Bearer ${session.screenKey}`,
      session.facilitatorToken,
    ]) {
      const { status, body } = await requestJson(
        results,
        authorization ? { headers: { authorization } } : {},
      );
      expect(status, authorization).toBe(401);
      expect(body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
    const { status, body } = await requestJson(results, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ session: { sessionId: session.sessionId }, rounds: [] });
  });
});

describe('abuse', () => {
  it('disconnects a socket when it sends a message above 64 KB', async () => {
    const { anaPhone, facilitator, roundId } = await liveRoom();
    const before = await seqOf(facilitator);
    const closed = disconnected(anaPhone);
    // No ack will come: the server drops the connection instead of reading the message.
    const refused = emitRaw(anaPhone, 'round.act', {
      roundId,
      action: { type: 'answer', choices: [0], padding: 'x'.repeat(LIMITS.socketMessageBytes) },
    }).catch(() => 'no ack');
    expect(await closed).toBe('transport close');
    expect(await refused).toBe('no ack');
    expect(await seqOf(facilitator)).toBe(before);
  });

  it('answers RATE_LIMITED when a phone floods round.act beyond its rate', async () => {
    const { anaPhone, benPhone, roundId } = await liveRoom();
    const flood = LIMITS.eventsBurst + 15;
    const acks = await Promise.all(
      Array.from({ length: flood }, (_, i) =>
        emitAck(anaPhone, 'round.act', {
          roundId,
          action: { type: 'answer', choices: [i % 3] },
        }),
      ),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    // The bucket holds a burst and refills slowly: most of the overflow is refused.
    expect(limited).toBeGreaterThanOrEqual(10);
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(LIMITS.eventsBurst + 5);
    // The limit is per participant: Ben, on the same IP, is not slowed down.
    expect(
      await emitAck(benPhone, 'round.act', { roundId, action: { type: 'answer', choices: [1] } }),
    ).toMatchObject({ ok: true });
  });

  it('disconnects a socket when it keeps sending events that are refused', async () => {
    const { anaPhone, benPhone } = await liveRoom();
    const closed = disconnected(anaPhone);
    // Junk and rate-limited events alike count as strikes; 50 in a row end the connection.
    const acks = await Promise.all(
      Array.from({ length: 60 }, () =>
        emitRaw(anaPhone, 'session.sync', { lastSeq: 'x' }).catch(() => 'no ack'),
      ),
    );
    expect(await closed).toBe('io server disconnect');
    expect(acks.filter((a) => a === 'no ack').length).toBeGreaterThan(0);
    // Only that socket: the rest of the room is unaffected.
    expect(benPhone.connected).toBe(true);
  });

  it('answers BAD_REQUEST and changes nothing when payloads are invalid', async () => {
    const { facilitator, anaPhone, roundId } = await liveRoom();
    const before = await seqOf(facilitator);
    const junk: [string, unknown][] = [
      ['round.act', null],
      ['round.act', 'answer'],
      ['round.act', { roundId: 'not an id!', action: { type: 'answer', choices: [0] } }],
      ['round.act', { roundId, action: { type: 'answer', choices: ['0'] } }],
      ['round.act', { roundId, action: { type: 'answer', choices: [] } }],
      ['round.act', { roundId, action: { type: 'vote', choices: [0] } }],
      ['round.act', { roundId, action: { type: 'answer', choices: [-1] } }],
      ['session.sync', { lastSeq: -1 }],
      ['session.sync', {}],
      ['participant.leave', { now: true }],
    ];
    for (const [event, payload] of junk) {
      const ack = await emitRaw(anaPhone, event, payload);
      expect(ack, `${event} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST', message: expect.any(String) as unknown },
      });
    }
    const controls: unknown[] = [
      { type: 'round.explode' },
      { type: 'timer.start', seconds: 0 },
      { type: 'timer.start', seconds: LIMITS.timerSeconds + 1 },
      { type: 'round.goto', roundId: '../../etc' },
      {},
    ];
    for (const command of controls) {
      expect(await emitRaw(facilitator, 'session.control', command)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    // A well-formed answer to an option that does not exist is refused by the poll itself.
    expect(
      await emitAck(anaPhone, 'round.act', { roundId, action: { type: 'answer', choices: [7] } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ACTION' } });

    expect(await seqOf(facilitator)).toBe(before);
    expect(anaPhone.connected).toBe(true);
    // Nothing was accepted, so Ana's phone holds no answer for this round.
    const own = await nextView(anaPhone, 'view.own');
    expect(choicesOf(own.view, roundId)).toEqual([]);
  });
});
