import type { ReactNode } from 'react';

/** A console button that sends one exercise action; the sender reports its own errors. */
export function SendButton<A>({
  send,
  action,
  variant,
  size,
  label,
  disabled,
  children,
}: {
  send: (action: A) => Promise<unknown>;
  action: A;
  /** The button's look beside the plain `button`. */
  variant?: 'primary' | 'quiet' | 'danger';
  /** `small` for a button inside a card or a row of many (36 px high, smaller text). */
  size?: 'small';
  /** The name screen readers hear when the text alone is not enough (e.g. which entry). */
  label?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  const className = ['button', variant && `button--${variant}`, size && `button--${size}`]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={className}
      aria-label={label}
      disabled={disabled}
      onClick={() => void send(action)}
    >
      {children}
    </button>
  );
}
