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
}

/** Reads the configuration from environment variables, with embedded defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const root = process.cwd();
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(root, env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    publicUrl: env.PUBLIC_URL || null,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    clientDir: env.CLIENT_DIR === '' ? null : path.resolve(root, env.CLIENT_DIR ?? 'dist/client'),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    isQuiet: env.QUIET === '1',
  };
}
