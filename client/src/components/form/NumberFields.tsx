import type { ReactNode } from 'react';
import styles from './NumberFields.module.css';

/** A whole number from an input's text: blanks and junk become 0, decimals round. */
export function wholeNumber(text: string): number {
  return Math.round(Number(text) || 0);
}

/** A labelled whole-number input; `onChange` receives the rounded number. */
export function NumberField({
  id,
  label,
  value,
  min,
  max,
  step,
  disabled,
  inline = false,
  onChange,
  onBlur,
}: {
  id?: string;
  label: ReactNode;
  value: number;
  min?: number;
  max?: number;
  step?: number;
  disabled?: boolean;
  /** The label beside the field rather than above it. */
  inline?: boolean;
  onChange: (value: number) => void;
  /** On leaving the field, with its rounded number (e.g. to bring it into bounds). */
  onBlur?: (value: number) => void;
}) {
  return (
    <label className={inline ? 'field field--inline' : 'field'}>
      <span>{label}</span>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        value={value}
        onChange={(e) => onChange(wholeNumber(e.target.value))}
        onBlur={onBlur && ((e) => onBlur(wholeNumber(e.target.value)))}
      />
    </label>
  );
}

/** A grid of short fields (numbers, selects) side by side, wrapping on narrow screens. */
export function NumberFields({ children }: { children: ReactNode }) {
  return <div className={styles.grid}>{children}</div>;
}

/** One whole-number setting of a config: which key it sets, its label and bounds. */
export interface NumberSetting<K extends string> {
  key: K;
  label: string;
  min: number;
  max: number;
}

/** A grid of whole-number settings, each read from and written to `values[key]`. */
export function NumberSettings<K extends string>({
  settings,
  values,
  idPrefix,
  onChange,
}: {
  settings: readonly NumberSetting<K>[];
  values: Readonly<Record<K, number>>;
  idPrefix: string;
  onChange: (key: K, value: number) => void;
}) {
  return (
    <NumberFields>
      {settings.map(({ key, label, min, max }) => (
        <NumberField
          key={key}
          id={`${idPrefix}-${key}`}
          label={label}
          min={min}
          max={max}
          value={values[key]}
          onChange={(n) => onChange(key, n)}
        />
      ))}
    </NumberFields>
  );
}
