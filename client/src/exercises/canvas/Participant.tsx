import { useState } from 'react';
import type { CanvasOwnEntry } from '@playfield/shared/exercises/canvas/index';
import type { ParticipantProps } from '../types.ts';
import { CardList, entryDetails } from './Cards.tsx';
import { EntryForm, type EntryContent } from './EntryForm.tsx';
import cardStyles from './Cards.module.css';
import styles from './Participant.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';

type Editing = { box: number; entryId: string | null } | null;

/**
 * The canvas on a phone: every box with its hint and the participant's own entries, each
 * box with its own "add" button; after the reveal, what the whole room wrote.
 */
export function CanvasParticipant({ view, own, isOpen, act }: ParticipantProps<'canvas'>) {
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = own?.entries ?? [];
  const mineIds = new Set(mine.map((e) => e.id));
  const isFull = mine.length >= view.maxEntriesPerPerson;

  async function save(box: number, entryId: string | null, content: EntryContent) {
    const result = await act(
      entryId === null ? { type: 'post', box, ...content } : { type: 'edit', entryId, ...content },
    );
    if (!result.ok) return result.error.message;
    setEditing(null);
    return null;
  }

  async function remove(entry: CanvasOwnEntry) {
    if (!confirm(`Remove “${entry.text}”?`)) return;
    const result = await act({ type: 'remove', entryId: entry.id });
    setError(result.ok ? null : result.error.message);
  }

  const tagNames = (tags: number[]) => tags.flatMap((t) => view.tags[t] ?? []);

  return (
    <section className="stack">
      <p className="lead">{view.prompt}</p>
      <p className="muted">
        {view.isAnonymous
          ? 'Entries are anonymous: nobody sees who wrote what.'
          : 'The facilitator sees your name with your entries; the room does not.'}{' '}
        You have {mine.length} of {view.maxEntriesPerPerson} entries.
      </p>
      {!isOpen && (
        <p className="status-line" role="status">
          The canvas is locked.
        </p>
      )}
      <ErrorAlert message={error} />
      {view.board && (
        <section className="stack stack--tight" aria-labelledby="canvas-board-title">
          <h2 id="canvas-board-title">What the room wrote</h2>
          {view.boxes.map((box, i) => {
            const board = view.board?.[i];
            return (
              <div key={box.title} className={cardStyles.box}>
                <h3>{box.title}</h3>
                <CardList
                  label={`What the room wrote in ${box.title}`}
                  cards={board?.cards ?? []}
                  isRated={box.isRated}
                  rating={view.rating}
                  mine={mineIds}
                />
                {board && board.moreCards > 0 && (
                  <p className="muted">and {board.moreCards} more</p>
                )}
              </div>
            );
          })}
          <h2>Your entries</h2>
        </section>
      )}
      {view.boxes.map((box, i) => {
        const entries = mine.filter((e) => e.box === i);
        const isAdding = editing?.box === i && editing.entryId === null;
        return (
          <section key={box.title} className={cardStyles.box} aria-labelledby={`canvas-box-${i}`}>
            <h2 id={`canvas-box-${i}`} className={cardStyles.boxTitle}>
              {box.title}
            </h2>
            {box.hint && <p className="muted">{box.hint}</p>}
            {entries.length > 0 && (
              <ul className={styles.mine} aria-label={`Your entries in ${box.title}`}>
                {entries.map((entry) =>
                  editing?.entryId === entry.id ? (
                    <li key={entry.id}>
                      <EntryForm
                        box={box}
                        rating={view.rating}
                        tags={view.tags}
                        maxLength={view.entryMaxLength}
                        initial={entry}
                        submitLabel="Save changes"
                        onSubmit={(content) => save(i, entry.id, content)}
                        onCancel={() => setEditing(null)}
                      />
                    </li>
                  ) : (
                    <li key={entry.id} className={entry.isHidden ? styles.hidden : undefined}>
                      <p className={styles.text}>{entry.text}</p>
                      <p className="muted">
                        {entryDetails(
                          box.isRated ? entry.rating : null,
                          view.rating.max,
                          view.rating.question,
                          tagNames(entry.tags),
                        )}
                        {entry.isHidden && ' Taken off the canvas by the facilitator.'}
                      </p>
                      {isOpen && (
                        <div className="actions">
                          {!entry.isHidden && (
                            <button
                              type="button"
                              className="button button--small"
                              aria-label={`Edit “${entry.text}”`}
                              onClick={() => setEditing({ box: i, entryId: entry.id })}
                            >
                              Edit
                            </button>
                          )}
                          <button
                            type="button"
                            className="button button--small button--danger"
                            aria-label={`Remove “${entry.text}”`}
                            onClick={() => void remove(entry)}
                          >
                            Remove
                          </button>
                        </div>
                      )}
                    </li>
                  ),
                )}
              </ul>
            )}
            {isOpen &&
              (isAdding ? (
                <EntryForm
                  box={box}
                  rating={view.rating}
                  tags={view.tags}
                  maxLength={view.entryMaxLength}
                  submitLabel="Post"
                  onSubmit={(content) => save(i, null, content)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <button
                  type="button"
                  className="button button--block"
                  disabled={isFull}
                  onClick={() => setEditing({ box: i, entryId: null })}
                >
                  Add to “{box.title}”
                </button>
              ))}
          </section>
        );
      })}
      {isOpen && isFull && (
        <p className="muted">You have used all your entries: edit or remove one to add another.</p>
      )}
    </section>
  );
}
