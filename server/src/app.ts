import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import compression from 'compression';
import express, { type ErrorRequestHandler } from 'express';
import { LIMITS, PROTOCOL_VERSION } from '@playfield/shared';
import type { Cluster } from './cluster/cluster.ts';
import type { ServerConfig } from './config.ts';
import { DocumentAccess } from './docs/documentAccess.ts';
import { DocumentHub } from './docs/documentHub.ts';
import { NotebookWriter } from './docs/notebookWriter.ts';
import { PlanService } from './docs/planService.ts';
import { accountsRouter } from './accounts/router.ts';
import { faultReport } from './faults/faults.ts';
import { lifecycleRouter } from './lifecycle/router.ts';
import { ConsoleAccess } from './workspaces/consoleAccess.ts';
import { RetentionJob } from './workspaces/retention.ts';
import { workspacesRouter } from './workspaces/router.ts';
import { RehearsalService } from './rehearsal/service.ts';
import { RehearsalRunners } from './rehearsal/runners.ts';
import { rehearsalRouter } from './rehearsal/router.ts';
import { ImageStore, type ImageTables } from './http/images/imageStore.ts';
import { imagesRouter } from './http/images/imagesRouter.ts';
import { noStore } from './http/respond.ts';
import { httpRoutes } from './http/routes.ts';
import { serveClient } from './http/staticClient.ts';
import { attachDocSockets, docSink } from './realtime/docSocket.ts';
import { clusterRunner, createSocketIo, serveSessions, viewSink } from './realtime/socketServer.ts';
import { HostAllowlist } from './security/hostAllowlist.ts';
import { StorageQuota } from './security/storageQuota.ts';
import { SessionManager } from './sessions/sessionManager.ts';
import { Repository } from './store/repository.ts';

/** A running Playfield server. */
export interface Playfield {
  port: number;
  url: string;
  /** Where phones join: PUBLIC_URL, or this machine's LAN address. */
  publicUrl: string | null;
  manager: SessionManager;
  /** The collaborative documents (plans and notebooks), for tests and benchmarks. */
  documents: DocumentHub;
  /** The rehearsals' simulated rooms, for tests and benchmarks. */
  rehearsals: RehearsalService;
  /** The workspaces' retention job, for tests. */
  retention: RetentionJob;
  close(): Promise<void>;
}

/** The first LAN address, so phones in the room can reach a laptop serving on localhost. */
function lanUrl(port: number): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const address = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (address) return `http://${address.address}:${port}`;
  }
  return null;
}

const securityHeaders: express.RequestHandler = (_req, res, next) => {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy':
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  });
  next();
};

/** Body parser failures become typed errors, never stack traces. */
const jsonErrors: ErrorRequestHandler = (error: { type?: string }, _req, res, next) => {
  if (error.type === 'entity.too.large') {
    res.status(413).json({ error: { code: 'TOO_LARGE', message: 'Request too large' } });
  } else if (error.type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'Malformed JSON' } });
  } else {
    console.error('[http]', error);
    if (res.headersSent) return next(error);
    res
      .status(500)
      .json({ error: { code: 'INTERNAL', message: 'Something went wrong on the server' } });
  }
};

