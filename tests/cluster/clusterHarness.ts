/**
 * Cluster harness: Playfield processes as children sharing one Redis and one PostgreSQL
 * (TEST_REDIS_URL, TEST_DATABASE_URL), so a test can kill one the hard way (SIGKILL) or
 * freeze it (SIGSTOP) and see the others carry on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Redis } from 'ioredis';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const REDIS_URL = process.env.TEST_REDIS_URL ?? '';
export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';
/** Both services are needed; without them the cluster tests skip and say why. */
export const hasServices = Boolean(REDIS_URL && DATABASE_URL.startsWith('postgres'));
export const SKIP_REASON =
  'cluster tests skipped: set TEST_REDIS_URL and TEST_DATABASE_URL (PostgreSQL) to run them (.ci/run does)';

/** One Playfield process of the cluster. */
export interface ClusterProcess {
  name: string;
  url: string;
  pid: number;
  /** SIGKILL: no shutdown hook runs, its leases are never given up. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: a process frozen by the OS (a long GC pause, a stalled VM). */
  pause(): void;
  resume(): void;
  output(): string;
  isRunning(): boolean;
}

/** Settings of every process: short leases so failover fits a test. */
export interface ClusterOptions {
  leaseMs?: number;
  rpcTimeoutMs?: number;
  /** More settings of the process's environment (say TRUST_PROXY for per-address tests). */
  env?: Record<string, string>;
}

let bundled: Promise<string> | null = null;

/**
 * The server bundled from the sources as `npm run build` does, into a file of its own (the
 * shared dist/ is left alone): three processes start in a second or two, where tsx would
 * transform the sources in each of them.
 */
export function bundleServer(): Promise<string> {
  bundled ??= (async () => {
    // Inside the server's workspace, so its dependencies resolve as the workspace's do.
    const outfile = path.join(ROOT, 'server', 'dist', 'cluster', 'main.js');
    const dependencies = (file: string) =>
      Object.keys(
        (JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as { dependencies?: object })
          .dependencies ?? {},
      );
    await build({
      entryPoints: [path.join(ROOT, 'server/src/main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: [...dependencies('server/package.json'), ...dependencies('shared/package.json')],
      sourcemap: true,
      logLevel: 'warning',
    });
    return outfile;
  })();
  return bundled;
}

export async function startProcess(
  name: string,
  options: ClusterOptions = {},
): Promise<ClusterProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-cluster-'));
  const args = ['--enable-source-maps', await bundleServer()];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: '',
      PUBLIC_URL: '',
      QUIET: '1',
      REDIS_URL,
      DATABASE_URL,
      CLUSTER_LEASE_MS: String(options.leaseMs ?? 2000),
      CLUSTER_RPC_TIMEOUT_MS: String(options.rpcTimeoutMs ?? 1500),
      // The load generator is one address: do not let the per-address limits refuse it.
      JOINS_PER_MINUTE_PER_ADDRESS: '100000',
      JOINS_PER_MINUTE_PER_SESSION: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    // Generous: on a loaded 2-core machine three processes start slowly, side by side.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start:\n${output}`));
    }, 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Playfield is running at http:\/\/localhost:(\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before listening:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async kill() {
      if (isRunning()) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
      }
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    output: () => output,
    isRunning,
  };
}

/** Redis and PostgreSQL as the test reads them: who holds a lease, what the log holds. */
export interface Inspect {
  /** The pid of the process holding the session's lease (its id ends "-pid-random"). */
  ownerPid(sessionId: string): Promise<number | null>;
  /** The session's stored events, in order. */
  events(
    sessionId: string,
  ): Promise<{ seq: number; type: string; payload: Record<string, unknown> }[]>;
  close(): Promise<void>;
}

export function inspect(): Inspect {
  const redis = new Redis(REDIS_URL);
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  return {
    async ownerPid(sessionId) {
      const value = await redis.get(`playfield:lease:${sessionId}`);
      const id = value?.split(' ')[0] ?? '';
      const pid = /-(\d+)-[0-9a-f]+$/.exec(id)?.[1];
      return pid ? Number(pid) : null;
    },
    async events(sessionId) {
      const rows = await pool.query<{ seq: number; type: string; payload: string }>(
        'SELECT seq, type, payload FROM events WHERE session_id = $1 ORDER BY seq',
        [sessionId],
      );
      return rows.rows.map((r) => ({
        seq: Number(r.seq),
        type: r.type,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
      }));
    },
    async close() {
      await redis.quit();
      await pool.end();
    },
  };
}

/** Polls `check` (a cheap read of Redis or PostgreSQL) until it holds; fails after `ms`. */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  ms = 10_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves on the socket's next message of `event` (from now on); fails after `ms`. */
export function nextMessage(
  socket: {
    once(event: string, run: () => void): unknown;
    off(event: string, run: () => void): unknown;
  },
  event: string,
  ms = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      socket.off(event, done);
      reject(new Error(`No ${event} within ${ms} ms`));
    }, ms);
    socket.once(event, done);
  });
}
