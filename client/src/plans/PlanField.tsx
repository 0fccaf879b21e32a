import { useEffect, useRef, useState } from 'react';
import styles from './Plans.module.css';

/** Typing is written to the document after this long without a keystroke, or on leaving. */
export const IDLE_WRITE_MS = 400;

/**
 * One field of an action, edited as a local draft and written to the plan after a pause
 * or when the field is left, never per keystroke: the server validates and stores every
 * edit, and rate-limits them. Changes from another device show at once unless this field
 * holds typing not yet written (which then wins, as the later write).
 */
export function PlanField({
  id,
  label,
  value,
  kind = 'text',
  maxLength,
  hint,
  isReadOnly = false,
  onCommit,
  inputRef,
}: {
  id: string;
  label: string;
  /** The value in the document. */
  value: string;
  kind?: 'text' | 'multiline' | 'date';
  maxLength?: number;
  hint?: string;
  isReadOnly?: boolean;
  /** Writes the value; returns why it was refused, or null once written. */
  onCommit: (value: string) => string | null;
  inputRef?: React.Ref<HTMLInputElement & HTMLTextAreaElement>;
}) {
  const [draft, setDraft] = useState(value);
  /** The document value the draft started from: while they match, remote changes show. */
  const [base, setBase] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<{ value: string; isBadInput: boolean } | null>(null);

  if (value !== base) {
    setBase(value);
    if (draft === base) setDraft(value);
  }

  const commit = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    if (!next) return;
    if (next.isBadInput) {
      setError('Enter a whole date, for example 2030-03-31');
      return;
    }
    if (next.value === value) {
      setError(null);
      return;
    }
    setError(onCommit(next.value));
  };

  // The idle timer and the unmount write use the newest render's value and writer.
  const latestCommit = useRef(commit);
  useEffect(() => {
    latestCommit.current = commit;
  });
  // Typing not yet written when the field goes away (a collapsed action) is written then.
  useEffect(() => () => latestCommit.current(), []);

  const onChange = (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const next = event.target.value;
    setDraft(next);
    // A date typed halfway reads as "" with badInput set: not "no date", so never written.
    const isBadInput = kind === 'date' && next === '' && event.target.validity.badInput;
    pending.current = { value: next, isBadInput };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => latestCommit.current(), IDLE_WRITE_MS);
  };

  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    value: draft,
    readOnly: isReadOnly,
    maxLength,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    onChange,
    onBlur: commit,
    ref: inputRef,
  };
  return (
    <div className={`field ${styles.planField}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className={`${styles.planFieldHint} muted`} id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {kind === 'multiline' ? (
        <textarea rows={2} {...common} />
      ) : (
        <input
          type={kind === 'date' ? 'date' : 'text'}
          min={kind === 'date' ? '2000-01-01' : undefined}
          max={kind === 'date' ? '2100-12-31' : undefined}
          {...common}
        />
      )}
      {error && (
        <p className={`error ${styles.planFieldError}`} id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
