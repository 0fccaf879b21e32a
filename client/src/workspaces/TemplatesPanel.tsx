import { useCallback, useState } from 'react';
import { FormError } from '../accounts/FormError.tsx';
import { useFormAction } from '../accounts/useFormAction.ts';
import { navigate } from '../router.ts';
import { rememberFacilitated } from '../storage.ts';
import { useLoaded } from './useLoaded.ts';
import { workspaceApi, type Template } from './workspaceApi.ts';
import styles from './Workspace.module.css';

/**
 * The workspace's agenda templates, then the built-in workshops (read-only): start a
 * session from one (it joins the library and its console opens), duplicate, delete.
 */
export function TemplatesPanel({
  workspaceId,
  canRun,
  version,
}: {
  workspaceId: string;
  canRun: boolean;
  version: number;
}) {
  const load = useCallback(
    () => workspaceApi.templates(workspaceId),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version asks again on purpose
    [workspaceId, version],
  );
  const { data, error, reload } = useLoaded(load);
  const action = useFormAction();
  const [status, setStatus] = useState<string | null>(null);

  async function start(template: Template) {
    const done = await action.run(() => workspaceApi.startFromTemplate(workspaceId, template.id));
    if (!done) return;
    const { sessionId, facilitatorToken, screenKey } = done.data;
    rememberFacilitated({ sessionId, token: facilitatorToken, screenKey });
    navigate(`/console/${sessionId}`);
  }

  async function duplicate(template: Template) {
    const done = await action.run(() => workspaceApi.duplicateTemplate(workspaceId, template.id));
    if (!done) return;
    setStatus(`“${done.data.title}” added`);
    reload();
  }

  async function remove(template: Template) {
    if (!(await action.run(() => workspaceApi.deleteTemplate(workspaceId, template.id)))) return;
    setStatus(`“${template.title}” deleted`);
    reload();
  }

  return (
    <section className="card stack" aria-labelledby="templates-heading">
      <h2 id="templates-heading">Templates</h2>
      <FormError id="templates-error" message={action.error ?? error} />
      {status && (
        <p role="status" className={styles.done}>
          {status}
        </p>
      )}
      {data && (
        <ul className={styles.list} aria-label="Templates">
          {data.templates.map((t) => (
            <li key={t.id} className={styles.entry} data-testid="template">
              <div className={styles.entryHead}>
                <strong className={styles.title}>{t.title}</strong>
                {t.isBuiltIn && <span className="status-pill">Built-in, read-only</span>}
              </div>
              <p className={styles.meta}>
                {t.roundCount} {t.roundCount === 1 ? 'round' : 'rounds'}
                {t.createdAt !== null && ` · saved ${new Date(t.createdAt).toLocaleDateString()}`}
              </p>
              {canRun && (
                <div className="actions">
                  <button
                    className="button button--small button--primary"
                    type="button"
                    aria-label={`Start a session from ${t.title}`}
                    disabled={action.isBusy}
                    onClick={() => void start(t)}
                  >
                    Start session
                  </button>
                  <button
                    className="button button--small"
                    type="button"
                    aria-label={`Duplicate ${t.title}`}
                    disabled={action.isBusy}
                    onClick={() => void duplicate(t)}
                  >
                    Duplicate
                  </button>
                  {!t.isBuiltIn && (
                    <button
                      className="button button--small button--danger"
                      type="button"
                      aria-label={`Delete ${t.title}`}
                      disabled={action.isBusy}
                      onClick={() => void remove(t)}
                    >
                      Delete
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
