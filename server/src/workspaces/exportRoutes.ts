import type { Router } from 'express';
import { reportFault } from '../faults/faults.ts';
import { sendError } from '../http/respond.ts';
import { safeFileName } from '../exports/zip.ts';
import { member, NO_WORKSPACE, OWNER_ONLY, type WorkspaceContext } from './access.ts';
import { writeWorkspaceArchive } from './exportArchive.ts';

/**
 * `GET /workspaces/:wid/export` (owners only): the whole workspace as one zip, streamed
 * as it is made (see exportArchive.ts). A fault after the first byte ends the download
 * broken, never the process; it is reported.
 */
export function exportRoutes(router: Router, context: WorkspaceContext): void {
  router.get('/workspaces/:wid/export', async (req, res) => {
    const m = await member(context, req, res, OWNER_ONLY);
    if (!m) return;
    const workspace = await context.workspaces.getWorkspace(m.workspaceId);
    if (!workspace) return sendError(res, NO_WORKSPACE);
    const now = new Date(context.now());
    const file = `${safeFileName(workspace.name, 'workspace')} ${now.toISOString().slice(0, 10)}.zip`;
    res.status(200).set({
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${file.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
      'Cache-Control': 'no-store',
    });
    try {
      await writeWorkspaceArchive(
        {
          workspaces: context.workspaces,
          repository: context.repository,
          manager: context.manager,
        },
        workspace,
        res,
        now,
      );
    } catch (error) {
      reportFault(`workspaces: export ${m.workspaceId}`, error);
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
