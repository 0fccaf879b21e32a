import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, LIMITS } from '@playfield/shared';
import {
  emitAck,
  facilitatorOf,
  newDeviceId,
  pollRound,
  postJson,
  requestJson,
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

/** A well-formed join code that is not `taken`. */
function wrongCode(taken: string, n: number): string {
  const alphabet = JOIN_CODE_ALPHABET;
  let code = '';
  for (let i = 0; i < 6; i++) code += alphabet[(n * 7 + i * 3) % alphabet.length];
  return code === taken ? wrongCode(taken, n + 1) : code;
}

describe('HTTP API', () => {
  it('answers healthz with 200 and a JSON status when the server is up', async () => {
    const { status, body, headers } = await requestJson(`${server.url}/healthz`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/application\/json/);
    expect(body).toMatchObject({ status: 'ok', protocolVersion: 1, storage: 'sqlite' });
  });

  it('answers 404 with a JSON error when an /api route does not exist', async () => {
    const { status, body } = await requestJson(`${server.url}/api/nope`);
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) as unknown } });
  });

  it('answers 400 BAD_REQUEST when the JSON is malformed', async () => {
    const { status, body } = await requestJson(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": "Broken",',
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js|SyntaxError/);
    expect(server.countRows('sessions')).toBe(0);
  });

  it('answers 413 when a body is over 64 KB', async () => {
    const { status, body } = await postJson(`${server.url}/api/sessions`, {
      title: 'Too big',
      agenda: [pollRound()],
      padding: 'x'.repeat(LIMITS.httpBodyBytes + 1),
    });
    expect(status).toBe(413);
    expect(body).toMatchObject({ error: { code: 'TOO_LARGE' } });
    expect(server.countRows('sessions')).toBe(0);
  });

  it('answers 400 with a readable message and stores nothing when the agenda is invalid', async () => {
    const onlyOneOption = await postJson(`${server.url}/api/sessions`, {
      title: 'Bad poll',
      agenda: [pollRound({ options: ['Only one'] })],
    });
    expect(onlyOneOption.status).toBe(400);
    expect(onlyOneOption.body).toMatchObject({
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/options/) as unknown },
    });

    const unknownKind = await postJson(`${server.url}/api/sessions`, {
      title: 'Unknown',
      agenda: [{ kind: 'karaoke', title: 'Sing', config: {} }],
    });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body).toMatchObject({
      error: { code: 'BAD_REQUEST', message: 'Unknown exercise "karaoke"' },
    });

    const noTitle = await postJson(`${server.url}/api/sessions`, { title: '  ', agenda: [] });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body).toMatchObject({
      error: { code: 'BAD_REQUEST', message: 'title: Must not be empty' },
    });

    const notAnArray = await postJson(`${server.url}/api/sessions`, {
      title: 'Agenda',
      agenda: 'poll',
    });
    expect(notAnArray.status).toBe(400);

    expect(server.countRows('sessions')).toBe(0);
    expect(server.countRows('events')).toBe(0);
  });
});

describe('joining', () => {
  it('finds a session by its code when typed in lowercase with spaces and dashes', async () => {
    const session = await server.createSession({ title: 'Front desk' });
    const typed = ` ${session.code.slice(0, 3).toLowerCase()} -${session.code.slice(3).toLowerCase()} `;
    const { status, body } = await requestJson(
      `${server.url}/api/join/${encodeURIComponent(typed)}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: session.sessionId,
      code: session.code,
      title: 'Front desk',
      phase: 'lobby',
    });

    const seat = await server.join(typed, 'Ana');
    expect(seat).toMatchObject({ sessionId: session.sessionId, name: 'Ana' });
    expect(seat.resumeToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('answers 404 when the code is unknown', async () => {
    const session = await server.createSession();
    const lookup = await requestJson(`${server.url}/api/join/${wrongCode(session.code, 1)}`);
    expect(lookup.status).toBe(404);
    expect(lookup.body).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const join = await postJson(`${server.url}/api/join`, {
      code: wrongCode(session.code, 2),
      name: 'Ana',
      deviceId: newDeviceId(),
    });
    expect(join.status).toBe(404);
    expect(server.countRows('participant_tokens')).toBe(0);
  });

  it('answers 409 NAME_TAKEN with a suggestion when the name is in use', async () => {
    const session = await server.createSession();
    await server.join(session.code, 'Sam');
    const { status, body } = await postJson(`${server.url}/api/join`, {
      code: session.code,
      // Names compare case-insensitively and after whitespace is collapsed.
      name: '  sam ',
      deviceId: newDeviceId(),
    });
    expect(status).toBe(409);
    expect(body).toMatchObject({ error: { code: 'NAME_TAKEN', suggestion: 'sam 2' } });
    expect(server.countRows('participant_tokens')).toBe(1);
  });

  it('answers 410 SESSION_ENDED when the session has ended', async () => {
    const session = await server.createSession({ title: 'Yesterday' });
    const facilitator = await server.connect(facilitatorOf(session));
    expect(await emitAck(facilitator, 'session.control', { type: 'session.end' })).toMatchObject({
      ok: true,
    });

    const lookup = await requestJson(`${server.url}/api/join/${session.code}`);
    expect(lookup.status).toBe(410);
    expect(lookup.body).toMatchObject({ error: { code: 'SESSION_ENDED' } });
    const join = await postJson(`${server.url}/api/join`, {
      code: session.code,
      name: 'Late',
      deviceId: newDeviceId(),
    });
    expect(join.status).toBe(410);
  });

  it('rate limits code guessing per device while another phone on the same IP still joins', async () => {
    const session = await server.createSession();
    const guesser = newDeviceId();
    const statuses: number[] = [];
    for (let n = 0; n < LIMITS.joinFailuresPerMinute + 2; n++) {
      const { status } = await postJson(`${server.url}/api/join`, {
        code: wrongCode(session.code, n),
        name: 'Guesser',
        deviceId: guesser,
      });
      statuses.push(status);
    }
    expect(statuses.slice(0, LIMITS.joinFailuresPerMinute)).toEqual(
      Array<number>(LIMITS.joinFailuresPerMinute).fill(404),
    );
    expect(statuses.slice(LIMITS.joinFailuresPerMinute)).toEqual([429, 429]);

    // The guessing device is slowed down even with the right code...
    const blocked = await postJson(`${server.url}/api/join`, {
      code: session.code,
      name: 'Guesser',
      deviceId: guesser,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });

    // ...but the rest of the room, behind the same office IP, is not.
    const neighbour = await server.join(session.code, 'Neighbour', newDeviceId());
    expect(neighbour.sessionId).toBe(session.sessionId);
  });
});
