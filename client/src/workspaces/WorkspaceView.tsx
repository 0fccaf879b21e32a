import { useCallback, useEffect, useState } from 'react';
import { FormError } from '../accounts/FormError.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { LibraryPanel } from './LibraryPanel.tsx';
import { MembersPanel } from './MembersPanel.tsx';
import { ROLE_NAMES } from './roles.ts';
import { TemplatesPanel } from './TemplatesPanel.tsx';
import { workspaceApi, type WorkspaceDetail } from './workspaceApi.ts';
import styles from './Workspace.module.css';

/** One workspace: its library and templates, beside its members and invitations. */
export function WorkspaceView({ workspaceId }: { workspaceId: string }) {
  const [workspace, setWorkspace] = useState<WorkspaceDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** Bumped when a session's agenda is saved, so the templates list it. */
  const [templatesVersion, setTemplatesVersion] = useState(0);

  const load = useCallback(() => {
    void workspaceApi.get(workspaceId).then((r) => {
      if (r.ok) setWorkspace(r.data);
      else setProblem(r.error.message);
    });
  }, [workspaceId]);
  useEffect(load, [load]);

  if (problem)
    return (
      <section className="card stack" aria-labelledby="workspace-heading">
        <h1 id="workspace-heading">Workspace</h1>
        <FormError id="workspace-problem" message={problem} />
      </section>
    );
  if (!workspace) return <p className="muted">Loading…</p>;
  const canRun = workspace.role === 'owner' || workspace.role === 'facilitator';
  // A producer runs sessions' consoles, never their agendas or templates.
  const canConsole = canRun || workspace.role === 'producer';
  return (
    <>
      <header className={styles.head}>
        <h1 id="workspace-heading">{workspace.name}</h1>
        <span className="status-pill">You are {ROLE_NAMES[workspace.role].toLowerCase()}</span>
      </header>
      <div className={styles.columns}>
        <div className="stack">
          <LibraryPanel
            workspaceId={workspaceId}
            canRun={canRun}
            canConsole={canConsole}
            onTemplateSaved={() => setTemplatesVersion((v) => v + 1)}
          />
          <TemplatesPanel workspaceId={workspaceId} canRun={canRun} version={templatesVersion} />
        </div>
        <div className="stack">
          <MembersPanel workspace={workspace} onChanged={load} />
          {workspace.role === 'owner' && <ExportPanel workspaceId={workspaceId} />}
        </div>
      </div>
    </>
  );
}
