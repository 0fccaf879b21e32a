/** The load bench's settings and flags (bench.ts). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Joins and socket connections in flight at once, so the machine is not swamped. */
export const CONCURRENCY = 50;
export const ACK_TIMEOUT_MS = 30_000;
export const STEP_TIMEOUT_MS = 90_000;
/** Round changes timed: this many next/back pairs, all samples pooled. */
export const ADVANCE_REPEATS = 3;
export const FACILITATOR_PAUSE_MS = 300;

export interface Options {
  participants: number;
  seed: string;
  timeoutMs: number;
  cpuProfDir: string | null;
  scenario: 'rounds' | 'qa' | 'rooms';
  rooms: number;
  phones: number;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1));
    else values.set(arg.slice(2), argv[++i] ?? '');
  }
  const known = new Set([
    'participants',
    'seed',
    'timeout-s',
    'cpu-prof-dir',
    'scenario',
    'rooms',
    'phones',
  ]);
  for (const key of values.keys()) if (!known.has(key)) throw new Error(`Unknown option --${key}`);
  const positiveInt = (name: string, raw: string | undefined, fallback: number): number => {
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
    return n;
  };
  const cpuProfDir = values.get('cpu-prof-dir');
  const scenario = values.get('scenario') ?? 'rounds';
  if (scenario !== 'rounds' && scenario !== 'qa' && scenario !== 'rooms')
    throw new Error('--scenario is rounds, qa, rooms or rehearsal');
  return {
    scenario,
    rooms: positiveInt('--rooms', values.get('rooms'), 100),
    phones: positiveInt('--phones', values.get('phones'), 30),
    participants: positiveInt(
      '--participants',
      values.get('participants') ?? env.BENCH_PARTICIPANTS,
      500,
    ),
    seed: values.get('seed') || 'bench',
    timeoutMs: positiveInt('--timeout-s', values.get('timeout-s'), 300) * 1000,
    cpuProfDir: cpuProfDir ? path.resolve(cpuProfDir) : null,
  };
}

/**
 * The flags for the rehearsal bench when `--scenario rehearsal` is asked for (a whole built-in
 * day with 2,000 simulated seats by default: rehearsalBench.ts), or null for this file's own.
 */
export function rehearsalScenarioArgs(argv: readonly string[]): string[] | null {
  const rest: string[] = [];
  let isRehearsal = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--scenario=rehearsal') isRehearsal = true;
    else if (arg === '--scenario' && argv[i + 1] === 'rehearsal') {
      isRehearsal = true;
      i++;
    } else rest.push(arg);
  }
  return isRehearsal ? rest : null;
}

/**
 * With `--scenario rehearsal`, runs the rehearsal bench in its own process with the other
 * flags (--participants, --workshop, --pace, --round-timeout-s) and exits with its status.
 */
export function runRehearsalIfAsked(): void {
  const rehearsalArgs = rehearsalScenarioArgs(process.argv.slice(2));
  if (rehearsalArgs) {
    // Its own process and flags (--participants, --workshop, --pace, --round-timeout-s).
    const script = new URL('./rehearsalBench.ts', import.meta.url).pathname;
    const child = spawnSync(process.execPath, [...process.execArgv, script, ...rehearsalArgs], {
      stdio: 'inherit',
    });
    process.exit(child.status ?? 1);
  }
}

/** This run's options from the command line, or exit 2 with what is wrong. */
export function optionsOrExit(): Options {
  return (() => {
    try {
      return parseOptions(process.argv.slice(2), process.env);
    } catch (error) {
      console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    }
  })();
}
