import type { DocState } from '../docs/docConnection.ts';

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
    <div className={`plan-status plan-status--${state.status}`}>
      <p role="status" className="plan-status__text">
        <span className="plan-status__mark" aria-hidden="true" />
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
