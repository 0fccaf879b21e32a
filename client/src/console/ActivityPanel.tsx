import { useCallback, useEffect, useState } from 'react';
import type { ActivityEntry, Result } from '@playfield/shared';
import styles from './ActivityPanel.module.css';

/** How the log's console events read in the list; others show their own name. */
const WHAT: Partial<Record<string, string>> = {
  'session.started': 'started the session',
  'session.ended': 'ended the session',
  'round.entered': 'moved to a round',
  'round.opened': 'opened a round',
  'round.locked': 'locked a round',
  'round.revealed': 'revealed results',
  'round.hidden': 'hid results',
  'round.acted': 'acted in a round',
  'timer.started': 'started the timer',
  'timer.paused': 'paused the timer',
  'timer.resumed': 'resumed the timer',
  'timer.cleared': 'cleared the timer',
  'agenda.added': 'added a round',
  'agenda.updated': 'edited a round',
  'agenda.removed': 'removed a round',
  'agenda.moved': 'moved a round',
  'session.rescheduled': 'changed the start time',
  'session.locked': 'closed the room to new joins',
  'session.unlocked': 'opened the room again',
  'participants.removed': 'removed participants',
};

export function describeActivity(type: string): string {
  return WHAT[type] ?? type.replace(/[._]/g, ' ');
}

/**
 * "Who did what": the session log's latest console actions, newest first, each with the
 * member who ran it (or "Console key"), read when the panel opens and on Refresh.
 */
export function ActivityPanel({
  load,
}: {
  load: () => Promise<Result<ActivityEntry[]>> | undefined;
}) {
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    void load()?.then((result) => {
      setError(result.ok ? null : result.error.message);
      if (result.ok) setEntries(result.data);
    });
  }, [load]);
  useEffect(refresh, [refresh]);

  return (
    <div className="stack stack--tight">
      <button type="button" className="button button--small" onClick={refresh}>
        Refresh who did what
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {entries?.length === 0 && <p className="muted">Nothing done from a console yet.</p>}
      {entries && entries.length > 0 && (
        // Scrolls past 240 px: a labelled region a keyboard can reach and scroll (axe).
        <div
          className={styles.scroll}
          role="region"
          aria-label="Who did what, scrollable"
          tabIndex={0}
        >
          <ol className={styles.list} aria-label="Who did what, newest first">
            {entries.map((e) => (
              <li key={e.seq} className={styles.entry}>
                <time className={styles.time} dateTime={new Date(e.at).toISOString()}>
                  {new Date(e.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
                </time>{' '}
                <strong className={styles.who}>{e.who}</strong> {describeActivity(e.type)}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
