import { TextField } from './TextField.tsx';

/** What the two ends of a rating scale mean, as written on the phones and the screen. */
export interface ScaleEnds {
  lowLabel: string;
  highLabel: string;
}

/** The two labelled text fields naming a rating scale's low and high ends. */
export function ScaleEndFields({
  value,
  labels,
  maxLength,
  idPrefix,
  onChange,
}: {
  value: ScaleEnds;
  /** The fields' own labels, low end first. */
  labels: readonly [low: string, high: string];
  maxLength: number;
  /** Gives the fields the ids `${idPrefix}-low` and `${idPrefix}-high`. */
  idPrefix?: string;
  onChange: (patch: Partial<ScaleEnds>) => void;
}) {
  return (
    <>
      <TextField
        id={idPrefix ? `${idPrefix}-low` : undefined}
        label={labels[0]}
        value={value.lowLabel}
        maxLength={maxLength}
        onChange={(lowLabel) => onChange({ lowLabel })}
      />
      <TextField
        id={idPrefix ? `${idPrefix}-high` : undefined}
        label={labels[1]}
        value={value.highLabel}
        maxLength={maxLength}
        onChange={(highLabel) => onChange({ highLabel })}
      />
    </>
  );
}
