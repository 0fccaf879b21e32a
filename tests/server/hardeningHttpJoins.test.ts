/**
 * Hardening of the HTTP API, over real HTTP against real servers: notebook imports (rate,
 * size and nesting bounded before parsing, a facilitator credential, one transaction, a
 * storage quota), join allowances that a client cannot dodge by changing its device id,
 * QR joins that wrong-code guessing on the same address cannot block, `no-store` on API
 * answers, the Host allowlist, and plans closed to seats that left.
 *
 * This file covers join allowances, QR joins, `no-store`, the Host allowlist and plans closed to seats that left; the other hardeningHttp*.test.ts files cover the rest.
 */
import http from 'node:http';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type JoinedSeat } from '@playfield/shared';
import {
  connectRefused,
  connectTo,
  createSessionAt,
  emitAck,
  facilitatorOf,
  newDeviceId,
  participantOf,
  postJson,
  requestJson,
} from './harness.ts';
import { cleanups, server, serverWith } from './hardeningHttpFixtures.ts';

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Joins ----------------------------------------------------------------------------------

const join = (url: string, body: Record<string, unknown>) =>
  postJson(`${url}/api/join`, { name: 'Someone', deviceId: newDeviceId(), ...body });

describe('joins', () => {
  it('seats at most a room-sized burst from one address, whatever device ids it sends', async () => {
    const test = await server();
    const session = await test.createSession();
    let seated = 0;
    let refused = 0;
    const started = performance.now();
    for (let i = 0; i < 400; i++) {
      const response = await join(test.url, {
        code: session.code,
        name: `Fake ${i}`,
        sessionId: session.sessionId,
      });
      if (response.status === 201) seated++;
      else if (response.status === 429) refused++;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[joins] one address, 400 device ids in ${seconds.toFixed(1)} s: ${seated} seated, ${refused} refused`,
    );
    // A bucket of 300 refilled at 300 a minute (5 a second) while the loop ran.
    expect(seated).toBeGreaterThanOrEqual(300);
    expect(seated).toBeLessThanOrEqual(300 + Math.ceil(seconds * 5));
    expect(seated + refused).toBe(400);
    expect(test.countRows('participant_tokens')).toBe(seated);
  }, 90_000);

  it('seats at most the per-session allowance, while other sessions keep joining', async () => {
    const { url } = await serverWith({ joinsPerMinutePerSession: 5 });
    const busy = await createSessionAt(url);
    const quiet = await createSessionAt(url);
    const statuses = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await join(url, { code: busy.code, name: `P${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    expect((await join(url, { code: quiet.code })).status).toBe(201);
  });

  it('lets a phone with the QR code join after 200 wrong codes from its address', async () => {
    // One join a minute per address: the bucket the guessers empty does not refill while
    // the test runs, however slow the machine (at the default 300 it refills every 200 ms).
    const test = await serverWith({ joinsPerMinutePerAddress: 1 });
    const session = await createSessionAt(test.url);
    // Eight guessers with rotating device ids, so only the address's bucket holds them
    // back; they go on guessing while the phone joins, taking every token that refills.
    let guesses = 0;
    let isGuessing = true;
    let isLimited = false;
    const guessers = Array.from({ length: 8 }, async () => {
      while (isGuessing) {
        const response = await join(test.url, { code: guesses++ % 2 ? 'ZZZZZZ' : 'QQQQQQ' });
        if (response.status === 429) isLimited = true;
      }
    });
    while (!isLimited || guesses < 200) await requestJson(`${test.url}/api/config`);

    const typed = await join(test.url, { code: session.code });
    expect(typed.status).toBe(429);
    expect(JSON.stringify(typed.body)).toMatch(/scan the QR code/);

    const scanned = await join(test.url, { code: session.code, sessionId: session.sessionId });
    expect(scanned.status).toBe(201);
    const lookup = await requestJson(`${test.url}/api/join/${session.code}?s=${session.sessionId}`);
    expect(lookup.status).toBe(200);

    // An id that is not the code's session is treated exactly like a guess.
    const other = await createSessionAt(test.url);
    const mismatched = await join(test.url, { code: session.code, sessionId: other.sessionId });
    isGuessing = false;
    await Promise.all(guessers);
    expect(mismatched).toMatchObject({ status: typed.status, body: typed.body });
  });

  it('answers an id that does not match its code exactly as a wrong code', async () => {
    const test = await server();
    const session = await test.createSession();
    const other = await test.createSession();
    const deviceId = newDeviceId();
    const wrongCode = await join(test.url, { code: 'ZZZZZZ', deviceId });
    const wrongId = await join(test.url, {
      code: session.code,
      sessionId: other.sessionId,
      deviceId,
    });
    expect(wrongCode.status).toBe(404);
    expect(wrongId).toMatchObject({ status: wrongCode.status, body: wrongCode.body });
    const lookups = await Promise.all([
      requestJson(`${test.url}/api/join/ZZZZZZ`),
      requestJson(`${test.url}/api/join/${session.code}?s=${other.sessionId}`),
    ]);
    expect(lookups[1]).toMatchObject({ status: lookups[0].status, body: lookups[0].body });
  });
});

// HTTP hygiene ---------------------------------------------------------------------------

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function getWithHost(url: string, host: string): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: target.hostname, port: target.port, path: target.pathname, headers: { host } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
  });
}

