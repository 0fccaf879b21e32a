import type { ReactNode } from 'react';

/** A labelled one-line text input. */
export function TextField({
  id,
  label,
  value,
  maxLength,
  placeholder,
  className = 'field',
  onChange,
}: {
  id?: string | undefined;
  label: ReactNode;
  value: string;
  maxLength: number;
  placeholder?: string;
  /** The label's class: `field` (label above), or e.g. `field field--grow`. */
  className?: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <label className={className}>
      <span>{label}</span>
      <input
        id={id}
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
