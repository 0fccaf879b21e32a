import { useEffect, useState } from 'react';
import { api, type SessionListing } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { SessionResults } from '../components/SessionResults.tsx';
import { getFacilitated } from '../storage.ts';
import { SessionFileActions } from '../lifecycle/SessionFileActions.tsx';
import { ShowRehearsalsToggle, useShowRehearsals } from '../rehearsal/ShowRehearsals.tsx';
import styles from './Sessions.module.css';
import { PageHead } from '../components/PageHead.tsx';

/** The sessions this browser created, live and finished, with their results. */
export default function Sessions() {
  const [sessions, setSessions] = useState<SessionListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const tokens = getFacilitated();

  useEffect(() => {
    void api
      .mySessions(getFacilitated().map(({ sessionId, token }) => ({ sessionId, token })))
      .then((r) => {
        if (r.ok) setSessions(r.data.sessions);
        else setError(r.error.message);
      });
  }, [reloads]);

  const rehearsals = useShowRehearsals(sessions);
  const tokenOf = (id: string) => tokens.find((t) => t.sessionId === id)?.token ?? '';
  return (
    <main className="page">
      <PageHead title="Your sessions">
        <div className="actions">
          <Link className="button" href="/notebooks">
            Notebooks
          </Link>
          <Link className="button button--primary" href="/new">
            Create a session
          </Link>
        </div>
      </PageHead>
      <ShowRehearsalsToggle
        isShowing={rehearsals.isShowing}
        hidden={rehearsals.hidden}
        onChange={rehearsals.setShowing}
      />
      {error && <p className="error">{error}</p>}
      {sessions === null && !error && <p className="muted">Loading…</p>}
      {sessions?.length === 0 && (
        <p className="muted">
          Sessions you create on this browser are listed here, with their results.
        </p>
      )}
      <ul className={styles.sessionList}>
        {rehearsals.shown?.map((s) => (
          <li key={s.sessionId} className="card">
            <div className={styles.sessionListLine}>
              <div>
                <h2>{s.title}</h2>
                <p className="muted">
                  {new Date(s.createdAt).toLocaleString()} · code {s.code} · {s.participantCount}{' '}
                  participants · {s.roundCount} rounds
                </p>
              </div>
              <span className={`status-pill status-pill--${s.phase}`}>
                {s.phase === 'ended' ? 'Ended' : s.phase === 'live' ? 'Live' : 'Not started'}
              </span>
            </div>
            <div className="actions">
              <Link className="button" href={`/console/${s.sessionId}#key=${tokenOf(s.sessionId)}`}>
                {s.phase === 'ended' ? 'Open' : 'Open console'}
              </Link>
              <Link className="button" href={`/notebook/${s.sessionId}`}>
                Notebook
              </Link>
              <button
                type="button"
                className="button button--quiet"
                aria-expanded={open === s.sessionId}
                onClick={() => setOpen(open === s.sessionId ? null : s.sessionId)}
              >
                {open === s.sessionId ? 'Hide results' : 'Results'}
              </button>
              <SessionFileActions
                sessionId={s.sessionId}
                token={tokenOf(s.sessionId)}
                title={s.title}
                onDuplicated={() => setReloads((n) => n + 1)}
                onDeleted={() => setSessions((all) => all?.filter((x) => x !== s) ?? null)}
              />
            </div>
            {open === s.sessionId && (
              <SessionResults sessionId={s.sessionId} token={tokenOf(s.sessionId)} />
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
