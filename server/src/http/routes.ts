import express from 'express';
import type { Result, SessionHeader } from '@playfield/shared';
import type { DocumentHub } from '../docs/documentHub.ts';
import type { NotebookWriter } from '../docs/notebookWriter.ts';
import type { StorageQuota } from '../security/storageQuota.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import { RequestAuth } from './auth.ts';
import { exportsRouter } from './exports/router.ts';
import { ExportService } from './exports/service.ts';
import { notebooksRouter } from './notebooks/router.ts';
import { NotebookService } from './notebooks/service.ts';
import { plansRouter } from './plans/router.ts';
import { PlanReader } from './plans/service.ts';
import { JoinGuard } from './sessions/joinGuard.ts';
import { sessionsRouter } from './sessions/router.ts';

/**
 * The JSON API, one router per domain, each built once with the services it needs.
 * `documents` (plans, notebooks, exports) parse their own bodies (the notebook import
 * streams its own); `sessions` answers every route nobody served, so it is mounted last.
 */
export function httpRoutes(options: {
  manager: SessionManager;
  hub: DocumentHub;
  notebooks: NotebookWriter;
  quota: StorageQuota;
  publicUrl: () => string | null;
  joinsPerMinutePerAddress: number;
  joinsPerMinutePerSession: number;
  /** A typed code found a session: may it be joined so? (A rehearsal says no unless opened.) */
  checkTypedCode?: (found: SessionHeader) => Promise<Result<SessionHeader>>;
  /** Cuts the open connections of a revoked share link. */
  revokeLink: (tokenHash: string, docId: string) => void;
}): { documents: express.Router; sessions: express.Router } {
  const { manager, hub, quota } = options;
  const auth = new RequestAuth(manager);
  const plans = new PlanReader(manager, hub);
  const notebooks = new NotebookService(manager, hub, options.notebooks, auth);
  const exports = new ExportService(manager, hub, options.notebooks, plans);
  const joins = new JoinGuard(manager, options);
  const documents = express.Router();
  documents.use(plansRouter({ auth, plans }));
  documents.use(
    notebooksRouter({ auth, notebooks, manager, quota, revokeLink: options.revokeLink }),
  );
  documents.use(exportsRouter({ auth, exports, notebooks }));
  return {
    documents,
    sessions: sessionsRouter({ manager, auth, joins, publicUrl: options.publicUrl, quota }),
  };
}
