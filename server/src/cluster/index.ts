import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ServerConfig } from '../config.ts';
import { reportFault } from '../faults/faults.ts';
import { Cluster } from './cluster.ts';
import { Fence } from './fence.ts';
import { Leases } from './lease.ts';
import { Rpc } from './rpc.ts';

export type { Cluster } from './cluster.ts';

/** A started cluster membership: what app.ts wires into storage, socket.io and sessions. */
export interface ClusterWiring {
  cluster: Cluster;
  /** The database URL to store with: names this process, for the fence. */
  databaseUrl: string;
  /** The socket.io adapter factory (Redis Streams), for every namespace. */
  adapter: unknown;
  /** Gives the leases up and closes the Redis connections (after sessions are stored). */
  close(): Promise<void>;
}

/**
 * Joins the cluster named by REDIS_URL: opens Redis (ioredis, loaded only here, so a single
 * process never loads Redis code), sets the fence up in PostgreSQL, and starts the leases,
 * the requests between processes and the Redis Streams adapter.
 */
export async function startCluster(config: ServerConfig): Promise<ClusterWiring> {
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
  const rpc = await Rpc.start(redis, processId, config.clusterRpcTimeoutMs);
  let cluster: Cluster | null = null;
  const leases = new Leases(redis, processId, config.clusterLeaseMs, (item) => cluster?.lost(item));
  cluster = new Cluster(processId, leases, fence, rpc);
  const streams = redis.duplicate();
  streams.on('error', (error: unknown) => reportFault('cluster: redis streams', error));
  if (!config.isQuiet) console.log(`Cluster: process ${processId} on ${redisUrl}`);
  const joined = cluster;
  return {
    cluster: joined,
    databaseUrl: Fence.withApplicationName(databaseUrl, processId),
    adapter: createAdapter(streams, { streamName: 'playfield', maxLen: 100_000 }),
    async close() {
      joined.stop();
      await leases.close();
      await rpc.close();
      await fence.close();
      // The adapter's blocking reads end with their connection.
      streams.disconnect();
      await redis.quit().catch(() => undefined);
    },
  };
}
