import type { ReactNode } from 'react';

/** A fieldset of radio buttons, one a line, each line a 44 px target. */
export function RadioGroup<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: ReactNode;
  /** The group's name: unique on the page (e.g. from the round's id prefix). */
  name: string;
  value: T;
  options: readonly (readonly [value: T, label: ReactNode])[];
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label className="check" key={option}>
          <input
            type="radio"
            name={name}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
