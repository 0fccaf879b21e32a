import { useState } from 'react';
import { rememberFacilitated } from '../storage.ts';
import { DeleteSessionButton } from './DeleteSessionButton.tsx';
import { downloadAgendaFile, lifecycleApi } from './lifecycleApi.ts';

/**
 * A listed session's agenda and life: duplicate its agenda into a new session in one
 * click, download its agenda file, delete it.
 */
export function SessionFileActions({
  sessionId,
  token,
  title,
  onDuplicated,
  onDeleted,
}: {
  sessionId: string;
  token: string;
  title: string;
  /** The new session's id, already remembered on this browser. */
  onDuplicated: (sessionId: string) => void;
  onDeleted: () => void;
}) {
  const [status, setStatus] = useState<{ isError: boolean; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        disabled={isBusy}
        aria-label={`Duplicate the agenda of “${title}” into a new session`}
        onClick={() => {
          setBusy(true);
          void lifecycleApi.duplicate(sessionId, token).then((result) => {
            setBusy(false);
            if (!result.ok) return setStatus({ isError: true, text: result.error.message });
            const { sessionId: id, facilitatorToken, screenKey } = result.data;
            rememberFacilitated({ sessionId: id, token: facilitatorToken, screenKey });
            setStatus({ isError: false, text: `Created “${result.data.title}”.` });
            onDuplicated(id);
          });
        }}
      >
        Duplicate
      </button>
      <button
        type="button"
        className="button button--quiet"
        aria-label={`Download the agenda file of “${title}”`}
        onClick={() =>
          void downloadAgendaFile(sessionId, token).then((result) => {
            if (!result.ok) setStatus({ isError: true, text: result.error.message });
          })
        }
      >
        Agenda file
      </button>
      <DeleteSessionButton
        sessionId={sessionId}
        token={token}
        title={title}
        onDeleted={onDeleted}
      />
      {status && (
        <p
          className={status.isError ? 'error' : 'muted'}
          role={status.isError ? 'alert' : 'status'}
        >
          {status.text}
        </p>
      )}
    </>
  );
}
