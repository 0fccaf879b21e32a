/** Shared helpers for the HTTP hardening tests: servers with their clean-up, a child server process with a health probe, archives and timing. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, startPlayfield, type ServerConfig } from '@playfield/server';
import { startTestServer, type TestServer } from './harness.ts';

// Servers --------------------------------------------------------------------------------

export const cleanups: (() => Promise<void> | void)[] = [];

/** The harness's in-process server, closed after the test. */
export async function server(): Promise<TestServer> {
  const started = await startTestServer();
  cleanups.push(() => started.close());
  return started;
}

/** An in-process server with some settings changed (the harness's takes the defaults). */
export async function serverWith(
  overrides: Partial<ServerConfig>,
): Promise<{ url: string; port: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-hardening-'));
  const playfield = await startPlayfield({
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: null,
    isQuiet: true,
    allowedOrigins: [],
    ...overrides,
  });
  cleanups.push(async () => {
    await playfield.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { url: `http://127.0.0.1:${playfield.port}`, port: playfield.port };
}
