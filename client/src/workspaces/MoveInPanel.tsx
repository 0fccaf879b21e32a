import { useCallback, useState } from 'react';
import { FormError } from '../accounts/FormError.tsx';
import { useFormAction } from '../accounts/useFormAction.ts';
import { useLoaded } from './useLoaded.ts';
import { workspaceApi } from './workspaceApi.ts';
import styles from './Workspace.module.css';

/**
 * The sessions in the account's own library (claimed from its browsers), to move into
 * the workspace: from then on they are the team's, listed for every member.
 */
export function MoveInPanel({
  workspaceId,
  onMoved,
}: {
  workspaceId: string;
  onMoved: () => void;
}) {
  const load = useCallback(() => workspaceApi.candidates(workspaceId), [workspaceId]);
  const { data, error, reload } = useLoaded(load);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const move = useFormAction();

  async function submit() {
    const done = await move.run(() => workspaceApi.moveIn(workspaceId, [...chosen]));
    if (!done) return;
    setChosen(new Set());
    reload();
    onMoved();
  }

  const toggle = (id: string, isOn: boolean) =>
    setChosen((c) => {
      const next = new Set(c);
      if (isOn) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <details className={styles.moveIn}>
      <summary>Add sessions from your account</summary>
      <div className="stack stack--tight">
        <FormError id="move-error" message={move.error ?? error} />
        {data && data.sessions.length === 0 && (
          <p className="muted">
            Your account holds no other sessions. Claim this browser’s sessions from your account
            page first.
          </p>
        )}
        {data && data.sessions.length > 0 && (
          <>
            <fieldset className={styles.choices}>
              <legend className="visually-hidden">Sessions to move into the workspace</legend>
              {data.sessions.map((s) => (
                <label key={s.sessionId} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(s.sessionId)}
                    onChange={(e) => toggle(s.sessionId, e.target.checked)}
                  />
                  <span>
                    {s.title}{' '}
                    <span className="muted">({new Date(s.createdAt).toLocaleDateString()})</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <button
              className="button"
              type="button"
              disabled={move.isBusy || chosen.size === 0}
              onClick={() => void submit()}
            >
              Move {chosen.size || ''} into the workspace
            </button>
          </>
        )}
      </div>
    </details>
  );
}
