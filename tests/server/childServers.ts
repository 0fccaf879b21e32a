/**
 * The server as a child process, so a crash test can kill it the hard way (SIGKILL, like a
 * pulled plug) and start it again on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { connectTo, withTimeout, type TestSocket } from './sockets.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A server running as a child process, so a test can kill it the hard way. */
export interface ChildServer {
  url: string;
  port: number;
  /** SIGKILL: no shutdown hook runs, exactly like a crash or a pulled plug. */
  kill(): Promise<void>;
}

/** A child server that also reports whether it is still running and what it printed. */
export interface WatchedChildServer extends ChildServer {
  /** Everything the process printed on stdout and stderr so far (a crash's stack trace). */
  output(): string;
  /** True until the process exits, for whatever reason. */
  isRunning(): boolean;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns the server (see {@link childServerArgs}) as its own process on `dataDir`, and resolves once it prints
 * the address it listens on. `port` 0 picks a free port; pass the old port to bring a
 * server back where clients expect it.
 */
export async function startChildServer(dataDir: string, port = 0): Promise<ChildServer> {
  return startWatchedChildServer(dataDir, port);
}

let childArgs: string[] | null = null;

/**
 * How a child server is run: the built bundle (`server/dist/main.js`, as `npm start` runs it)
 * when it is newer than every server and shared source, since it starts in a fraction of the
 * time; otherwise the sources through tsx, so a test never runs stale code.
 */
export function childServerArgs(): string[] {
  if (childArgs) return childArgs;
  const bundle = path.join(ROOT, 'server/dist/main.js');
  const newestSource = Math.max(
    ...['server/src', 'shared/src'].flatMap((folder) =>
      fs
        .readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs),
    ),
  );
  const isFresh = fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= newestSource;
  childArgs = isFresh
    ? ['--enable-source-maps', bundle]
    : ['--import', 'tsx', 'server/src/main.ts'];
  return childArgs;
}

/**
 * Like {@link startChildServer}, and the result also says whether the process is still
 * alive and what it printed: resilience tests observe a crash from outside with it.
 */
export async function startWatchedChildServer(
  dataDir: string,
  port = 0,
): Promise<WatchedChildServer> {
  const child: ChildProcess = spawn(process.execPath, childServerArgs(), {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: '',
      PUBLIC_URL: '',
      QUIET: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let output = '';
  // Keep reading both streams for the child's whole life, so it never blocks on a full pipe.
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Playfield is running at http:\/\/localhost:(\d+)/.exec(output);
      if (match?.[1]) resolve(Number(match[1]));
    });
    child.once('exit', (code) =>
      reject(new Error(`Server exited (${code}) before listening:\n${output}`)),
    );
  });
  let childPort: number;
  try {
    childPort = await withTimeout(listening, 'the child server to listen', 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${childPort}`,
    port: childPort,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    output: () => output,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    exited,
  };
}

/** A fresh, empty data directory the caller removes with {@link removeDataDir}. */
export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-crash-'));
}

export function removeDataDir(dataDir: string): void {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Child servers for crash tests, with a fresh data directory per call of `newDataDir`.
 * Each test kills its servers itself; the `afterEach` registered here only cleans up
 * after a failed one (sockets, processes, directories). Call it inside a `describe`.
 */
export function useChildServers() {
  const children: ChildServer[] = [];
  const sockets: TestSocket[] = [];
  const dataDirs: string[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(children.splice(0).map((child) => child.kill()));
    for (const dir of dataDirs.splice(0)) removeDataDir(dir);
  });
  return {
    newDataDir: (): string => {
      const dir = newDataDir();
      dataDirs.push(dir);
      return dir;
    },
    start: async (dataDir: string, port?: number): Promise<ChildServer> => {
      const child = await startChildServer(dataDir, port);
      children.push(child);
      return child;
    },
    /** Like `start`, with the process's liveness and output (see {@link WatchedChildServer}). */
    startWatched: async (dataDir: string, port?: number): Promise<WatchedChildServer> => {
      const child = await startWatchedChildServer(dataDir, port);
      children.push(child);
      return child;
    },
    connect: async (...args: Parameters<typeof connectTo>): Promise<TestSocket> => {
      const socket = await connectTo(...args);
      sockets.push(socket);
      return socket;
    },
  };
}
