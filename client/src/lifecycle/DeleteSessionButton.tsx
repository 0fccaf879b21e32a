import { useState } from 'react';
import type { Result } from '@playfield/shared';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { forgetFacilitated, lifecycleApi } from './lifecycleApi.ts';

/**
 * "Delete session…": a confirmation that names the session and says what goes, then the
 * deletion with the facilitator's key (or the library's own route, which checks the
 * member's role); the browser forgets the session's key after.
 */
export function DeleteSessionButton({
  sessionId,
  token,
  title,
  onDeleted,
  className = 'button button--quiet',
}: {
  sessionId: string;
  /** The facilitator's key, or how else to delete it (a workspace's library route). */
  token: string | { remove: () => Promise<Result<unknown>> };
  title: string;
  onDeleted: () => void;
  className?: string;
}) {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        aria-haspopup="dialog"
        aria-label={`Delete the session “${title}”`}
        onClick={() => setOpen(true)}
      >
        Delete session…
      </button>
      {isOpen && (
        <ConfirmDialog
          title={`Delete “${title}”?`}
          confirmLabel="Delete for good"
          onCancel={() => setOpen(false)}
          onConfirm={async () => {
            const result =
              typeof token === 'string'
                ? await lifecycleApi.deleteSession(sessionId, token)
                : await token.remove();
            if (!result.ok && result.error.code !== 'NOT_FOUND') return result.error.message;
            forgetFacilitated(sessionId);
            setOpen(false);
            onDeleted();
            return null;
          }}
        >
          <p>This deletes everything Playfield keeps of this session, at once and for good:</p>
          <ul>
            <li>its events: every answer, note, vote and question;</li>
            <li>its snapshots and results;</li>
            <li>participants’ tokens: their phones are told the session was deleted;</li>
            <li>participants’ action plans and the notebook, with their share links;</li>
            <li>images uploaded for its slides that no other session shows.</li>
          </ul>
          <p>Download what you want to keep (notebook, results, agenda file) first.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
