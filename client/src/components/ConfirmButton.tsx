import type { ReactNode } from 'react';

/**
 * A console button for a step that cannot be undone (clearing a round's answers): it asks
 * `question` first and acts only on OK.
 */
export function ConfirmButton({
  question,
  disabled,
  variant = 'quiet',
  onConfirm,
  children,
}: {
  question: string;
  disabled?: boolean;
  /** The button's look beside the plain `button`. */
  variant?: 'primary' | 'quiet';
  onConfirm: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`button button--${variant}`}
      disabled={disabled}
      onClick={() => {
        if (confirm(question)) onConfirm();
      }}
    >
      {children}
    </button>
  );
}
