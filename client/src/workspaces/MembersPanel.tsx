import { FormError } from '../accounts/FormError.tsx';
import { useFormAction } from '../accounts/useFormAction.ts';
import { navigate } from '../router.ts';
import { InvitationsPanel } from './InvitationsPanel.tsx';
import { RetentionPanel } from './RetentionPanel.tsx';
import { ROLE_NAMES } from './roles.ts';
import { RoleSelect } from './RoleSelect.tsx';
import { workspaceApi, type WorkspaceDetail } from './workspaceApi.ts';
import styles from './Workspace.module.css';

/** The members with their roles; an owner changes roles, removes members and invites. */
export function MembersPanel({
  workspace,
  onChanged,
}: {
  workspace: WorkspaceDetail;
  onChanged: () => void;
}) {
  const action = useFormAction();
  const isOwner = workspace.role === 'owner';

  async function change(run: () => ReturnType<typeof workspaceApi.leave>) {
    if (await action.run(run)) onChanged();
  }

  async function leave() {
    if (await action.run(() => workspaceApi.leave(workspace.id))) navigate('/workspaces');
  }

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <ul className={styles.list}>
          {workspace.members.map((m) => {
            const isSelf = m.accountId === workspace.accountId;
            return (
              <li key={m.accountId} className={styles.member}>
                <span className={styles.email}>
                  {m.email}
                  {isSelf && ' (you)'}
                </span>
                {isOwner && !isSelf ? (
                  <span className={styles.memberActions}>
                    <label className="visually-hidden" htmlFor={`role-${m.accountId}`}>
                      Role of {m.email}
                    </label>
                    <RoleSelect
                      id={`role-${m.accountId}`}
                      value={m.role}
                      disabled={action.isBusy}
                      onChange={(role) =>
                        void change(
                          () =>
                            workspaceApi.setRole(workspace.id, m.accountId, role) as ReturnType<
                              typeof workspaceApi.leave
                            >,
                        )
                      }
                    />
                    <button
                      className="button button--small button--danger"
                      type="button"
                      aria-label={`Remove ${m.email}`}
                      disabled={action.isBusy}
                      onClick={() =>
                        void change(() => workspaceApi.remove(workspace.id, m.accountId))
                      }
                    >
                      Remove
                    </button>
                  </span>
                ) : (
                  <span className="status-pill">{ROLE_NAMES[m.role]}</span>
                )}
              </li>
            );
          })}
        </ul>
        <FormError id="members-error" message={action.error} />
        <div className="actions">
          <button
            className="button button--small"
            type="button"
            disabled={action.isBusy}
            onClick={() => void leave()}
          >
            Leave this workspace
          </button>
        </div>
      </section>
      {isOwner && <InvitationsPanel workspaceId={workspace.id} />}
      {isOwner && <RetentionPanel workspaceId={workspace.id} />}
    </div>
  );
}
