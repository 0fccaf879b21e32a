/**
 * Connections are admitted at a bounded rate: a burst of phones past it (a restart, an
 * overload) is told BUSY, and each phone, trying again after its jittered pause as the web
 * client does, ends up connected with its views.
 */
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@playfield/shared';
import { retryRefusedHandshakes } from '../../client/src/realtime/link.ts';
import { admission } from '../../server/src/realtime/socketServer.ts';
import {
  nextView,
  participantOf,
  startTestServer,
  type ConnectError,
  type TestServer,
  type TestSocket,
} from './harness.ts';

const PHONES = 24;
const RATE = { perSecond: 20, burst: 6 };

let server: TestServer;
const sockets: TestSocket[] = [];
const defaults = { ...admission };
beforeEach(async () => {
  Object.assign(admission, RATE);
  server = await startTestServer();
});
afterEach(async () => {
  Object.assign(admission, defaults);
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.close();
});

describe('a burst of connections past the admission rate', () => {
  it('is told BUSY, and every phone retrying with backoff ends up connected', async () => {
    const session = await server.createSession();
    const seats = await Promise.all(
      Array.from({ length: PHONES }, (_, i) => server.join(session.code, `Person ${i + 1}`)),
    );
    const refusals: string[] = [];
    const connected = seats.map((seat) => {
      const socket: TestSocket = io(server.url, {
        transports: ['websocket'],
        forceNew: true,
        auth: { protocolVersion: PROTOCOL_VERSION, credential: participantOf(seat) },
      });
      sockets.push(socket);
      // Short pauses, still jittered, so the test takes a second or two rather than ten.
      retryRefusedHandshakes(socket, (attempt) => (20 + Math.random() * 40) * 2 ** attempt);
      socket.on('connect_error', (error: ConnectError) => {
        refusals.push(error.data?.code ?? error.message);
      });
      // Admitted phones are sent their views at once: wait for the public one.
      return nextView(socket, 'view.public').then(() => socket);
    });

    const phones = await Promise.all(connected);
    expect(phones.every((socket) => socket.connected)).toBe(true);
    // The burst was bigger than the bucket: some were refused, and only as BUSY.
    expect(refusals.length).toBeGreaterThanOrEqual(PHONES - RATE.burst);
    expect(new Set(refusals)).toEqual(new Set(['BUSY']));
  });
});
