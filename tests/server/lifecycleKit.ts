import sharp from 'sharp';
import type { CreatedSession, CreateSessionBody } from '@playfield/shared';
import type { Playfield } from '../../server/src/app.ts';
import { LifecycleStore } from '../../server/src/lifecycle/repository.ts';
import type { BackendName } from './databases.ts';
import {
  connectTo,
  createSessionAt,
  joinAt,
  startServerOn,
  type ClientOptions,
  type TestSocket,
} from './harness.ts';
import type { Credential } from '@playfield/shared';

export { BACKEND_NAMES as BACKENDS } from './databases.ts';

/** A real server on a free port over one backend, with the row counter of the lifecycle store. */
export interface LifecycleServer {
  url: string;
  playfield: Playfield;
  store: LifecycleStore;
  createSession(body?: Partial<CreateSessionBody>): Promise<CreatedSession>;
  join(code: string, name: string): ReturnType<typeof joinAt>;
  connect(credential: Credential, options?: ClientOptions): Promise<TestSocket>;
  close(): Promise<void>;
}

/** Starts the real server in this process on `backend`; `close()` removes its data. */
export async function startLifecycleServer(backend: BackendName): Promise<LifecycleServer> {
  const server = await startServerOn(backend);
  const playfield = server.playfield;
  const url = server.url;
  const sockets = new Set<TestSocket>();
  return {
    url,
    playfield,
    store: new LifecycleStore(playfield.manager.repository),
    createSession: (body) => createSessionAt(url, body),
    join: (code, name) => joinAt(url, code, name),
    async connect(credential, options) {
      const socket = await connectTo(url, credential, options);
      sockets.add(socket);
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await server.close();
    },
  };
}

/** A small PNG, as a facilitator would upload for a slide. */
export function png(): Promise<Buffer> {
  return sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 31, g: 90, b: 160 } },
  })
    .png()
    .toBuffer();
}

/** `Authorization: Bearer …` */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
