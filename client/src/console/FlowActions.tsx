import type { FacilitatorView } from '@playfield/shared';
import type { Control } from './types.ts';
import styles from './FlowActions.module.css';

/**
 * The primary actions, always in view: start, back, next, lock, reveal, end. Shared by
 * the console and the presenter view (the keyboard shortcuts send the same commands).
 */
export function FlowActions({ view, control }: { view: FacilitatorView; control: Control }) {
  const { session, round } = view;
  const hasRounds = view.agenda.length > 0;
  const index = view.agenda.findIndex((r) => r.id === round?.id);
  if (session.phase === 'ended') return null;
  return (
    <div className={`actions ${styles.flow}`} role="group" aria-label="Run the session">
      {session.phase === 'lobby' && (
        <button
          className="button button--primary"
          type="button"
          aria-keyshortcuts="PageDown"
          onClick={() => void control({ type: 'session.start' })}
        >
          {hasRounds ? 'Start session' : 'Start (no rounds yet)'}
        </button>
      )}
      {session.phase === 'live' && (
        <>
          <button
            className="button"
            type="button"
            disabled={index <= 0}
            aria-keyshortcuts="PageUp"
            onClick={() => void control({ type: 'round.back' })}
          >
            ← Back
          </button>
          <button
            className="button button--primary"
            type="button"
            disabled={index >= view.agenda.length - 1}
            aria-keyshortcuts="PageDown"
            onClick={() => void control({ type: 'round.next' })}
          >
            Next round →
          </button>
          {round?.controls.includes('open') && (
            <button
              type="button"
              className="button"
              aria-keyshortcuts="L"
              onClick={() => void control({ type: round.isOpen ? 'round.lock' : 'round.open' })}
            >
              {round.isOpen ? 'Lock answers' : 'Reopen answers'}
            </button>
          )}
          {round?.controls.includes('reveal') && (
            <button
              type="button"
              className="button"
              aria-keyshortcuts="R"
              onClick={() =>
                void control({ type: round.isRevealed ? 'round.hide' : 'round.reveal' })
              }
            >
              {round.isRevealed ? 'Hide results' : 'Reveal results'}
            </button>
          )}
          <button
            className="button button--danger"
            type="button"
            onClick={() => {
              if (confirm('End the session for everyone? Results are kept.'))
                void control({ type: 'session.end' });
            }}
          >
            End session
          </button>
        </>
      )}
    </div>
  );
}
