import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ServerConfig } from '../config.ts';
import { reportFault } from '../faults/faults.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import { Cluster, type SocketRunner } from './cluster.ts';
import { Fence } from './fence.ts';

export type { Cluster } from './cluster.ts';

/**
 * This process's membership of the cluster, before any session exists: its name, its Redis
 * clients, the fence, the database URL that names it and the socket.io adapter. app.ts
 * builds storage and socket.io with it, then the host (`host`) once the socket layer it
 * runs events with is built.
 */
export interface ClusterMembership {
  processId: string;
  /** The database URL to store with: names this process, for the fence. */
  databaseUrl: string;
  /** The socket.io adapter factory (Redis Streams), for every namespace. */
  adapter: unknown;
  /**
   * Builds the host (leases, requests between processes, sockets per session) and, with
   * it, the session manager it serves (`sessions(cluster)`), then takes requests.
   */
  host(sockets: SocketRunner, sessions: (cluster: Cluster) => SessionManager): Promise<Cluster>;
  /** Closes the fence's pool and the Redis connections (after the host is closed). */
  close(): Promise<void>;
}

/**
 * Joins the cluster named by REDIS_URL: opens Redis (ioredis, loaded only here, so a single
 * process never loads Redis code), sets the fence up in PostgreSQL and the Redis Streams
 * adapter. Leases and requests start with the host.
 */
export async function joinCluster(config: ServerConfig): Promise<ClusterMembership> {
  const { redisUrl, databaseUrl } = config;
  if (!redisUrl) throw new Error('REDIS_URL is not set');
  if (!databaseUrl?.startsWith('postgres'))
    throw new Error('REDIS_URL needs DATABASE_URL to point at PostgreSQL: the processes share it');
  const { Redis } = await import('ioredis');
  const { createAdapter } = await import('@socket.io/redis-streams-adapter');
  const processId = `${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
  redis.on('error', (error: unknown) => reportFault('cluster: redis', error));
  await redis.ping();
  const fence = new Fence(databaseUrl, processId);
  const streams = redis.duplicate();
  streams.on('error', (error: unknown) => reportFault('cluster: redis streams', error));
  if (!config.isQuiet) console.log(`Cluster: process ${processId} on ${redisUrl}`);
  return {
    processId,
    databaseUrl: Fence.withApplicationName(databaseUrl, processId),
    adapter: createAdapter(streams, { streamName: 'playfield', maxLen: 100_000 }),
    host: (sockets, sessions) =>
      Cluster.start(
        {
          processId,
          redis,
          fence,
          leaseMs: config.clusterLeaseMs,
          rpcTimeoutMs: config.clusterRpcTimeoutMs,
        },
        sockets,
        sessions,
      ),
    async close() {
      await fence.close();
      // The adapter's blocking reads end with their connection.
      streams.disconnect();
      await redis.quit().catch(() => undefined);
    },
  };
}
