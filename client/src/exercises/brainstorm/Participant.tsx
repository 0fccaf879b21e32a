import { useId, useState } from 'react';
import type {
  BrainstormOwnView,
  BrainstormPublicView,
  OwnNote,
} from '@playfield/shared/exercises/brainstorm/index';
import type { ParticipantProps } from '../types.ts';
import { Board, Results, Vote, type PhaseProps } from './PhoneBoard.tsx';
import { TagChip } from './TagChip.tsx';
import { plural } from '@playfield/shared/plural';
import { useSender } from '../useSender.ts';
import shared from './Brainstorm.module.css';
import styles from './Participant.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';

/** What a phone assumes before the server has sent it anything of its own. */
function blank(view: BrainstormPublicView): BrainstormOwnView {
  return {
    notes: [],
    setAside: 0,
    notesLeft: view.maxNotesPerPerson,
    dots: {},
    dotsLeft: view.dotsPerPerson,
  };
}

/**
 * A brainstorm on a phone: post sticky notes (and fix or remove them while the room
 * collects), watch them being grouped, place dots, see the ranking.
 */
export function BrainstormParticipant({ view, own, isOpen, act }: ParticipantProps<'brainstorm'>) {
  const me = own ?? blank(view);
  const sender = useSender(act);
  return (
    <section className="stack">
      <h2 className="question">{view.prompt}</h2>
      {view.phase === 'collect' && <Collect view={view} me={me} isOpen={isOpen} {...sender} />}
      {view.phase === 'cluster' && (
        <>
          <p className="lead">Notes are closed. The facilitator is grouping them into themes.</p>
          {view.items && <Board items={view.items} />}
          <MyNotes view={view} me={me} />
        </>
      )}
      {view.phase === 'vote' && <Vote view={view} me={me} isOpen={isOpen} {...sender} />}
      {view.phase === 'results' && <Results view={view} me={me} />}
      <ErrorAlert message={sender.error} />
    </section>
  );
}

function Collect({ view, me, isOpen, isBusy, send }: PhaseProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const posted = view.maxNotesPerPerson - me.notesLeft;
  return (
    <>
      <p className="muted">
        {view.isAnonymous
          ? 'Your notes are anonymous: nobody, not even the facilitator, sees who wrote them.'
          : 'Your name is shown with your notes.'}{' '}
        Up to {plural(view.maxNotesPerPerson, 'note', 'notes')}; you can change them until the
        facilitator closes the notes.
      </p>
      {view.boardSpace === 'nearlyFull' && (
        <p className="status-line">The board is nearly full: only a few more notes fit.</p>
      )}
      {!isOpen ? (
        <p className="status-line">The facilitator has paused the notes.</p>
      ) : view.boardSpace === 'full' ? (
        <p className="status-line">
          The board is full: no more notes fit. You can still edit or delete yours.
        </p>
      ) : me.notesLeft > 0 ? (
        <NoteForm
          key={posted}
          view={view}
          submitLabel="Post note"
          isBusy={isBusy}
          onSubmit={(text, tag) => send({ type: 'addNote', text, tag })}
        />
      ) : (
        <p className="status-line">
          You have posted all your notes. Edit or delete one to add another.
        </p>
      )}
      {me.notes.length > 0 && (
        <div className="stack stack--tight">
          <h3>
            Your notes ({posted} of {view.maxNotesPerPerson})
          </h3>
          <ul className={shared.notes}>
            {me.notes.map((note) =>
              editing === note.id ? (
                <li key={note.id} className={shared.note}>
                  <NoteForm
                    view={view}
                    initial={note}
                    submitLabel="Save"
                    isBusy={isBusy}
                    onCancel={() => setEditing(null)}
                    onSubmit={async (text, tag) => {
                      const isSaved = await send({ type: 'editNote', noteId: note.id, text, tag });
                      if (isSaved) setEditing(null);
                      return isSaved;
                    }}
                  />
                </li>
              ) : (
                <li key={note.id} className={shared.note}>
                  <NoteText note={note} />
                  <div className="actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Edit your note: ${note.text}`}
                      disabled={!isOpen || isBusy}
                      onClick={() => setEditing(note.id)}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger"
                      aria-label={`Delete your note: ${note.text}`}
                      disabled={!isOpen || isBusy}
                      onClick={() => void send({ type: 'deleteNote', noteId: note.id })}
                    >
                      Delete
                    </button>
                  </div>
                </li>
              ),
            )}
          </ul>
        </div>
      )}
      {me.setAside > 0 && <SetAside count={me.setAside} />}
    </>
  );
}

function NoteText({ note }: { note: OwnNote }) {
  return (
    <p>
      <TagChip tag={note.tag} />
      {note.text}
      {note.isMerged && <span className="muted"> (merged with a similar note)</span>}
    </p>
  );
}

function SetAside({ count }: { count: number }) {
  return (
    <p className="muted">
      {count === 1
        ? '1 of your notes was set aside by the facilitator.'
        : `${count} of your notes were set aside by the facilitator.`}
    </p>
  );
}

/** Writes a note (and picks its tag): for a new note, or to edit one. */
function NoteForm(props: {
  view: BrainstormPublicView;
  initial?: OwnNote;
  submitLabel: string;
  isBusy: boolean;
  onSubmit: (text: string, tag: string | null) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const { view, initial } = props;
  const id = useId();
  const [text, setText] = useState(initial?.text ?? '');
  const [tag, setTag] = useState<string | null>(initial?.tag ?? null);
  const needsTag = view.tags.length > 0;
  const isReady = text.trim().length > 0 && (!needsTag || tag !== null);
  return (
    <form
      className="stack stack--tight"
      onSubmit={(e) => {
        e.preventDefault();
        if (!isReady) return;
        void props.onSubmit(text, needsTag ? tag : null).then((isSent) => {
          if (isSent && !initial) setText('');
        });
      }}
    >
      <label className="field">
        <span>{initial ? 'Edit your note' : 'Your note'}</span>
        <textarea
          value={text}
          rows={3}
          maxLength={view.noteLength}
          aria-describedby={`${id}-count`}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <p id={`${id}-count`} className={`muted ${styles.count}`}>
        {text.length} of {view.noteLength} characters
      </p>
      {needsTag && (
        <fieldset className="field">
          <legend>Tag (choose one)</legend>
          <div className="choices choices--row">
            {view.tags.map((t) => (
              <label
                key={t}
                className={`choice ${styles.tagChoice} ${tag === t ? 'is-chosen' : ''}`}
              >
                <input
                  type="radio"
                  name={`${id}-tag`}
                  value={t}
                  checked={tag === t}
                  onChange={() => setTag(t)}
                />
                {t}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={!isReady || props.isBusy}
        >
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="button button--quiet" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function MyNotes({ view, me }: { view: BrainstormPublicView; me: BrainstormOwnView }) {
  if (me.notes.length === 0 && me.setAside === 0) return null;
  return (
    <details className={shared.more}>
      <summary>Your notes ({me.notes.length})</summary>
      <ul className={shared.notes}>
        {me.notes.map((note) => (
          <li key={note.id} className={shared.note}>
            <NoteText note={note} />
          </li>
        ))}
      </ul>
      {me.setAside > 0 && <SetAside count={me.setAside} />}
      {view.isAnonymous && <p className="muted">Nobody else sees which notes are yours.</p>}
    </details>
  );
}
