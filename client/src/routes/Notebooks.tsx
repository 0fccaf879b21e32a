import { useEffect, useId, useState, type ChangeEvent } from 'react';
import type { NotebookListing } from '@playfield/shared';
import { LIMITS } from '@playfield/shared/limits';
import { api } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { archiveProblem, newestFirst, splitMatches } from '../notebooks/search.ts';
import { navigate } from '../router.ts';
import { getFacilitated, rememberFacilitated } from '../storage.ts';
import { ShowRehearsalsToggle, useShowRehearsals } from '../rehearsal/ShowRehearsals.tsx';
import styles from '../notebooks/Notebook.module.css';
import listStyles from './Sessions.module.css';
import { PageHead } from '../components/PageHead.tsx';

/** Typing pauses this long before the search is sent. */
const SEARCH_DELAY_MS = 250;
/** What the server's import route accepts (the notebook's state in base64, inside JSON). */
const MAX_ARCHIVE_BYTES = Math.ceil(LIMITS.notebookDocBytes * 1.5);

const PHASES: Record<string, string> = { lobby: 'Not started', live: 'Live', ended: 'Ended' };

/**
 * Every notebook of the sessions this browser ran, newest first, searchable by text
 * (titles, notes, results); and importing a notebook exported from another server.
 */
export default function Notebooks() {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; notebooks: NotebookListing[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hasSessions] = useState(() => getFacilitated().length > 0);

  useEffect(() => {
    let isCurrent = true;
    const sessions = getFacilitated().map(({ sessionId, token }) => ({ sessionId, token }));
    const timer = setTimeout(
      () => {
        void api.myNotebooks(sessions, query.trim()).then((result) => {
          // A slower answer to an older query must not replace a newer one.
          if (!isCurrent) return;
          if (result.ok) {
            setFound({ query: query.trim(), notebooks: newestFirst(result.data.notebooks) });
            setError(null);
          } else setError(result.error.message);
        });
      },
      found === null ? 0 : SEARCH_DELAY_MS,
    );
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
    // Only the query starts a search; `found` only picks the first one's delay.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  const rehearsals = useShowRehearsals(found?.notebooks ?? null);
  const notebooks = rehearsals.shown;
  return (
    <main className="page nb-list-page">
      <PageHead title="Your notebooks">
        <Link className="button" href="/sessions">
          Your sessions
        </Link>
      </PageHead>
      <form className={styles.nbSearch} role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="field" htmlFor="nb-search">
          <span>Search titles, notes and results</span>
          <input
            id="nb-search"
            type="search"
            value={query}
            autoComplete="off"
            placeholder="e.g. escalation"
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
      </form>
      <ShowRehearsalsToggle
        isShowing={rehearsals.isShowing}
        hidden={rehearsals.hidden}
        onChange={rehearsals.setShowing}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className={`muted ${styles.nbCount}`} role="status">
        {notebooks === null
          ? 'Loading…'
          : found?.query
            ? `${notebooks.length} ${notebooks.length === 1 ? 'notebook mentions' : 'notebooks mention'} “${found.query}”`
            : !hasSessions
              ? 'Notebooks of the sessions you run on this browser are listed here.'
              : `${notebooks.length} ${notebooks.length === 1 ? 'notebook' : 'notebooks'}`}
      </p>
      {notebooks && notebooks.length > 0 && (
        <ul className={`${listStyles.sessionList} ${styles.nbList}`}>
          {notebooks.map((n) => (
            <NotebookItem key={n.sessionId} notebook={n} query={found?.query ?? ''} />
          ))}
        </ul>
      )}
      <ImportNotebook />
    </main>
  );
}

function NotebookItem({ notebook, query }: { notebook: NotebookListing; query: string }) {
  const headingId = `nb-item-${notebook.sessionId}`;
  return (
    <li className={`card ${styles.nbListItem}`}>
      <div className={listStyles.sessionListLine}>
        <div>
          <h2 id={headingId}>
            <Link href={`/notebook/${notebook.sessionId}`}>{notebook.title}</Link>
          </h2>
          <p className="muted">
            {new Date(notebook.createdAt).toLocaleDateString(undefined, { dateStyle: 'long' })} ·
            code {notebook.code} · {notebook.roundCount}{' '}
            {notebook.roundCount === 1 ? 'round' : 'rounds'} · {notebook.participantCount}{' '}
            {notebook.participantCount === 1 ? 'participant' : 'participants'}
            {notebook.updatedAt !== null &&
              ` · edited ${new Date(notebook.updatedAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}`}
          </p>
        </div>
        <span className={`status-pill status-pill--${notebook.phase}`}>
          {PHASES[notebook.phase] ?? notebook.phase}
        </span>
      </div>
      {notebook.snippet && (
        <p className={styles.nbSnippet} data-testid="nb-snippet">
          {splitMatches(notebook.snippet, query).map((part, i) =>
            part.isMatch ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
          )}
        </p>
      )}
    </li>
  );
}

/** A file's text, or null if it cannot be read (FileReader works wherever a file input does). */
function readText(file: File): Promise<string | null> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsText(file);
  });
}

function ImportNotebook() {
  const inputId = useId();
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setMessage(null);
    if (file.size > MAX_ARCHIVE_BYTES) {
      input.value = '';
      return setMessage({
        text: 'This file is too large to be a Playfield notebook archive.',
        isError: true,
      });
    }
    setIsBusy(true);
    const text = await readText(file);
    const problem =
      text === null
        ? 'This file could not be read: choose it again.'
        : archiveProblem(text, MAX_ARCHIVE_BYTES);
    if (problem !== null || text === null) {
      setIsBusy(false);
      input.value = '';
      return setMessage({ text: problem ?? 'This file could not be read.', isError: true });
    }
    // Any session this browser runs proves its holder is a facilitator here.
    const result = await api.importNotebook(text, getFacilitated()[0] ?? null);
    setIsBusy(false);
    input.value = '';
    if (!result.ok) return setMessage({ text: result.error.message, isError: true });
    const { sessionId, facilitatorToken, screenKey } = result.data;
    // The imported notebook is a session of this browser's from now on.
    rememberFacilitated({ sessionId, token: facilitatorToken, screenKey });
    navigate(`/notebook/${sessionId}`);
  };

  return (
    <section
      className={`card stack stack--tight ${styles.nbImport}`}
      aria-labelledby="nb-import-title"
    >
      <h2 id="nb-import-title">Import a notebook</h2>
      <p className="muted">
        Bring in a notebook exported as a JSON archive from this or another Playfield server. It
        becomes one of your notebooks, with its results, notes and follow-ups.
      </p>
      <label className="field" htmlFor={inputId}>
        <span>Notebook archive (.json)</span>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          disabled={isBusy}
          onChange={(e) => void onFile(e)}
        />
      </label>
      <div aria-live="polite">
        {isBusy && <p className="muted">Importing…</p>}
        {message && (
          <p
            className={message.isError ? 'error' : 'muted'}
            role={message.isError ? 'alert' : undefined}
          >
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}
