/**
 * app.ts builds each part once, in order, and reads what is only known once listening (the
 * port the OS chose for port 0) where it is asked, instead of a variable patched later.
 */
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { own } from '@playfield/shared';
import {
  emitAck,
  facilitatorOf,
  requestJson,
  startServerOn,
  startTestServer,
  type BackendServer,
} from './harness.ts';

/** The first LAN address, as the server looks for it. */
function lanAddress(): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const address = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (address) return address.address;
  }
  return null;
}

let server: BackendServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('the wiring of one process', () => {
  it('tells phones the LAN address with the port the server listens on when started on port 0', async () => {
    server = await startServerOn('sqlite', { publicUrl: null });
    const { port } = server.playfield;
    expect(port).toBeGreaterThan(0);
    const lan = lanAddress();
    const expected = lan ? `http://${lan}:${port}` : null;
    expect(server.playfield.publicUrl).toBe(expected);
    const config = await requestJson(`${server.url}/api/config`);
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ publicUrl: expected });
  });

  it('answers /api/config with PUBLIC_URL when it is set', async () => {
    server = await startServerOn('sqlite', { publicUrl: 'https://playfield.example.org' });
    const config = await requestJson(`${server.url}/api/config`);
    expect(config.body).toMatchObject({ publicUrl: 'https://playfield.example.org' });
    expect(server.playfield.publicUrl).toBe('https://playfield.example.org');
  });

  it('runs the routes and the sockets on the one session manager it returns', async () => {
    const test = await startTestServer();
    try {
      const session = await test.createSession({ title: 'Wiring' });
      const facilitator = await test.connect(facilitatorOf(session));
      // Joined through an HTTP route, started through the socket server.
      const seat = await test.join(session.code, 'Ana');
      expect(
        await emitAck(facilitator, 'session.control', { type: 'session.start' }),
      ).toMatchObject({ ok: true });
      const live = test.playfield.manager.peek(session.sessionId);
      expect(live?.state.phase).toBe('live');
      expect(own(live?.state.participants ?? {}, seat.participantId)?.name).toBe('Ana');
      const health = await requestJson(`${test.url}/healthz`);
      expect(health.body).toMatchObject({ liveSessions: 1 });
    } finally {
      await test.close();
    }
  });
});
