import { useState, type FormEvent } from 'react';
import { MAX_NAME_LENGTH, nameProblem } from './identity.ts';

/**
 * Asks for the name the others see. Used once, before a link holder's first visit, and in
 * the side panel to change it.
 */
export function NameForm({
  id,
  initial,
  label,
  submitLabel,
  onSave,
}: {
  id: string;
  initial: string;
  label: string;
  submitLabel: string;
  onSave: (name: string) => void;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = nameProblem(name);
    setError(problem);
    if (problem) return;
    onSave(name.trim());
    setSaved(true);
  };

  return (
    <form className="stack stack--tight" onSubmit={submit} noValidate>
      <label className="field" htmlFor={id}>
        <span>{label}</span>
        <input
          id={id}
          value={name}
          maxLength={MAX_NAME_LENGTH + 10}
          autoComplete="nickname"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
            setSaved(false);
          }}
        />
      </label>
      {error && (
        <p className="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--small">
          {submitLabel}
        </button>
        {saved && (
          <span className="muted" role="status">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
