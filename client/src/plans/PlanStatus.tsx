import type { DocState } from '../docs/docConnection.ts';
import styles from './Plans.module.css';

/** How the mark and the words look in each state (saved is the plain look). */
const STATUS_CLASS: Partial<Record<DocState['status'], string | undefined>> = {
  connecting: styles.planStatusConnecting,
  saving: styles.planStatusSaving,
  offline: styles.planStatusOffline,
  failed: styles.planStatusFailed,
  revoked: styles.planStatusRevoked,
};

/** The words for where the plan stands: saved, on its way, kept here offline, or refused. */
export function planStatusText(state: DocState): string {
  switch (state.status) {
    case 'connecting':
      return 'Connecting…';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'offline':
      return 'Offline: your edits are kept on this device and sync when you are back online';
    case 'failed':
    case 'revoked':
      return state.error?.message ?? 'Your plan could not be saved';
  }
}

/**
 * The status line. A refused edit leaves this device's copy ahead of the server's; the
 * way out is offered, not taken: starting again from the saved copy drops that edit.
 */
export function PlanStatus({
  state,
  onStartAgain,
}: {
  state: DocState;
  onStartAgain?: () => void;
}) {
  const isProblem = state.status === 'failed' || state.status === 'revoked';
  return (
    <div
      className={`${styles.planStatus} ${STATUS_CLASS[state.status] ?? ''}`}
      data-testid="plan-status"
    >
      <p role="status" className={styles.planStatusText}>
        <span className={styles.planStatusMark} aria-hidden="true" />
        {planStatusText(state)}
      </p>
      {isProblem && state.rights === 'edit' && onStartAgain && (
        <button type="button" className="button button--quiet" onClick={onStartAgain}>
          Start again from the saved copy
        </button>
      )}
    </div>
  );
}