describe('HTTP hygiene', () => {
  it('marks every API answer no-store, refusals included', async () => {
    const test = await server();
    const session = await test.createSession();
    const answers = [
      await postJson(`${test.url}/api/sessions`, { title: 'Another', agenda: [] }),
      await join(test.url, { code: session.code }),
      await requestJson(`${test.url}/api/config`),
      await requestJson(`${test.url}/api/sessions/${session.sessionId}/screen-key`, {
        headers: { authorization: `Bearer ${session.facilitatorToken}` },
      }),
      await requestJson(`${test.url}/api/plan`),
      await requestJson(`${test.url}/api/nothing-here`),
    ];
    expect(answers.map((a) => a.status)).toEqual([201, 201, 200, 200, 401, 404]);
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('answers only to its own host names, over HTTP and socket.io', async () => {
    const { url, port } = await serverWith({
      allowedHosts: ['workshop.example'],
      publicUrl: 'http://playfield.example.org:8080',
    });
    const allowed = [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'workshop.example',
      'playfield.example.org:8080',
      `${os.hostname()}:${port}`,
    ];
    for (const host of allowed) expect(await getWithHost(`${url}/api/config`, host)).toBe(200);
    for (const host of ['evil.example', `attacker.example:${port}`, '127.0.0.1.nip.io'])
      expect(await getWithHost(`${url}/api/config`, host)).toBe(421);

    const session = await createSessionAt(url);
    const credential = facilitatorOf(session);
    await connectRefused(
      url,
      { protocolVersion: PROTOCOL_VERSION, credential },
      { extraHeaders: { host: 'evil.example' } },
    );
    const socket = await connectTo(url, credential, {
      extraHeaders: { host: 'workshop.example' },
    });
    socket.disconnect();
  });
});

// Plans ----------------------------------------------------------------------------------

describe('plans', () => {
  it('closes the plan and its exports to a seat that left', async () => {
    const test = await server();
    const session = await test.createSession();
    const seat: JoinedSeat = await test.join(session.code, 'Ana');
    const auth = { headers: { authorization: `Bearer ${seat.resumeToken}` } };
    expect((await requestJson(`${test.url}/api/plan`, auth)).status).toBe(200);
    expect((await requestJson(`${test.url}/api/plan/export/md`, auth)).status).toBe(200);

    const phone = await test.connect(participantOf(seat));
    expect((await emitAck(phone, 'participant.leave', {})).ok).toBe(true);

    expect((await requestJson(`${test.url}/api/plan`, auth)).status).toBe(401);
    for (const format of ['md', 'pdf', 'ics'])
      expect((await requestJson(`${test.url}/api/plan/export/${format}`, auth)).status).toBe(401);
  });
});
