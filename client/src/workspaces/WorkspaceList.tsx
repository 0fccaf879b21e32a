import { useEffect, useState, type FormEvent } from 'react';
import { FormError } from '../accounts/FormError.tsx';
import { useFormAction } from '../accounts/useFormAction.ts';
import { Link } from '../components/Link.tsx';
import { navigate } from '../router.ts';
import { ROLE_NAMES } from './roles.ts';
import { workspaceApi, type WorkspaceSummary } from './workspaceApi.ts';
import styles from './Workspace.module.css';

/** The workspaces the account belongs to, and a form to start one for a team. */
export function WorkspaceList() {
  const [workspaces, setWorkspaces] = useState<WorkspaceSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const create = useFormAction();

  useEffect(() => {
    void workspaceApi.list().then((r) => {
      if (r.ok) setWorkspaces(r.data.workspaces);
      else setLoadError(r.error.message);
    });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await create.run(() => workspaceApi.create(name));
    if (done) navigate(`/workspaces/${done.data.id}`);
  }

  return (
    <>
      <section className="card stack" aria-labelledby="workspaces-heading">
        <h1 id="workspaces-heading">Workspaces</h1>
        <p className="muted">
          A workspace is your team’s library: sessions, notebooks and agenda templates that every
          member sees after signing in, on any device.
        </p>
        <FormError id="workspaces-error" message={loadError} />
        {workspaces === null && !loadError && <p className="muted">Loading…</p>}
        {workspaces?.length === 0 && <p>You are not in any workspace yet.</p>}
        {workspaces && workspaces.length > 0 && (
          <ul className={styles.list}>
            {workspaces.map((w) => (
              <li key={w.id} className={styles.row}>
                <Link href={`/workspaces/${w.id}`} className={styles.title}>
                  {w.name}
                </Link>
                <span className="status-pill">{ROLE_NAMES[w.role]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="new-workspace-heading">
        <h2 id="new-workspace-heading">New workspace</h2>
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <label className="field">
            <span>Team name</span>
            <input
              value={name}
              maxLength={80}
              required
              onChange={(e) => setName(e.target.value)}
              aria-describedby={create.error ? 'create-error' : undefined}
            />
          </label>
          <FormError id="create-error" message={create.error} />
          <button className="button button--primary" type="submit" disabled={create.isBusy}>
            Create workspace
          </button>
        </form>
      </section>
    </>
  );
}
