import { useEffect, useState, type FormEvent } from 'react';
import { FormError } from '../accounts/FormError.tsx';
import { useFormAction } from '../accounts/useFormAction.ts';
import { workspaceApi } from './workspaceApi.ts';
import styles from './Workspace.module.css';

/** The bounds the server accepts (server/src/workspaces/retention.ts). */
const MIN_DAYS = 1;
const MAX_DAYS = 3650;
/** What the field offers when an owner first turns retention on. */
const DEFAULT_DAYS = 90;

/**
 * An owner's setting: delete participants' raw answers N days after a session ends. The
 * notebook (notes and each round's results) stays; the library marks the sessions done.
 */
export function RetentionPanel({ workspaceId }: { workspaceId: string }) {
  const action = useFormAction();
  const [isOn, setOn] = useState(false);
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const [isLoaded, setLoaded] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    void workspaceApi.retention(workspaceId).then((r) => {
      if (!r.ok) return action.setError(r.error.message);
      setOn(r.data.days !== null);
      if (r.data.days !== null) setDays(String(r.data.days));
      setLoaded(true);
    });
    // Loaded once per workspace; `action` is a fresh object each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspaceId]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const n = Number(days);
    if (isOn && (!Number.isInteger(n) || n < MIN_DAYS || n > MAX_DAYS))
      return action.setError(`Choose a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}`);
    const done = await action.run(() => workspaceApi.setRetention(workspaceId, isOn ? n : null));
    if (!done) return;
    setSaved(
      done.data.days === null
        ? 'Saved: raw answers are kept'
        : `Saved: raw answers are deleted ${done.data.days} days after a session ends`,
    );
  }

  return (
    <section className="card stack" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Data retention</h2>
      <p className={styles.meta}>
        Participants’ raw answers (each person’s answers and unshared plans) of finished sessions
        are deleted after this many days. Notebooks keep their notes and round results.
      </p>
      <form className="stack" noValidate onSubmit={(e) => void save(e)}>
        <label className="check">
          <input
            type="checkbox"
            checked={isOn}
            disabled={!isLoaded}
            onChange={(e) => setOn(e.target.checked)}
          />
          <span>Delete participants’ raw answers</span>
        </label>
        <label className="field">
          <span>Days after a session ends</span>
          <input
            type="number"
            inputMode="numeric"
            min={MIN_DAYS}
            max={MAX_DAYS}
            step={1}
            value={days}
            disabled={!isOn || !isLoaded}
            onChange={(e) => setDays(e.target.value)}
          />
        </label>
        <div className="actions">
          <button
            className="button button--small"
            type="submit"
            disabled={!isLoaded || action.isBusy}
          >
            Save retention
          </button>
        </div>
      </form>
      <FormError id="retention-error" message={action.error} />
      {saved && (
        <p role="status" className={styles.done}>
          {saved}
        </p>
      )}
    </section>
  );
}