/** Starts storage, the HTTP API, socket.io and the built client on one port. */
export async function startPlayfield(config: ServerConfig): Promise<Playfield> {
  // REDIS_URL: one process of a cluster (Redis code is loaded only then).
  const membership = config.redisUrl
    ? await (await import('./cluster/index.ts')).joinCluster(config)
    : null;
  const repository = await Repository.open(
    membership ? { ...config, databaseUrl: membership.databaseUrl } : config,
  );
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const server = http.createServer(app);
  // The port chosen when listening on port 0, once listening.
  const boundPort = () => (server.address() as AddressInfo | null)?.port ?? config.port;
  const publicUrl = () => config.publicUrl ?? lanUrl(boundPort());

  // Built once each, in dependency order: the sockets' server first (the sinks views and
  // document edits go out through), then the documents, the sessions that feed them, and
  // the socket handlers and routes that use both. Each is handed what it needs when built.
  const hosts = new HostAllowlist(config);
  const quota = new StorageQuota(config.storedBytesPerDayPerAddress);
  const io = createSocketIo(server, {
    allowedOrigins: config.allowedOrigins,
    isHostAllowed: (req) => hosts.allowsRequest(req),
    adapter: membership?.adapter,
  });
  const hub = new DocumentHub(repository, docSink(io));
  const notebooks = new NotebookWriter(hub);
  const plans = new PlanService(hub);
  const consoles = new ConsoleAccess(repository);
  // Rehearsals' simulated rooms start as their sessions load: told so by the manager.
  const runners = new RehearsalRunners(hub, plans);
  const sessionsWith = (cluster: Cluster | null) =>
    new SessionManager(
      repository,
      viewSink(io, cluster),
      Date.now,
      (state, events) => notebooks.committed(state, events),
      config.unusedSessionDays,
      cluster,
      (session, isCurrent) => runners.loaded(session, isCurrent),
    );
  // Cluster: the host and the sessions need each other, so the host builds the manager with
  // itself (see cluster.ts); it runs socket events with the runner built here beforehand.
  const cluster = membership
    ? await membership.host(clusterRunner(io, plans, consoles), sessionsWith)
    : null;
  const manager = cluster?.sessions ?? sessionsWith(null);
  serveSessions(io, manager, { plans, cluster, consoles });
  const access = new DocumentAccess(manager, hub, notebooks);
  const rehearsals = new RehearsalService(manager, runners);
  // Workspaces' retention of participants' raw answers: at start, then hourly.
  const retention = new RetentionJob({ repository, manager, hub, notebooks });
  retention.start();
  const docSockets = attachDocSockets(io, hub, access);
  const startedAt = Date.now();

  app.use(securityHeaders);
  app.use(hosts.middleware);
  app.get('/healthz', (_req, res) => {
    res.json({
      status: 'ok',
      protocolVersion: PROTOCOL_VERSION,
      storage: repository.kind,
      liveSessions: manager.liveCount,
      liveDocuments: hub.liveCount,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      faults: faultReport(),
    });
  });
  // Slide images: cached for a year (an id never changes its bytes), so before no-store.
  app.use(
    '/api',
    imagesRouter({ store: new ImageStore(repository.tablesOf<ImageTables>()), quota }),
  );
  // API answers carry secrets (tokens, keys, links): no cache may keep them.
  // JSON and exports go out compressed when the client accepts it.
  app.use('/api', noStore, compression());
  const lifecycle = lifecycleRouter({ manager, hub, io, repository });
  app.use('/api', lifecycle.router);
  app.use('/api', accountsRouter({ repository, manager, allowedOrigins: config.allowedOrigins }));
  app.use(
    '/api',
    workspacesRouter({
      repository,
      manager,
      allowedOrigins: config.allowedOrigins,
      consoles,
      lifecycle: lifecycle.service,
    }),
  );
  const routes = httpRoutes({
    manager,
    hub,
    notebooks,
    quota,
    publicUrl,
    joinsPerMinutePerAddress: config.joinsPerMinutePerAddress,
    joinsPerMinutePerSession: config.joinsPerMinutePerSession,
    checkTypedCode: (found) => rehearsals.checkTypedCode(found),
    revokeLink: docSockets.revokeLink,
  });
  app.use('/api', routes.documents);
  app.use(
    '/api',
    express.json({ limit: LIMITS.httpBodyBytes }),
    rehearsalRouter({ manager, rehearsals }),
  );
  app.use('/api', express.json({ limit: LIMITS.httpBodyBytes }), routes.sessions);

  const clientDir = config.clientDir;
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) serveClient(app, clientDir);
  app.use(jsonErrors);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = boundPort();

  return {
    port,
    url: `http://localhost:${port}`,
    publicUrl: publicUrl(),
    manager,
    documents: hub,
    rehearsals,
    retention,
    async close() {
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      await retention.stop();
      rehearsals.close();
      notebooks.close();
      await manager.close();
      await cluster?.close();
      await membership?.close();
      await hub.close();
      await repository.close();
    },
  };
}
