import type { ReactNode } from 'react';

/** A console button that sends one exercise action; the sender reports its own errors. */
export function SendButton<A>({
  send,
  action,
  variant,
  label,
  disabled,
  children,
}: {
  send: (action: A) => Promise<unknown>;
  action: A;
  /** The button's look beside the plain `button`. */
  variant?: 'primary' | 'quiet' | 'small';
  /** The name screen readers hear when the text alone is not enough (e.g. which entry). */
  label?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={variant ? `button button--${variant}` : 'button'}
      aria-label={label}
      disabled={disabled}
      onClick={() => void send(action)}
    >
      {children}
    </button>
  );
}
