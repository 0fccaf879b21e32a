import type { ReactNode } from 'react';

/**
 * One answer to pick on a phone, a full-width button with a mark beside its text when chosen,
 * so colour is not the only sign. In a group it is a `radio` or `checkbox` (`aria-checked`);
 * alone, a toggle (`aria-pressed`).
 */
export function ChoiceButton({
  role,
  isChosen,
  mark = '✓',
  disabled,
  onChoose,
  children,
  ...aria
}: {
  role?: 'radio' | 'checkbox';
  isChosen: boolean;
  /** Shown when chosen (e.g. ✗ for a chosen "No"). */
  mark?: string;
  disabled?: boolean;
  onChoose: () => void;
  children: ReactNode;
  'aria-labelledby'?: string;
  'aria-describedby'?: string | undefined;
}) {
  return (
    <button
      type="button"
      role={role}
      aria-checked={role ? isChosen : undefined}
      aria-pressed={role ? undefined : isChosen}
      {...aria}
      className={`choice ${isChosen ? 'is-chosen' : ''}`}
      disabled={disabled}
      onClick={onChoose}
    >
      <span className="choice__mark" aria-hidden="true">
        {isChosen ? mark : ''}
      </span>
      {children}
    </button>
  );
}
