import path from 'node:path';

/** Server settings, read once from the environment. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Folder of the embedded SQLite file. */
  dataDir: string;
  /** `postgres://…` switches storage to PostgreSQL. */
  databaseUrl: string | null;
  /** The address phones use to join, when the laptop itself is on localhost. */
  publicUrl: string | null;
  /** Extra browser origins allowed to open a socket (e.g. the Vite dev server). */
  allowedOrigins: string[];
  /** Folder of the built client; null serves no pages (API only). */
  clientDir: string | null;
  /** Express `trust proxy`: set when behind a load balancer so rate limits see client IPs. */
  trustProxy: boolean;
  /** Print only the address line at start-up (tests and benchmarks parse it). */
  isQuiet: boolean;
  /**
   * Extra host names (the `Host` header) this server answers to, beside localhost, this
   * machine's addresses and PUBLIC_URL's host: anything else is refused (DNS rebinding).
   */
  allowedHosts: string[];
  /**
   * Seats one network address may take per minute (a bucket of this size refilled at this
   * rate): a room behind one office NAT joins in a burst of a few hundred, not thousands.
   */
  joinsPerMinutePerAddress: number;
  /** Seats one session may hand out per minute, whoever asks. */
  joinsPerMinutePerSession: number;
  /** Bytes one network address may store per day through imports and new sessions. */
  storedBytesPerDayPerAddress: number;
  /**
   * Sessions never used (still in the lobby, nobody joined, no notebook or plan) are deleted
   * after this many days, so abandoned or scripted sessions do not fill the disk.
   */
  unusedSessionDays: number;
  /** `redis://…` (with a PostgreSQL DATABASE_URL) runs this process as one of a cluster. */
  redisUrl: string | null;
  /** Life of a cluster lease: how long a dead owner's sessions wait before another takes them. */
  clusterLeaseMs: number;
  /** How long a process waits for an owner's answer before asking again. */
  clusterRpcTimeoutMs: number;
}

/** A positive number from the environment, or the default when unset or malformed. */
function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the configuration from environment variables, with embedded defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const root = process.cwd();
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(root, env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    publicUrl: env.PUBLIC_URL || null,
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    clientDir: env.CLIENT_DIR === '' ? null : path.resolve(root, env.CLIENT_DIR ?? 'dist/client'),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    isQuiet: env.QUIET === '1',
    allowedHosts: list(env.ALLOWED_HOSTS),
    joinsPerMinutePerAddress: positive(env.JOINS_PER_MINUTE_PER_ADDRESS, 300),
    joinsPerMinutePerSession: positive(env.JOINS_PER_MINUTE_PER_SESSION, 600),
    storedBytesPerDayPerAddress: positive(env.STORED_BYTES_PER_DAY_PER_ADDRESS, 64 * 1024 * 1024),
    unusedSessionDays: positive(env.UNUSED_SESSION_DAYS, 14),
    redisUrl: env.REDIS_URL || null,
    clusterLeaseMs: positive(env.CLUSTER_LEASE_MS, 3000),
    clusterRpcTimeoutMs: positive(env.CLUSTER_RPC_TIMEOUT_MS, 2500),
  };
}
