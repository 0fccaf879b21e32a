import { useState } from 'react';
import { ConfirmDialog } from '../lifecycle/ConfirmDialog.tsx';
import { DeleteSessionButton } from '../lifecycle/DeleteSessionButton.tsx';
import { workspaceApi, type LibrarySession } from './workspaceApi.ts';

/**
 * A library session's way out, for owners and facilitators: back to the account of the
 * member who moved it in (the session and its links stay), or deleted for good (the
 * server checks the member's role: nobody is handed the console's key), each after a
 * confirmation.
 */
export function LibraryEntryActions({
  workspaceId,
  session,
  onGone,
}: {
  workspaceId: string;
  session: LibrarySession;
  /** The session left the library: `message` says where it went. */
  onGone: (message: string) => void;
}) {
  const [isMoving, setMoving] = useState(false);
  const { sessionId, title } = session;
  return (
    <>
      <button
        className="button button--small"
        type="button"
        aria-haspopup="dialog"
        aria-label={`Take “${title}” out of this workspace`}
        onClick={() => setMoving(true)}
      >
        Take out…
      </button>
      <DeleteSessionButton
        className="button button--small button--danger"
        sessionId={sessionId}
        title={title}
        token={{ remove: () => workspaceApi.deleteSession(workspaceId, sessionId) }}
        onDeleted={() => onGone(`“${title}” is deleted`)}
      />
      {isMoving && (
        <ConfirmDialog
          title={`Take “${title}” out of this workspace?`}
          confirmLabel="Take out"
          onCancel={() => setMoving(false)}
          onConfirm={async () => {
            const result = await workspaceApi.moveBack(workspaceId, sessionId);
            if (!result.ok && result.error.code !== 'NOT_FOUND') return result.error.message;
            setMoving(false);
            onGone(`“${title}” went back to the account of the member who moved it in`);
            return null;
          }}
        >
          <p>
            It goes back to the account of the member who moved it in. The team no longer finds it
            here, and the notebook’s read-only link for this workspace stops working.
          </p>
          <p>The session itself, its console link and participants’ links keep working.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
