import { sharedRanks } from '@playfield/shared/stats/ranks';
import { useMemo, useState } from 'react';
import type {
  BrainstormFacilitatorView,
  BrainstormPhase,
  ConsoleEntry,
  ConsoleNote,
} from '@playfield/shared/exercises/brainstorm/index';
import { BRAINSTORM_LIMITS } from '@playfield/shared/exercises/brainstorm/limits';
import { BarChart } from '../../components/BarChart.tsx';
import type { FacilitatorProps } from '../types.ts';
import { TeamFilter, TeamLabel, teamsOn } from '../../teams/TeamFilter.tsx';
import { TagChip } from './TagChip.tsx';
import { plural } from '@playfield/shared/plural';
import { useSender } from '../useSender.ts';

type Act = FacilitatorProps<'brainstorm'>['act'];
type Action = Parameters<Act>[0];
type Send = (action: Action) => Promise<boolean>;

const PHASES: { id: BrainstormPhase; label: string; next: string; back: string }[] = [
  {
    id: 'collect',
    label: 'Collect notes',
    next: 'Close the notes and cluster',
    back: 'Back to collecting',
  },
  { id: 'cluster', label: 'Cluster', next: 'Open the dot vote', back: 'Back to clustering' },
  { id: 'vote', label: 'Dot vote', next: 'Close the vote and rank', back: 'Back to the vote' },
  { id: 'results', label: 'Results', next: '', back: '' },
];

/** Drag data type for a note being moved on the board. */
const NOTE_MIME = 'application/x-playfield-note';

/** A short quote of a note for labels and options. */
const quote = (text: string) => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;

/**
 * Runs a brainstorm: moves through the phases, sorts notes into named clusters by drag and
 * drop or by selecting a note and choosing where it goes, hides and merges notes, and
 * follows the dots live.
 */
