import type { ReactNode } from 'react';

/** A checkbox with its label beside it, the whole line a 44 px target. */
export function Checkbox({
  checked,
  disabled,
  className = 'check',
  onChange,
  children,
}: {
  checked: boolean;
  disabled?: boolean;
  /** The label's class, if not the global `check`. */
  className?: string | undefined;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className={className}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      {children}
    </label>
  );
}
