import '../zodSetup.ts';
import { useState, type FormEvent } from 'react';
import {
  BUILT_IN_WORKSHOPS,
  parseRoundInput,
  type RehearsalSettings,
  type RoundInput,
} from '@playfield/shared';
import { LIMITS } from '@playfield/shared/limits';
import { api } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { newRound, RoundEditor } from '../components/RoundEditor.tsx';
import { navigate } from '../router.ts';
import { rememberFacilitated } from '../storage.ts';
import { rehearsalApi } from '../rehearsal/api.ts';
import { RehearseOptions } from '../rehearsal/RehearseOptions.tsx';
import styles from './NewSession.module.css';
import { AgendaFileImport } from '../lifecycle/AgendaFileImport.tsx';

interface Draft {
  key: number;
  round: RoundInput;
}

/** Builds an agenda and creates the session, then opens its console. */
export default function NewSession() {
  const [title, setTitle] = useState('Customer service workshop');
  const [drafts, setDrafts] = useState<Draft[]>(() => [{ key: 1, round: newRound() }]);
  const [nextKey, setNextKey] = useState(2);
  const [error, setError] = useState<string | null>(null);
  const [isCreating, setCreating] = useState(false);

  const [workshopId, setWorkshopId] = useState<string | null>(null);

  /** Replaces the agenda with a built-in workshop's: the facilitator then edits it freely. */
  const loadWorkshop = (id: string) => {
    const workshop = BUILT_IN_WORKSHOPS.find((w) => w.id === id);
    if (!workshop) return;
    setTitle(workshop.title);
    setDrafts(workshop.agenda.map((round, i) => ({ key: nextKey + i, round })));
    setNextKey((k) => k + workshop.agenda.length);
    setWorkshopId(id);
    setError(null);
  };

  const update = (key: number, round: RoundInput) =>
    setDrafts((all) => all.map((d) => (d.key === key ? { ...d, round } : d)));
  const move = (index: number, by: number) =>
    setDrafts((all) => {
      const next = [...all];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });

  /** Creates the session, or with `rehearsal` a rehearsal of it with simulated participants. */
  async function create(event: FormEvent | null, rehearsal?: RehearsalSettings) {
    event?.preventDefault();
    // The same schemas as the server: mistakes are shown before anything is sent.
    for (const [i, { round }] of drafts.entries()) {
      const checked = parseRoundInput(round);
      if (!checked.ok) return setError(`Round ${i + 1}: ${checked.error.message}`);
    }
    setCreating(true);
    const body = { title, agenda: drafts.map((d) => d.round) };
    const result = rehearsal
      ? await rehearsalApi.create({ ...body, rehearsal })
      : await api.createSession(body);
    setCreating(false);
    if (!result.ok) return setError(result.error.message);
    const { sessionId, facilitatorToken, screenKey } = result.data;
    rememberFacilitated({ sessionId, token: facilitatorToken, screenKey });
    navigate(`/console/${sessionId}#key=${facilitatorToken}`);
  }

  return (
    <main className="page">
      <nav className="crumbs">
        <Link href="/">Playfield</Link> / New session
      </nav>
      <form className="stack" onSubmit={(e) => void create(e)} noValidate>
        <h1>Plan your session</h1>
        <section aria-labelledby="workshops-heading" className="stack">
          <h2 id="workshops-heading">Start from a workshop</h2>
          <ul className={styles.workshopPicker}>
            {BUILT_IN_WORKSHOPS.map((workshop) => (
              <li key={workshop.id} className={`card ${styles.workshopPickerItem}`}>
                <h3>{workshop.title}</h3>
                <p className="muted">
                  {workshop.agenda.length} rounds · about {Math.round(workshop.minutes / 60)} hours
                </p>
                <p>{workshop.description}</p>
                <button
                  type="button"
                  className={workshopId === workshop.id ? 'button' : 'button button--primary'}
                  aria-pressed={workshopId === workshop.id}
                  onClick={() => loadWorkshop(workshop.id)}
                >
                  {workshopId === workshop.id ? 'Agenda loaded below' : `Use “${workshop.title}”`}
                </button>
              </li>
            ))}
          </ul>
          <p className="muted">Or build your own agenda below. Every round stays editable.</p>
          <AgendaFileImport
            onImport={(imported) => {
              setTitle(imported.title);
              setDrafts(imported.agenda.map((round, i) => ({ key: nextKey + i, round })));
              setNextKey((k) => k + imported.agenda.length);
              setWorkshopId(null);
              setError(null);
            }}
          />
        </section>
        <label className="field">
          <span>Session title</span>
          <input
            value={title}
            maxLength={LIMITS.titleLength}
            onChange={(e) => setTitle(e.target.value)}
            required
          />
        </label>
        <h2>Agenda</h2>
        <p className="muted">
          Add the rounds you will run. You can still add, edit and reorder them during the session.
        </p>
        <ol className={styles.agendaDrafts}>
          {drafts.map((draft, index) => (
            <li key={draft.key} className="card">
              <div className={styles.agendaDraftsBar}>
                <strong>Round {index + 1}</strong>
                <div className="actions">
                  <button
                    type="button"
                    className="button button--icon"
                    aria-label={`Move round ${index + 1} up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--icon"
                    aria-label={`Move round ${index + 1} down`}
                    disabled={index === drafts.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => setDrafts((all) => all.filter((d) => d.key !== draft.key))}
                  >
                    Remove
                  </button>
                </div>
              </div>
              <RoundEditor
                round={draft.round}
                idPrefix={`round-${draft.key}`}
                onChange={(round) => update(draft.key, round)}
              />
            </li>
          ))}
        </ol>
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={drafts.length >= LIMITS.agendaRounds}
            onClick={() => {
              setDrafts((all) => [...all, { key: nextKey, round: newRound() }]);
              setNextKey((k) => k + 1);
            }}
          >
            Add a round
          </button>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <RehearseOptions
          isBusy={isCreating}
          onRehearse={(settings) => void create(null, settings)}
        />
        {/* Sticky: however long the agenda, "Create session" stays in view (#17.7). */}
        <div className={`actions actions--end ${styles.createBar}`}>
          <button className="button button--primary" type="submit" disabled={isCreating}>
            {isCreating ? 'Creating…' : 'Create session'}
          </button>
        </div>
      </form>
    </main>
  );
}
