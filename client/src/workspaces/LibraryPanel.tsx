import { useCallback, useEffect, useState } from 'react';
import { FormError } from '../accounts/FormError.tsx';
import { useFormAction } from '../accounts/useFormAction.ts';
import { ShowRehearsalsToggle } from '../rehearsal/ShowRehearsals.tsx';
import { navigate } from '../router.ts';
import { LibraryEntryActions } from './LibraryEntryActions.tsx';
import { MoveInPanel } from './MoveInPanel.tsx';
import { SearchSnippet } from './SearchSnippet.tsx';
import { useLoaded } from './useLoaded.ts';
import { workspaceApi, type LibraryFilter, type LibrarySession } from './workspaceApi.ts';
import styles from './Workspace.module.css';

const STATE_NAMES: Record<LibrarySession['state'], string> = {
  planned: 'Not started',
  live: 'Live',
  finished: 'Finished',
  rehearsal: 'Rehearsal',
};

const EMPTY: LibraryFilter = { q: '', workshop: '', from: '', to: '', rehearsals: '' };

/**
 * The team's sessions with their notebooks: searched (titles, notes, results) and
 * filtered by workshop and date on the server. Anyone opens a notebook read-only;
 * owners and facilitators also save an agenda as a template, and they and producers open
 * the console with their account (`#member`: the server checks the role on every command).
 */
export function LibraryPanel({
  workspaceId,
  canRun,
  canConsole = canRun,
  onTemplateSaved,
}: {
  workspaceId: string;
  canRun: boolean;
  /** Owners, facilitators and producers open the console. */
  canConsole?: boolean;
  onTemplateSaved: () => void;
}) {
  const [filter, setFilter] = useState<LibraryFilter>(EMPTY);
  /** What was last asked: typing waits for a pause before asking the server. */
  const [asked, setAsked] = useState<LibraryFilter>(EMPTY);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(filter), filter.q === asked.q ? 0 : 250);
    return () => clearTimeout(timer);
  }, [filter, asked.q]);
  const load = useCallback(() => workspaceApi.library(workspaceId, asked), [workspaceId, asked]);
  const { data, error, reload } = useLoaded(load);
  const action = useFormAction();
  const [saved, setSaved] = useState<string | null>(null);

  const set = (key: keyof LibraryFilter) => (value: string) =>
    setFilter((f) => ({ ...f, [key]: value }));

  // The console runs on the member's account, checked on every command and closed the
  // moment they leave or lose the role: no member is handed the session's key to keep.
  const openConsole = (sessionId: string) => navigate(`/console/${sessionId}#member`);

  async function openNotebook(sessionId: string) {
    const done = await action.run(() => workspaceApi.notebookLink(workspaceId, sessionId));
    if (done) navigate(`/notebook/${sessionId}#link=${done.data.link}`);
  }

  async function saveTemplate(session: LibrarySession) {
    const done = await action.run(() => workspaceApi.saveTemplate(workspaceId, session.sessionId));
    if (!done) return;
    setSaved(`“${done.data.title}” is saved as a template`);
    onTemplateSaved();
  }

  return (
    <section className="card stack" aria-labelledby="library-heading">
      <h2 id="library-heading">Library</h2>
      <form className={styles.filters} role="search" onSubmit={(e) => e.preventDefault()}>
        <label className={`field ${styles.search}`}>
          <span>Search titles, notes and results</span>
          <input
            type="search"
            value={filter.q}
            maxLength={200}
            onChange={(e) => set('q')(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Workshop</span>
          <select value={filter.workshop} onChange={(e) => set('workshop')(e.target.value)}>
            <option value="">All workshops</option>
            {data?.workshops.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>From</span>
          <input type="date" value={filter.from} onChange={(e) => set('from')(e.target.value)} />
        </label>
        <label className="field">
          <span>To</span>
          <input type="date" value={filter.to} onChange={(e) => set('to')(e.target.value)} />
        </label>
        <ShowRehearsalsToggle
          isShowing={filter.rehearsals === '1'}
          hidden={0}
          onChange={(on) => set('rehearsals')(on ? '1' : '')}
        />
      </form>
      <FormError id="library-error" message={action.error ?? error} />
      {saved && (
        <p role="status" className={styles.done}>
          {saved}
        </p>
      )}
      {data && data.sessions.length === 0 && (
        <p className="muted">
          {asked === EMPTY ? 'No sessions in this workspace yet.' : 'No session matches.'}
        </p>
      )}
      {data && data.sessions.length > 0 && (
        <ul className={styles.list} aria-label="Sessions">
          {data.sessions.map((s) => (
            <li key={s.sessionId} className={styles.entry} data-testid="library-session">
              <div className={styles.entryHead}>
                <strong className={styles.title}>{s.title}</strong>
                <span className={`status-pill ${s.state === 'live' ? 'status-pill--live' : ''}`}>
                  {STATE_NAMES[s.state]}
                </span>
              </div>
              <p className={styles.meta}>
                {s.workshop} · {new Date(s.createdAt).toLocaleDateString()} · {s.participantCount}{' '}
                {s.participantCount === 1 ? 'participant' : 'participants'}
                {s.answersDeletedAt != null &&
                  ` · Answers deleted on ${new Date(s.answersDeletedAt).toLocaleDateString()}`}
              </p>
              {s.snippet && <SearchSnippet parts={s.snippet} />}
              <div className="actions">
                {s.hasNotebook && (
                  <button
                    className="button button--small"
                    type="button"
                    aria-label={`Open the notebook of ${s.title}`}
                    onClick={() => void openNotebook(s.sessionId)}
                  >
                    Notebook
                  </button>
                )}
                {canConsole && (
                  <button
                    className="button button--small"
                    type="button"
                    aria-label={`Open the console of ${s.title}`}
                    onClick={() => openConsole(s.sessionId)}
                  >
                    Console
                  </button>
                )}
                {canRun && (
                  <>
                    <button
                      className="button button--small"
                      type="button"
                      aria-label={`Save the agenda of ${s.title} as a template`}
                      onClick={() => void saveTemplate(s)}
                    >
                      Save as template
                    </button>
                    <LibraryEntryActions
                      workspaceId={workspaceId}
                      session={s}
                      onGone={(message) => {
                        setSaved(message);
                        reload();
                      }}
                    />
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {canRun && <MoveInPanel workspaceId={workspaceId} onMoved={reload} />}
    </section>
  );
}
