import { memo, useState } from 'react';
import type { ConsoleEntry, ConsoleNote } from '@playfield/shared/exercises/brainstorm/index';
import { BRAINSTORM_LIMITS } from '@playfield/shared/exercises/brainstorm/limits';
import { plural } from '@playfield/shared/plural';
import { TeamLabel } from '../../teams/TeamFilter.tsx';
import { TagChip } from './TagChip.tsx';
import { NOTE_MIME, quote, type Send } from './consoleKit.ts';
import styles from './Facilitator.module.css';

/** A note's text with its tag, author and table. */
export function NoteLine({ note }: { note: ConsoleNote }) {
  return (
    <span>
      <TagChip tag={note.tag} />
      {note.text}
      {note.author && <span className={styles.soft}> · {note.author}</span>}
      <TeamLabel team={note.team} className={styles.soft} />
    </span>
  );
}

/** One group on the board: a drop target for notes, named when it is a cluster. */
export function Column(props: {
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
      className={`${styles.column} ${isOver ? styles.over : ''} ${clusterId ? '' : styles.loose}`}
      aria-labelledby={headingId}
      data-cluster={clusterId ?? 'none'}
      data-drop={isOver ? 'over' : undefined}
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
      <header className={styles.columnHead}>
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
        <ul className={styles.cards}>
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
        <p className={`muted ${styles.empty}`}>{canArrange ? 'Drop notes here' : 'No notes'}</p>
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
      <div className={styles.columnName}>
        <h3 id={props.id}>{props.name}</h3>
      </div>
    );
  }
  return (
    <div className={styles.columnName}>
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

interface NoteCardProps {
  entry: ConsoleEntry;
  dots: number | null;
  isSelected: boolean;
  canArrange: boolean;
  onSelect: (id: string | null) => void;
  send: Send;
}

/**
 * Is a note card drawn the same? Its data only: `onSelect` and `send` are made afresh on
 * each render of the console but always do the same thing. A patch keeps every entry it
 * did not change the same object, so a note posted to a board of 2,000 draws one card.
 */
function isSameCard(before: NoteCardProps, after: NoteCardProps): boolean {
  return (
    before.entry === after.entry &&
    before.dots === after.dots &&
    before.isSelected === after.isSelected &&
    before.canArrange === after.canArrange
  );
}

const NoteCard = memo(function NoteCard(props: NoteCardProps) {
  const { entry, canArrange } = props;
  return (
    <li
      className={`${styles.card} ${props.isSelected ? styles.picked : ''}`}
      data-testid="note-card"
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
        className={styles.select}
        aria-pressed={props.isSelected}
        disabled={!canArrange}
        onClick={() => props.onSelect(props.isSelected ? null : entry.id)}
      >
        <NoteLine note={entry} />
        {props.dots !== null && (
          <span className={styles.soft}> · {plural(props.dots, 'dot', 'dots')}</span>
        )}
      </button>
      {entry.absorbed.length > 0 && (
        <ul className={styles.absorbed} aria-label="Merged into this note">
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
}, isSameCard);
