import { useCallback, useState } from 'react';
import { FormError } from '../accounts/FormError.tsx';
import { useFormAction } from '../accounts/useFormAction.ts';
import { copyText } from '../components/copyText.ts';
import { useLoaded } from './useLoaded.ts';
import { ROLE_HINTS, ROLE_NAMES } from './roles.ts';
import { RoleSelect } from './RoleSelect.tsx';
import { invitationLink, workspaceApi, type WorkspaceRole } from './workspaceApi.ts';
import styles from './Workspace.module.css';

/** An owner's invitations: a new link for a chosen role (shown once), the open ones, revoking. */
export function InvitationsPanel({ workspaceId }: { workspaceId: string }) {
  const load = useCallback(() => workspaceApi.invitations(workspaceId), [workspaceId]);
  const { data, error, reload } = useLoaded(load);
  const [role, setRole] = useState<WorkspaceRole>('facilitator');
  const [link, setLink] = useState<string | null>(null);
  const [isCopied, setCopied] = useState(false);
  const action = useFormAction();

  async function invite() {
    const done = await action.run(() => workspaceApi.invite(workspaceId, role));
    if (!done) return;
    setLink(invitationLink(done.data.token));
    setCopied(false);
    reload();
  }

  async function copy() {
    if (!link) return;
    if (await copyText(link)) setCopied(true);
    else action.setError('Copying is not allowed here: select the link and copy it');
  }

  return (
    <section className="card stack" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations</h2>
      <p className="muted">
        A link works once, for 7 days. Send it to one colleague; revoke it if it went astray.
      </p>
      <label className="field">
        <span>Role of the new member</span>
        <RoleSelect value={role} aria-describedby="invite-role-hint" onChange={setRole} />
      </label>
      <p id="invite-role-hint" className={styles.hint}>
        A {role} {ROLE_HINTS[role]}.
      </p>
      <button
        className="button button--primary"
        type="button"
        disabled={action.isBusy}
        onClick={() => void invite()}
      >
        Create invitation link
      </button>
      {link && (
        <div className="stack stack--tight">
          <label className="field">
            <span>Invitation link (shown once)</span>
            <input readOnly value={link} onFocus={(e) => e.target.select()} />
          </label>
          <div className="actions">
            <button className="button" type="button" onClick={() => void copy()}>
              Copy link
            </button>
            {isCopied && (
              <span role="status" className={styles.done}>
                Copied
              </span>
            )}
          </div>
        </div>
      )}
      <FormError id="invitations-error" message={action.error ?? error} />
      {data && data.invitations.length > 0 && (
        <ul className={styles.list} aria-label="Open invitations">
          {data.invitations.map((i) => (
            <li key={i.id} className={styles.member}>
              <span>
                {ROLE_NAMES[i.role]}, until {new Date(i.expiresAt).toLocaleDateString()}
              </span>
              <button
                className="button button--small"
                type="button"
                aria-label={`Revoke the ${ROLE_NAMES[i.role].toLowerCase()} invitation made ${new Date(i.createdAt).toLocaleString()}`}
                onClick={() =>
                  void action.run(() => workspaceApi.revoke(workspaceId, i.id)).then(reload)
                }
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
