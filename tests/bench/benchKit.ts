/**
 * What the benchmarks share: measuring a server child process (CPU and RSS from /proc, heap
 * after a forced collection through tests/bench/heapProbe.ts), starting Playfield or the bare
 * socket.io baseline as that child, percentiles, and HTTP from a chosen local address (the
 * many-rooms scenario creates its sessions from many addresses, as many customers would).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HOST = '127.0.0.1';

export const log = (message: string): void => {
  // Progress goes to stderr: stdout carries only the tables and the final JSON line.
  process.stderr.write(`[bench] ${message}\n`);
};

/** Nearest-rank percentile of samples in ms; null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    null
  );
}

export const round1 = (n: number | null): number | null =>
  n === null ? null : Math.round(n * 10) / 10;

export const ms = (v: number | null): string => (v === null ? 'n/a' : `${v.toFixed(1)} ms`);

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function pool<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** RSS in kB and CPU seconds (user + system) of a process, read from /proc. */
export function readProc(pid: number): { rssKb: number; cpuS: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces: state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime (14) + stime (15)
    return { rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0), cpuS: ticks / CLOCK_TICKS };
  } catch {
    return null; // the process is gone
  }
}

/** A benchmarked server in its own process. */
export interface ServerChild {
  child: ChildProcess;
  port: number;
  base: string;
  exited: Promise<void>;
  /** CPU seconds the server has used so far. */
  cpuS: () => number;
  /** Heap in use after a forced collection, in KB (null if the probe did not answer). */
  heapKb(): Promise<number | null>;
  /**
   * Starts, or stops and writes, a CPU profile of one phase (`<cpu-prof-dir>/phase-<name>
   * .cpuprofile`); resolves at once without a profile directory.
   */
  profile(action: 'start' | 'stop', name: string): Promise<void>;
  /** SIGTERM (the server saves and exits, writing a --cpu-prof profile), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/**
 * Starts `script` (relative to the repository) under Node with the heap probe and an IPC
 * channel, and waits for the line `… running at http://…:PORT`.
 */
export async function startChild(
  script: string,
  env: NodeJS.ProcessEnv,
  cpuProfDir: string | null,
  label = 'server',
): Promise<ServerChild> {
  const probe = pathToFileURL(path.join(ROOT, 'tests/bench/heapProbe.ts')).href;
  const args = [
    '--expose-gc',
    ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
    '--import',
    'tsx',
    '--import',
    probe,
    script,
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST,
      QUIET: '1',
      ...(cpuProfDir ? { BENCH_PHASE_PROFILE_DIR: cpuProfDir } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr?.on('data', (chunk: Buffer) =>
    process.stderr.write(`[${label}] ${chunk.toString()}`),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    // Minutes, not seconds: on a machine shared with other work, tsx alone may take a minute.
    const timer = setTimeout(() => reject(new Error(`${label} did not start in 3 min`)), 180_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited during start-up (code ${code})`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /running at http:\/\/[^:\s]+:(\d+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  const pid = child.pid ?? 0;
  return {
    child,
    port,
    base: `http://${HOST}:${port}`,
    exited,
    cpuS: () => readProc(pid)?.cpuS ?? 0,
    heapKb: () =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.off('message', onMessage);
          resolve(null);
        }, 30_000);
        const onMessage = (message: unknown): void => {
          if (typeof message !== 'object' || message === null || !('heapUsed' in message)) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          const { heapUsed, hasGc } = message as { heapUsed: unknown; hasGc: unknown };
          if (hasGc !== true) log(`WARNING: ${label} has no gc(): heap figures include garbage`);
          resolve(typeof heapUsed === 'number' ? heapUsed / 1024 : null);
        };
        child.on('message', onMessage);
        child.send('heap');
      }),
    profile: (action, name) =>
      new Promise((resolve) => {
        if (!cpuProfDir) return resolve();
        const phaseName = `phase-${name}`;
        child.send({ profile: action, name: phaseName });
        if (action === 'start') return resolve();
        const timer = setTimeout(() => done(), 30_000);
        const onMessage = (message: unknown): void => {
          if (typeof message === 'object' && message !== null && 'profiled' in message) done();
        };
        const done = (): void => {
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve();
        };
        child.on('message', onMessage);
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * POSTs JSON from `localAddress` (any of 127.0.0.0/8 on Linux) and returns the parsed reply:
 * per-address limits (sessions created per minute) then count each room's host apart.
 */
export function postFrom(url: string, body: unknown, localAddress?: string): Promise<unknown> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
        timeout: 30_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          try {
            const json: unknown = JSON.parse(text);
            if ((response.statusCode ?? 500) >= 400)
              reject(new Error(`${url}: ${response.statusCode} ${text}`));
            else resolve(json);
          } catch {
            reject(new Error(`${url}: ${response.statusCode} ${text.slice(0, 200)}`));
          }
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${url}: timed out`)));
    request.on('error', reject);
    request.end(payload);
  });
}

const FIGURES_DIR = path.join(ROOT, 'test-artifacts/bench');

/** Keeps a run's figures (test-artifacts/bench/NAME.json) for later runs to compare with. */
export function saveFigures(name: string, figures: object): void {
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  const at = new Date().toISOString();
  fs.writeFileSync(path.join(FIGURES_DIR, `${name}.json`), JSON.stringify({ at, ...figures }));
}

/** The figures of the last run kept under `name`, or null. */
export function loadFigures(name: string): Record<string, unknown> | null {
  try {
    const json: unknown = JSON.parse(
      fs.readFileSync(path.join(FIGURES_DIR, `${name}.json`), 'utf8'),
    );
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
