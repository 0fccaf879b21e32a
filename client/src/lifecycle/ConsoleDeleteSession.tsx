import { DeleteSessionButton } from './DeleteSessionButton.tsx';
import styles from './ConsoleDeleteSession.module.css';

/**
 * The console's end-of-session area: delete the session for good. Once deleted, the
 * console (like every screen and phone) is told "This session was deleted" by its socket.
 */
export function ConsoleDeleteSession({
  sessionId,
  token,
  title,
}: {
  sessionId: string;
  token: string;
  title: string;
}) {
  return (
    <section
      className={`page stack stack--tight ${styles.area}`}
      aria-labelledby="delete-session-h"
    >
      <h2 id="delete-session-h">Delete this session</h2>
      <p className="muted">
        Keep what you need first (results, the notebook, the agenda file from “Your sessions”).
        Deleting removes the session’s answers, plans, notebook and uploads for good.
      </p>
      <div>
        <DeleteSessionButton
          sessionId={sessionId}
          token={token}
          title={title}
          className="button"
          onDeleted={() => undefined}
        />
      </div>
    </section>
  );
}