export default function BrainstormFacilitator({
  view: fullView,
  participantCount,
  act,
}: FacilitatorProps<'brainstorm'>) {
  // A per-table brainstorm can be looked at one table at a time.
  const [team, setTeam] = useState<string | null>(null);
  const tables = useMemo(
    () => teamsOn([...fullView.clusters.flatMap((c) => c.notes), ...fullView.loose]),
    [fullView],
  );
  const view = useMemo(
    () =>
      team === null
        ? fullView
        : {
            ...fullView,
            clusters: fullView.clusters.map((c) => ({
              ...c,
              notes: c.notes.filter((n) => n.team === team),
            })),
            loose: fullView.loose.filter((n) => n.team === team),
          },
    [fullView, team],
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const { error, send } = useSender(act);
  const canArrange = view.phase === 'collect' || view.phase === 'cluster';
  const index = PHASES.findIndex((p) => p.id === view.phase);
  const next = PHASES[index + 1];
  const previous = PHASES[index - 1];
  const dots = new Map(view.ranking?.map((r) => [r.id, r.dots]) ?? []);
  const roots = [...view.clusters.flatMap((c) => c.notes), ...view.loose];
  const selected = canArrange ? (roots.find((n) => n.id === selectedId) ?? null) : null;

  return (
    <div className="stack brainstorm-console">
      <p className="question">{view.prompt}</p>
      <ol className="brainstorm-phases" aria-label="Phases">
        {PHASES.map((p, i) => (
          <li
            key={p.id}
            aria-current={p.id === view.phase ? 'step' : undefined}
            className={p.id === view.phase ? 'is-current' : i < index ? 'is-done' : ''}
          >
            {i + 1}. {p.label}
          </li>
        ))}
      </ol>
      <div className="actions">
        {next && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => void send({ type: 'phase', phase: next.id })}
          >
            {PHASES[index]?.next}
          </button>
        )}
        {previous && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void send({ type: 'phase', phase: previous.id })}
          >
            {previous.back}
          </button>
        )}
      </div>
      <p className="muted" role="status">
        {plural(view.counts.notes, 'note', 'notes')} from{' '}
        {plural(view.counts.authors, 'person', 'people')}
        {view.counts.hidden > 0 && ` · ${view.counts.hidden} hidden`}
        {view.boardSpace !== 'open' &&
          ` · the board holds ${BRAINSTORM_LIMITS.notesOnBoard.toLocaleString('en')} notes at most`}
        {view.phase === 'vote' || view.phase === 'results'
          ? ` · ${view.counts.voters} of ${participantCount} have voted`
          : ''}
        {view.isAnonymous ? ' · anonymous' : ' · named'}
      </p>
      <TeamFilter teams={tables} value={team} onChange={setTeam} />
      {view.phase === 'cluster' && (
        <p className="muted">
          Group and name the notes, hide what should not be shown, then “Reveal results” to show the
          board on the room screen.
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      {view.ranking && (
        <BarChart
          label={view.phase === 'vote' ? 'Dots so far' : 'Ranking by dots'}
          labels={rankedLabels(view.ranking)}
          values={view.ranking.map((r) => r.dots)}
        />
      )}

      {canArrange && (
        <ArrangeTools
          view={view}
          selected={selected}
          roots={roots}
          send={send}
          onDone={() => setSelectedId(null)}
        />
      )}

      <div className="brainstorm-board">
        <Column
          title="Not in a cluster"
          clusterId={null}
          entries={view.loose}
          noteCount={view.loose.reduce((n, e) => n + 1 + e.absorbed.length, 0)}
          dots={null}
          canArrange={canArrange}
          selectedId={selected?.id ?? null}
          onSelect={setSelectedId}
          send={send}
          looseDots={dots}
        />
        {view.clusters.map((cluster) => (
          <Column
            key={cluster.id}
            title={cluster.name}
            clusterId={cluster.id}
            entries={cluster.notes}
            noteCount={cluster.noteCount}
            dots={view.ranking ? (dots.get(cluster.id) ?? 0) : null}
            canArrange={canArrange}
            selectedId={selected?.id ?? null}
            onSelect={setSelectedId}
            send={send}
            looseDots={null}
          />
        ))}
      </div>

      {view.hidden.length > 0 && (
        <details className="brainstorm-hidden">
          <summary>Hidden notes ({view.hidden.length})</summary>
          <ul className="brainstorm-notes">
            {view.hidden.map((note) => (
              <li key={note.id} className="brainstorm-note">
                <NoteLine note={note} />
                <button
                  type="button"
                  className="button button--small"
                  disabled={!canArrange}
                  aria-label={`Show again: ${note.text}`}
                  onClick={() => void send({ type: 'hideNote', noteId: note.id, isHidden: false })}
                >
                  Show again
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function NoteLine({ note }: { note: ConsoleNote }) {
  return (
    <span className="brainstorm-note__text">
      <TagChip tag={note.tag} />
      {note.text}
      {note.author && <span className="brainstorm-card__author"> · {note.author}</span>}
      <TeamLabel team={note.team} className="brainstorm-card__author" />
    </span>
  );
}

/** The new-cluster form, and what can be done with the selected note. */
function ArrangeTools(props: {
  view: BrainstormFacilitatorView;
  selected: ConsoleEntry | null;
  roots: ConsoleEntry[];
  send: Send;
  onDone: () => void;
}) {
  const { view, selected, send } = props;
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [twin, setTwin] = useState('');
  const others = props.roots.filter((n) => n.id !== selected?.id);
  const run = async (action: Action) => {
    if (await send(action)) props.onDone();
  };
  return (
    <div className="stack stack--tight brainstorm-tools">
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void send({
            type: 'createCluster',
            name,
            ...(selected ? { noteIds: [selected.id] } : {}),
          }).then((isDone) => {
            if (!isDone) return;
            setName('');
            props.onDone();
          });
        }}
      >
        <label className="field field--inline">
          <span>New cluster</span>
          <input
            value={name}
            maxLength={BRAINSTORM_LIMITS.clusterNameLength}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={!name.trim()}>
          {selected ? 'Add cluster with the selected note' : 'Add cluster'}
        </button>
      </form>
      {selected ? (
        <section className="brainstorm-selected" aria-label="Selected note">
          <p>
            <strong>Selected:</strong> {quote(selected.text)}
          </p>
          <div className="actions">
            <label className="field field--inline">
              <span>Move to</span>
              <select value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">Choose a cluster…</option>
                <option value="none">Not in a cluster</option>
                {view.clusters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button"
              disabled={target === ''}
              onClick={() =>
                void run({
                  type: 'moveNote',
                  noteId: selected.id,
                  clusterId: target === 'none' ? null : target,
                })
              }
            >
              Move to cluster
            </button>
          </div>
          <div className="actions">
            <label className="field field--inline">
              <span>Merge into</span>
              <select value={twin} onChange={(e) => setTwin(e.target.value)}>
                <option value="">Choose a similar note…</option>
                {others.map((n) => (
                  <option key={n.id} value={n.id}>
                    {quote(n.text)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button"
              disabled={twin === ''}
              onClick={() => void run({ type: 'mergeNote', noteId: selected.id, intoNoteId: twin })}
            >
              Merge
            </button>
          </div>
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => void run({ type: 'hideNote', noteId: selected.id, isHidden: true })}
            >
              Hide from the room
            </button>
            <button type="button" className="button button--quiet" onClick={props.onDone}>
              Deselect
            </button>
          </div>
        </section>
      ) : (
        <p className="muted">
          Drag a note onto a cluster, or select a note to move, merge or hide it.
        </p>
      )}
    </div>
  );
}

/** One group on the board: a drop target for notes, named when it is a cluster. */
function Column(props: {
  title: string;
  clusterId: string | null;
  entries: ConsoleEntry[];
  noteCount: number;
  dots: number | null;
  /** Dots of lone notes, shown on each note. */
  looseDots: ReadonlyMap<string, number> | null;
  canArrange: boolean;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  send: Send;
}) {
  const { clusterId, canArrange, send } = props;
  const [isOver, setOver] = useState(false);
  const headingId = `brainstorm-group-${clusterId ?? 'loose'}`;
  return (
    <section
      className={`brainstorm-column ${isOver ? 'is-over' : ''} ${clusterId ? '' : 'brainstorm-column--loose'}`}
      aria-labelledby={headingId}
      data-cluster={clusterId ?? 'none'}
      onDragOver={(e) => {
        if (!canArrange || !e.dataTransfer.types.includes(NOTE_MIME)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const noteId = e.dataTransfer.getData(NOTE_MIME);
        if (!canArrange || !noteId) return;
        e.preventDefault();
        void send({ type: 'moveNote', noteId, clusterId });
      }}
    >
      <header className="brainstorm-column__head">
        {clusterId ? (
          <ClusterName
            key={`${clusterId}:${props.title}`}
            id={headingId}
            clusterId={clusterId}
            name={props.title}
            canArrange={canArrange}
            send={send}
          />
        ) : (
          <h3 id={headingId}>{props.title}</h3>
        )}
        <p className="muted">
          {plural(props.noteCount, 'note', 'notes')}
          {props.dots !== null && ` · ${plural(props.dots, 'dot', 'dots')}`}
        </p>
      </header>
      {props.entries.length > 0 ? (
        <ul className="brainstorm-cards">
          {props.entries.map((entry) => (
            <NoteCard
              key={entry.id}
              entry={entry}
              dots={props.looseDots?.get(entry.id) ?? null}
              isSelected={props.selectedId === entry.id}
              canArrange={canArrange}
              onSelect={props.onSelect}
              send={send}
            />
          ))}
        </ul>
      ) : (
        <p className="muted brainstorm-column__empty">
          {canArrange ? 'Drop notes here' : 'No notes'}
        </p>
      )}
    </section>
  );
}

/** A cluster's name, renamed in place; its delete button beside it. */
function ClusterName(props: {
  id: string;
  clusterId: string;
  name: string;
  canArrange: boolean;
  send: Send;
}) {
  const [draft, setDraft] = useState(props.name);
  const commit = () => {
    const name = draft.trim();
    if (!name || name === props.name) {
      setDraft(props.name);
      return;
    }
    void props.send({ type: 'renameCluster', clusterId: props.clusterId, name }).then((isDone) => {
      if (!isDone) setDraft(props.name);
    });
  };
  if (!props.canArrange) {
    return (
      <div className="brainstorm-column__name">
        <h3 id={props.id}>{props.name}</h3>
      </div>
    );
  }
  return (
    <div className="brainstorm-column__name">
      <h3 id={props.id} className="visually-hidden">
        {props.name}
      </h3>
      <input
        aria-label={`Name of the cluster ${props.name}`}
        value={draft}
        maxLength={BRAINSTORM_LIMITS.clusterNameLength}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
          if (e.key === 'Escape') setDraft(props.name);
        }}
      />
      <button
        type="button"
        className="button button--icon button--small"
        aria-label={`Delete the cluster ${props.name} (its notes stay on the board)`}
        onClick={() => void props.send({ type: 'deleteCluster', clusterId: props.clusterId })}
      >
        ×
      </button>
    </div>
  );
}

function NoteCard(props: {
  entry: ConsoleEntry;
  dots: number | null;
  isSelected: boolean;
  canArrange: boolean;
  onSelect: (id: string | null) => void;
  send: Send;
}) {
  const { entry, canArrange } = props;
  return (
    <li
      className={`brainstorm-card ${props.isSelected ? 'is-selected' : ''}`}
      draggable={canArrange}
      data-note={entry.id}
      onDragStart={(e) => {
        e.dataTransfer.setData(NOTE_MIME, entry.id);
        e.dataTransfer.setData('text/plain', entry.text);
        e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <button
        type="button"
        className="brainstorm-card__select"
        aria-pressed={props.isSelected}
        disabled={!canArrange}
        onClick={() => props.onSelect(props.isSelected ? null : entry.id)}
      >
        <NoteLine note={entry} />
        {props.dots !== null && (
          <span className="brainstorm-card__dots"> · {plural(props.dots, 'dot', 'dots')}</span>
        )}
      </button>
      {entry.absorbed.length > 0 && (
        <ul className="brainstorm-card__absorbed" aria-label="Merged into this note">
          {entry.absorbed.map((twin) => (
            <li key={twin.id}>
              <NoteLine note={twin} />
              {canArrange && (
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={`Separate ${quote(twin.text)} again`}
                  onClick={() => void props.send({ type: 'splitNote', noteId: twin.id })}
                >
                  Separate
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** "1. Label" per item, where equal dots share a rank (1, 1, 1, 4). */
function rankedLabels(ranking: readonly { label: string; dots: number }[]): string[] {
  const ranks = sharedRanks(ranking.map((r) => r.dots));
  return ranking.map((r, i) => `${ranks[i] ?? i + 1}. ${r.label}`);
}
