import { useId, useState } from 'react';
import type { CanvasBox, CanvasRating } from '@playfield/shared/exercises/canvas/index';
import styles from './EntryForm.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { RatingPoints, endsNamed, pointsFrom } from '../../components/RatingPoints.tsx';

/** What an entry holds, as the form sends it. */
export interface EntryContent {
  text: string;
  rating: number | null;
  tags: number[];
}

/** Writes or edits one entry: its words, a rating where the box is rated, and tags. */
export function EntryForm(props: {
  box: CanvasBox;
  rating: CanvasRating;
  tags: string[];
  maxLength: number;
  initial?: EntryContent;
  submitLabel: string;
  /** Resolves with an error message to show, or null when the entry was accepted. */
  onSubmit: (content: EntryContent) => Promise<string | null>;
  onCancel: () => void;
}) {
  const { box, rating } = props;
  const id = useId();
  const [text, setText] = useState(props.initial?.text ?? '');
  const [score, setScore] = useState<number | null>(props.initial?.rating ?? null);
  const [tags, setTags] = useState<number[]>(props.initial?.tags ?? []);
  const [error, setError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const isReady = text.trim().length > 0 && (!box.isRated || score !== null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!isReady || isSending) return;
    setSending(true);
    const problem = await props.onSubmit({
      text,
      rating: box.isRated ? score : null,
      tags: [...tags].sort((a, b) => a - b),
    });
    setSending(false);
    setError(problem);
  }

  return (
    <form className={`stack stack--tight ${styles.form}`} onSubmit={(e) => void submit(e)}>
      <label className="field" htmlFor={`${id}-text`}>
        <span>Your entry for “{box.title}”</span>
      </label>
      <textarea
        id={`${id}-text`}
        value={text}
        maxLength={props.maxLength}
        rows={2}
        aria-describedby={`${id}-count`}
        onChange={(e) => setText(e.target.value)}
      />
      <p className={`muted ${styles.count}`} id={`${id}-count`}>
        {text.length} of {props.maxLength} characters
      </p>
      {box.isRated && (
        <fieldset className="field">
          <legend>{rating.question}</legend>
          <RatingPoints
            points={pointsFrom(1, rating.max)}
            chosen={score}
            nameOf={endsNamed({ ...rating, min: 1 })}
            label={rating.question}
            className={styles.scale}
            pointClass={(isChosen) =>
              isChosen ? `${styles.point} ${styles.chosen}` : styles.point
            }
            hasMark
            onPick={setScore}
          />
          <p className={`muted ${styles.ends}`}>
            1 = {rating.lowLabel} · {rating.max} = {rating.highLabel}
          </p>
        </fieldset>
      )}
      {props.tags.length > 0 && (
        <fieldset className="field">
          <legend>Tags (optional)</legend>
          {props.tags.map((tag, i) => (
            <label key={tag} className="check">
              <input
                type="checkbox"
                checked={tags.includes(i)}
                onChange={(e) =>
                  setTags(e.target.checked ? [...tags, i] : tags.filter((t) => t !== i))
                }
              />
              {tag}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorAlert message={error} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={!isReady || isSending}>
          {props.submitLabel}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
